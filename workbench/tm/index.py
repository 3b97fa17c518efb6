"""The in-memory fuzzy index of one language pair's TM sources.

A fuzzy match score is rapidfuzz's ``fuzz.ratio`` (InDel similarity, in
percent) between case-folded sources.  Below :data:`SCAN_BELOW` units, and for
short queries, every source whose length allows the threshold is scored.  Above
it, candidates are chosen first: the sources sharing the most of the query's
informative tokens
(word stems of five characters for English and Russian, character bigrams for
Chinese; tokens found in more than :data:`COMMON` of the units select nothing),
at most :data:`CANDIDATES` of them, and only those are scored.  A source that
matches at 70% shares most of its words with the query, so it is among them;
``benchmarks/edit_latency.py`` measures how often the result equals a full scan.

>>> index = FuzzyIndex()
>>> index.extend([(1, "tass agreed."), (2, "xinhua reported on monday.")])
>>> index.search("tass agreed!", 70, 5)
[(1, 91.66666666666666)]
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections.abc import Sequence
from typing import Any

#: up to this many units, every source of a suitable length is scored
SCAN_BELOW = 20_000
#: how many candidates are scored in a large index
CANDIDATES = 2_000
#: a token in more than this share of the units does not select candidates
COMMON = 0.05
#: queries shorter than this (in characters) are always answered by a scan: their few
#: words may all be common ones, and few sources have a length close to theirs
SHORT = 25
_WORD = re.compile(r"\w+")


def tokens(key: str, cjk: bool = False) -> set[str]:
    """The tokens that select candidates: five-letter word stems, or character bigrams of
    text written without spaces (``cjk``)."""
    words = _WORD.findall(key)
    if cjk:
        text = "".join(words)
        return {text[i : i + 2] for i in range(len(text) - 1)}
    return {w[:5] for w in words if len(w) > 1 or w.isdigit()}


def length_window(length: int, threshold: float) -> tuple[int, int]:
    """The source lengths that allow a ratio of ``threshold`` percent with ``length``.

    A ratio of ``t`` needs the shorter text to be at least ``t / (2 - t)`` of the longer.
    """
    t = max(threshold, 1e-9) / 100
    return math.floor(length * t / (2 - t)), math.ceil(length * (2 - t) / t)


class FuzzyIndex:
    """Sources (fuzzy keys) with their unit ids, in the order they were added."""

    def __init__(self, *, cjk: bool = False) -> None:
        self.cjk = cjk
        self.ids: list[int] = []
        self.keys: list[str] = []
        self.max_id = 0
        self.lock = threading.Lock()
        self._postings: dict[str, array[int]] = {}
        self._lens: Any = None  # numpy array of key lengths, rebuilt after additions
        self._dead = 0

    def __len__(self) -> int:
        return len(self.ids) - self._dead

    def extend(self, rows: Sequence[tuple[int, str]]) -> None:
        """Add ``(unit id, fuzzy key)`` rows."""
        for unit_id, key in rows:
            ordinal = len(self.ids)
            self.ids.append(unit_id)
            self.keys.append(key)
            for token in tokens(key, self.cjk):
                posting = self._postings.get(token)
                if posting is None:
                    posting = self._postings[token] = array("i")
                posting.append(ordinal)
            self.max_id = max(self.max_id, unit_id)
        if rows:
            self._lens = None

    def remove(self, unit_id: int) -> None:
        """Forget a unit (its slot stays, matching nothing)."""
        for ordinal, found in enumerate(self.ids):
            if found == unit_id:
                self.ids[ordinal] = -1
                self.keys[ordinal] = ""
                self._dead += 1
                self._lens = None

    def _lengths(self) -> Any:
        import numpy as np

        if self._lens is None or len(self._lens) != len(self.keys):
            self._lens = np.fromiter((len(k) for k in self.keys), dtype=np.int32)
        return self._lens

    def scan(self, query: str, threshold: float, limit: int) -> list[tuple[int, float]]:
        """Score every source of a suitable length: the exact answer."""
        import numpy as np

        lo, hi = length_window(len(query), threshold)
        lens = self._lengths()
        chosen = np.flatnonzero((lens >= lo) & (lens <= hi))
        return self._score(query, chosen, threshold, limit)

    def search(self, query: str, threshold: float, limit: int) -> list[tuple[int, float]]:
        """The best ``limit`` ``(unit id, score)`` at or above ``threshold``, best first."""
        import numpy as np

        n = len(self.ids)
        if n <= SCAN_BELOW or len(query) < SHORT:
            return self.scan(query, threshold, limit)
        common = max(50, int(COMMON * n))
        postings = [
            np.frombuffer(p, dtype=np.int32)
            for t in tokens(query, self.cjk)
            if (p := self._postings.get(t)) is not None and len(p) <= common
        ]
        if not postings:  # only common words: nothing to choose by
            return self.scan(query, threshold, limit)
        counts = np.bincount(np.concatenate(postings), minlength=n)
        lo, hi = length_window(len(query), threshold)
        lens = self._lengths()
        chosen = np.flatnonzero((counts > 0) & (lens >= lo) & (lens <= hi))
        if len(chosen) > CANDIDATES:
            best = np.argpartition(-counts[chosen], CANDIDATES)[:CANDIDATES]
            chosen = chosen[best]
        return self._score(query, chosen, threshold, limit)

    def _score(
        self, query: str, chosen: Any, threshold: float, limit: int
    ) -> list[tuple[int, float]]:
        from rapidfuzz import fuzz, process

        ordinals = [int(i) for i in chosen if self.ids[i] >= 0]
        found = process.extract(
            query,
            [self.keys[i] for i in ordinals],
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            limit=limit,
        )
        return [(self.ids[ordinals[i]], float(score)) for _, score, i in found]

    def lenient(self, query: str, limit: int, cutoff: float) -> list[int]:
        """Unit ids whose sources share much of their wording with ``query`` in any order
        (a token-set score; characters for Chinese): candidates for semantic re-ranking."""
        import numpy as np
        from rapidfuzz import fuzz, process

        n = len(self.ids)
        if n == 0:
            return []
        if n > SCAN_BELOW:
            postings = [
                np.frombuffer(p, dtype=np.int32)
                for t in tokens(query, self.cjk)
                if (p := self._postings.get(t)) is not None
            ]
            if not postings:
                return []
            counts = np.bincount(np.concatenate(postings), minlength=n)
            chosen = np.flatnonzero(counts > 0)
            if len(chosen) > CANDIDATES:
                chosen = chosen[np.argpartition(-counts[chosen], CANDIDATES)[:CANDIDATES]]
            ordinals = [int(i) for i in chosen if self.ids[i] >= 0]
        else:
            ordinals = [i for i in range(n) if self.ids[i] >= 0]
        scorer = fuzz.token_set_ratio if " " in query.strip() else fuzz.partial_ratio
        found = process.extract(
            query,
            [self.keys[i] for i in ordinals],
            scorer=scorer,
            score_cutoff=cutoff,
            limit=limit,
        )
        return [self.ids[ordinals[i]] for _, _, i in found]
