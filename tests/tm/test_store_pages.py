"""The store methods the Edit page stands on: pages of segments, neighbours, split, merge.

(They live in :mod:`workbench.store`; their tests sit here with the workspace they serve.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ConflictError, NotFoundError, StoreError
from workbench.model import Provenance, Status
from workbench.project import Project
from workbench.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "p.db")


def _doc(store: Store, paragraphs: list[str], tgt: str = "zh") -> int:
    return Project(store).add_article("P", "doc", paragraphs, src_lang="en", tgt_lang=tgt)


def test_a_page_reads_only_its_rows_in_order(store: Store) -> None:
    doc = _doc(store, [" ".join(f"Sentence number {i}." for i in range(45))])
    page = store.segment_page(doc, offset=20, limit=20)
    assert page.total == 45 and page.offset == 20
    assert [s.index for s in page.segments] == list(range(20, 40))
    assert store.segment_page(doc, offset=40, limit=20).segments[-1].index == 44


def _marked(store: Store, doc: int) -> list[int]:
    segs = store.load_document(doc).segments
    store.save_segment(
        segs[0].id or 0, "第一。", status=Status.TRANSLATED, provenance=Provenance.human()
    )
    store.save_segment(
        segs[1].id or 0, "Bonjour_100%", status=Status.DRAFT, provenance=Provenance.memory(72.0)
    )
    store.save_segment(
        segs[2].id or 0, "三。", status=Status.DRAFT, provenance=Provenance.aligner("dp", 0.4)
    )
    store.save_segment(
        segs[3].id or 0, "四。", status=Status.DRAFT, provenance=Provenance.memory(95.0)
    )
    return [s.id or 0 for s in segs]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [0, 1, 2, 3, 4]),
        ({"statuses": [Status.NEW]}, [4]),
        ({"statuses": [Status.DRAFT, Status.TRANSLATED]}, [0, 1, 2, 3]),
        ({"search": "three"}, [2]),
        ({"search": "THREE"}, [2]),
        ({"search": "三"}, [2]),
        ({"search": "_100%"}, [1]),
        ({"search": "%"}, [1]),
        ({"below_score": 85}, [1, 2]),
        ({"below_score": 50}, [2]),
        ({"below_score": 85, "statuses": [Status.DRAFT], "search": "two"}, [1]),
    ],
)
def test_page_filters(store: Store, filters: dict[str, object], expected: list[int]) -> None:
    doc = _doc(store, ["One. Two. Three. Four. Five."])
    _marked(store, doc)
    page = store.segment_page(doc, **filters)  # type: ignore[arg-type]
    assert [s.index for s in page.segments] == expected and page.total == len(expected)


def test_page_by_ids_and_bad_pages(store: Store) -> None:
    doc = _doc(store, ["One. Two. Three."])
    ids = [s.id or 0 for s in store.load_document(doc).segments]
    assert [s.index for s in store.segment_page(doc, ids=[ids[2], ids[0]]).segments] == [0, 2]
    with pytest.raises(StoreError, match="offset"):
        store.segment_page(doc, offset=-1)
    with pytest.raises(NotFoundError):
        store.segment_page(999)


def test_neighbours(store: Store) -> None:
    doc = _doc(store, ["One. Two.", "Three."])
    ids = [s.id or 0 for s in store.load_document(doc).segments]
    assert store.neighbours(ids[0]) == (None, "Two.")
    assert store.neighbours(ids[1]) == ("One.", "Three.")
    assert store.neighbours(ids[2]) == ("Two.", None)


def test_split_keeps_the_target_first_and_renumbers(store: Store) -> None:
    doc = _doc(store, ["Xinhua reported, and TASS agreed. Then it rained."])
    first = store.load_document(doc).segments[0]
    store.save_segment(
        first.id or 0,
        "新华社报道，塔斯社同意。",
        status=Status.TRANSLATED,
        provenance=Provenance.human(),
    )
    at = first.source.index("and TASS")
    a, b = store.split_segment(first.id or 0, at, expected_version=1)
    assert (a.source, b.source) == ("Xinhua reported,", "and TASS agreed.")
    assert (a.target, a.status, b.target, b.status) == (
        "新华社报道，塔斯社同意。",
        Status.DRAFT,
        "",
        Status.NEW,
    )
    segs = store.load_document(doc).segments
    assert [s.source for s in segs] == ["Xinhua reported,", "and TASS agreed.", "Then it rained."]
    assert [s.index for s in segs] == [0, 1, 2]
    para = store.load_document(doc).paragraphs[0].source
    assert [para[s.start : s.end] for s in segs] == [s.source for s in segs]
    assert store.segment_history(a.id or 0)[-1].status is Status.TRANSLATED


@pytest.mark.parametrize("at", [0, 9, 100, -1])
def test_split_refuses_an_empty_part(store: Store, at: int) -> None:
    doc = _doc(store, ["Hi there."])
    seg = store.load_document(doc).segments[0]
    with pytest.raises(StoreError, match="cannot split"):
        store.split_segment(seg.id or 0, at)
    assert store.load_document(doc).segments[0].source == "Hi there."


def test_split_and_merge_check_the_version(store: Store) -> None:
    doc = _doc(store, ["One. Two."])
    seg = store.load_document(doc).segments[0]
    store.save_segment(seg.id or 0, "一。", status=Status.DRAFT, provenance=Provenance.human())
    with pytest.raises(ConflictError):
        store.split_segment(seg.id or 0, 2, expected_version=0)
    with pytest.raises(ConflictError):
        store.merge_segments(seg.id or 0, expected_version=0)


@pytest.mark.parametrize(
    ("tgt", "targets", "merged"),
    [
        ("zh", ("一。", "二。"), "一。二。"),
        ("ru", ("Один.", "Два."), "Один. Два."),
        ("ru", ("", "Два."), "Два."),
        ("ru", ("", ""), ""),
    ],
)
def test_merge_joins_sources_and_targets(
    store: Store, tgt: str, targets: tuple[str, str], merged: str
) -> None:
    doc = _doc(store, ["One.  Two. Three.", "Four."], tgt=tgt)
    segs = store.load_document(doc).segments
    for seg, text in zip(segs, targets, strict=False):
        if text:
            store.save_segment(
                seg.id or 0, text, status=Status.TRANSLATED, provenance=Provenance.human()
            )
    result = store.merge_segments(segs[0].id or 0)
    assert result.source == "One.  Two."  # the paragraph's own spacing
    assert (result.target, result.status) == (merged, Status.DRAFT if merged else Status.NEW)
    after = store.load_document(doc).segments
    assert [(s.index, s.source) for s in after] == [(0, "One.  Two."), (1, "Three."), (2, "Four.")]
    with pytest.raises(NotFoundError):
        store.load_segment(segs[1].id or 0)


def test_merge_refuses_across_paragraphs(store: Store) -> None:
    doc = _doc(store, ["One.", "Two."])
    seg = store.load_document(doc).segments[0]
    with pytest.raises(StoreError, match="last of its paragraph"):
        store.merge_segments(seg.id or 0)
    assert len(store.load_document(doc).segments) == 2
