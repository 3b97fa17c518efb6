"""The real app in headless Chromium: the QA page draws its charts and exports the report."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AppServer
from tests.conftest import CORPORA
from workbench.model import Provenance, Status
from workbench.project import SAMPLE_PROJECT, Project
from workbench.segment import split_sentences
from workbench.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFERENCE = CORPORA / "media-forum.zh.txt"  # one line per paragraph


def _translate_sample(server: AppServer) -> str:
    """MT drafts for the en→zh sample (the reference with its last sentence mark dropped,
    and one number changed), and post-edits of four segments."""
    store = Store(server.db)
    Project(store).ensure_sample(CORPORA)
    info = store.documents(store.project_id(SAMPLE_PROJECT))[0]
    doc = store.load_document(info.id)
    sentences = [
        s.text for p in REFERENCE.read_text("utf-8").splitlines() for s in split_sentences(p, "zh")
    ]
    assert len(sentences) == len(doc.segments)
    mt = Provenance.machine("marian", "opus-mt-en-zh")
    drafts = [s[:-1] if s.endswith("。") else s for s in sentences]
    drafts = [d.replace("300多名", "200多名") for d in drafts]
    store.save_translations(
        (seg.id or 0, text, Status.DRAFT, mt)
        for seg, text in zip(doc.segments, drafts, strict=True)
    )
    for seg, text in list(zip(doc.segments, sentences, strict=True))[4:8]:
        store.save_segment(
            seg.id or 0, text, status=Status.TRANSLATED, provenance=Provenance.human("reviewer")
        )
    return info.name


def _download(page: Any, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def test_qa_page_draws_charts_and_exports_the_report(app_server: AppServer, browser: Any) -> None:
    name = _translate_sample(app_server)
    page = browser.new_page(accept_downloads=True)
    try:
        page.goto(f"{app_server.url}/qa")
        page.get_by_text(f"QA · {name}").first.wait_for(timeout=90_000)

        uploader = page.locator('[data-testid="stFileUploader"]').filter(
            has_text="Reference translation"
        )
        uploader.locator('input[type="file"]').set_input_files(str(REFERENCE))

        # issues by type, chrF++ per paragraph, HTER per segment, systems compared
        charts = page.locator('[data-testid="stVegaLiteChart"]')
        page.wait_for_function(
            "() => document.querySelectorAll("
            '\'[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg\''
            ").length >= 4",
            timeout=120_000,
        )
        assert charts.count() == 4
        sizes = page.eval_on_selector_all(
            '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
            "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])",
        )
        assert len(sizes) >= 4 and all(w > 50 and h > 50 for w, h in sizes), sizes
        page.get_by_text("MT suggestion").first.wait_for(state="attached", timeout=30_000)
        page.screenshot(path=str(app_server.db.parent / "qa.png"), full_page=True)

        html = _download(page, "Download QA report (HTML)").decode("utf-8")
        assert f"QA report · {name}" in html
        assert "Scores against the reference (one reference line per paragraph)" in html
        assert "tok:zh" in html and "asian:yes" in html and "hter|unit:character" in html
        assert "200多" in html  # the wrong number is among the segments that need attention

        rows = list(
            csv.reader(io.StringIO(_download(page, "Download QA report (CSV)").decode("utf-8-sig")))
        )
        assert rows[0] == ["segment", "severity", "check", "message", "culprit", "source", "target"]
        assert any(r[2] == "numbers" and "'300'" in r[3] for r in rows[1:])
    finally:
        page.close()
