"""Post-editing effort records in the project database (``Store.effort``).

What a record holds, and how HTER is counted, is :mod:`workbench.tm.effort`'s
business; this module only keeps and reads the records.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from workbench.model import EffortRecord, Origin
from workbench.store.schema import DocumentRow, EffortRow, SegmentRow


class EffortRepository:
    """The ``segment_effort`` table of one database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def document_of(self, segment_id: int) -> tuple[int, str] | None:
        """The document id and target language of a segment (``None``: no such segment)."""
        with self._sessions() as s:
            found = s.execute(
                select(SegmentRow.document_id, DocumentRow.tgt_lang)
                .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
                .where(SegmentRow.id == segment_id)
            ).first()
        return None if found is None else (found[0], found[1])

    def add(self, record: EffortRecord) -> None:
        """Keep one record."""
        with self._sessions() as s, s.begin():
            s.execute(
                insert(EffortRow).values(
                    segment_id=record.segment_id,
                    document_id=record.document_id,
                    user=record.user,
                    seconds=record.seconds,
                    suggestion=record.suggestion,
                    suggestion_origin=record.suggestion_origin.value,
                    final=record.final,
                    hter=record.hter,
                    unit=record.unit,
                    edits=record.edits,
                    length=record.length,
                    created=record.created,
                )
            )

    def records(self, *, document_id: int | None = None) -> list[EffortRecord]:
        """The records, oldest first (of one document, if given)."""
        query = select(EffortRow).order_by(EffortRow.id)
        if document_id is not None:
            query = query.where(EffortRow.document_id == document_id)
        with self._sessions() as s:
            return [
                EffortRecord(
                    segment_id=r.segment_id,
                    document_id=r.document_id,
                    user=r.user,
                    seconds=r.seconds,
                    suggestion=r.suggestion,
                    suggestion_origin=Origin(r.suggestion_origin),
                    final=r.final,
                    hter=r.hter,
                    unit="char" if r.unit == "char" else "word",
                    edits=r.edits,
                    length=r.length,
                    created=r.created,
                )
                for r in s.scalars(query)
            ]

    def document_names(self) -> dict[int, str]:
        """Every document's name by id (records name their documents by id)."""
        with self._sessions() as s:
            return {i: n for i, n in s.execute(select(DocumentRow.id, DocumentRow.name))}


__all__ = ["EffortRepository"]
