"""BLEU, chrF++ and TER equal sacrebleu's Python API to the digit, on made and real text.

The expected values are computed in the tests with sacrebleu's own API and the
settings the issue specifies, never copied from the code under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.significance import PairedTest

import workbench.qa.metrics as metrics_module
from tests.qa.generated import sentences, system
from workbench.errors import LanguageError
from workbench.qa.base import QAError
from workbench.qa.metrics import Scorer, read_lines, scores_json, scores_text


def sacrebleu_metrics(tgt_lang: str, tokenize: str | None = None) -> dict[str, Any]:
    """The settings the issue asks for, spelled out with sacrebleu's classes."""
    zh = tgt_lang == "zh"
    return {
        "bleu": BLEU(tokenize=tokenize or ("zh" if zh else "13a")),
        "chrf": CHRF(word_order=2),
        "ter": TER(normalized=True, asian_support=True) if zh else TER(),
    }


def assert_equal_to_sacrebleu(
    hyps: list[str], refs: list[list[str]], tgt_lang: str, tokenize: str | None = None
) -> None:
    got = Scorer(refs, tgt_lang, tokenize=tokenize).score(hyps, name="sys")
    for name, metric in sacrebleu_metrics(tgt_lang, tokenize).items():
        want = metric.corpus_score(hyps, refs)
        mine = got.get(name)
        assert mine.score == want.score, (name, mine.score, want.score)
        assert mine.signature == str(metric.get_signature())
        assert mine.text == str(want)
        assert mine.to_dict() == {"score": want.score, "signature": str(metric.get_signature())}


# -- made text ------------------------------------------------------------------------


@pytest.mark.parametrize("tgt_lang", ["en", "zh", "ru"])
@pytest.mark.parametrize("nrefs", [1, 2, 3])
def test_made_text_equals_sacrebleu(tgt_lang: str, nrefs: int) -> None:
    refs = [sentences(tgt_lang, 40, seed=r) for r in range(nrefs)]
    hyps = system(refs[0], tgt_lang, seed=7)
    assert_equal_to_sacrebleu(hyps, refs, tgt_lang)


@pytest.mark.parametrize(("tgt_lang", "tokenize"), [("zh", "char"), ("en", "intl"), ("ru", "none")])
def test_tokenizer_override(tgt_lang: str, tokenize: str) -> None:
    refs = [sentences(tgt_lang, 20)]
    hyps = system(refs[0], tgt_lang, seed=3)
    assert_equal_to_sacrebleu(hyps, refs, tgt_lang, tokenize)
    scores = Scorer(refs, tgt_lang, tokenize=tokenize).score(hyps)
    assert f"tok:{tokenize}" in scores.bleu.signature


def test_edge_cases_equal_sacrebleu() -> None:
    refs = [["", "Same.", "A b c d e f."], ["x", "Same.", ""]]
    hyps = ["", "Same.", "completely different words here"]
    assert_equal_to_sacrebleu(hyps, refs, "en")


@pytest.mark.parametrize("tgt_lang", ["en", "zh", "ru"])
def test_sentence_scores_equal_sacrebleu_sentence_score(tgt_lang: str) -> None:
    refs = [sentences(tgt_lang, 15, seed=4), sentences(tgt_lang, 15, seed=5)]
    hyps = system(refs[0], tgt_lang, seed=2)
    got = Scorer(refs, tgt_lang).sentence_scores(hyps)
    bleu = BLEU(tokenize="zh" if tgt_lang == "zh" else "13a", effective_order=True)
    chrf = CHRF(word_order=2)
    ter = TER(normalized=True, asian_support=True) if tgt_lang == "zh" else TER()
    for i, hyp in enumerate(hyps):
        line_refs = [r[i] for r in refs]
        assert got[i].index == i
        assert got[i].bleu == bleu.sentence_score(hyp, line_refs).score
        assert got[i].chrf == chrf.sentence_score(hyp, line_refs).score
        assert got[i].ter == ter.sentence_score(hyp, line_refs).score


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_tests_equal_sacrebleu(test: str) -> None:
    refs = [sentences("en", 40, seed=1)]
    systems = [(f"sys{s}", system(refs[0], "en", seed=s, rate=0.1 * s)) for s in (1, 3)]
    got = Scorer(refs, "en").compare(systems, test=test)
    sigs, want = PairedTest(
        [(n, h) for n, h in systems],
        {"BLEU": BLEU(), "chrF": CHRF(word_order=2), "TER": TER()},
        refs,
        test_type=test,
    )()
    assert got.baseline == "sys1" and got.test == test
    for metric, label in (("bleu", "BLEU"), ("chrf", "chrF2++"), ("ter", "TER")):
        for system_name, result in zip(want["System"], want[label], strict=True):
            row = got.row(str(system_name), metric)
            assert not isinstance(result, str)
            assert row.score == result.score
            assert row.p_value == result.p_value
            assert row.mean == (None if result.mean is None else float(result.mean))
            assert row.ci == (None if result.ci is None else float(result.ci))
        assert got.signatures[metric] == str(sigs[label])
    assert f"{test}:" in got.signatures["bleu"] and "seed:12345" in got.signatures["bleu"]


def test_ter_in_worker_processes_equals_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics_module, "PARALLEL_MIN_SENTENCES", 10)
    refs = [sentences("zh", 24, seed=8)]
    hyps = system(refs[0], "zh", seed=9)
    parallel = Scorer(refs, "zh", jobs=2)
    assert (
        parallel.score(hyps).ter.score
        == TER(normalized=True, asian_support=True).corpus_score(hyps, refs).score
    )
    assert parallel.statistics("ter", hyps) == Scorer(refs, "zh").statistics("ter", hyps)


