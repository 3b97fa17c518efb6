"""Issue 11, "One term path": one termbase reader and one matcher behind MT enforcement,
the Edit panel and QA.

Each regression test is named after the bug it pins down; the last tests check that the
three front paths see the same concepts in the same sentences.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CORPORA, GLOSSARIES
from tests.rule_engine import RuleEngine
from workbench.cli import main
from workbench.errors import GlossaryError
from workbench.glossary import SHIPPED, read_termbase, write_termbase
from workbench.glossary.enforce import TermEnforcingEngine
from workbench.glossary.hits import glossary_hits
from workbench.glossary.match import load_matcher
from workbench.qa.base import Pair
from workbench.qa.checks import run_checks
from workbench.qa.review import qa_file

REVIEW_CSV = (
    "id,paragraph,source,target,status,origin,note\r\n"
    "1,1,Xinhua News Agency reported.,新华新闻社报道。,draft,mt,\r\n"
    "2,1,The forum opened.,论坛开幕了。,translated,human,\r\n"
)
FORBIDDEN = "glossary-forbidden: glossary: '新华新闻社' is a forbidden term: use '新华社'"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(tmp_path / "project.tbx"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))


@pytest.fixture
def review_csv(tmp_path: Path) -> Path:
    path = tmp_path / "review.csv"
    path.write_text(REVIEW_CSV, "utf-8")
    return path


def _qa(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["qa", *argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- bug 1: `qa --glossary x.tbx` refused the TBX that translate and terms accept --------


def test_issue_11_qa_reads_a_tbx_glossary(
    review_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _qa(capsys, str(review_csv), "--glossary", str(SHIPPED))
    assert code == 0, err
    assert any(FORBIDDEN in line for line in out.splitlines()), out
    report = qa_file(review_csv, terms=load_matcher(SHIPPED))
    assert {(i.number, i.check) for i in report.checks.issues if "glossary" in i.check} == {
        (1, "glossary-forbidden"),
        (1, "glossary-missing"),  # the forbidden term is not the approved one
    }


# -- bug 2: the header EN,ZH,RU passed the QA check's validation, then the loader raised --


def _upper_case_csv(tmp_path: Path) -> Path:
    text = (GLOSSARIES / "media.csv").read_text("utf-8")
    header, rest = text.split("\n", 1)
    path = tmp_path / "upper.csv"
    path.write_text(" " + header.upper().replace(",", " , ") + "\n" + rest, "utf-8")
    return path


def test_issue_11_header_names_in_any_case_are_read_everywhere(
    tmp_path: Path, review_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = _upper_case_csv(tmp_path)
    assert read_termbase(upper).concepts == read_termbase(GLOSSARIES / "media.csv").concepts
    code, out, err = _qa(capsys, str(review_csv), "--glossary", str(upper))
    assert code == 0, err
    assert any(FORBIDDEN in line for line in out.splitlines()), out


@pytest.mark.parametrize(
    ("header", "culprit"),
    [("term,translation", "no language column"), ("en,zh,forbiden_zh", "'forbiden_zh'")],
)
def test_issue_11_a_bad_header_is_one_error_naming_the_file_and_the_valid_columns(
    header: str, culprit: str, tmp_path: Path, review_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}\nXinhua,新华社,新华新闻社\n", "utf-8")
    code, out, err = _qa(capsys, str(review_csv), "--glossary", str(bad))
    assert code == 1 and out == ""
    for front in (err, *_error_of(load_matcher, bad), *_error_of(read_termbase, bad)):
        assert str(bad) in front and culprit in front
        assert "at least one of en, zh, ru" in front and "forbidden_zh" in front


def _error_of(load: Callable[[Path], object], path: Path) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        load(path)
    return [str(caught.value)]


# -- bug 3: `Xinhua|Xinhua News Agency` was found by QA's matcher only -----------------


def test_issue_11_synonyms_in_a_csv_cell_are_found_by_mt_edit_and_qa(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.csv"
    path.write_text(
        "en,zh,ru,forbidden_zh\nXinhua|Xinhua News Agency,新华社,агентство Синьхуа,新华新闻社\n",
        "utf-8",
    )
    source = "Xinhua reported it, and Xinhua News Agency confirmed."
    # MT enforcement
    [translation] = TermEnforcingEngine(RuleEngine(str, "en", "zh"), read_termbase(path)).translate(
        [source]
    )
    terms = translation.provenance.settings["terms"]
    assert [(t["concept"], t["source"], t["target"]) for t in terms] == [
        ("xinhua", "Xinhua", "新华社"),
        ("xinhua", "Xinhua News Agency", "新华社"),
    ]
    # the Edit panel
    (hit,) = glossary_hits(source, "en", "zh", load_matcher(path))
    assert [source[a:b] for a, b in hit.spans] == ["Xinhua", "Xinhua News Agency"]
    # QA
    result = run_checks(
        [Pair(0, "Xinhua reported it.", "新华新闻社报道。")],
        "en",
        "zh",
        terms=load_matcher(path),
        checks=["glossary-forbidden", "glossary-missing"],
    )
    assert [(i.check, i.span) for i in result.issues] == [
        ("glossary-forbidden", "新华新闻社"),
        ("glossary-missing", "Xinhua"),
    ]


# -- the three front paths agree ----------------------------------------------------------

#: sentences with terms in each language: the sample article's first paragraphs
_LINES = 8
_DIRECTIONS = [("en", "zh"), ("en", "ru"), ("zh", "en"), ("zh", "ru"), ("ru", "en"), ("ru", "zh")]
#: the first (preferred) term a glossary-missing message names, as Python's repr quotes it
_QUOTED = re.compile(r"""should be translated as ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def _sentences(lang: str) -> list[str]:
    lines = (CORPORA / f"media-forum.{lang}.txt").read_text("utf-8").splitlines()
    return [line for line in lines if line.strip()][:_LINES]


