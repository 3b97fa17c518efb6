"""Reviewing an alignment: merge, split and move sentences between pairs, confirm.

A :class:`Review` holds the beads of an alignment in document order, each with
whether a person changed it and whether they confirmed it.  Its edits keep the
beads a valid alignment (every sentence in exactly one bead, in order); an edit
that cannot apply raises a :class:`ReviewError` saying why.  No Streamlit here:
the Align page calls these methods and draws the result.

>>> from workbench.align.beads import Alignment, Bead
>>> a = Alignment(["A.", "B."], ["甲。", "乙。"], [Bead((0, 1), (0,), 0.4), Bead((), (1,), 0.9)],
...               "en", "zh", "embedding")
>>> review = Review.start(a)
>>> review.split(0)
>>> [(p.src, p.tgt) for p in review.pairs]
[((0,), (0,)), ((1,), ()), ((), (1,))]
>>> review.merge(1)
>>> [(p.src, p.tgt) for p in review.pairs]
[((0,), (0,)), ((1,), (1,))]
>>> review.confirm_all()
2
>>> review.confirmed_texts()
[('A.', '甲。'), ('B.', '乙。')]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from workbench.align.beads import Alignment, Bead
from workbench.errors import WorkbenchError
from workbench.languages import get_language

__all__ = ["Order", "Review", "ReviewError", "ReviewPair"]

Side = Literal["src", "tgt"]
Direction = Literal["previous", "next"]
Order = Literal["document", "confidence"]


class ReviewError(WorkbenchError):
    """An edit of the alignment that cannot apply (says which pair and why)."""


@dataclass(frozen=True)
class ReviewPair:
    """One bead under review: sentence indices, the aligner's confidence, and flags."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    edited: bool = False
    confirmed: bool = False

    @property
    def key(self) -> str:
        """A name that changes whenever the pair's sentences do (for widget keys)."""
        return "s" + "_".join(map(str, self.src)) + "-t" + "_".join(map(str, self.tgt))

    @property
    def is_pair(self) -> bool:
        return bool(self.src) and bool(self.tgt)

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class Review:
    """An alignment being reviewed; :attr:`pairs` stay in document order."""

    alignment: Alignment
    pairs: list[ReviewPair] = field(default_factory=list)

    @classmethod
    def start(cls, alignment: Alignment) -> Review:
        return cls(alignment, [ReviewPair(b.src, b.tgt, b.score) for b in alignment.beads])

    # -- reading -----------------------------------------------------------------------

    def src_text(self, pair: ReviewPair) -> str:
        """The pair's source sentences, joined as the source language joins them."""
        joiner = get_language(self.alignment.src_lang).sentence_joiner
        return joiner.join(self.alignment.src[i] for i in pair.src)

    def tgt_text(self, pair: ReviewPair) -> str:
        """The pair's target sentences, joined as the target language joins them."""
        joiner = get_language(self.alignment.tgt_lang).sentence_joiner
        return joiner.join(self.alignment.tgt[j] for j in pair.tgt)

    def order(self, by: Order = "document") -> list[int]:
        """Indices of :attr:`pairs` in document order or by ascending confidence
        (edited pairs, which a person made, last)."""
        if by == "document":
            return list(range(len(self.pairs)))
        return sorted(
            range(len(self.pairs)), key=lambda k: (self.pairs[k].edited, self.pairs[k].score, k)
        )

    @property
    def confirmed_count(self) -> int:
        return sum(1 for p in self.pairs if p.confirmed and p.is_pair)

    def confirmed_texts(self) -> list[tuple[str, str]]:
        """``(source, target)`` of the confirmed pairs, in document order."""
        return [
            (self.src_text(p), self.tgt_text(p)) for p in self.pairs if p.confirmed and p.is_pair
        ]

    def to_alignment(self, *, confirmed_only: bool = True) -> Alignment:
        """The reviewed beads as an alignment (edited pairs score 1: a person made them)."""
        beads = [
            Bead(p.src, p.tgt, 1.0 if p.edited else p.score)
            for p in self.pairs
            if p.confirmed or not confirmed_only
        ]
        a = self.alignment
        return Alignment(a.src, a.tgt, beads, a.src_lang, a.tgt_lang, a.method, dict(a.settings))

    # -- edits -------------------------------------------------------------------------

    def _check(self, k: int) -> ReviewPair:
        if not 0 <= k < len(self.pairs):
            raise ReviewError(f"there is no pair {k + 1}: the alignment has {len(self.pairs)}")
        return self.pairs[k]

    def merge(self, k: int) -> None:
        """Join pair ``k`` with the next one."""
        first = self._check(k)
        if k + 1 >= len(self.pairs):
            raise ReviewError(f"pair {k + 1} is the last one: there is no next pair to merge")
        second = self.pairs[k + 1]
        merged = ReviewPair(
            first.src + second.src, first.tgt + second.tgt, min(first.score, second.score), True
        )
        self.pairs[k : k + 2] = [merged]

    def split(self, k: int) -> None:
        """Split pair ``k`` after its first sentence on each side that has several;
        a one-to-one pair becomes two unaligned sentences."""
        pair = self._check(k)
        if len(pair.src) <= 1 and len(pair.tgt) <= 1:
            if not pair.is_pair:
                raise ReviewError(f"pair {k + 1} has a single sentence: nothing to split")
            parts = [(pair.src, ()), ((), pair.tgt)]
        else:
            at_src = 1 if len(pair.src) > 1 else len(pair.src)
            at_tgt = 1 if len(pair.tgt) > 1 else len(pair.tgt)
            parts = [(pair.src[:at_src], pair.tgt[:at_tgt]), (pair.src[at_src:], pair.tgt[at_tgt:])]
        self.pairs[k : k + 1] = [
            ReviewPair(src, tgt, pair.score, True) for src, tgt in parts if src or tgt
        ]

    def move(self, k: int, side: Side, direction: Direction) -> None:
        """Move the last sentence of pair ``k``'s ``side`` to the start of the next pair,
        or its first sentence to the end of the previous pair."""
        pair = self._check(k)
        other = k + 1 if direction == "next" else k - 1
        if not 0 <= other < len(self.pairs):
            where = "last" if direction == "next" else "first"
            raise ReviewError(f"pair {k + 1} is the {where} one: there is no {direction} pair")
        sentences = pair.src if side == "src" else pair.tgt
        if not sentences:
            name = "source" if side == "src" else "target"
            raise ReviewError(f"pair {k + 1} has no {name} sentence to move")
        neighbour = self.pairs[other]
        if direction == "next":
            moved, kept = sentences[-1:], sentences[:-1]
            taken = moved + (neighbour.src if side == "src" else neighbour.tgt)
        else:
            moved, kept = sentences[:1], sentences[1:]
            taken = (neighbour.src if side == "src" else neighbour.tgt) + moved
        if side == "src":
            changed = replace(pair, src=kept), replace(neighbour, src=taken)
        else:
            changed = replace(pair, tgt=kept), replace(neighbour, tgt=taken)
        updated = {
            index: replace(p, edited=True, confirmed=False)
            for index, p in zip((k, other), changed, strict=True)
        }
        rebuilt = [updated.get(i, p) for i, p in enumerate(self.pairs)]
        self.pairs = [p for p in rebuilt if p.src or p.tgt]

    def confirm(self, k: int, value: bool = True) -> None:
        """Mark pair ``k`` confirmed (or not)."""
        pair = self._check(k)
        if value and not pair.is_pair:
            raise ReviewError(
                f"pair {k + 1} has sentences on one side only: merge or move them into a pair "
                "before confirming"
            )
        self.pairs[k] = replace(pair, confirmed=value)

    def confirm_all(self, min_score: float = 0.0) -> int:
        """Confirm every pair (both sides non-empty) scoring at least ``min_score``;
        return how many are confirmed now."""
        self.pairs = [
            replace(p, confirmed=True) if p.is_pair and (p.edited or p.score >= min_score) else p
            for p in self.pairs
        ]
        return self.confirmed_count
