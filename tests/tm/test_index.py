"""The fuzzy index: candidate selection on large memories agrees with a full scan."""

from __future__ import annotations

import random

import pytest

from workbench.tm import index as index_module
from workbench.tm.index import FuzzyIndex, length_window, tokens

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORDS = ["".join(random.Random(i).choice(_LETTERS) for _ in range(3 + i % 7)) for i in range(600)]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + "."


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> tuple[FuzzyIndex, list[str]]:
    monkeypatch.setattr(index_module, "SCAN_BELOW", 100)
    monkeypatch.setattr(index_module, "CANDIDATES", 200)
    rng = random.Random(5)
    keys = [_sentence(rng) for _ in range(3000)]
    index = FuzzyIndex()
    index.extend(list(enumerate(keys, start=1)))
    return index, keys


def test_candidates_find_what_a_full_scan_finds(big: tuple[FuzzyIndex, list[str]]) -> None:
    index, keys = big
    rng = random.Random(7)
    agree = 0
    for key in rng.sample(keys, 100):
        words = key.split()
        words[rng.randrange(len(words))] = "changed"
        query = " ".join(words)
        searched, scanned = index.search(query, 70, 5), index.scan(query, 70, 5)
        assert searched and searched[0][1] == scanned[0][1]  # the best score is never missed
        agree += {u for u, _ in searched} == {u for u, _ in scanned}
    assert agree >= 60  # ties at the fifth place may differ


def test_removed_units_match_nothing(big: tuple[FuzzyIndex, list[str]]) -> None:
    index, keys = big
    best = index.search(keys[10], 70, 1)[0]
    assert best == (11, 100.0)
    index.remove(11)
    assert all(unit != 11 for unit, _ in index.search(keys[10], 70, 5))
    assert all(unit != 11 for unit, _ in index.scan(keys[10], 70, 5))
    assert len(index) == 2999


@pytest.mark.parametrize(
    ("key", "cjk", "expected"),
    [
        ("Xinhua reported on Monday.", False, {"xinhu", "repor", "on", "monda"}),
        ("a 5 b", False, {"5"}),
        ("新华社报道", True, {"新华", "华社", "社报", "报道"}),
    ],
)
def test_tokens(key: str, cjk: bool, expected: set[str]) -> None:
    assert tokens(key.casefold(), cjk) == expected


@pytest.mark.parametrize(
    ("length", "threshold", "window"),
    [(100, 70, (53, 186)), (100, 100, (100, 100)), (10, 50, (3, 30))],
)
def test_length_window(length: int, threshold: float, window: tuple[int, int]) -> None:
    assert length_window(length, threshold) == window