@pytest.fixture(scope="module")
def termbases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped TBX and its CSV export."""
    csv = tmp_path_factory.mktemp("export") / "media.csv"
    write_termbase(read_termbase(SHIPPED), csv)
    return {"tbx": SHIPPED, "csv": csv}


def _seen(path: Path, src: str, tgt: str) -> dict[str, list[list[str]]]:
    """Per sentence, the approved targets each front path puts forward."""
    sentences = _sentences(src)
    engine = TermEnforcingEngine(RuleEngine(str, src, tgt), read_termbase(path))
    mt = [
        sorted({t["target"] for t in tr.provenance.settings.get("terms", [])})
        for tr in engine.translate(sentences)
    ]
    matcher = load_matcher(path)
    edit = [sorted({h.target for h in glossary_hits(s, src, tgt, matcher)}) for s in sentences]
    result = run_checks(
        [Pair(i, s, "—") for i, s in enumerate(sentences)],
        src,
        tgt,
        terms=load_matcher(path),
        checks=["glossary-missing"],
    )
    qa: list[list[str]] = [[] for _ in sentences]
    for issue in result.issues:
        found = _QUOTED.search(issue.message)
        assert found is not None, issue.message
        qa[issue.segment].append(ast.literal_eval(found.group(1)))
    return {"mt": mt, "edit": edit, "qa": [sorted(set(q)) for q in qa]}


@pytest.mark.parametrize(("src", "tgt"), _DIRECTIONS, ids=[f"{s}-{t}" for s, t in _DIRECTIONS])
def test_issue_11_mt_edit_and_qa_see_the_same_concepts(
    src: str, tgt: str, termbases: dict[str, Path]
) -> None:
    by_file = {name: _seen(path, src, tgt) for name, path in termbases.items()}
    tbx = by_file["tbx"]
    assert sum(len(s) for s in tbx["mt"]) >= _LINES // 2, "too few terms to compare"
    assert tbx["edit"] == tbx["mt"]
    assert tbx["qa"] == tbx["mt"]
    assert by_file["csv"] == tbx  # the CSV export is the same termbase
