"""The post-editing workspace's operations: what the Edit page (and the benchmark) call.

Each function does one action on one segment and returns plain values, so the
page only draws widgets: :func:`confirm_segment` (save, TM, effort),
:func:`insert_match`, :func:`insert_mt`, :func:`insert_term`, :func:`copy_source` and
:func:`side_panel` (the MT suggestion, TM matches with a diff against the
current source, glossary hits and the history of the current segment).

>>> from workbench.store import Store
>>> from workbench.workflow import add_article
>>> store = Store("sqlite://")
>>> doc = add_article(store, "P", "d", ["TASS agreed."], src_lang="en", tgt_lang="zh")
>>> seg = store.load_document(doc).segments[0]
>>> confirm_segment(store, seg.id, "塔斯社表示同意。", user="anna", expected_version=0,
...                 seconds=12.5).status.value
'translated'
>>> [m.target for m in side_panel(store, seg.id).matches]
['塔斯社表示同意。']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Origin, Provenance, Segment, Status
from workbench.store import Store
from workbench.tm.diff import diff_html
from workbench.tm.effort import record_effort
from workbench.tm.memory import DEFAULT_LIMIT, DEFAULT_THRESHOLD, TmMatch, TranslationMemory
from workbench.tm.terms import TermHit, TermMatcher, glossary_hits, with_term


@dataclass(frozen=True)
class ShownMatch:
    """A TM match as the side panel shows it: the match and its source's diff (HTML)."""

    match: TmMatch
    diff: str

    @property
    def target(self) -> str:
        return self.match.target


@dataclass(frozen=True)
class Panel:
    """What the side panel shows for one segment."""

    segment: Segment
    src_lang: str
    tgt_lang: str
    mt: tuple[str, Provenance] | None
    matches: list[ShownMatch] = field(default_factory=list)
    terms: list[TermHit] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)


def mt_suggestion(
    segment: Segment, history: Sequence[HistoryEntry]
) -> tuple[str, Provenance] | None:
    """The latest machine translation of the segment (current target or an earlier one)."""
    if segment.provenance.origin is Origin.MT and segment.target.strip():
        return segment.target, segment.provenance
    for entry in reversed(history):
        if entry.provenance.origin is Origin.MT and entry.target.strip():
            return entry.target, entry.provenance
    return None


def side_panel(
    store: Store,
    segment_id: int,
    *,
    tm: TranslationMemory | None = None,
    glossary: TermMatcher | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    semantic: bool = False,
) -> Panel:
    """The MT suggestion, TM matches, glossary hits and history of one segment."""
    tm = tm or TranslationMemory(store.tm_units)
    segment = store.load_segment(segment_id)
    src, tgt = store.segment_languages(segment_id)
    history = store.segment_history(segment_id)
    previous, following = store.neighbours(segment_id)
    matches = tm.lookup(
        segment.source,
        src,
        tgt,
        previous=previous or "",
        following=following or "",
        threshold=threshold,
        limit=limit,
        semantic=semantic,
    )
    return Panel(
        segment=segment,
        src_lang=src,
        tgt_lang=tgt,
        mt=mt_suggestion(segment, history),
        matches=[ShownMatch(m, diff_html(m.source, segment.source, src)) for m in matches],
        terms=glossary_hits(segment.source, src, tgt, glossary),
        history=history,
    )


def confirm_segment(
    store: Store,
    segment_id: int,
    text: str,
    *,
    user: str,
    expected_version: int | None,
    seconds: float,
) -> Segment:
    """Confirm a segment: save ``text`` as translated, put it in the TM, record the effort.

    An empty text cannot be confirmed; a stale ``expected_version`` raises a
    :class:`~workbench.errors.ConflictError` and changes nothing.
    """
    from workbench.workflow import edit_segment

    if not text.strip():
        raise WorkbenchError("type a translation before confirming the segment")
    saved = edit_segment(
        store, segment_id, text, confirm=True, user=user, expected_version=expected_version
    )
    record_effort(
        store.effort, saved, store.segment_history(segment_id), user=user, seconds=seconds
    )
    return saved


def _save_draft(
    store: Store,
    segment_id: int,
    text: str,
    provenance: Provenance,
    expected_version: int | None,
) -> Segment:
    return store.save_segment(
        segment_id,
        text,
        status=Status.for_target(text),
        provenance=provenance,
        expected_version=expected_version,
    )


def insert_match(
    store: Store,
    segment_id: int,
    match: TmMatch,
    *,
    expected_version: int | None,
    tm: TranslationMemory | None = None,
) -> Segment:
    """Put a TM match's target into the segment as a draft with TM provenance; count the use."""
    saved = _save_draft(store, segment_id, match.target, match.provenance(), expected_version)
    (tm or TranslationMemory(store.tm_units)).mark_used(match.unit.id)
    return saved


def insert_mt(store: Store, segment_id: int, *, expected_version: int | None) -> Segment:
    """Put the segment's MT suggestion back as its target (a draft with MT provenance)."""
    segment = store.load_segment(segment_id)
    found = mt_suggestion(segment, store.segment_history(segment_id))
    if found is None:
        raise WorkbenchError(
            f"segment {segment.index + 1} has no machine translation yet: translate the "
            "document on the Translate page first"
        )
    return _save_draft(store, segment_id, found[0], found[1], expected_version)


def insert_term(
    store: Store,
    segment_id: int,
    hit: TermHit,
    *,
    glossary: TermMatcher,
    user: str,
    expected_version: int | None,
) -> Segment:
    """Put a glossary hit's approved target into the segment (a draft by ``user``): in place
    of a forbidden variant of the term where the target has one, else at its end."""
    segment = store.load_segment(segment_id)
    _, tgt = store.segment_languages(segment_id)
    text = with_term(segment.target, hit, tgt, glossary)
    return _save_draft(store, segment_id, text, Provenance.human(user), expected_version)


def copy_source(
    store: Store, segment_id: int, *, user: str, expected_version: int | None
) -> Segment:
    """Copy the source into the target (for names, numbers, quotes left as they are)."""
    segment = store.load_segment(segment_id)
    return _save_draft(store, segment_id, segment.source, Provenance.human(user), expected_version)


def document_stamp(store: Store, doc_id: int) -> tuple[int, int]:
    """``(segments, sum of their versions)``: changes whenever a segment is saved, split or
    merged (a cheap key for caches of whole-document results)."""
    return store.document_stamp(doc_id)


def qa_issues(store: Store, doc_id: int) -> dict[int, list[str]]:
    """The QA findings of the document's translated segments, by segment id.

    Runs the QA package's checks (with the shipped glossary where there is one);
    empty targets are not findings here: the status filter shows those.
    """
    from workbench.qa.checks import check_names, run_checks
    from workbench.qa.review import shipped_glossary
    from workbench.qa.terms import load_glossary

    doc = store.load_document(doc_id)
    glossary = shipped_glossary()
    result = run_checks(
        [s for s in doc.segments if s.target.strip()],
        doc.src_lang,
        doc.tgt_lang,
        terms=load_glossary(glossary) if glossary else None,
        checks=[c for c in check_names() if c != "empty"],
    )
    by_index = {s.index: s.id for s in doc.segments}
    found: dict[int, list[str]] = {}
    for issue in result.issues:
        seg_id = by_index.get(issue.segment)
        if seg_id is not None:
            found.setdefault(seg_id, []).append(f"{issue.check}: {issue.message}")
    return found
