"""Post-editing effort: time spent on each segment, distance of the final text from the suggestion.

The edit distance is HTER (translation edit rate, with shifts) between the
machine-translation suggestion and the confirmed text, as the QA package counts
it (:func:`workbench.qa.effort.hter`): edits divided by the length of the
confirmed text, on words (punctuation split off) for English and Russian and on
characters for Chinese.  Each confirm made in the Edit page records one
:class:`EffortRecord` with the time spent; :func:`effort_report` sums them per
document and per translator.

>>> d = edit_distance("The cat sat on the mat.", "The cat sat on a mat.", "en")
>>> (d.edits, d.length, round(d.hter, 3), d.unit)
(1.0, 7, 0.143, 'word')
>>> edit_distance("新华社报道", "新华社周一报道", "zh").edits
2.0
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import sessionmaker

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.model import HistoryEntry, Origin, Segment
from workbench.store.schema import DocumentRow, EffortRow, SegmentRow

if TYPE_CHECKING:
    from workbench.store import Store

log = logging.getLogger(__name__)

#: longer than this on one segment counts as this: the translator was away
MAX_SECONDS = 600.0
#: origins whose text counts as a suggestion to post-edit, best first
SUGGESTION_ORIGINS = (Origin.MT, Origin.TM)

Unit = Literal["word", "char"]


@dataclass(frozen=True)
class EditDistance:
    """Edits (insertions, deletions, substitutions, shifts) and the final text's length."""

    edits: float
    length: int
    unit: Unit

    @property
    def hter(self) -> float:
        """Edits per unit of the final text (0 when both are empty, edits when it is empty)."""
        if self.length == 0:
            return 0.0 if self.edits == 0 else float(self.edits)
        return self.edits / self.length


def unit_for(lang: str) -> Unit:
    """``"char"`` for languages written without spaces (Chinese), ``"word"`` otherwise."""
    return "word" if get_language(lang).sentence_joiner else "char"


def edit_distance(suggestion: str, final: str, lang: str) -> EditDistance:
    """HTER between ``suggestion`` and ``final`` in the target language ``lang``.

    Counted by :func:`workbench.qa.effort.hter` (sacrebleu's TER, case-sensitive,
    punctuation split off words), so that the Edit page and the QA report agree.
    """
    from workbench.qa.effort import hter

    unit = unit_for(lang)
    if not suggestion.strip() and not final.strip():
        return EditDistance(0.0, 0, unit)
    (found,) = hter([suggestion], [final], lang).segments
    return EditDistance(found.edits, round(found.length), unit)


def suggestion_of(segment: Segment, history: Iterable[HistoryEntry]) -> tuple[str, Origin] | None:
    """The latest machine suggestion among the segment's states (a TM one if there was no MT)."""
    states = [(segment.target, segment.provenance.origin)] + [
        (h.target, h.provenance.origin) for h in reversed(list(history))
    ]
    for wanted in SUGGESTION_ORIGINS:
        for text, origin in states:
            if origin is wanted and text.strip():
                return text, origin
    return None


@dataclass(frozen=True)
class EffortRecord:
    """One confirm: who, how long, the suggestion and the final text and their distance."""

    segment_id: int
    document_id: int
    user: str
    seconds: float
    suggestion: str
    suggestion_origin: Origin
    final: str
    hter: float | None
    unit: Unit
    edits: float | None
    length: int
    created: datetime


def record_effort(
    store: Store,
    segment: Segment,
    history: Iterable[HistoryEntry],
    *,
    user: str,
    seconds: float,
) -> EffortRecord:
    """Store the effort of confirming ``segment`` (as saved) after ``seconds`` of work on it.

    ``history`` is the segment's earlier states, where the suggestion is looked for.
    """
    if segment.id is None:
        raise WorkbenchError("a segment must be saved before its effort is recorded")
    if seconds < 0:
        raise WorkbenchError(f"editing time cannot be negative, got {seconds:g} s")
    seconds = min(float(seconds), MAX_SECONDS)
    sessions = sessionmaker(store.engine)
    with sessions() as s:
        found = s.execute(
            select(SegmentRow.document_id, DocumentRow.tgt_lang)
            .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
            .where(SegmentRow.id == segment.id)
        ).first()
    if found is None:
        raise WorkbenchError(f"no segment with id {segment.id}")
    document_id, tgt_lang = found
    suggestion = suggestion_of(segment, history)
    unit = unit_for(tgt_lang)
    distance = edit_distance(suggestion[0], segment.target, tgt_lang) if suggestion else None
    record = EffortRecord(
        segment_id=segment.id,
        document_id=document_id,
        user=user,
        seconds=seconds,
        suggestion=suggestion[0] if suggestion else "",
        suggestion_origin=suggestion[1] if suggestion else Origin.NONE,
        final=segment.target,
        hter=distance.hter if distance else None,
        unit=unit,
        edits=distance.edits if distance else None,
        length=(distance or edit_distance(segment.target, segment.target, tgt_lang)).length,
        created=datetime.now(UTC),
    )
    with sessions() as s, s.begin():
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
    return record


def effort_records(store: Store, *, document_id: int | None = None) -> list[EffortRecord]:
    """The effort records, oldest first (of one document, if given)."""
    query = select(EffortRow).order_by(EffortRow.id)
    if document_id is not None:
        query = query.where(EffortRow.document_id == document_id)
    with sessionmaker(store.engine)() as s:
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


@dataclass(frozen=True)
class EffortSummary:
    """Effort summed over a document or a translator.

    ``hter`` is the mean HTER of the segments post-edited from machine translation
    (their latest confirm), ``None`` where there was none.
    """

    key: str
    segments: int
    seconds: float
    words: int
    mt_segments: int
    hter: float | None

    @property
    def seconds_per_segment(self) -> float:
        return self.seconds / self.segments if self.segments else 0.0

    @property
    def words_per_hour(self) -> float:
        """Final words (characters for Chinese) per hour of editing time."""
        return self.words * 3600 / self.seconds if self.seconds else 0.0


def summarize(records: Iterable[EffortRecord], key: str) -> EffortSummary:
    """One :class:`EffortSummary` over ``records`` under the label ``key``."""
    rows = list(records)
    latest: dict[int, EffortRecord] = {}
    for record in rows:
        latest[record.segment_id] = record
    mt = [
        r.hter for r in latest.values() if r.suggestion_origin is Origin.MT and r.hter is not None
    ]
    return EffortSummary(
        key=key,
        segments=len(latest),
        seconds=sum(r.seconds for r in rows),
        words=sum(r.length for r in latest.values()),
        mt_segments=len(mt),
        hter=sum(mt) / len(mt) if mt else None,
    )


def effort_report(
    store: Store, *, by: Literal["document", "user"], document_id: int | None = None
) -> list[EffortSummary]:
    """Effort per document (keyed by document name) or per translator, sorted by key."""
    if by not in ("document", "user"):
        raise WorkbenchError(f"an effort report is by 'document' or 'user', not {by!r}")
    records = effort_records(store, document_id=document_id)
    groups: dict[str, list[EffortRecord]] = defaultdict(list)
    names: dict[int, str] = {}
    if by == "document":
        with sessionmaker(store.engine)() as s:
            names = dict(s.execute(select(DocumentRow.id, DocumentRow.name)).all())
    for record in records:
        label = (
            names.get(record.document_id, str(record.document_id))
            if by == "document"
            else (record.user or "(unknown)")
        )
        groups[label].append(record)
    return [summarize(groups[k], k) for k in sorted(groups)]
