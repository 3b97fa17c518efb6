"""The Edit page (post-editing workspace) through AppTest on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CORPORA, ROOT
from workbench.model import Origin, Provenance, Status
from workbench.project import Project
from workbench.store import Store
from workbench.tm import TranslationMemory
from workbench.tm.effort import effort_records

APP = str(ROOT / "app.py")
ARTICLE = [
    "Xinhua reported on Monday. TASS agreed. The forum opened in Guangzhou.",
    "TASS agreed. It rained.",
]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "wb.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(tmp_path / "glossary.tbx"))
    yield path


def _open(db: Path, paragraphs: list[str]) -> tuple[AppTest, Store, list[int]]:
    store = Store(db)
    doc = Project(store).add_article("Mine", "article", paragraphs, src_lang="en", tgt_lang="zh")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="project").select("Mine").run()
    at.sidebar.selectbox(key="document_id").select(doc).run()
    assert not at.exception, at.exception
    return at, store, [s.id or 0 for s in store.load_document(doc).segments]


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_confirm_moves_on_and_the_repeat_gets_the_tm_match(db: Path) -> None:
    at, store, ids = _open(db, ARTICLE)
    at.text_area[1].input("塔斯社表示同意。")
    at.button(key=f"confirm_{ids[1]}").click().run()
    seg = store.load_segment(ids[1])
    assert seg.status is Status.TRANSLATED and TranslationMemory(store.tm_units).count() == 1
    assert "Segment 3" in _markdown(at)  # the side panel moved to the next segment
    at.button(key=f"pick_{ids[3]}").click().run()
    assert "Segment 4" in _markdown(at) and "`100%`" in _markdown(at)
    at.button(key="insert_tm_1").click().run()
    seg = store.load_segment(ids[3])
    assert (seg.target, seg.provenance.origin, seg.status) == (
        "塔斯社表示同意。",
        Origin.TM,
        Status.DRAFT,
    )
    assert at.text_area[3].value == "塔斯社表示同意。"
    (record,) = effort_records(store.effort)
    assert record.segment_id == ids[1] and record.user == "tester" and record.seconds >= 0


def test_copy_source_insert_mt_and_empty_confirm(db: Path) -> None:
    at, store, ids = _open(db, ARTICLE)
    store.save_segment(
        ids[0],
        "新华社周一报道。",
        status=Status.DRAFT,
        provenance=Provenance.machine("marian", "opus-mt-en-zh"),
    )
    at.run()
    at.button(key="copy_source").click().run()
    assert store.load_segment(ids[0]).target == "Xinhua reported on Monday."
    at.button(key="insert_mt").click().run()
    seg = store.load_segment(ids[0])
    assert (seg.target, seg.provenance.origin) == ("新华社周一报道。", Origin.MT)
    at.button(key=f"confirm_{ids[2]}").click().run()  # nothing typed
    assert "type a translation" in at.error[0].value
    assert store.load_segment(ids[2]).status is Status.NEW


def test_a_long_document_shows_one_page_and_confirm_turns_it(db: Path) -> None:
    at, _, ids = _open(db, [" ".join(f"Sentence number {i}." for i in range(1000))])
    assert len(ids) == 1000
    assert [ta.label for ta in at.text_area] == [f"Target {i}" for i in range(1, 21)]
    at.text_area[19].input("第二十句。")
    at.button(key=f"confirm_{ids[19]}").click().run()
    assert at.number_input[0].value == 2
    assert at.text_area[0].label == "Target 21" and "Segment 21" in _markdown(at)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ({"low": True}, ["Target 2"]),
        ({"search": "opened in"}, ["Target 3"]),
        ({"search": "同意"}, ["Target 2"]),
        ({"status": Status.TRANSLATED}, ["Target 1"]),
        ({"qa": True}, ["Target 3"]),
    ],
)
def test_filters(db: Path, action: dict[str, Any], expected: list[str]) -> None:
    at, store, ids = _open(db, ARTICLE)
    store.save_segment(
        ids[0], "新华社周一报道。", status=Status.TRANSLATED, provenance=Provenance.human()
    )
    store.save_segment(
        ids[1], "塔斯社同意。", status=Status.DRAFT, provenance=Provenance.memory(72)
    )
    store.save_segment(
        ids[2], "论坛在广州开幕5次。", status=Status.DRAFT, provenance=Provenance.human()
    )
    at.run()
    if action.get("low"):
        at.checkbox[0].check().run()
    if action.get("qa"):
        at.checkbox[1].check().run()
        assert any("numbers" in c.value for c in at.caption)
    if "search" in action:
        at.text_input[0].input(action["search"]).run()
    if "status" in action:
        at.multiselect[0].select(action["status"]).run()
    assert [ta.label for ta in at.text_area] == expected


def test_history_revert_split_and_merge(db: Path) -> None:
    at, store, ids = _open(db, ARTICLE)
    at.text_area[0].input("第一稿").run()
    at.text_area[0].input("第二稿").run()
    at.button(key=f"revert_{ids[0]}_1").click().run()
    assert store.load_segment(ids[0]).target == "第一稿"

    at.button(key=f"pick_{ids[2]}").click().run()
    at.text_input(key="split_at").input("in Guangzhou")
    at.button(key="split").click().run()
    sources = [s.source for s in store.load_document(1).segments]
    assert sources[2:4] == ["The forum opened", "in Guangzhou."]
    assert [ta.label for ta in at.text_area][-1] == "Target 6"

    at.button(key="merge").click().run()
    assert [s.source for s in store.load_document(1).segments][2] == (
        "The forum opened in Guangzhou."
    )
    at.button(key=f"pick_{ids[4]}").click().run()  # "It rained.": last of its paragraph
    at.button(key="merge").click().run()
    assert "last of its paragraph" in at.error[0].value


def test_a_rerun_does_not_recompute_the_side_panel(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, _, _ = _open(db, ARTICLE)
    calls: list[int] = []
    real = Project.side_panel

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(Project, "side_panel", counting)
    at.run()
    at.run()
    at.text_input[0].input("zzz").run()  # a search that changes the page
    at.text_input[0].input("").run()
    assert calls == []


def test_effort_report_after_a_confirm(db: Path) -> None:
    at, store, ids = _open(db, ARTICLE)
    store.save_segment(
        ids[0], "新华社报道。", status=Status.DRAFT, provenance=Provenance.machine("marian", "m")
    )
    at.run()
    at.text_area[0].input("新华社周一报道。")
    at.button(key=f"confirm_{ids[0]}").click().run()
    assert not at.dataframe  # the report is computed only when asked for
    at.toggle(key="show_effort").set_value(True).run()
    tables = [df.value for df in at.dataframe]
    assert tables and tables[0].iloc[0][""] == "tester"
    assert tables[0].iloc[0]["HTER"] == pytest.approx(2 / 8, abs=1e-3)
