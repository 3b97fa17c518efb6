"""Each page of the Streamlit app, run headless through AppTest on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CORPORA, ROOT
from workbench.model import Origin, Provenance, Status
from workbench.project import SAMPLE_PROJECT, Project
from workbench.store import Store

APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    yield path


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_sample_project_opens_on_first_run(db: Path) -> None:
    at = _app()
    assert at.sidebar.selectbox(key="project").value == SAMPLE_PROJECT
    store = Store(db)
    doc = store.load_document(at.sidebar.selectbox(key="document_id").value)
    assert at.title[0].value == f"Edit · {doc.name}"
    shown = [ta.label for ta in at.text_area]
    assert shown == [f"Target {i + 1}" for i in range(min(20, len(doc.segments)))]
    assert len(doc.segments) >= 25


def _one_doc(db: Path, lines: list[str], tgt: str = "zh") -> int:
    store = Store(db)
    return Project(store).add_article("Mine", "article", lines, src_lang="en", tgt_lang=tgt)


def _open(db: Path, doc_id: int) -> AppTest:
    at = _app()
    at.sidebar.selectbox(key="project").select("Mine").run()
    at.sidebar.selectbox(key="document_id").select(doc_id).run()
    assert not at.exception, at.exception
    return at


def test_edit_page_saves_at_once_and_confirms(db: Path) -> None:
    doc_id = _one_doc(db, ["Xinhua reported on Monday.", "TASS agreed."])
    at = _open(db, doc_id)
    at.text_area[0].input("新华社周一报道。").run()
    store = Store(db)
    seg = store.load_document(doc_id).segments[0]
    assert (seg.target, seg.status, seg.provenance.user) == (
        "新华社周一报道。",
        Status.DRAFT,
        "tester",
    )
    at.button(key=f"confirm_{seg.id}").click().run()
    seg = store.load_document(doc_id).segments[0]
    assert seg.status is Status.TRANSLATED and seg.provenance.origin is Origin.HUMAN
    assert [h.target for h in store.segment_history(seg.id or 0)] == ["", "新华社周一报道。"]


def test_edit_page_filters_by_status(db: Path) -> None:
    doc_id = _one_doc(db, ["One.", "Two.", "Three."])
    store = Store(db)
    first = store.load_document(doc_id).segments[0]
    store.save_segment(
        first.id or 0, "一。", status=Status.TRANSLATED, provenance=Provenance.human()
    )
    at = _open(db, doc_id)
    at.multiselect[0].select(Status.NEW).run()
    assert [ta.label for ta in at.text_area] == ["Target 2", "Target 3"]


def test_edit_page_refuses_a_stale_save_and_shows_both_texts(db: Path) -> None:
    doc_id = _one_doc(db, ["Xinhua reported on Monday."])
    at = _open(db, doc_id)
    store = Store(db)
    seg = store.load_document(doc_id).segments[0]
    # another tab saves first
    store.save_segment(
        seg.id or 0, "别人的译文", status=Status.DRAFT, provenance=Provenance.human("b")
    )
    at.text_area[0].input("我的译文").run()
    assert "changed in another tab" in at.warning[0].value
    assert {c.value for c in at.code} == {"我的译文", "别人的译文"}
    assert store.load_segment(seg.id or 0).target == "别人的译文"
    at.button(key=f"mine_{seg.id}").click().run()
    assert store.load_segment(seg.id or 0).target == "我的译文"
    assert not at.warning


def test_import_page_segments_pasted_text_and_detects_the_language(db: Path) -> None:
    at = _app()
    at.switch_page("app_pages/import_page.py").run()
    at.text_input[0].set_value("Пресса")
    at.text_area[0].input("Форум открылся в Гуанчжоу. Его провело агентство ТАСС.\nВторой абзац.")
    at.text_input[1].set_value("форум")
    at.button[0].click().run()
    assert not at.error, at.error[0].value
    assert "2 paragraphs, 3 segments" in at.success[0].value
    store = Store(db)
    doc = store.load_document(store.document_id(store.project_id("Пресса"), "форум"))
    assert (doc.src_lang, doc.tgt_lang) == ("ru", "zh")


def test_import_page_reports_bad_input(db: Path) -> None:
    at = _app()
    at.switch_page("app_pages/import_page.py").run()
    at.text_area[0].input("12345")
    at.text_input[1].set_value("numbers")
    at.button[0].click().run()
    assert "cannot tell the source language" in at.error[0].value


def test_translate_page_says_how_to_get_a_model_when_none_is_there(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    at = _app()
    at.switch_page("app_pages/translate.py").run()
    at.text_input[0].set_value("Helsinki-NLP/opus-mt-en-zh")
    at.button[0].click().run()
    message = at.error[0].value
    assert "No translation model is available" in message
    assert "workbench models pull" in message or "--model" in message


def test_translate_page_translates_with_a_model_folder(db: Path, fixture_model: Path) -> None:
    from tests.marian_fixture import FIXTURE_PAIRS

    pairs = FIXTURE_PAIRS[:3]
    doc_id = _one_doc(db, [" ".join(en for en, _ in pairs)])
    at = _open(db, doc_id)
    at.switch_page("app_pages/translate.py").run()
    at.text_input[0].set_value(str(fixture_model))
    at.button[0].click().run()
    assert not at.error, at.error[0].value
    assert "Translated 3 segment(s)" in at.success[0].value
    doc = Store(db).load_document(doc_id)
    assert [s.target for s in doc.segments] == [zh for _, zh in pairs]
    assert all(s.status is Status.DRAFT and s.provenance.engine == "marian" for s in doc.segments)


def test_export_page_offers_each_format(db: Path) -> None:
    doc_id = _one_doc(db, ["Xinhua reported.", "TASS agreed."])
    store = Store(db)
    seg = store.load_document(doc_id).segments[0]
    store.save_segment(
        seg.id or 0, "新华社报道。", status=Status.TRANSLATED, provenance=Provenance.human()
    )
    at = _open(db, doc_id)
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, at.exception
    labels = at.radio[0].options
    from workbench.formats import FORMATS, format_class

    writable = [name for name in FORMATS if format_class(name).can_write]
    assert len(labels) == len(writable) == 10  # every format the workbench can write
    for label in labels:
        at.radio[0].set_value(label).run()
        assert not at.error and not at.exception
    at.radio[0].set_value(labels[0]).run()
    preview = at.text[0].value
    assert preview.splitlines() == ["新华社报道。", "TASS agreed."]
    at.radio[1].set_value("confirmed").run()
    assert at.text[0].value.splitlines() == ["新华社报道。"]
