"""Gale and Church's length-based aligner (1993), the baseline.

A bead's score is the log of its type's prior times the probability of its
length difference: ``delta = (l_tgt / c - l_src) / sqrt(s2 * (l_src + l_tgt / c) / 2)``
with ``c`` the document's ratio of target to source characters and ``s2 = 6.8``,
scored ``log(2 * (1 - Phi(|delta|)))``.  Lengths count letters and digits, so
that Chinese and Russian compare through the ratio ``c``.  No model, no numpy
beyond the dynamic program: fast, and a floor for the embedding aligner.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.align.base import Aligner, Window
from workbench.align.dp import Band, BeadType, Span

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = ["LengthAligner"]

#: Gale and Church's priors, with 1-3 and 3-1 as rare as 2-2
PRIORS: dict[BeadType, float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
    (3, 1): 0.005,
    (1, 3): 0.005,
}
VARIANCE = 6.8


@dataclass
class _Lengths:
    src: Floats
    tgt: Floats
    ratio: float


class LengthAligner(Aligner[_Lengths]):
    """Gale-Church: sentence lengths in characters and bead priors, nothing else."""

    name = "length"

    def settings(self) -> dict[str, Any]:
        return {"variance": VARIANCE}

    def _features(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> _Lengths:
        s = np.array([_chars(t) for t in src], dtype=np.float64)
        t = np.array([_chars(x) for x in tgt], dtype=np.float64)
        return _Lengths(s, t, float(t.sum() / max(s.sum(), 1.0)))

    def _group(
        self, features: _Lengths, src_groups: list[range], tgt_groups: list[range]
    ) -> _Lengths:
        s = np.array([features.src[g].sum() for g in src_groups])
        t = np.array([features.tgt[g].sum() for g in tgt_groups])
        return _Lengths(s, t, features.ratio)

    def _band(self, features: _Lengths, window: Window) -> Band:
        n, m = window.n, window.m
        if (n + 1) * (m + 1) <= 40_000:
            return Band.full(n, m)
        # around the diagonal, as wide as the texts' difference in sentences allows
        rows = np.arange(n + 1)
        centre = rows * m / max(n, 1)
        width = 20 + abs(n - m)
        return Band.from_bounds(
            np.floor(centre - width).astype(np.int64), np.ceil(centre + width).astype(np.int64), m
        )

    def _scorer(self, features: _Lengths, window: Window, band: Band) -> _LengthScorer:
        return _LengthScorer(
            features.src[window.i0 : window.i1], features.tgt[window.j0 : window.j1], features.ratio
        )


def _chars(text: str) -> int:
    return max(1, sum(1 for c in text if c.isalnum()))


def _log_match(src_len: Floats, tgt_len: Floats, ratio: float) -> Floats:
    """log of 2 * (1 - Phi(|delta|)): how likely the two lengths translate each other."""
    mean = 0.5 * (src_len + tgt_len / ratio)
    delta = np.abs(tgt_len / ratio - src_len) / np.sqrt(VARIANCE * np.maximum(mean, 1.0))
    x = delta / math.sqrt(2.0)
    # 2 * (1 - Phi(d)) = erfc(d / sqrt 2); past x = 5 its asymptote, to stay finite
    near = np.asarray(_erfc(np.minimum(x, 5.0)), dtype=np.float64)
    far = -x * x - np.log(np.maximum(x, 1e-9) * math.sqrt(math.pi))
    out: Floats = np.where(x < 5.0, np.log(np.maximum(near, 1e-300)), far)
    return out


_erfc = np.frompyfunc(math.erfc, 1, 1)


class _LengthScorer:
    def __init__(self, src: Floats, tgt: Floats, ratio: float) -> None:
        self.src_cum = np.concatenate([[0.0], np.cumsum(src)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(tgt)])
        self.ratio = ratio
        self.skip_src = np.full(len(src), math.log(PRIORS[(1, 0)]))
        self.skip_tgt = np.full(len(tgt), math.log(PRIORS[(0, 1)]))

    def _lengths(self, i: int, js: Ints, a: int, b: int) -> tuple[Floats, Floats]:
        src_len = np.full(len(js), self.src_cum[i] - self.src_cum[i - a])
        tgt_len = self.tgt_cum[np.clip(js, 0, None)] - self.tgt_cum[np.clip(js - b, 0, None)]
        return src_len, tgt_len

    def row(self, i: int, js: Ints, types: Sequence[BeadType]) -> Mapping[BeadType, Floats]:
        out: dict[BeadType, Floats] = {}
        for a, b in types:
            src_len, tgt_len = self._lengths(i, js, a, b)
            out[(a, b)] = math.log(PRIORS[(a, b)]) + _log_match(src_len, tgt_len, self.ratio)
        return out

    def confidence(self, spans: Sequence[Span]) -> list[float]:
        out: list[float] = []
        for i0, i1, j0, j1 in spans:
            a, b = i1 - i0, j1 - j0
            if a and b:
                src_len, tgt_len = self._lengths(i1, np.array([j1]), a, b)
                out.append(float(np.exp(_log_match(src_len, tgt_len, self.ratio))[0]))
            else:
                out.append(0.5)
        return out
