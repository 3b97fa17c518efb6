"""Precision, recall and F1 of an alignment against a reference, strict and lax.

The definitions are vecalign's (Thompson and Koehn 2019), as bertalign reports
them: *strict* counts a bead right only when it is exactly a reference bead;
*lax* also counts a bead that shares at least one source and one target
sentence with a reference bead.  Precision is over the predicted beads,
unaligned ones included; recall over the reference beads that pair sentences.
Counts are added over all documents before dividing (micro average).

>>> gold = [[((0,), (0,)), ((1, 2), (1,))]]
>>> test = [[((0,), (0,)), ((1,), (1,)), ((2,), ())]]
>>> s = score_alignments(gold, test)
>>> round(s.strict.precision, 3), round(s.strict.recall, 3), round(s.lax.recall, 3)
(0.333, 0.5, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["PRF", "Scores", "as_pairs", "score_alignments"]

#: a bead as (source indices, target indices)
Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    strict: PRF
    lax: PRF


def as_pairs(beads: Iterable[object]) -> list[Pair]:
    """``(src, tgt)`` tuples from beads (anything with ``src`` and ``tgt``) or pairs."""
    out: list[Pair] = []
    for bead in beads:
        if isinstance(bead, tuple):
            src, tgt = bead
        else:
            src, tgt = bead.src, bead.tgt  # type: ignore[attr-defined]
        out.append((tuple(src), tuple(tgt)))
    return out


def _counts(reference: list[Pair], predicted: list[Pair]) -> tuple[int, int, int]:
    """(strict hits, lax hits, total) of ``predicted`` beads judged against ``reference``."""
    ref = set(reference)
    src_of: dict[int, set[int]] = {}
    tgt_of: dict[int, set[int]] = {}
    for k, (src, tgt) in enumerate(reference):
        for i in src:
            src_of.setdefault(i, set()).add(k)
        for j in tgt:
            tgt_of.setdefault(j, set()).add(k)
    strict = lax = total = 0
    for src, tgt in predicted:
        if not src and not tgt:
            continue
        total += 1
        if (src, tgt) in ref:
            strict += 1
            lax += 1
            continue
        by_src = set().union(*(src_of.get(i, set()) for i in src)) if src else set()
        by_tgt = set().union(*(tgt_of.get(j, set()) for j in tgt)) if tgt else set()
        if by_src & by_tgt:
            lax += 1
    return strict, lax, total


def score_alignments(gold: Sequence[Iterable[object]], test: Sequence[Iterable[object]]) -> Scores:
    """Strict and lax precision and recall of ``test`` against ``gold``, one list of
    beads per document."""
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} reference documents but {len(test)} predicted")
    ps = pl = pt = rs = rl = rt = 0
    for g, t in zip(gold, test, strict=True):
        gp, tp = as_pairs(g), as_pairs(t)
        s, lx, n = _counts(gp, tp)
        ps, pl, pt = ps + s, pl + lx, pt + n
        s, lx, n = _counts([b for b in tp if b[0] and b[1]], [b for b in gp if b[0] and b[1]])
        rs, rl, rt = rs + s, rl + lx, rt + n
    return Scores(
        PRF(ps / pt if pt else 0.0, rs / rt if rt else 0.0),
        PRF(pl / pt if pt else 0.0, rl / rt if rt else 0.0),
    )
