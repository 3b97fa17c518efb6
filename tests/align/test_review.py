"""Reviewing an alignment: merge, split, move, confirm; each edit keeps a valid alignment."""

from __future__ import annotations

import pytest

from workbench.align.beads import Alignment, Bead
from workbench.align.review import Review, ReviewError

SRC = ["A1.", "A2.", "A3.", "A4."]
TGT = ["B1。", "B2。", "B3。", "B4。"]
Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


def review(beads: Beads, scores: list[float] | None = None) -> Review:
    scores = scores or [0.9] * len(beads)
    a = Alignment(
        SRC,
        TGT,
        [Bead(s, t, x) for (s, t), x in zip(beads, scores, strict=True)],
        "en",
        "zh",
        "embedding",
    )
    return Review.start(a)


def shape(r: Review) -> Beads:
    return [(p.src, p.tgt) for p in r.pairs]


def valid(r: Review) -> None:
    """Every sentence once, in order."""
    assert [i for p in r.pairs for i in p.src] == list(range(len(SRC)))
    assert [j for p in r.pairs for j in p.tgt] == list(range(len(TGT)))


ONE_ONE: Beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


@pytest.mark.parametrize(
    ("start", "edit", "expected"),
    [
        (ONE_ONE, ("merge", 1), [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]),
        (
            [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))],
            ("split", 1),
            [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2, 3))],
        ),
        (
            [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))],
            ("split", 2),
            [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((), (3,))],
        ),
        (
            [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,))],
            ("split", 0),
            [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))],
        ),
        (ONE_ONE, ("split", 0), [((0,), ()), ((), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]),
        (
            [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,))],
            ("move", 0, "src", "next"),
            [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))],
        ),
        (
            [((0,), (0, 1)), ((1,), (2,)), ((2, 3), (3,))],
            ("move", 0, "tgt", "next"),
            [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,))],
        ),
        (
            [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3))],
            ("move", 2, "src", "previous"),
            [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))],
        ),
        (
            [((0,), (0,)), ((1,), ()), ((2, 3), (1, 2, 3))],
            ("move", 2, "tgt", "previous"),
            [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3))],
        ),
        (
            [((0,), (0,)), ((), (1,)), ((1, 2, 3), (2, 3))],
            ("move", 1, "tgt", "next"),
            [((0,), (0,)), ((1, 2, 3), (1, 2, 3))],
        ),
    ],
    ids=[
        "merge",
        "split-2-1",
        "split-1-2",
        "split-2-2",
        "split-1-1-unpairs",
        "move-src-next",
        "move-tgt-next",
        "move-src-previous",
        "move-tgt-previous",
        "move-empties-a-pair",
    ],
)
def test_edits(start: Beads, edit: tuple[object, ...], expected: Beads) -> None:
    r = review(start)
    action, *args = edit
    getattr(r, str(action))(*args)
    assert shape(r) == expected
    valid(r)
    changed = [p for p in r.pairs if (p.src, p.tgt) not in start]
    assert changed and all(p.edited for p in changed)


@pytest.mark.parametrize(
    ("start", "edit", "message"),
    [
        (ONE_ONE, ("merge", 3), "pair 4 is the last one"),
        (ONE_ONE, ("merge", 7), "there is no pair 8"),
        ([((0,), ()), ((), (0,)), ((1, 2, 3), (1, 2, 3))], ("split", 0), "nothing to split"),
        (ONE_ONE, ("move", 0, "src", "previous"), "pair 1 is the first one"),
        (ONE_ONE, ("move", 3, "tgt", "next"), "pair 4 is the last one"),
        (
            [((0,), ()), ((), (0,)), ((1, 2, 3), (1, 2, 3))],
            ("move", 0, "tgt", "next"),
            "pair 1 has no target sentence",
        ),
        ([((0,), ()), ((), (0,)), ((1, 2, 3), (1, 2, 3))], ("confirm", 1), "one side only"),
    ],
)
def test_impossible_edits_say_why(start: Beads, edit: tuple[object, ...], message: str) -> None:
    r = review(start)
    action, *args = edit
    with pytest.raises(ReviewError, match=message):
        getattr(r, str(action))(*args)
    assert shape(r) == start


def test_order_by_confidence_puts_doubtful_pairs_first() -> None:
    r = review(ONE_ONE, [0.9, 0.2, 0.95, 0.5])
    assert r.order("document") == [0, 1, 2, 3]
    assert r.order("confidence") == [1, 3, 0, 2]
    r.merge(2)  # edited pairs, made by a person, go last
    assert r.order("confidence") == [1, 0, 2]


def test_confirm_and_export_confirmed_pairs() -> None:
    r = review([((0,), (0,)), ((1,), ()), ((2, 3), (1, 2, 3))], [0.9, 0.8, 0.3])
    assert r.confirm_all(min_score=0.5) == 1
    assert r.confirmed_texts() == [("A1.", "B1。")]
    r.confirm(2)
    assert r.confirmed_texts() == [("A1.", "B1。"), ("A3. A4.", "B2。B3。B4。")]
    r.confirm(0, False)
    assert r.confirmed_count == 1
    out = r.to_alignment()
    assert [(b.src, b.tgt, b.score) for b in out] == [((2, 3), (1, 2, 3), 0.3)]
    r.merge(1)  # an edit drops the confirmation of the pairs it changes
    assert r.confirmed_count == 0 and r.pairs[1].edited
    r.confirm(1)
    assert r.to_alignment().beads[0].score == 1.0  # a person made it
    r.move(1, "src", "previous")
    assert r.confirmed_count == 0
