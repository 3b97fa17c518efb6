"""Post-editing effort: time spent on each segment, distance of the final text from the suggestion.

The edit distance is HTER (translation edit rate, with shifts) between the
machine-translation suggestion and the confirmed text, as the QA package counts
it (:func:`workbench.qa.effort.hter`): edits divided by the length of the
confirmed text, on words (punctuation split off) for English and Russian and on
characters for Chinese.  Each confirm made in the Edit page records one
:class:`EffortRecord` with the time spent, kept through an :class:`EffortLog`
(the project store's ``Store.effort``); :func:`effort_report` sums them per
document and per translator.  This module holds the counting and no SQL.

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
from typing import Literal, Protocol

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.model import EffortRecord, EffortUnit, HistoryEntry, Origin, Segment

log = logging.getLogger(__name__)

#: longer than this on one segment counts as this: the translator was away
MAX_SECONDS = 600.0
#: origins whose text counts as a suggestion to post-edit, best first
SUGGESTION_ORIGINS = (Origin.MT, Origin.TM)

Unit = EffortUnit


class EffortLog(Protocol):
    """Where effort records are kept (``Store.effort``: :mod:`workbench.store.effort`)."""

    def document_of(self, segment_id: int) -> tuple[int, str] | None:
        """The document id and target language of a segment (``None``: no such segment)."""
        ...

    def add(self, record: EffortRecord) -> None: ...

    def records(self, *, document_id: int | None = None) -> list[EffortRecord]:
        """The records, oldest first (of one document, if given)."""
        ...

    def document_names(self) -> dict[int, str]:
        """Every document's name by id."""
        ...


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


def record_effort(
    effort_log: EffortLog,
    segment: Segment,
    history: Iterable[HistoryEntry],
    *,
    user: str,
    seconds: float,
    tgt_lang: str | None = None,
) -> EffortRecord:
    """Record in ``effort_log`` the effort of confirming ``segment`` (as saved) after
    ``seconds`` of work on it.

    ``history`` is the segment's earlier states, where the suggestion is looked for;
    ``tgt_lang`` is the segment's target language where the caller knows it (its
    document's otherwise).
    """
    if segment.id is None:
        raise WorkbenchError("a segment must be saved before its effort is recorded")
    if seconds < 0:
        raise WorkbenchError(f"editing time cannot be negative, got {seconds:g} s")
    seconds = min(float(seconds), MAX_SECONDS)
    found = effort_log.document_of(segment.id)
    if found is None:
        raise WorkbenchError(f"no segment with id {segment.id}")
    document_id, lang = found
    tgt_lang = tgt_lang or lang
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
    effort_log.add(record)
    return record


def effort_records(effort_log: EffortLog, *, document_id: int | None = None) -> list[EffortRecord]:
    """The effort records, oldest first (of one document, if given)."""
    return effort_log.records(document_id=document_id)


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
    effort_log: EffortLog, *, by: Literal["document", "user"], document_id: int | None = None
) -> list[EffortSummary]:
    """Effort per document (keyed by document name) or per translator, sorted by key."""
    if by not in ("document", "user"):
        raise WorkbenchError(f"an effort report is by 'document' or 'user', not {by!r}")
    records = effort_log.records(document_id=document_id)
    groups: dict[str, list[EffortRecord]] = defaultdict(list)
    names = effort_log.document_names() if by == "document" else {}
    for record in records:
        label = (
            names.get(record.document_id, str(record.document_id))
            if by == "document"
            else (record.user or "(unknown)")
        )
        groups[label].append(record)
    return [summarize(groups[k], k) for k in sorted(groups)]


__all__ = [
    "MAX_SECONDS",
    "SUGGESTION_ORIGINS",
    "EditDistance",
    "EffortLog",
    "EffortRecord",
    "EffortSummary",
    "Unit",
    "edit_distance",
    "effort_records",
    "effort_report",
    "record_effort",
    "suggestion_of",
    "summarize",
    "unit_for",
]
