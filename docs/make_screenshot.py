"""Regenerate docs/screenshot.png: the Edit page of the sample project, served by the real app.

.venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server = AppServer(Path(folder) / "shot.db")
        server.start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(server.url)
                box = page.get_by_label("Target 1", exact=True)
                box.wait_for(timeout=60_000)
                box.fill("中俄媒体负责人齐聚广州出席网络媒体论坛")
                page.get_by_role("button", name="Confirm").first.click()
                page.wait_for_timeout(3000)
                page.get_by_text("translated", exact=True).first.wait_for(timeout=30_000)
                page.get_by_label("Target 2", exact=True).fill(
                    "来自中国和俄罗斯的300多名记者、编辑和科技企业高管周二齐聚广州，"
                    "出席中俄网络媒体论坛。"
                )
                page.get_by_label("Target 2", exact=True).press("Control+Enter")
                page.get_by_text("draft", exact=True).first.wait_for(timeout=30_000)
                page.wait_for_timeout(1000)
                page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
