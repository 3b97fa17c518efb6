"""The Glossary page through AppTest: browse, search, edit and save, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import GLOSSARIES, ROOT
from workbench.errors import GlossaryError
from workbench.glossary import project_glossary, read_termbase
from workbench.glossary.table import rows_termbase, termbase_rows

PAGE = str(ROOT / "app_pages" / "glossary.py")


def _page(path: Path) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["glossary_path"] = str(path)
    return at.run()


def test_rows_round_trip_the_shipped_glossary() -> None:
    termbase = read_termbase(GLOSSARIES / "media.tbx")
    back = rows_termbase(termbase_rows(termbase), termbase.title)
    assert back.concepts == termbase.concepts


def test_browse_search_and_save(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    shutil.copy(GLOSSARIES / "media.tbx", path)
    at = _page(path)
    assert not at.exception
    assert any("55 of 55 entries" in c.value for c in at.caption)
    at.text_input(key="glossary_search").input("Синьхуа").run()
    assert any("1 of 55 entries" in c.value for c in at.caption)
    # an edit made through the rows API, then saved by the page's button
    rows = at.session_state["glossary_rows"]
    rows.append({"id": "kremlin", "en": "Kremlin", "zh": "克里姆林宫", "ru": "Кремль"})
    at.session_state["glossary_rows"] = rows
    at.text_input(key="glossary_search").input("").run()
    at.button(key="glossary_save").click().run()
    assert not at.exception
    saved = read_termbase(path)
    assert len(saved.concepts) == 56
    assert saved.concepts[-1].preferred("zh").text == "克里姆林宫"  # type: ignore[union-attr]


def test_the_default_is_the_project_glossary_copied_from_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "data" / "glossary.tbx"
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(project))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    shipped = (GLOSSARIES / "media.tbx").read_bytes()
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="glossary_path").value == str(project)
    assert project.read_bytes() == shipped
    at.button(key="glossary_save").click().run()
    assert not at.exception and project.is_file()
    assert (GLOSSARIES / "media.tbx").read_bytes() == shipped


def test_project_glossary_names_an_unusable_path(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not a file"):
        project_glossary(tmp_path)
    with pytest.raises(GlossaryError, match="no shipped glossary"):
        project_glossary(tmp_path / "g.tbx", tmp_path / "missing.tbx")
    made = project_glossary(tmp_path / "g.csv")  # converted from the shipped TBX
    assert len(read_termbase(made).concepts) == len(
        read_termbase(GLOSSARIES / "media.tbx").concepts
    )
