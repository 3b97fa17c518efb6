"""The Align page, run headless through AppTest on a real store and the real model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CORPORA, ROOT
from workbench.store import Store
from workbench.tm import TranslationMemory

APP = str(ROOT / "app.py")
EN = (
    "Floods in the south\n"
    "Rivers rose overnight. Roads were closed. Schools will reopen on Monday.\n"
    "The army sent boats."
)
ZH = "南方发生洪水\n河水一夜之间上涨。道路被封闭，学校将于周一重新开放。\n军队派出了船只。"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    yield path


def _page(src: str = EN, tgt: str = ZH) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/align.py").run()
    assert not at.exception, at.exception
    at.text_area(key="align_src_text").input(src)
    at.text_area(key="align_tgt_text").input(tgt)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _rows(at: AppTest) -> list[str]:
    """The caption of each pair shown: "#number · kind · confidence"."""
    return [c.value for c in at.caption if c.value.startswith("#")]


def _keyed(at: AppTest, prefix: str) -> list[Any]:
    """The buttons whose key starts with ``prefix``, one per pair shown."""
    return [b for b in at.button if (b.key or "").startswith(prefix)]


def _labelled(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def test_align_review_edit_confirm_and_keep(db: Path) -> None:
    at = _page()
    assert at.success[0].value.startswith("5 en and 4 zh sentences: 4 pairs")
    assert _rows(at)[2].startswith("#3 · 2-1")
    # review by confidence, then in document order again
    at.radio(key="align_order").set_value("confidence").run()
    assert len(_rows(at)) == 4
    at.radio(key="align_order").set_value("document").run()
    # split the 2-1 pair, then merge it back
    _keyed(at, "align_split_")[2].click().run()
    assert [r.split(" · ")[1] for r in _rows(at)] == ["1-1", "1-1", "1-1", "1-0", "1-1"]
    _keyed(at, "align_merge_")[2].click().run()
    assert [r.split(" · ")[1] for r in _rows(at)] == ["1-1", "1-1", "2-1", "1-1"]
    assert "edited" in _rows(at)[2]
    # move the last source sentence of pair 3 to pair 4, and back
    _keyed(at, "align_next_src_")[2].click().run()
    assert [r.split(" · ")[1] for r in _rows(at)] == ["1-1", "1-1", "1-1", "2-1"]
    _keyed(at, "align_prev_src_")[3].click().run()
    assert [r.split(" · ")[1] for r in _rows(at)] == ["1-1", "1-1", "2-1", "1-1"]
    # confirm one pair by hand, then all
    boxes = [c for c in at.checkbox if (c.key or "").startswith("align_ok_")]
    boxes[0].check().run()
    assert "**1** of 4 pairs confirmed." in [m.value for m in at.markdown]
    _labelled(at, "Confirm all").click().run()
    assert "**4** of 4 pairs confirmed." in [m.value for m in at.markdown]
    # into the translation memory
    _labelled(at, "Add confirmed pairs to the translation memory").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Added 4 new units to the en→zh translation memory")
    tm = TranslationMemory(Store(db).tm_units)
    matches = tm.lookup("Rivers rose overnight.", "en", "zh")
    assert matches and matches[0].target == "河水一夜之间上涨。"


def test_downloads_offer_tmx_and_tsv_of_confirmed_pairs(db: Path) -> None:
    at = _page()
    assert not at.get("download_button")
    _labelled(at, "Confirm all").click().run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download TMX", "Download TSV"]


@pytest.mark.parametrize(
    ("src", "tgt", "message"),
    [
        ("", ZH, "the pasted source is empty"),
        (ZH, ZH, "the source text looks Chinese (zh)"),
    ],
)
def test_bad_input_is_explained(db: Path, src: str, tgt: str, message: str) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/align.py").run()
    at.text_area(key="align_src_text").input(src)
    at.text_area(key="align_tgt_text").input(tgt)
    if src == tgt:
        at.selectbox(key="align_src_lang").set_value("en")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert message in at.error[0].value
