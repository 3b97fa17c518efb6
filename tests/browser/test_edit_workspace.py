"""The post-editing workspace in headless Chromium on a real ``streamlit run``.

Confirm with the keyboard; a repeated sentence gets its TM suggestion; a reload
keeps everything; two tabs editing one segment get a conflict, not a silent
overwrite.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.browser.conftest import AppServer
from workbench.model import Origin, Segment, Status
from workbench.project import SAMPLE_PROJECT, Project
from workbench.store import Store
from workbench.tm import TranslationMemory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = [
    "Xinhua reported on Monday. TASS agreed. The forum opened in Guangzhou.",
    "TASS agreed. It rained.",
]


def _own_document(server: AppServer) -> tuple[Store, int]:
    """A document with a repeated sentence, made the only one before the app first runs."""
    store = Store(server.db)
    store.create_project(SAMPLE_PROJECT)  # the app then makes no sample of its own
    doc = Project(store).add_article(
        SAMPLE_PROJECT, "repeat", ARTICLE, src_lang="en", tgt_lang="zh"
    )
    return store, doc


def _box(page: Any, number: int) -> Any:
    box = page.get_by_label(f"Target {number}", exact=True)
    box.wait_for(state="visible", timeout=120_000)
    _idle(page)  # the page has finished loading, as a person would see it
    return box


def _until(check: Callable[[], bool], what: str, timeout: float = 45) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except Exception:  # the page is between two runs (a box being replaced): look again
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.2)


def _idle(page: Any) -> None:
    """Wait until the app has finished its current run (no "Running…" indicator)."""
    time.sleep(0.3)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def _value(page: Any, number: int) -> str:
    """The text in box ``number`` (the newest box while a rerun replaces it)."""
    value: str = page.locator(f'textarea[aria-label="Target {number}"]').last.input_value()
    return value


def _segments(store: Store, doc: int) -> list[Segment]:
    return store.load_document(doc).segments


def _focused(page: Any) -> str | None:
    label: str | None = page.evaluate(
        "document.activeElement && document.activeElement.getAttribute('aria-label')"
    )
    return label


def test_confirm_with_the_keyboard_moves_to_the_next_segment(
    app_server: AppServer, browser: Any
) -> None:
    store, doc = _own_document(app_server)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(app_server.url)
        box = _box(page, 1)
        box.click()
        box.fill("新华社周一报道。")
        box.press("Alt+Enter")
        _until(
            lambda: _segments(store, doc)[0].status is Status.TRANSLATED,
            "segment 1 is confirmed",
        )
        first = _segments(store, doc)[0]
        assert (first.target, first.provenance.origin) == ("新华社周一报道。", Origin.HUMAN)
        _until(lambda: _focused(page) == "Target 2", "the focus moves to segment 2")
        # keep typing: the next Alt+Enter confirms segment 2
        page.keyboard.type("塔斯社表示同意。")
        page.keyboard.press("Alt+Enter")
        _until(
            lambda: _segments(store, doc)[1].status is Status.TRANSLATED,
            "segment 2 is confirmed",
        )
        assert _segments(store, doc)[1].target == "塔斯社表示同意。"
        assert TranslationMemory(store.tm_units).count("en", "zh") == 2
    finally:
        page.close()


def test_a_repeated_sentence_gets_its_tm_suggestion(app_server: AppServer, browser: Any) -> None:
    store, doc = _own_document(app_server)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(app_server.url)
        box = _box(page, 2)
        box.click()  # another row: the side panel follows it
        _idle(page)
        box.fill("塔斯社表示同意。")
        box.press("Alt+Enter")
        _until(lambda: _segments(store, doc)[1].status is Status.TRANSLATED, "confirmed")
        # segment 4 repeats segment 2: its side panel offers the confirmed translation
        _box(page, 4).click()
        _idle(page)
        panel = page.locator(".st-key-side_panel")
        panel.get_by_text("Segment 4", exact=False).wait_for(timeout=30_000)
        panel.get_by_text("100%", exact=True).wait_for(timeout=30_000)
        assert panel.get_by_text("塔斯社表示同意。", exact=True).count() >= 1
        page.keyboard.press("Alt+1")
        _until(lambda: _segments(store, doc)[3].target == "塔斯社表示同意。", "match inserted")
        fourth = _segments(store, doc)[3]
        assert (fourth.status, fourth.provenance.origin, fourth.provenance.score) == (
            Status.DRAFT,
            Origin.TM,
            100.0,
        )
        _until(lambda: _value(page, 4) == "塔斯社表示同意。", "the box shows it")
    finally:
        page.close()


def test_reload_and_restart_keep_everything(app_server: AppServer, browser: Any) -> None:
    store, doc = _own_document(app_server)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(app_server.url)
        box = _box(page, 1)
        box.click()
        box.fill("新华社周一报道。")
        box.press("Alt+Enter")
        _until(lambda: _segments(store, doc)[0].status is Status.TRANSLATED, "confirmed")
        draft = _box(page, 3)
        draft.fill("论坛在广州开幕。")
        draft.press("Control+Enter")  # typed and saved, not confirmed
        _until(lambda: _segments(store, doc)[2].target == "论坛在广州开幕。", "draft saved")

        for again in (page.reload, app_server.restart):
            again()
            if again == app_server.restart:
                page.goto(app_server.url)
            _box(page, 1)
            _until(lambda: _value(page, 1) == "新华社周一报道。", "segment 1 is shown")
            _until(lambda: _value(page, 3) == "论坛在广州开幕。", "segment 3 is shown")
            row = page.locator(f".st-key-row_{_segments(store, doc)[0].id}")
            row.get_by_text("translated", exact=True).wait_for(timeout=30_000)
        assert [s.status for s in _segments(store, doc)][:3] == [
            Status.TRANSLATED,
            Status.NEW,
            Status.DRAFT,
        ]
        assert TranslationMemory(store.tm_units).count() == 1
    finally:
        page.close()


def test_two_tabs_get_a_conflict_not_an_overwrite(app_server: AppServer, browser: Any) -> None:
    store, doc = _own_document(app_server)
    first = browser.new_page(viewport={"width": 1500, "height": 1000})
    second = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        first.goto(app_server.url)
        second.goto(app_server.url)
        mine, theirs = _box(first, 1), _box(second, 1)
        mine.fill("第一个标签页的译文")
        mine.press("Control+Enter")
        _until(lambda: _segments(store, doc)[0].target == "第一个标签页的译文", "tab 1 saved")
        theirs.fill("第二个标签页的译文")
        theirs.press("Control+Enter")
        second.get_by_text("changed in another tab", exact=False).wait_for(timeout=30_000)
        for text in ("第一个标签页的译文", "第二个标签页的译文"):
            second.get_by_text(text, exact=True).first.wait_for(timeout=10_000)
        assert _segments(store, doc)[0].target == "第一个标签页的译文"  # nothing overwritten
        _idle(second)
        second.get_by_role("button", name="Keep mine").click()
        _until(lambda: _segments(store, doc)[0].target == "第二个标签页的译文", "kept mine", 60)
        history = [h.target for h in store.segment_history(_segments(store, doc)[0].id or 0)]
        assert history == ["", "第一个标签页的译文"]
    finally:
        first.close()
        second.close()
