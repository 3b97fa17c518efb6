"""The QA page, run headless through AppTest on a real store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CORPORA, ROOT
from workbench.model import Provenance, Status
from workbench.project import Project
from workbench.store import Store

APP = str(ROOT / "app.py")
MT = Provenance.machine("marian", "opus-mt-en-zh")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    yield path


def _document(db: Path) -> int:
    store = Store(db)
    doc_id = Project(store).add_article(
        "Mine",
        "article",
        ["Xinhua reported 35,000 visitors on Monday. TASS agreed.", "The forum closed."],
        src_lang="en",
        tgt_lang="zh",
    )
    segs = store.load_document(doc_id).segments
    mt = ["新华社周一报道有3.5万名访客。", "塔斯社表示同意.", "论坛闭幕了。"]
    store.save_translations((s.id or 0, t, Status.DRAFT, MT) for s, t in zip(segs, mt, strict=True))
    store.save_segment(
        segs[2].id or 0,
        "论坛已经闭幕。",
        status=Status.TRANSLATED,
        provenance=Provenance.human("tester"),
    )
    return doc_id


def _open_qa(db: Path, doc_id: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.sidebar.selectbox(key="project").select("Mine").run()
    at.sidebar.selectbox(key="document_id").select(doc_id).run()
    at.switch_page("app_pages/qa.py").run()
    assert not at.exception, at.exception
    return at


def _charts(at: AppTest) -> list[dict[str, object]]:
    return [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]


def _titles(at: AppTest) -> list[str]:
    titles = []
    for spec in _charts(at):
        title = spec.get("title")
        titles.append(title if isinstance(title, str) else str(title))
    return titles


def test_qa_page_shows_issues_effort_and_exports(db: Path) -> None:
    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    assert at.title[0].value == "QA · article"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Errors"] == "0" and metrics["Warnings"] == "1"
    assert metrics["HTER (MT → post-edit)"] != "—"
    assert _titles(at) == ["Issues by type", "HTER per segment"]
    ranked = at.dataframe[-1].value
    assert list(ranked["Segment"]) == [2, 3, 1]  # issue first, then post-editing effort
    html_button, csv_button = at.get("download_button")
    assert html_button.proto.label == "Download QA report (HTML)"
    assert csv_button.proto.label == "Download QA report (CSV)"


def test_qa_page_scores_a_pasted_reference_against_sacrebleu(db: Path) -> None:
    from sacrebleu.metrics.bleu import BLEU

    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    reference = ["新华社周一报道说有3.5万名参观者。", "塔斯社同意。", "论坛闭幕。"]
    at.text_area(key="qa_reference_text").input("\n".join(reference)).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    scores = at.dataframe[0].value
    assert list(scores["System"]) == ["Current translation", "MT suggestion"]
    current = ["新华社周一报道有3.5万名访客。", "塔斯社表示同意.", "论坛已经闭幕。"]
    want = BLEU(tokenize="zh").corpus_score(current, [reference]).score
    assert float(scores["BLEU"][0]) == round(want, 2)
    assert _titles(at) == [
        "Issues by type",
        "chrF++ per segment",
        "HTER per segment",
        "Systems compared (TER: lower is better)",
    ]
    assert any("tok:zh" in c.value for c in at.caption)


def test_qa_page_reports_a_reference_of_the_wrong_length(db: Path) -> None:
    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    at.text_area(key="qa_reference_text").input("one\ntwo\nthree\nfour").run()
    assert "has 4 lines but 'article' has 3 segments and 2 paragraphs" in at.error[0].value


def test_qa_page_checks_can_be_narrowed_and_the_glossary_switched_off(db: Path) -> None:
    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    at.radio(key="qa_glossary_choice").set_value("No glossary").run()
    at.multiselect(key="qa_checks").set_value(["numbers"]).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Warnings"] == "0"


def test_the_csv_export_matches_the_report(db: Path) -> None:
    from workbench.project import Project
    from workbench.qa.report import render_csv

    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    assert not at.exception
    # the page checks with the project glossary, as Project.qa_document does
    report = Project.from_settings().qa_document(doc_id)
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    assert rows[1][:3] == ["2", "warning", "punctuation"]


def test_qa_page_checks_with_the_project_glossary_as_edited(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project glossary the user edits, not the shipped one (issue 11): a term the
    shipped glossary does not have is checked, and an edit of the file is seen."""
    from workbench.glossary import Concept, Term, Termbase, TermStatus, write_termbase

    glossary = tmp_path / "mine.tbx"
    terms = [Term("forum", "en"), Term("论坛", "zh")]
    write_termbase(Termbase([Concept("forum", terms)]), glossary)
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(glossary))
    doc_id = _document(db)
    at = _open_qa(db, doc_id)
    assert at.radio(key="qa_glossary_choice").value == "Project glossary"
    assert _glossary_segments(at) == []  # 论坛 is used; Xinhua is not in this glossary
    # the user forbids 论坛 in favour of 会议论坛: the page sees the edit on its next run
    terms = [Term("forum", "en"), Term("会议论坛", "zh"), Term("论坛", "zh", TermStatus.FORBIDDEN)]
    write_termbase(Termbase([Concept("forum", terms)]), glossary)
    at.run()
    assert _glossary_segments(at) == [3]


def _glossary_segments(at: AppTest) -> list[int]:
    """The segments the attention table lists with a glossary finding."""
    frames = [df.value for df in at.dataframe if "Checks" in df.value.columns]
    assert frames, "no attention table"
    rows = frames[0].to_dict(orient="records")
    return [int(r["Segment"]) for r in rows if "glossary" in str(r["Checks"])]
