"""The Edit page's glossary panel through AppTest: terms found by lemma, inserted by a click."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CORPORA, ROOT
from workbench.model import Origin, Status
from workbench.project import Project
from workbench.store import Store

APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(tmp_path / "project" / "glossary.tbx"))
    return path


def _open(db: Path, paragraphs: list[str], src: str, tgt: str) -> tuple[AppTest, Store, int]:
    store = Store(db)
    doc = Project(store).add_article("Terms", "article", paragraphs, src_lang=src, tgt_lang=tgt)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="project").select("Terms").run()
    at.sidebar.selectbox(key="document_id").select(doc).run()
    assert not at.exception, at.exception
    return at, store, store.load_document(doc).segments[0].id or 0


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_an_inflected_russian_term_is_shown_and_inserted(db: Path, tmp_path: Path) -> None:
    at, store, seg_id = _open(db, ["Корреспондент агентства Синьхуа прибыл."], "ru", "en")
    shown = _markdown(at)
    assert ":orange-background[агентства Синьхуа]" in shown
    assert "агентство Синьхуа \\(агентства Синьхуа\\) → **Xinhua News Agency**" in shown
    assert (tmp_path / "project" / "glossary.tbx").is_file()  # started from the shipped one
    at.text_area[0].input("The correspondent arrived.").run()
    at.button(key="insert_term_1").click().run()
    assert not at.exception, at.exception
    seg = store.load_segment(seg_id)
    assert (seg.target, seg.status, seg.provenance.origin) == (
        "The correspondent arrived. Xinhua News Agency",
        Status.DRAFT,
        Origin.HUMAN,
    )
    assert at.text_area[0].value == seg.target


def test_insert_replaces_a_forbidden_variant(db: Path) -> None:
    at, store, seg_id = _open(db, ["Xinhua News Agency's correspondent arrived."], "en", "ru")
    assert "→ **агентство Синьхуа**" in _markdown(at)
    assert "avoid: Синхуа" in _markdown(at)
    at.text_area[0].input("Прибыл корреспондент агентства Новый Китай.").run()
    at.button(key="insert_term_1").click().run()
    assert store.load_segment(seg_id).target == "Прибыл корреспондент агентства Синьхуа."
