"""The real app in headless Chromium: an edit survives a reload and an app restart."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.browser.conftest import AppServer
from workbench.project import SAMPLE_PROJECT
from workbench.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EDIT = "新华社与塔斯社在广州举办论坛。"


def _first_target(page: Any) -> Any:
    box = page.get_by_label("Target 1", exact=True)
    box.wait_for(state="visible", timeout=60_000)
    return box


def _wait_saved(server: AppServer, text: str, timeout: float = 20) -> None:
    store = Store(server.db)
    project = store.project_id(SAMPLE_PROJECT)
    doc_id = store.documents(project)[0].id
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store.load_document(doc_id).segments[0].target == text:
            return
        time.sleep(0.2)
    raise AssertionError(f"the edit {text!r} never reached the database")


def test_edit_survives_reload_and_restart(app_server: AppServer, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(app_server.url)
        box = _first_target(page)
        assert box.input_value() == ""
        box.fill(EDIT)
        box.press("Control+Enter")
        _wait_saved(app_server, EDIT)

        page.reload()
        assert _first_target(page).input_value() == EDIT

        app_server.restart()
        page.goto(app_server.url)
        assert _first_target(page).input_value() == EDIT
        page.screenshot(path=str(app_server.db.parent / "edit.png"), full_page=False)
    finally:
        page.close()


def test_confirm_button_marks_the_segment_translated(app_server: AppServer, browser: Any) -> None:
    page = browser.new_page()
    try:
        page.goto(app_server.url)
        box = _first_target(page)
        box.fill(EDIT)
        page.get_by_role("button", name="Confirm").first.click()
        _wait_saved(app_server, EDIT)
        store = Store(app_server.db)
        doc_id = store.documents(store.project_id(SAMPLE_PROJECT))[0].id
        deadline = time.monotonic() + 20
        while store.load_document(doc_id).segments[0].status.value != "translated":
            assert time.monotonic() < deadline, "the segment was never confirmed"
            time.sleep(0.2)
        page.reload()
        _first_target(page)
        page.get_by_text("translated", exact=True).first.wait_for(timeout=30_000)
    finally:
        page.close()
