"""Post-editing effort: HTER on words or characters, records per confirm, reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.model import Origin, Provenance, Status
from workbench.project import Project
from workbench.store import Store
from workbench.tm.effort import (
    MAX_SECONDS,
    edit_distance,
    effort_records,
    effort_report,
    record_effort,
)


@pytest.mark.parametrize(
    ("suggestion", "final", "lang", "edits", "length", "unit"),
    [
        ("The cat sat on the mat.", "The cat sat on the mat.", "en", 0, 7, "word"),
        ("The cat sat on the mat.", "The cat sat on a mat.", "en", 1, 7, "word"),
        ("the cat", "The cat", "en", 1, 2, "word"),  # case counts
        ("on the mat the cat sat", "the cat sat on the mat", "en", 1, 6, "word"),  # one shift
        ("新华社报道", "新华社周一报道", "zh", 2, 7, "char"),
        ("新华社 报道", "新华社报道", "zh", 0, 5, "char"),  # spaces do not count in Chinese
        ("Агентство сообщило.", "Агентство ТАСС сообщило.", "ru", 1, 4, "word"),
        ("", "", "en", 0, 0, "word"),
        ("", "Hello there", "en", 2, 2, "word"),
    ],
)
def test_edit_distance(
    suggestion: str, final: str, lang: str, edits: float, length: int, unit: str
) -> None:
    d = edit_distance(suggestion, final, lang)
    assert (d.edits, d.length, d.unit) == (edits, length, unit)
    assert d.hter == (edits / length if length else float(edits))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "e.db")


def _mt_segment(store: Store, tgt: str, mt: str, name: str = "doc") -> int:
    doc = Project(store).add_article(
        "P", name, ["Xinhua reported on Monday."], src_lang="en", tgt_lang=tgt
    )
    seg = store.load_document(doc).segments[0]
    store.save_segment(
        seg.id or 0, mt, status=Status.DRAFT, provenance=Provenance.machine("marian", "opus-mt")
    )
    return seg.id or 0


def _confirm(store: Store, seg_id: int, text: str, user: str, seconds: float) -> None:
    saved = store.save_segment(
        seg_id, text, status=Status.TRANSLATED, provenance=Provenance.human(user)
    )
    record_effort(store.effort, saved, store.segment_history(seg_id), user=user, seconds=seconds)


def test_a_confirm_records_time_and_hter_against_the_mt_suggestion(store: Store) -> None:
    seg_id = _mt_segment(store, "zh", "新华社报道")
    _confirm(store, seg_id, "新华社周一报道", "anna", 30.0)
    (record,) = effort_records(store.effort)
    assert (record.suggestion, record.suggestion_origin, record.final) == (
        "新华社报道",
        Origin.MT,
        "新华社周一报道",
    )
    assert (record.edits, record.length, record.unit, record.seconds) == (2, 7, "char", 30.0)
    assert record.hter == pytest.approx(2 / 7)


def test_a_tm_suggestion_is_used_when_there_was_no_mt(store: Store) -> None:
    doc = Project(store).add_article("P", "d", ["TASS agreed."], src_lang="en", tgt_lang="ru")
    seg_id = store.load_document(doc).segments[0].id or 0
    store.save_segment(
        seg_id, "ТАСС согласился.", status=Status.DRAFT, provenance=Provenance.memory(90)
    )
    _confirm(store, seg_id, "ТАСС согласилось.", "boris", 5)
    (record,) = effort_records(store.effort)
    assert record.suggestion_origin is Origin.TM and record.edits == 1


def test_no_suggestion_means_no_hter(store: Store) -> None:
    doc = Project(store).add_article("P", "d", ["TASS agreed."], src_lang="en", tgt_lang="ru")
    seg_id = store.load_document(doc).segments[0].id or 0
    _confirm(store, seg_id, "ТАСС согласилось.", "boris", 5)
    (record,) = effort_records(store.effort)
    assert (record.hter, record.suggestion_origin, record.length) == (None, Origin.NONE, 3)


def test_time_is_capped_and_cannot_be_negative(store: Store) -> None:
    seg_id = _mt_segment(store, "zh", "新华社报道")
    _confirm(store, seg_id, "新华社周一报道", "anna", 5000)
    assert effort_records(store.effort)[0].seconds == MAX_SECONDS
    seg = store.load_segment(seg_id)
    with pytest.raises(WorkbenchError, match="negative"):
        record_effort(store.effort, seg, [], user="anna", seconds=-1)


def test_report_per_document_and_per_translator(store: Store) -> None:
    a = _mt_segment(store, "zh", "新华社报道", "a")
    b = _mt_segment(store, "ru", "Синьхуа сообщило.", "b")
    _confirm(store, a, "新华社周一报道", "anna", 20)
    _confirm(store, a, "新华社周一报道了", "anna", 10)  # a second pass on the same segment
    _confirm(store, b, "Синьхуа сообщило.", "boris", 6)
    by_doc = {s.key: s for s in effort_report(store.effort, by="document")}
    assert set(by_doc) == {"a", "b"}
    assert (by_doc["a"].segments, by_doc["a"].seconds) == (1, 30)
    assert by_doc["a"].hter == pytest.approx(3 / 8)  # the latest confirm counts
    assert by_doc["b"].hter == 0 and by_doc["b"].words_per_hour == pytest.approx(3 * 3600 / 6)
    by_user = {s.key: s for s in effort_report(store.effort, by="user")}
    assert (by_user["anna"].mt_segments, by_user["boris"].segments) == (1, 1)
    only_b = effort_report(
        store.effort, by="user", document_id=store.document_id(store.project_id("P"), "b")
    )
    assert [s.key for s in only_b] == ["boris"]
    with pytest.raises(WorkbenchError, match="document"):
        effort_report(store.effort, by="month")  # type: ignore[arg-type]
