"""The dynamic program shared by the aligners: the best monotone chain of beads.

The search maximises the sum of bead scores over a *band*: for each source
position ``i`` (0..n) a range ``lo[i]..hi[i]`` of target positions.  A full band
costs ``n * m`` cells; a band around a coarse path costs ``n * width``, which is
what keeps long documents near linear (see :func:`coarse_to_fine`).

Rows are computed one at a time with numpy over the row's columns.  Beads that
take target sentences only (``0-1``) chain within a row; with the prefix sums
``P`` of their scores that chain is a running maximum, ``V[j] = P[j] +
max_{k<=j}(A[k] - P[k])``, so a row costs a handful of vector operations whatever
its width.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = [
    "BEAD_TYPES",
    "AlignScorer",
    "Band",
    "BeadType",
    "RowScorer",
    "Span",
    "best_path",
    "coarse_to_fine",
]

#: (source sentences, target sentences) of a bead
BeadType = tuple[int, int]
#: every bead type the aligners consider
BEAD_TYPES: tuple[BeadType, ...] = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 0), (0, 1))
#: a bead as half-open ranges: source ``i0:i1``, target ``j0:j1``
Span = tuple[int, int, int, int]

_NEG = -np.inf


class RowScorer(Protocol):
    """Scores of beads for the dynamic program.

    :meth:`row` gives, for source position ``i`` and target positions ``js``, the
    score of each pair type ``(a, b)`` (``a, b >= 1``) of the bead ``src[i-a:i]``,
    ``tgt[j-b:j]``; :attr:`skip_src` and :attr:`skip_tgt` score leaving one
    sentence unaligned.  Scores must be finite; where ``j < b`` any value will do.
    """

    skip_src: Floats
    skip_tgt: Floats

    def row(self, i: int, js: Ints, types: Sequence[BeadType]) -> Mapping[BeadType, Floats]: ...


class AlignScorer(RowScorer, Protocol):
    """A :class:`RowScorer` that also rates the beads of the path it led to."""

    def confidence(self, spans: Sequence[Span]) -> list[float]:
        """A confidence in [0, 1] for each bead of a path (indices local to the scorer)."""
        ...


@dataclass(frozen=True)
class Band:
    """For each source position ``i`` in ``0..n`` the target positions ``lo[i]..hi[i]``.

    Both bounds are non-decreasing and consecutive rows overlap, so every cell
    can be reached from ``(0, 0)`` and reaches ``(n, m)``.
    """

    lo: Ints
    hi: Ints
    m: int

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64), m)

    @classmethod
    def from_bounds(cls, lo: Ints, hi: Ints, m: int) -> Band:
        """A valid band containing ``lo[i]..hi[i]`` for each row (widened where needed)."""
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m)
        hi = np.clip(np.asarray(hi, dtype=np.int64), 0, m)
        lo[0], hi[-1] = 0, m
        lo = np.minimum.accumulate(lo[::-1])[::-1].copy()  # non-decreasing
        hi = np.maximum.accumulate(np.maximum(hi, lo))  # non-decreasing, hi >= lo
        lo[1:] = np.minimum(lo[1:], hi[:-1])  # consecutive rows overlap
        return cls(lo, hi, m)

    @classmethod
    def around(cls, spans: Sequence[Span], n: int, m: int, width: int) -> Band:
        """The band of half-width ``width`` around a path of beads."""
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        for i0, i1, j0, j1 in spans:
            lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], j0)
            hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], j1)
        if not spans:
            lo[:], hi[:] = 0, m
        return cls.from_bounds(lo - width, hi + width, m)

    def upsample(self, n: int, m: int, factor: int, width: int) -> Band:
        """This band, computed on sentences grouped ``factor`` by ``factor``, at the
        finer resolution of ``n`` by ``m`` sentences, widened by ``width``."""
        rows = np.minimum(np.arange(n + 1) // factor, self.n)
        lo = self.lo[rows] * factor - width
        hi = (self.hi[rows] + 1) * factor + width
        return Band.from_bounds(lo, hi, m)


def best_path(
    n: int, m: int, scorer: RowScorer, band: Band, types: Sequence[BeadType] = BEAD_TYPES
) -> list[Span]:
    """The chain of beads from ``(0, 0)`` to ``(n, m)`` with the highest total score."""
    if band.n != n or band.m != m:
        raise ValueError(f"band is {band.n}x{band.m}, the texts {n}x{m}")
    pair_types = [t for t in types if t[0] and t[1]]
    down = [(k, t) for k, t in enumerate(types) if t[0]]  # types that consume source
    right = next((k for k, t in enumerate(types) if t == (0, 1)), None)
    prefix = np.concatenate([[0.0], np.cumsum(scorer.skip_tgt, dtype=np.float64)])
    values: list[Floats] = []
    backs: list[NDArray[np.int8]] = []
    for i in range(n + 1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        js = np.arange(lo, hi + 1, dtype=np.int64)
        best = np.full(len(js), _NEG)
        back = np.full(len(js), -1, dtype=np.int8)
        if i == 0:
            if lo == 0:
                best[0] = 0.0
        else:
            scores = scorer.row(i, js, [t for t in pair_types if t[0] <= i])
            for k, (a, b) in down:
                if a > i:
                    continue
                prev = values[i - a]
                pos = js - b - band.lo[i - a]
                ok = (pos >= 0) & (pos < len(prev))
                cand = np.where(ok, prev[np.clip(pos, 0, len(prev) - 1)], _NEG)
                cand = cand + (scores[(a, b)] if b else scorer.skip_src[i - 1])
                better = cand > best
                best = np.where(better, cand, best)
                back = np.where(better, np.int8(k), back)
        if right is not None and len(js) > 1:
            p = prefix[js]
            gain = best - p
            run = np.maximum.accumulate(gain)
            moved = run > gain
            best = np.where(moved, run + p, best)
            back = np.where(moved, np.int8(right), back)
        values.append(best)
        backs.append(back)
    if not np.isfinite(values[n][m - band.lo[n]]):
        raise ValueError("no path through the band")  # pragma: no cover - bands are connected
    spans: list[Span] = []
    i, j = n, m
    while i or j:
        k = int(backs[i][j - band.lo[i]])
        a, b = types[k]
        spans.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    spans.reverse()
    return spans


class _CosineScorer:
    """1-1 scores ``cos - floor`` for the coarse passes; skipping scores 0."""

    def __init__(self, src: Floats, tgt: Floats, floor: float) -> None:
        self.src, self.tgt, self.floor = src, tgt, floor
        self.skip_src = np.zeros(len(src))
        self.skip_tgt = np.zeros(len(tgt))

    def row(self, i: int, js: Ints, types: Sequence[BeadType]) -> Mapping[BeadType, Floats]:
        cols = np.clip(js - 1, 0, len(self.tgt) - 1)
        sims: Floats = (self.tgt[cols] @ self.src[i - 1]).astype(np.float64)
        return {(1, 1): sims - self.floor}


def _halve(vectors: Floats) -> Floats:
    """Mean of each pair of consecutive rows, renormalised (an odd last row stays)."""
    n = len(vectors)
    pairs = vectors[: n - n % 2].reshape(-1, 2, vectors.shape[1]).sum(axis=1)
    if n % 2:
        pairs = np.vstack([pairs, vectors[-1:]])
    norms = np.linalg.norm(pairs, axis=1, keepdims=True)
    out: Floats = pairs / np.maximum(norms, 1e-9)
    return out


def coarse_to_fine(
    src: Floats, tgt: Floats, *, width: int = 8, max_cells: int = 40_000, floor: float = 0.3
) -> Band:
    """A band around the likely path of ``src`` against ``tgt`` (unit embeddings).

    Small inputs (at most ``max_cells`` cells) get the full band.  Larger ones are
    halved (consecutive sentences averaged) until small, aligned 1-1 there, and
    the path is refined one level at a time inside a band around the coarser one:
    each level costs about ``(n + m) * width`` cells.
    """
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= max_cells or min(n, m) < 2:
        return Band.full(n, m)
    coarse = coarse_to_fine(_halve(src), _halve(tgt), width=width, max_cells=max_cells, floor=floor)
    band = coarse.upsample(n, m, 2, width)
    path = best_path(n, m, _CosineScorer(src, tgt, floor), band, ((1, 1), (1, 0), (0, 1)))
    return Band.around(path, n, m, width)
