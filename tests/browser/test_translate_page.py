"""The real app in headless Chromium: the Translate page enforces the project glossary.

The sample project the app makes on first run holds the fixture model's own
sentences; the project glossary wants 新华通讯社 where the model says 新华社.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AppServer
from workbench.glossary import Concept, Term, Termbase, write_termbase
from workbench.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APPROVED = "新华通讯社"
LINES = ["Xinhua reported on Monday.", "ITAR-TASS confirmed on Tuesday."]


@pytest.fixture
def server(tmp_path: Path) -> Any:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "media-forum.en.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    glossary = tmp_path / "project-glossary.tbx"
    write_termbase(
        Termbase([Concept("xinhua", [Term("Xinhua", "en"), Term(APPROVED, "zh")])]), glossary
    )
    server = AppServer(
        tmp_path / "browser.db",
        env={"WORKBENCH_CORPORA": str(corpora), "WORKBENCH_GLOSSARY": str(glossary)},
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _targets(db: Path) -> list[str]:
    project = Project(db)
    info = next(d for d in project.documents(project.projects()[0].id) if d.tgt_lang == "zh")
    return [s.target for s in project.load_document(info.id).segments]


def _run(page: Any, expect: str) -> None:
    page.get_by_role("button", name="Translate", exact=True).click()
    page.get_by_text(expect).first.wait_for(timeout=120_000)


def test_translate_page_enforces_the_glossary_in_a_browser(
    server: AppServer, browser: Any, fixture_model: Path
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/translate")
        page.get_by_text("Translate · media-forum (en→zh)").first.wait_for(timeout=90_000)
        model = page.get_by_role("textbox", name="Model: a folder or a Hugging Face model id")
        model.fill(str(fixture_model))
        model.press("Enter")
        toggle = page.locator(".st-key-enforce_glossary input")
        assert toggle.is_checked()
        _run(page, "with the project glossary enforced")
        first, second = _targets(server.db)
        assert APPROVED in first and second == "塔斯社周二证实。"

        page.locator(".st-key-enforce_glossary label").click()
        page.wait_for_timeout(500)
        page.locator(".st-key-translate_overwrite label").click()
        page.wait_for_timeout(500)
        assert not toggle.is_checked()
        _run(page, "Translated 2 segment(s): 2 by machine translation")
        assert _targets(server.db) == ["新华社周一报道。", "塔斯社周二证实。"]
    finally:
        page.close()
