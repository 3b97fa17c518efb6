from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.errors import ConflictError, NotFoundError, StoreError
from workbench.model import Document, Origin, Paragraph, Provenance, Segment, Status
from workbench.store import Store, database_url


def _doc(name: str = "forum") -> Document:
    return Document(
        name,
        "en",
        "ru",
        [Paragraph(0, "Forum opens", "h1"), Paragraph(1, "Xinhua reported. TASS agreed.")],
        [
            Segment(0, 0, "Forum opens"),
            Segment(1, 1, "Xinhua reported.", start=0),
            Segment(2, 1, "TASS agreed.", start=17),
        ],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sub" / "project.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


@pytest.fixture
def doc_id(store: Store) -> int:
    return store.add_document(store.create_project("News"), _doc())


def test_file_database_uses_wal(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_url_keeps_urls_and_turns_paths_into_sqlite(tmp_path: Path) -> None:
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_document_round_trip_keeps_paragraphs_offsets_and_ids(store: Store, doc_id: int) -> None:
    doc = store.load_document(doc_id)
    assert doc.id == doc_id
    assert [(p.index, p.style) for p in doc.paragraphs] == [(0, "h1"), (1, "p")]
    assert [(s.index, s.paragraph, s.source, s.start, s.end) for s in doc.segments] == [
        (0, 0, "Forum opens", 0, 11),
        (1, 1, "Xinhua reported.", 0, 16),
        (2, 1, "TASS agreed.", 17, 29),
    ]
    assert all(s.id is not None and s.status is Status.NEW for s in doc.segments)


def test_an_edit_survives_reopening_the_database(db_path: Path, store: Store, doc_id: int) -> None:
    seg = store.load_document(doc_id).segments[1]
    assert seg.id is not None
    store.save_segment(
        seg.id, "Синьхуа сообщило.", status=Status.TRANSLATED, provenance=Provenance.human("anna")
    )
    store.engine.dispose()
    reopened = Store(db_path).load_document(doc_id).segments[1]
    assert reopened.target == "Синьхуа сообщило."
    assert reopened.status is Status.TRANSLATED
    assert reopened.provenance.user == "anna" and reopened.version == 1


def test_history_keeps_every_earlier_state_and_revert_restores_one(
    store: Store, doc_id: int
) -> None:
    seg_id = store.load_document(doc_id).segments[0].id
    assert seg_id is not None
    store.save_segment(
        seg_id, "Форум открылся", status=Status.DRAFT, provenance=Provenance.machine("marian", "m")
    )
    store.save_segment(
        seg_id, "Открытие форума", status=Status.TRANSLATED, provenance=Provenance.human("anna")
    )
    history = store.segment_history(seg_id)
    assert [(h.version, h.target, h.status) for h in history] == [
        (0, "", Status.NEW),
        (1, "Форум открылся", Status.DRAFT),
    ]
    assert history[1].provenance.origin is Origin.MT
    reverted = store.revert_segment(seg_id, 1)
    assert reverted.target == "Форум открылся" and reverted.version == 3
    assert len(store.segment_history(seg_id)) == 3


def test_unchanged_save_writes_nothing(store: Store, doc_id: int) -> None:
    seg_id = store.load_document(doc_id).segments[0].id
    assert seg_id is not None
    store.save_segment(seg_id, "x", status=Status.DRAFT, provenance=Provenance.human())
    again = store.save_segment(seg_id, "x", status=Status.DRAFT, provenance=Provenance.human())
    assert again.version == 1 and len(store.segment_history(seg_id)) == 1


def test_stale_save_is_refused_with_both_texts_and_loses_nothing(store: Store, doc_id: int) -> None:
    seg_id = store.load_document(doc_id).segments[1].id
    assert seg_id is not None
    store.save_segment(
        seg_id,
        "вкладка A",
        status=Status.DRAFT,
        provenance=Provenance.human("a"),
        expected_version=0,
    )
    with pytest.raises(ConflictError) as err:
        store.save_segment(
            seg_id,
            "вкладка B",
            status=Status.DRAFT,
            provenance=Provenance.human("b"),
            expected_version=0,
        )
    assert err.value.mine == "вкладка B" and err.value.theirs == "вкладка A"
    assert err.value.version == 1
    assert "changed elsewhere" in str(err.value)
    assert store.load_segment(seg_id).target == "вкладка A"


def test_save_translations_is_one_batch_with_history(store: Store, doc_id: int) -> None:
    segs = store.load_document(doc_id).segments
    prov = Provenance.machine("marian", "m")
    items = [(s.id, f"t{s.index}", Status.DRAFT, prov) for s in segs if s.id is not None]
    assert store.save_translations(items) == 3
    assert store.save_translations(items) == 0
    doc = store.load_document(doc_id)
    assert [s.target for s in doc.segments] == ["t0", "t1", "t2"]
    assert all(s.provenance.engine == "marian" for s in doc.segments)


def test_documents_lists_counts(store: Store, doc_id: int) -> None:
    seg_id = store.load_document(doc_id).segments[0].id
    assert seg_id is not None
    store.save_segment(seg_id, "a", status=Status.APPROVED, provenance=Provenance.human())
    [info] = store.documents(store.project_id("News"))
    assert (info.name, info.segments, info.confirmed) == ("forum", 3, 1)


@pytest.mark.parametrize(
    ("action", "error", "message"),
    [
        (lambda s: s.create_project("News"), StoreError, "already exists"),
        (lambda s: s.create_project("  "), StoreError, "needs a name"),
        (lambda s: s.project_id("Nope"), NotFoundError, "no project named 'Nope'"),
        (lambda s: s.load_document(999), NotFoundError, "no document with id 999"),
        (lambda s: s.load_segment(999), NotFoundError, "no segment with id 999"),
        (lambda s: s.add_document(s.project_id("News"), _doc()), StoreError, "already has a doc"),
        (lambda s: s.revert_segment(1, 42), NotFoundError, "no version 42"),
    ],
)
def test_bad_requests_name_the_culprit(
    store: Store, doc_id: int, action: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        action(store)  # type: ignore[operator]


def test_delete_document_removes_segments(store: Store, doc_id: int) -> None:
    store.delete_document(doc_id)
    with pytest.raises(NotFoundError):
        store.load_document(doc_id)
    assert store.documents(store.project_id("News")) == []


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the project database"):
        Store("sqlite:///" + str(blocker / "db.sqlite"))
