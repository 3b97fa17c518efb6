"""Beads and alignments: what an aligner returns.  Plain objects, no numpy, no I/O.

A *bead* pairs a run of source sentences with a run of target sentences (either
may be empty: a sentence with no counterpart).  An :class:`Alignment` is the
list of beads that covers both texts in order, with the sentences and where the
result came from.

>>> beads = [Bead((0, 1), (0,), 0.9)]
>>> a = Alignment(["Hi.", "Bye."], ["你好。再见。"], beads, "en", "zh", "embedding")
>>> a.pairs()
[('Hi. Bye.', '你好。再见。', 0.9)]
>>> a.beads[0].kind
'2-1'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.model import Provenance

__all__ = ["Alignment", "Bead", "BeadKind"]

#: "1-1", "1-2", ... "0-1": how many source and target sentences a bead holds
BeadKind = str


@dataclass(frozen=True)
class Bead:
    """Source sentence indices, target sentence indices and a confidence in [0, 1].

    Indices are 0-based and consecutive; one side may be empty.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    def __post_init__(self) -> None:
        if not self.src and not self.tgt:
            raise WorkbenchError("a bead needs at least one source or target sentence")
        for side in (self.src, self.tgt):
            if any(b != a + 1 for a, b in pairwise(side)):
                raise WorkbenchError(f"bead sentences must be consecutive, not {list(side)}")
        if not 0.0 <= self.score <= 1.0:
            raise WorkbenchError(f"a bead's score is a confidence in [0, 1], not {self.score}")

    @property
    def kind(self) -> BeadKind:
        """``"<source count>-<target count>"``, e.g. ``"2-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_pair(self) -> bool:
        """Whether both sides have sentences (the bead is a translation pair)."""
        return bool(self.src) and bool(self.tgt)


@dataclass
class Alignment:
    """The beads aligning ``src`` (sentences in ``src_lang``) with ``tgt``.

    ``method`` names the aligner; ``settings`` holds what it needs to be
    reproduced.  Beads cover every sentence of both sides exactly once, in order.
    """

    src: Sequence[str]
    tgt: Sequence[str]
    beads: list[Bead]
    src_lang: str
    tgt_lang: str
    method: str
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        get_language(self.src_lang)
        get_language(self.tgt_lang)

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)

    def src_text(self, bead: Bead) -> str:
        """The bead's source sentences joined as the source language joins them."""
        joiner = get_language(self.src_lang).sentence_joiner
        return joiner.join(self.src[i] for i in bead.src)

    def tgt_text(self, bead: Bead) -> str:
        """The bead's target sentences joined as the target language joins them."""
        joiner = get_language(self.tgt_lang).sentence_joiner
        return joiner.join(self.tgt[j] for j in bead.tgt)

    def pairs(self, *, include_unaligned: bool = False) -> list[tuple[str, str, float]]:
        """``(source text, target text, score)`` per bead; beads with an empty side
        only when ``include_unaligned``."""
        return [
            (self.src_text(b), self.tgt_text(b), b.score)
            for b in self.beads
            if include_unaligned or b.is_pair
        ]

    def provenance(self, bead: Bead) -> Provenance:
        """Where a pair came from: this aligner with the bead's confidence."""
        return Provenance.aligner(self.method, round(bead.score, 4))

    def kinds(self) -> dict[BeadKind, int]:
        """How many beads of each kind, e.g. ``{"1-1": 38, "1-2": 1}``."""
        counts: dict[BeadKind, int] = {}
        for bead in self.beads:
            counts[bead.kind] = counts.get(bead.kind, 0) + 1
        return counts