def test_statistics_are_computed_once_per_system(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [sentences("en", 10)]
    hyps = system(refs[0], "en", seed=1)
    scorer = Scorer(refs, "en")
    calls: list[str] = []
    real = scorer._metrics["ter"]._extract_corpus_statistics

    def counting(h: Any, r: Any) -> Any:
        calls.append("ter")
        return real(h, r)

    monkeypatch.setattr(scorer._metrics["ter"], "_extract_corpus_statistics", counting)
    scorer.score(hyps)
    scorer.sentence_scores(hyps)
    scorer.compare([("a", hyps), ("b", refs[0])], test="bs")
    assert calls == ["ter", "ter"]  # once for hyps, once for the second system


# -- real text ------------------------------------------------------------------------


def _lines(path: Path, n: int) -> list[str]:
    return path.read_text("utf-8").split("\n")[:n]


def test_real_chinese_news_equals_sacrebleu(shared_data: Path) -> None:
    wmt = shared_data / "parallel" / "eng-zho" / "newstest2019.zho"
    ntrex = shared_data / "parallel" / "ntrex128" / "newstest2019-ref.zho_Hans.txt"
    refs = [_lines(wmt, 25)]
    hyps = _lines(ntrex, 25)  # another human translation of the same English
    assert_equal_to_sacrebleu(hyps, refs, "zh")
    # two references, and a degraded system
    assert_equal_to_sacrebleu(system(hyps, "zh", seed=1, rate=0.1), [*refs, hyps], "zh")


def test_real_russian_news_equals_sacrebleu(shared_data: Path) -> None:
    wmt = shared_data / "parallel" / "eng-rus" / "newstest2019.rus"
    ntrex = shared_data / "parallel" / "ntrex128" / "newstest2019-ref.rus.txt"
    refs = [_lines(wmt, 150)]
    hyps = _lines(ntrex, 150)
    assert_equal_to_sacrebleu(hyps, refs, "ru")
    assert_equal_to_sacrebleu(system(hyps, "ru", seed=1), [*refs, hyps], "ru")


def test_real_english_news_equals_sacrebleu(shared_data: Path) -> None:
    ref = _lines(shared_data / "parallel" / "zho-eng" / "newstest2019.eng", 150)
    other = _lines(shared_data / "parallel" / "rus-eng" / "newstest2019.eng", 150)
    assert_equal_to_sacrebleu(system(ref, "en", seed=3), [ref], "en")
    assert_equal_to_sacrebleu(system(ref, "en", seed=4), [ref, other], "en")


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("refs", "hyps", "message"),
    [
        ([["a", "b"]], ["a"], "system has 1 lines but the reference has 2"),
        (
            [["a", "b"], ["a"]],
            ["a", "b"],
            r"different numbers of lines \(reference 1: 2, reference 2: 1",
        ),
        ([[]], [], "reference 1 is empty"),
        ([], ["a"], "no reference"),
    ],
)
def test_mismatched_input_is_named(refs: list[list[str]], hyps: list[str], message: str) -> None:
    with pytest.raises(QAError, match=message):
        Scorer(refs, "en").score(hyps)


def test_bad_settings_are_named() -> None:
    with pytest.raises(
        QAError, match="unknown BLEU tokenizer 'words': choose one of none, zh, 13a"
    ):
        Scorer([["a"]], "en", tokenize="words")
    with pytest.raises(LanguageError, match="unsupported language 'de'"):
        Scorer([["a"]], "de")
    scorer = Scorer([["a b"]], "en")
    with pytest.raises(QAError, match="at least two systems"):
        scorer.compare([("x", ["a"])])
    with pytest.raises(QAError, match="unknown significance test 'tt': choose one of bs, ar"):
        scorer.compare([("x", ["a"]), ("y", ["b"])], test="tt")
    with pytest.raises(QAError, match="two systems have the same name"):
        scorer.compare([("x", ["a"]), ("x", ["b"])])


def test_read_lines(tmp_path: Path) -> None:
    f = tmp_path / "h.txt"
    f.write_bytes("\ufeffOne.\r\nTwo.\rThree.\n\n".encode())
    assert read_lines(f) == ["One.", "Two.", "Three.", ""]
    f.write_text("no final newline", "utf-8")
    assert read_lines(f) == ["no final newline"]
    f.write_bytes("Привет".encode("cp1251"))
    with pytest.raises(
        QAError, match=r"h\.txt: not valid UTF-8 at byte offset 0 .*save it as UTF-8"
    ):
        read_lines(f)
    f.write_text("", "utf-8")
    with pytest.raises(QAError, match="is empty"):
        read_lines(f)
    with pytest.raises(QAError, match=r"missing\.txt: no such reference; check the path"):
        read_lines(tmp_path / "missing.txt", "reference")


def test_json_and_text_summaries() -> None:
    refs = [sentences("en", 20)]
    scorer = Scorer(refs, "en")
    a, b = system(refs[0], "en", seed=1), system(refs[0], "en", seed=2, rate=0.6)
    scores = [scorer.score(a, name="a.txt"), scorer.score(b, name="b.txt")]
    comparisons = [scorer.compare([("a.txt", a), ("b.txt", b)], test=t) for t in ("bs", "ar")]
    data = scores_json(scores, comparisons)
    assert list(data) == ["a.txt", "b.txt"]
    assert set(data["a.txt"]) == {"bleu", "chrf", "ter"}
    assert set(data["b.txt"]) == {"bleu", "chrf", "ter", "paired"}
    assert set(data["b.txt"]["paired"]) == {"bs", "ar"}
    assert (
        data["b.txt"]["paired"]["ar"]["ter"]["p_value"]
        == comparisons[1].row("b.txt", "ter").p_value
    )
    text = scores_text(scores, comparisons)
    assert scores[0].bleu.signature in text and "approximate randomization against a.txt" in text
