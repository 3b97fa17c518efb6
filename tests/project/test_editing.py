"""The Project's editing use cases the Edit page calls: confirm, insert, copy, the side panel."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import ConflictError, WorkbenchError
from workbench.model import Origin, Provenance, Status
from workbench.project import Project
from workbench.store import Store
from workbench.tm.effort import effort_records

ARTICLE = [
    "Xinhua reported on Monday. TASS agreed. The forum opened in Guangzhou.",
    "TASS agreed. Journalists attended.",
]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "w.db", glossary=GLOSSARIES / "media.tbx", user="anna")


@pytest.fixture
def store(project: Project) -> Store:
    return project.store


@pytest.fixture
def ids(project: Project) -> list[int]:
    doc = project.add_article("P", "doc", ARTICLE, src_lang="en", tgt_lang="zh")
    return [s.id or 0 for s in project.load_document(doc).segments]


def test_confirm_saves_fills_the_tm_and_records_effort(
    project: Project, store: Store, ids: list[int]
) -> None:
    saved = project.confirm(ids[1], "塔斯社表示同意。", expected_version=0, seconds=8)
    assert (saved.status, saved.provenance.user) == (Status.TRANSLATED, "anna")
    unit = project.tm.lookup("TASS agreed.", "en", "zh")[0].unit
    assert (unit.origin, unit.creator) == ("segment", "anna")
    assert [(r.segment_id, r.seconds) for r in effort_records(store.effort)] == [(ids[1], 8)]


def test_a_repeated_sentence_gets_the_confirmed_translation(
    project: Project, ids: list[int]
) -> None:
    project.confirm(ids[1], "塔斯社表示同意。", expected_version=0, seconds=1)
    panel = project.side_panel(ids[3])  # the second "TASS agreed." (other neighbours)
    assert [(m.match.kind, m.target) for m in panel.matches] == [("exact", "塔斯社表示同意。")]
    same = project.side_panel(ids[1])  # the segment itself: same neighbours, 101%
    assert same.matches[0].match.score == 101


def test_a_confirm_enters_the_tm_and_a_draft_does_not(store: Store, ids: list[int]) -> None:
    cli = Project(store, user="cli")
    cli.confirm(ids[0], "新华社周一报道。", expected_version=None)
    draft = cli.save_draft(ids[2], "论坛开幕。", expected_version=None)
    assert (draft.status, draft.provenance.user) == (Status.DRAFT, "cli")
    assert [u.source for u in cli.tm.units()] == ["Xinhua reported on Monday."]
    # a blank draft makes the segment new again
    assert cli.save_draft(ids[2], " ", expected_version=draft.version).status is Status.NEW


def test_confirm_refuses_empty_text_and_stale_versions(
    project: Project, store: Store, ids: list[int]
) -> None:
    with pytest.raises(WorkbenchError, match="type a translation"):
        project.confirm(ids[0], "  ", expected_version=0, seconds=1)
    store.save_segment(ids[0], "别人的", status=Status.DRAFT, provenance=Provenance.human("b"))
    with pytest.raises(ConflictError) as caught:
        project.confirm(ids[0], "我的", expected_version=0, seconds=1)
    assert (caught.value.mine, caught.value.theirs) == ("我的", "别人的")
    assert store.load_segment(ids[0]).target == "别人的"
    assert project.tm.count() == 0 and effort_records(store.effort) == []


def test_side_panel_shows_mt_matches_with_diff_terms_and_history(
    project: Project, store: Store, ids: list[int]
) -> None:
    project.tm.add(
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
    panel = project.side_panel(ids[2])
    assert panel.mt is not None and panel.mt[0] == "论坛在广州开幕。"
    (shown,) = panel.matches
    assert shown.match.kind == "fuzzy" and shown.target == "论坛在北京开幕。"
    assert shown.diff == "The forum opened in <del>Beijing</del><ins>Guangzhou</ins>."
    assert [(h.source, h.target) for h in panel.terms] == [("Guangzhou", "广州")]
    assert [h.target for h in panel.history] == ["", "论坛在广州开幕。"]
    assert project.side_panel(ids[2], terms=False).terms == []


def test_insert_match_mt_and_copy_source(project: Project, store: Store, ids: list[int]) -> None:
    tm = project.tm
    tm.add([("TASS agreed.", "塔斯社同意。")], src_lang="en", tgt_lang="zh", origin="x")
    match = tm.lookup("TASS agreed.", "en", "zh")[0]
    seg = project.insert_match(ids[1], match, expected_version=0)
    assert (seg.target, seg.status, seg.provenance.origin, seg.provenance.score) == (
        "塔斯社同意。",
        Status.DRAFT,
        Origin.TM,
        100.0,
    )
    assert tm.get([match.unit.id])[match.unit.id].usage_count == match.unit.usage_count + 1

    with pytest.raises(WorkbenchError, match="no machine translation"):
        project.insert_mt(ids[0], expected_version=0)
    store.save_segment(
        ids[0],
        "新华社周一报道。",
        status=Status.DRAFT,
        provenance=Provenance.machine("marian", "m"),
    )
    store.save_segment(ids[0], "改过的", status=Status.DRAFT, provenance=Provenance.human())
    seg = project.insert_mt(ids[0], expected_version=2)
    assert (seg.target, seg.provenance.origin) == ("新华社周一报道。", Origin.MT)

    seg = project.copy_source(ids[4], expected_version=0)
    assert (seg.target, seg.provenance.user) == ("Journalists attended.", "anna")
    with pytest.raises(ConflictError):
        project.copy_source(ids[4], expected_version=0)


def test_qa_issues_by_segment_and_the_document_stamp(
    project: Project, store: Store, ids: list[int]
) -> None:
    stamp = project.document_stamp(1)
    assert project.qa_issues(1) == {}  # nothing translated: no findings
    store.save_segment(
        ids[0], "新华社周二报道了3次。", status=Status.DRAFT, provenance=Provenance.human()
    )
    found = project.qa_issues(1)
    assert list(found) == [ids[0]] and any(f.startswith("numbers:") for f in found[ids[0]])
    assert project.document_stamp(1) != stamp
