"""The QA report: ranking, CSV and HTML output, writing files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from workbench.qa.base import Pair, QAError
from workbench.qa.checks import run_checks
from workbench.qa.effort import hter
from workbench.qa.metrics import Scorer
from workbench.qa.report import (
    CSV_COLUMNS,
    QAReport,
    attention_rows,
    issues_text,
    render_csv,
    render_html,
    report_json,
    write_report,
)

SEGMENTS = [
    Pair(0, "The forum opened.", "论坛开幕了。"),
    Pair(1, "=SUM(A1) costs 5 yuan.", "=SUM(A1)花费6元。"),
    Pair(2, "Hello,  <b>world</b>.", "你好 世界."),
    Pair(3, "Nothing wrong here.", "这里没有问题。"),
    Pair(4, "Untranslated.", ""),
]


def _report(**kwargs: object) -> QAReport:
    checks = run_checks(SEGMENTS, "en", "zh")
    return QAReport("news <1>", "en", "zh", SEGMENTS, checks, **kwargs)  # type: ignore[arg-type]


def test_attention_rows_put_errors_first_then_more_issues() -> None:
    rows = attention_rows(_report())
    assert [r.number for r in rows][:3] == [3, 2, 5]  # markup+more issues, numbers, empty
    assert rows[0].severity == "error" and rows[0].issues > rows[1].issues
    assert [r.number for r in rows][-2:] == [1, 4] and rows[-1].severity == ""
    assert "numbers" in rows[1].checks and "| " in rows[0].messages


def test_effort_and_scores_break_ties_among_clean_segments() -> None:
    effort = hter(
        ["论坛开幕。", "这里没问题。"], ["论坛开幕了。", "这里没有问题。"], "zh", indexes=[0, 3]
    )
    refs = [[s.target for s in SEGMENTS]]
    scorer = Scorer(refs, "zh")
    sentences = scorer.sentence_scores([s.target for s in SEGMENTS])
    report = _report(effort=effort, sentence_scores=sentences, reference_level="segment")
    rows = attention_rows(report)
    clean = [r for r in rows if not r.issues]
    assert [r.number for r in clean] == [1, 4]  # HTER 16.7 before 14.3
    assert clean[0].hter == round(effort.segments[0].hter, 2)
    assert clean[0].chrf == 100.0


def test_csv_has_one_row_per_issue_and_defuses_formulas() -> None:
    report = _report()
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(report.checks.issues)
    numbers = [r for r in rows[1:] if r[2] == "numbers"]
    assert numbers and numbers[0][0] == "2" and numbers[0][5] == "'=SUM(A1) costs 5 yuan."
    assert {r[1] for r in rows[1:]} <= {"error", "warning", "info"}


def test_html_is_escaped_and_self_contained() -> None:
    refs = [[s.target or "空" for s in SEGMENTS]]
    scorer = Scorer(refs, "zh")
    hyps = [s.target for s in SEGMENTS]
    other = ["论坛开幕。", "", "", "", ""]
    scores = [scorer.score(hyps, name="current"), scorer.score(other, name="mt")]
    comparison = scorer.compare([("current", hyps), ("mt", other)], test="bs")
    effort = hter(["论坛开幕。"], ["论坛开幕了。"], "zh")
    page = render_html(_report(scores=scores, comparisons=[comparison], effort=effort))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "QA report · news &lt;1&gt;" in page and "<b>world</b>" not in page
    assert "&lt;b&gt;world&lt;/b&gt;" in page
    assert scores[0].bleu.signature in page and comparison.signatures["ter"] in page
    assert "paired bootstrap resampling" in page and effort.signature in page
    assert "Segments that need attention (3)" in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]


def test_json_and_text(tmp_path: Path) -> None:
    report = _report(effort=hter(["a"], ["b"], "zh"))
    data = report_json(report)
    assert data["name"] == "news <1>" and data["segments"] == 5
    assert data["effort"] == report.effort.to_dict()  # type: ignore[union-attr]
    text = issues_text(report.checks)
    assert text.splitlines()[0].startswith("segment 2: error: numbers: ")
    assert text.splitlines()[-1].startswith("5 error(s), 1 warning(s), 1 info in 5 segments (")


def test_write_report(tmp_path: Path) -> None:
    report = _report()
    html_file = write_report(report, tmp_path / "qa.HTML")
    assert html_file.read_text("utf-8").startswith("<!DOCTYPE html>")
    csv_file = write_report(report, tmp_path / "qa.csv")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfsegment,severity")
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(QAError, match=r"qa\.pdf: a QA report is written as \.html or \.csv"):
        write_report(report, tmp_path / "qa.pdf")
    with pytest.raises(QAError, match=r"the folder .*missing does not exist"):
        write_report(report, tmp_path / "missing" / "qa.html")
