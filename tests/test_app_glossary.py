"""The Glossary page through AppTest: browse, search, edit and save, export."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from workbench.glossary import read_termbase
from workbench.glossary.table import rows_termbase, termbase_rows

PAGE = str(ROOT / "app_pages" / "glossary.py")


def _page(path: Path) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["glossary_path"] = str(path)
    return at.run()


def test_rows_round_trip_the_shipped_glossary() -> None:
    termbase = read_termbase(ROOT / "glossaries" / "media.tbx")
    back = rows_termbase(termbase_rows(termbase), termbase.title)
    assert back.concepts == termbase.concepts


def test_browse_search_and_save(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    shutil.copy(ROOT / "glossaries" / "media.tbx", path)
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
