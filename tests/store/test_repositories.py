"""The store's repositories: TM units, effort records, the MT cache, and the small queries
the workspace needs (a segment's languages, a document's stamp)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workbench.errors import NotFoundError
from workbench.model import (
    CacheEntry,
    Document,
    EffortRecord,
    NewUnit,
    Origin,
    Paragraph,
    Provenance,
    Segment,
    Status,
    UnitMeta,
)
from workbench.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "r.db")


def unit(source: str, target: str, digest: str, **kw: object) -> NewUnit:
    return NewUnit(source, target, source, digest, **kw)  # type: ignore[arg-type]


# -- TM units ---------------------------------------------------------------------------


def test_upsert_adds_new_digests_and_counts_known_ones(store: Store) -> None:
    units = store.tm_units
    two = [unit("A.", "甲。", "d1"), unit("B.", "乙。", "d2", count=3)]
    assert units.upsert("en", "zh", two, origin="x", creator="anna") == (2, 0)
    assert units.upsert("en", "zh", [unit("A.", "甲。", "d1", count=2)], origin="y") == (0, 1)
    found = {u.source: u for u in units.units()}
    assert (found["A."].usage_count, found["A."].origin, found["A."].creator) == (2, "x", "anna")
    assert found["B."].usage_count == 2  # three times given: made once, used twice
    assert found["A."].changed >= found["A."].created
    assert units.count() == 2 and units.count("en", "ru") == 0


def test_meta_of_another_tool_is_kept_for_new_units(store: Store) -> None:
    created = datetime(2019, 5, 1, 12, tzinfo=UTC)
    meta = UnitMeta(created=created, creator="trados", usage_count=7)
    store.tm_units.upsert("en", "zh", [unit("A.", "甲。", "d1", meta=meta)], origin="tmx:a")
    (found,) = store.tm_units.units()
    assert (found.creator, found.usage_count, found.origin) == ("trados", 7, "tmx:a")
    assert found.created.replace(tzinfo=UTC) == created == found.changed.replace(tzinfo=UTC)


def test_exact_lookup_tells_which_units_were_seen_in_the_context(store: Store) -> None:
    units = store.tm_units
    units.upsert(
        "en",
        "zh",
        [unit("A.", "甲。", "d1", contexts=frozenset({"c1"})), unit("A.", "甲乙。", "d2")],
        origin="x",
    )
    units.upsert("en", "zh", [unit("A.", "甲乙。", "d2", contexts=frozenset({"c2"}))], origin="x")
    assert [(u.target, seen) for u, seen in units.exact("en", "zh", "A.", "c2")] == [
        ("甲乙。", True),  # changed last: first
        ("甲。", False),
    ]
    assert [seen for _, seen in units.exact("en", "zh", "A.")] == [False, False]
    assert units.exact("en", "ru", "A.", "c1") == []


def test_keys_since_get_mark_used_and_delete(store: Store) -> None:
    units = store.tm_units
    units.upsert("en", "zh", [unit("A.", "甲。", "d1"), unit("B.", "乙。", "d2")], origin="x")
    units.upsert("en", "ru", [unit("A.", "А.", "d3")], origin="x")
    first, second = units.keys_since("en", "zh", 0)
    assert [k for _, k in (first, second)] == ["A.", "B."]
    assert units.keys_since("en", "zh", second[0]) == []
    assert units.version() == max(u.id for u in units.units())
    units.mark_used({first[0]: 2})
    used = units.get([first[0], 999])
    assert list(used) == [first[0]] and used[first[0]].usage_count == 2
    assert used[first[0]].last_used is not None
    units.delete(first[0])
    assert units.get([first[0]]) == {}
    assert units.language_pairs() == [("en", "ru", 1), ("en", "zh", 1)]


def test_units_are_read_in_batches_oldest_first(store: Store) -> None:
    store.tm_units.upsert(
        "en", "zh", [unit(f"S{i}.", f"T{i}。", f"d{i}") for i in range(7)], origin="x"
    )
    assert [u.source for u in store.tm_units.units(batch=3)] == [f"S{i}." for i in range(7)]


def test_search_by_trigram_index_and_by_scan(store: Store) -> None:
    units = store.tm_units
    units.upsert(
        "en",
        "zh",
        [unit("The forum opened in Guangzhou.", "论坛在广州开幕。", "d1")],
        origin="x",
    )
    units.upsert("ru", "en", [unit("Форум открылся.", "The forum opened.", "d2")], origin="x")
    assert [u.target for u in units.search("guangzhou")] == ["论坛在广州开幕。"]
    assert [u.source for u in units.search("广州")] == ["The forum opened in Guangzhou."]  # scan
    assert len(units.search("forum opened")) == 2
    assert [u.source for u in units.search("forum", src_lang="ru")] == ["Форум открылся."]
    assert units.search("forum", limit=1)[0].source == "Форум открылся."  # newest first
    assert units.search("100%_") == []


def test_the_trigram_index_is_made_for_units_stored_before_it(tmp_path: Path) -> None:
    old = Store(tmp_path / "old.db")
    old.tm_units.upsert("en", "zh", [unit("Xinhua.", "新华社。", "d")], origin="x")
    with sqlite3.connect(tmp_path / "old.db") as conn:
        for name in ("tm_units_fts_ai", "tm_units_fts_ad", "tm_units_fts_au"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE tm_fts")
    assert [u.source for u in Store(tmp_path / "old.db").tm_units.search("xinhua")] == ["Xinhua."]


# -- effort -----------------------------------------------------------------------------


def _document(store: Store, name: str = "doc") -> Document:
    segments = [Segment(0, 0, "Hi.", start=0, end=3), Segment(1, 0, "Bye.", start=4, end=8)]
    doc = Document(name, "en", "zh", [Paragraph(0, "Hi. Bye.")], segments)
    store.add_document(store.project_id("P", create=True), doc)
    return doc


def _record(segment_id: int, document_id: int, user: str) -> EffortRecord:
    return EffortRecord(
        segment_id=segment_id,
        document_id=document_id,
        user=user,
        seconds=3.0,
        suggestion="嗨",
        suggestion_origin=Origin.MT,
        final="你好",
        hter=0.5,
        unit="char",
        edits=1.0,
        length=2,
        created=datetime.now(UTC),
    )


def test_effort_records_are_kept_and_read_by_document(store: Store) -> None:
    a, b = _document(store, "a"), _document(store, "b")
    assert a.id is not None and b.id is not None
    seg_a, seg_b = a.segments[0].id or 0, b.segments[1].id or 0
    assert store.effort.document_of(seg_b) == (b.id, "zh")
    assert store.effort.document_of(12345) is None
    store.effort.add(_record(seg_a, a.id, "anna"))
    store.effort.add(_record(seg_b, b.id, "boris"))
    assert [r.user for r in store.effort.records()] == ["anna", "boris"]
    (only_b,) = store.effort.records(document_id=b.id)
    assert (only_b.segment_id, only_b.suggestion_origin, only_b.unit) == (seg_b, Origin.MT, "char")
    assert store.effort.document_names() == {a.id: "a", b.id: "b"}


# -- MT cache ---------------------------------------------------------------------------


def test_mt_cache_keeps_the_first_translation_of_a_key_and_clears_by_model(store: Store) -> None:
    cache = store.mt_cache
    cache.save(
        [
            CacheEntry("k1", "en", "zh", "m1", "Hi.", "你好。", {"beams": 4}),
            CacheEntry("k2", "en", "zh", "m2", "Bye.", "再见。"),
            CacheEntry("k1", "en", "zh", "m1", "Hi.", "嗨。"),  # the same key again
        ]
    )
    cache.save([CacheEntry("k2", "en", "zh", "m2", "Bye.", "拜拜。")])
    assert cache.lookup(["k1", "k2", "k3"]) == {
        "k1": ("你好。", {"beams": 4}),
        "k2": ("再见。", {}),
    }
    assert cache.size() == 2
    assert (cache.clear(model="m1"), cache.size(), cache.clear(), cache.size()) == (1, 1, 1, 0)


def test_mt_cache_looks_up_more_keys_than_one_query_takes(store: Store) -> None:
    keys = [f"k{i}" for i in range(1200)]
    store.mt_cache.save([CacheEntry(k, "en", "zh", "m", k, k.upper()) for k in keys])
    found = store.mt_cache.lookup(keys)
    assert len(found) == 1200 and found["k1199"] == ("K1199", {})


# -- what the workspace asks -------------------------------------------------------------


def test_segment_languages_and_document_stamp(store: Store) -> None:
    doc = _document(store)
    assert doc.id is not None
    first = doc.segments[0].id or 0
    assert store.segment_languages(first) == ("en", "zh")
    with pytest.raises(NotFoundError, match="no segment with id 999"):
        store.segment_languages(999)
    stamp = store.document_stamp(doc.id)
    assert stamp == (2, 0)
    store.save_segment(first, "嗨。", status=Status.DRAFT, provenance=Provenance.human())
    assert store.document_stamp(doc.id) == (2, 1)
    store.split_segment(doc.segments[1].id or 0, 3)
    assert store.document_stamp(doc.id)[0] == 3
    assert store.document_stamp(12345) == (0, 0)
