"""Strict and lax precision, recall and F1 (vecalign's definitions)."""

from __future__ import annotations

import pytest

from workbench.align.beads import Bead
from workbench.align.score import as_pairs, score_alignments

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,))]


@pytest.mark.parametrize(
    ("test", "strict", "lax"),
    [
        (GOLD, (1.0, 1.0), (1.0, 1.0)),
        # the 2-1 split into 1-1 + 1-0: half right strictly, all right laxly on recall
        (
            [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,))],
            (3 / 5, 2 / 3),
            (4 / 5, 1.0),
        ),
        # everything unaligned: precision counts the deletion that is right
        (
            [((i,), ()) for i in range(5)] + [((), (j,)) for j in range(3)],
            (1 / 8, 0.0),
            (1 / 8, 0.0),
        ),
        ([], (0.0, 0.0), (0.0, 0.0)),
    ],
    ids=["exact", "split", "nothing", "empty"],
)
def test_scores(
    test: list[tuple[tuple[int, ...], tuple[int, ...]]],
    strict: tuple[float, float],
    lax: tuple[float, float],
) -> None:
    s = score_alignments([GOLD], [test])
    assert (s.strict.precision, s.strict.recall) == pytest.approx(strict)
    assert (s.lax.precision, s.lax.recall) == pytest.approx(lax)


def test_counts_add_over_documents_and_beads_are_accepted() -> None:
    s = score_alignments([GOLD, GOLD], [GOLD, [Bead(s, t) for s, t in GOLD[:2]]])
    assert s.strict.precision == 1.0
    assert s.strict.recall == pytest.approx(5 / 6)
    assert s.strict.f1 == pytest.approx(2 * (5 / 6) / (1 + 5 / 6))
    assert as_pairs([Bead((1,), (2, 3))]) == [((1,), (2, 3))]


def test_documents_must_match() -> None:
    with pytest.raises(ValueError, match="2 reference documents but 1 predicted"):
        score_alignments([GOLD, GOLD], [GOLD])
