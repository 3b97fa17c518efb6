"""The workspace actions the Edit page calls: confirm, insert, copy, the side panel."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Origin, Provenance, Status
from workbench.store import Store
from workbench.tm import TranslationMemory
from workbench.tm.effort import effort_records
from workbench.tm.terms import load_glossary
from workbench.tm.workspace import (
    confirm_segment,
    copy_source,
    document_stamp,
    insert_match,
    insert_mt,
    qa_issues,
    side_panel,
)
from workbench.workflow import add_article, edit_segment

ARTICLE = [
    "Xinhua reported on Monday. TASS agreed. The forum opened in Guangzhou.",
    "TASS agreed. Journalists attended.",
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "w.db")


@pytest.fixture
def ids(store: Store) -> list[int]:
    doc = add_article(store, "P", "doc", ARTICLE, src_lang="en", tgt_lang="zh")
    return [s.id or 0 for s in store.load_document(doc).segments]


def test_confirm_saves_fills_the_tm_and_records_effort(store: Store, ids: list[int]) -> None:
    saved = confirm_segment(
        store, ids[1], "塔斯社表示同意。", user="anna", expected_version=0, seconds=8
    )
    assert (saved.status, saved.provenance.user) == (Status.TRANSLATED, "anna")
    tm = TranslationMemory(store.tm_units)
    unit = tm.lookup("TASS agreed.", "en", "zh")[0].unit
    assert (unit.origin, unit.creator) == ("segment", "anna")
    assert [(r.segment_id, r.seconds) for r in effort_records(store.effort)] == [(ids[1], 8)]


def test_a_repeated_sentence_gets_the_confirmed_translation(store: Store, ids: list[int]) -> None:
    confirm_segment(store, ids[1], "塔斯社表示同意。", user="anna", expected_version=0, seconds=1)
    panel = side_panel(store, ids[3])  # the second "TASS agreed." (other neighbours)
    assert [(m.match.kind, m.target) for m in panel.matches] == [("exact", "塔斯社表示同意。")]
    same = side_panel(store, ids[1])  # the segment itself: same neighbours, 101%
    assert same.matches[0].match.score == 101


def test_every_confirm_path_enters_the_tm(store: Store, ids: list[int]) -> None:
    edit_segment(store, ids[0], "新华社周一报道。", confirm=True, user="cli", expected_version=None)
    edit_segment(store, ids[2], "论坛开幕。", confirm=False, user="cli", expected_version=None)
    assert [u.source for u in TranslationMemory(store.tm_units).units()] == [
        "Xinhua reported on Monday."
    ]


def test_confirm_refuses_empty_text_and_stale_versions(store: Store, ids: list[int]) -> None:
    with pytest.raises(WorkbenchError, match="type a translation"):
        confirm_segment(store, ids[0], "  ", user="a", expected_version=0, seconds=1)
    store.save_segment(ids[0], "别人的", status=Status.DRAFT, provenance=Provenance.human("b"))
    with pytest.raises(ConflictError) as caught:
        confirm_segment(store, ids[0], "我的", user="a", expected_version=0, seconds=1)
    assert (caught.value.mine, caught.value.theirs) == ("我的", "别人的")
    assert store.load_segment(ids[0]).target == "别人的"
    assert TranslationMemory(store.tm_units).count() == 0 and effort_records(store.effort) == []


def test_side_panel_shows_mt_matches_with_diff_terms_and_history(
    store: Store, ids: list[int]
) -> None:
    tm = TranslationMemory(store.tm_units)
    tm.add(
        [("The forum opened in Beijing.", "论坛在北京开幕。")],
        src_lang="en",
        tgt_lang="zh",
        origin="x",
    )
    store.save_segment(
        ids[2],
        "论坛在广州开幕。",
        status=Status.DRAFT,
        provenance=Provenance.machine("marian", "opus-mt-en-zh"),
    )
    store.save_segment(
        ids[2], "论坛于广州开幕。", status=Status.DRAFT, provenance=Provenance.human("anna")
    )
    glossary = load_glossary(GLOSSARIES / "media.tbx")
    panel = side_panel(store, ids[2], tm=tm, glossary=glossary)
    assert panel.mt is not None and panel.mt[0] == "论坛在广州开幕。"
    (shown,) = panel.matches
    assert shown.match.kind == "fuzzy" and shown.target == "论坛在北京开幕。"
    assert shown.diff == "The forum opened in <del>Beijing</del><ins>Guangzhou</ins>."
    assert [(h.source, h.target) for h in panel.terms] == [("Guangzhou", "广州")]
    assert [h.target for h in panel.history] == ["", "论坛在广州开幕。"]


def test_insert_match_mt_and_copy_source(store: Store, ids: list[int]) -> None:
    tm = TranslationMemory(store.tm_units)
    tm.add([("TASS agreed.", "塔斯社同意。")], src_lang="en", tgt_lang="zh", origin="x")
    match = tm.lookup("TASS agreed.", "en", "zh")[0]
    seg = insert_match(store, ids[1], match, expected_version=0, tm=tm)
    assert (seg.target, seg.status, seg.provenance.origin, seg.provenance.score) == (
        "塔斯社同意。",
        Status.DRAFT,
        Origin.TM,
        100.0,
    )
    assert tm.get([match.unit.id])[match.unit.id].usage_count == match.unit.usage_count + 1

    with pytest.raises(WorkbenchError, match="no machine translation"):
        insert_mt(store, ids[0], expected_version=0)
    store.save_segment(
        ids[0],
        "新华社周一报道。",
        status=Status.DRAFT,
        provenance=Provenance.machine("marian", "m"),
    )
    store.save_segment(ids[0], "改过的", status=Status.DRAFT, provenance=Provenance.human())
    seg = insert_mt(store, ids[0], expected_version=2)
    assert (seg.target, seg.provenance.origin) == ("新华社周一报道。", Origin.MT)

    seg = copy_source(store, ids[4], user="anna", expected_version=0)
    assert (seg.target, seg.provenance.user) == ("Journalists attended.", "anna")
    with pytest.raises(ConflictError):
        copy_source(store, ids[4], user="anna", expected_version=0)


def test_qa_issues_by_segment_and_the_document_stamp(store: Store, ids: list[int]) -> None:
    stamp = document_stamp(store, 1)
    assert qa_issues(store, 1) == {}  # nothing translated: no findings
    store.save_segment(
        ids[0], "新华社周二报道了3次。", status=Status.DRAFT, provenance=Provenance.human()
    )
    found = qa_issues(store, 1)
    assert list(found) == [ids[0]] and any(f.startswith("numbers:") for f in found[ids[0]])
    assert document_stamp(store, 1) != stamp
