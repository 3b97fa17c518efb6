"""What the post-editing side panel shows, and the rules it is built from (no I/O).

>>> from workbench.model import Segment
>>> seg = Segment(0, 0, "Hi.", "你好。", provenance=Provenance.machine("marian", "m"))
>>> mt_suggestion(seg, [])[0]
'你好。'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.model import HistoryEntry, Origin, Provenance, Segment

if TYPE_CHECKING:
    from workbench.glossary.hits import TermHit
    from workbench.tm import TmMatch


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


def needs_translation(segment: Segment, *, overwrite: bool) -> bool:
    """Whether a translate run may write ``segment``: never a confirmed one; one with a
    target only with ``overwrite``.  Every run (MT, TM, both) chooses segments by this rule.
    """
    return not segment.status.is_confirmed and (overwrite or not segment.target.strip())


__all__ = ["Panel", "ShownMatch", "mt_suggestion", "needs_translation"]
