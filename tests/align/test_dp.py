"""The dynamic program and its bands, with hand-made scores (no model)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from workbench.align.dp import BEAD_TYPES, Band, BeadType, Span, best_path, coarse_to_fine


class TableScorer:
    """Scores from a table of intended beads: +1 for each, -1 for anything else."""

    def __init__(self, beads: Sequence[Span], n: int, m: int) -> None:
        self.wanted = {(i1, j1, i1 - i0, j1 - j0) for i0, i1, j0, j1 in beads}
        gaps_src = {i0 for i0, i1, j0, j1 in beads if i1 > i0 and j1 == j0}
        gaps_tgt = {j0 for i0, i1, j0, j1 in beads if j1 > j0 and i1 == i0}
        self.skip_src = np.array([1.0 if i in gaps_src else -1.0 for i in range(n)])
        self.skip_tgt = np.array([1.0 if j in gaps_tgt else -1.0 for j in range(m)])

    def row(
        self, i: int, js: np.ndarray, types: Sequence[BeadType]
    ) -> Mapping[BeadType, np.ndarray]:
        return {
            (a, b): np.array([1.0 if (i, int(j), a, b) in self.wanted else -1.0 for j in js])
            for a, b in types
        }


def _path(kinds: Sequence[str]) -> tuple[list[Span], int, int]:
    spans: list[Span] = []
    i = j = 0
    for kind in kinds:
        a, b = (int(x) for x in kind.split("-"))
        spans.append((i, i + a, j, j + b))
        i, j = i + a, j + b
    return spans, i, j


@pytest.mark.parametrize(
    "kinds",
    [
        ["1-1", "1-1", "1-1"],
        ["1-2", "2-1", "1-1"],
        ["1-3", "3-1", "2-2"],
        ["1-0", "1-1", "0-1"],
        ["0-1", "0-1", "1-1", "1-0", "1-0"],
        ["2-2", "1-0", "1-1", "0-1", "1-3"],
    ],
    ids=lambda k: "+".join(k),
)
def test_the_best_path_is_the_planted_one(kinds: list[str]) -> None:
    spans, n, m = _path(kinds)
    found = best_path(n, m, TableScorer(spans, n, m), Band.full(n, m))
    assert found == spans


def test_a_narrow_band_still_finds_the_planted_path() -> None:
    spans, n, m = _path(["1-1", "1-2", "1-1", "2-1", "1-1"] * 40)
    band = Band.around(spans, n, m, 2)
    assert band.cells < 0.1 * (n + 1) * (m + 1)
    assert best_path(n, m, TableScorer(spans, n, m), band) == spans


@pytest.mark.parametrize(("n", "m"), [(0, 0), (1, 0), (0, 3), (5, 1)])
def test_degenerate_shapes(n: int, m: int) -> None:
    spans = [(i, i + 1, 0, 0) for i in range(n)] + [(n, n, j, j + 1) for j in range(m)]
    found = best_path(n, m, TableScorer(spans, n, m), Band.full(n, m), BEAD_TYPES)
    # every sentence unaligned (in some order: the orders tie)
    assert sorted((i0, i1) for i0, i1, j0, j1 in found if i1 > i0) == [(i, i + 1) for i in range(n)]
    assert sorted((j0, j1) for i0, i1, j0, j1 in found if j1 > j0) == [(j, j + 1) for j in range(m)]
    assert all(i1 - i0 + j1 - j0 == 1 for i0, i1, j0, j1 in found)


def test_bands_are_monotone_connected_and_cover_their_path() -> None:
    lo = np.array([3, 0, 5, 2, 9, 9])
    hi = np.array([1, 2, 2, 4, 3, 5])
    band = Band.from_bounds(lo, hi, 12)
    assert band.lo[0] == 0 and band.hi[-1] == 12
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()
    assert (band.lo[1:] <= band.hi[:-1]).all()
    assert (band.lo <= band.hi).all()


def test_coarse_to_fine_follows_a_shifted_diagonal() -> None:
    rng = np.random.default_rng(0)
    n = 600
    src = rng.normal(size=(n, 32))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    # the target lost 20 sentences at 100 and has 15 extra at 400
    keep = np.r_[0:100, 120:400]
    extra = rng.normal(size=(15, 32))
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    tgt = np.vstack([src[keep], extra, src[400:]])
    band = coarse_to_fine(src, tgt, width=6, max_cells=10_000)
    m = len(tgt)
    assert band.cells < 0.2 * (n + 1) * (m + 1)
    # every true pair lies in the band
    truth = list(zip(keep, range(len(keep)), strict=True)) + [
        (400 + k, len(keep) + 15 + k) for k in range(200)
    ]
    for i, j in truth:
        assert band.lo[i + 1] <= j + 1 <= band.hi[i + 1]


def test_a_band_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="band is 2x2"):
        best_path(3, 3, TableScorer([], 3, 3), Band.full(2, 2))
