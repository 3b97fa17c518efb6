"""The translation memory: exact, in-context, fuzzy and semantic lookup over stored units.

The units live behind a small :class:`UnitRepository` (the project store's
``Store.tm_units``, :mod:`workbench.store.tm`); this module holds the matching
and no SQL.

A unit is a source sentence and its translation in a language pair, with where
it came from (``origin``: ``"segment"``, ``"aligner:dp"``, ``"tmx:news.tmx"``),
who made it, its dates and how often it was used.  Adding a pair that is
already there (same texts after :func:`~workbench.tm.normalize.match_key`)
updates its date and usage count instead of adding a copy.

Lookups (:meth:`TranslationMemory.lookup`) find, best first, in-context matches
(101%: same source and the same previous and next segment), exact matches
(100%), fuzzy matches (rapidfuzz, a match percentage, default threshold 70) and,
when asked, semantic matches (multilingual sentence embeddings) for
near-paraphrases.  :meth:`TranslationMemory.concordance` finds a word or phrase
in sources and targets through the repository's search (SQLite FTS5 with the
trigram tokenizer, which needs no word segmentation and so works for Chinese and
Russian alike).

>>> from workbench.store import Store
>>> tm = TranslationMemory(Store("sqlite://").tm_units)
>>> tm.add([("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="demo")
1
>>> [(m.kind, m.score, m.target) for m in tm.lookup("TASS agreed!", "en", "zh")]
[('fuzzy', 92.0, '塔斯社表示同意。')]
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.model import NewUnit, Provenance, TmUnit, UnitMeta
from workbench.tm.index import FuzzyIndex
from workbench.tm.normalize import (
    clean,
    context_key,
    fuzzy_key,
    match_key,
    unit_digest,
)

if TYPE_CHECKING:
    from workbench.tm.semantic import Embedder

log = logging.getLogger(__name__)

MatchKind = Literal["context", "exact", "fuzzy", "semantic"]

#: the default lowest fuzzy match percentage shown
DEFAULT_THRESHOLD = 70.0
#: how many matches a lookup returns by default
DEFAULT_LIMIT = 5
#: the lowest cosine similarity (as a percentage) a semantic match needs
SEMANTIC_THRESHOLD = 75.0


class TMError(WorkbenchError):
    """A translation-memory operation that cannot be done as asked."""


class UnitRepository(Protocol):
    """Where the memory's units are kept (``Store.tm_units``: :mod:`workbench.store.tm`).

    Languages are given as codes, source keys as :func:`~workbench.tm.normalize.match_key`
    makes them, contexts as :func:`~workbench.tm.normalize.context_key` digests.
    """

    @property
    def shared_key(self) -> object:
        """Stands for the database in this process (hashable, weakly referenceable):
        memories over one key share their in-memory fuzzy indexes and vectors."""
        ...

    def upsert(
        self,
        src_lang: str,
        tgt_lang: str,
        units: Sequence[NewUnit],
        *,
        origin: str,
        creator: str = "",
    ) -> tuple[int, int]:
        """Add the new units, count the known ones (by digest) again: ``(added, updated)``."""
        ...

    def exact(
        self, src_lang: str, tgt_lang: str, source_key: str, context: str | None = None
    ) -> list[tuple[TmUnit, bool]]:
        """Units with this source key, most recently changed first, each with whether it was
        seen in ``context``."""
        ...

    def get(self, unit_ids: Iterable[int]) -> dict[int, TmUnit]: ...

    def keys_since(self, src_lang: str, tgt_lang: str, after: int) -> list[tuple[int, str]]:
        """``(id, source key)`` of the pair's units with ids above ``after``."""
        ...

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int: ...

    def version(self) -> int:
        """A number that grows whenever a unit is added."""
        ...

    def language_pairs(self) -> list[tuple[str, str, int]]: ...

    def units(
        self, src_lang: str | None = None, tgt_lang: str | None = None, *, batch: int = 2000
    ) -> Iterator[TmUnit]: ...

    def mark_used(self, counts: Mapping[int, int]) -> None:
        """Count ``counts[unit_id]`` more uses of each unit."""
        ...

    def delete(self, unit_id: int) -> None: ...

    def search(
        self,
        phrase: str,
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        limit: int = 50,
    ) -> list[TmUnit]:
        """Units whose source or target contains ``phrase``, most recently changed first."""
        ...


@dataclass(frozen=True)
class TmMatch:
    """A unit found for a source sentence, how well it matches and by which kind of lookup.

    ``score`` is a percentage: 101 for an in-context match, 100 for an exact one,
    the fuzzy similarity, or the semantic (cosine) similarity.
    """

    unit: TmUnit
    score: float
    kind: MatchKind

    @property
    def source(self) -> str:
        return self.unit.source

    @property
    def target(self) -> str:
        return self.unit.target

    @property
    def label(self) -> str:
        """``101%``, ``100%``, ``87%`` or ``≈83%`` (semantic), for a side panel."""
        prefix = "≈" if self.kind == "semantic" else ""
        return f"{prefix}{self.score:g}%"

    def provenance(self) -> Provenance:
        """The provenance of a target taken from this match."""
        return Provenance.memory(
            self.score, detail=f"{self.kind} · unit {self.unit.id} · {self.unit.origin}"
        )


@dataclass(frozen=True)
class AddResult:
    """What :meth:`TranslationMemory.add_pairs` did."""

    added: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class ConcordanceHit:
    """A unit whose source or target contains the searched text."""

    unit: TmUnit
    in_source: bool
    in_target: bool


@dataclass
class _Shared:
    """What every TranslationMemory over one database shares in this process."""

    indexes: dict[tuple[str, str], FuzzyIndex] = field(default_factory=dict)
    embeddings: dict[str, dict[int, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_SHARED: weakref.WeakKeyDictionary[object, _Shared] = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def _check_pair(src_lang: str, tgt_lang: str) -> tuple[str, str]:
    src = get_language(src_lang).code
    tgt = get_language(tgt_lang).code
    if src == tgt:
        raise TMError(
            f"a translation memory pairs two languages, got {src!r} twice: give a different "
            "target language"
        )
    return src, tgt


class TranslationMemory:
    """The translation memory whose units ``units`` keeps (``Store.tm_units``).

    Cheap to create: what is costly (the in-memory fuzzy index of each language
    pair, the embedding model) is built on first use and shared by every
    instance over the same database (``units.shared_key``) in this process.
    """

    def __init__(self, units: UnitRepository, *, embedder: Embedder | None = None) -> None:
        self.repository = units
        self._embedder = embedder
        key = units.shared_key
        with _SHARED_LOCK:
            shared = _SHARED.get(key)
            if shared is None:
                shared = _SHARED[key] = _Shared()
        self._shared = shared

    # -- plumbing -------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder of semantic lookups (the default loads on first use)."""
        if self._embedder is None:
            from workbench.tm.semantic import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def embedding_cache(self, name: str) -> dict[int, Any]:
        """Unit id -> vector for the embedder ``name``, shared in this process."""
        with self._shared.lock:
            return self._shared.embeddings.setdefault(name, {})

    # -- adding ---------------------------------------------------------------------

    def add(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        src_lang: str,
        tgt_lang: str,
        origin: str,
        creator: str = "",
        with_context: bool = True,
    ) -> int:
        """Add ``(source, target)`` pairs; return how many new units were made.

        A pair already in the memory is not copied: its date and usage count are
        updated.  Pairs with an empty side are skipped.  With ``with_context``
        the pairs are taken as consecutive sentences of one text, and each unit
        remembers its neighbours for in-context (101%) matches.

        >>> from workbench.store import Store
        >>> tm = TranslationMemory(Store("sqlite://").tm_units)
        >>> tm.add([("Hi.", "Привет."), ("Hi.", "Привет.")], src_lang="en", tgt_lang="ru",
        ...        origin="aligner:dp")
        1
        """
        return self.add_pairs(
            pairs,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            origin=origin,
            creator=creator,
            with_context=with_context,
        ).added

    def add_pairs(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        src_lang: str,
        tgt_lang: str,
        origin: str,
        creator: str = "",
        with_context: bool = True,
        contexts: Sequence[tuple[str | None, str | None]] | None = None,
        meta: Sequence[UnitMeta | None] | None = None,
    ) -> AddResult:
        """:meth:`add`, returning how many units were added, updated and skipped.

        ``contexts`` gives each pair's previous and next source explicitly
        (instead of the neighbouring pairs); ``meta`` gives each pair's dates,
        creator, origin and usage count as another tool recorded them (for new
        units; ``None`` fields keep the defaults).
        """
        src, tgt = _check_pair(src_lang, tgt_lang)
        items: list[tuple[str, str]] = []
        for number, pair in enumerate(pairs, start=1):
            if (
                not isinstance(pair, tuple | list)
                or len(pair) != 2
                or not all(isinstance(x, str) for x in pair)
            ):
                raise TMError(
                    f"pair {number} is {pair!r}: the memory takes (source, target) string pairs"
                )
            items.append((clean(pair[0]), clean(pair[1])))
        if meta is not None and len(meta) != len(items):
            raise TMError(f"{len(meta)} metadata entries for {len(items)} pairs: give one per pair")
        if contexts is not None and len(contexts) != len(items):
            raise TMError(
                f"{len(contexts)} contexts for {len(items)} pairs: give one (previous, next) "
                "per pair"
            )
        ctx: list[str | None] = []
        for i in range(len(items)):
            if contexts is not None:
                ctx.append(context_key(*contexts[i]))
            elif with_context:
                prev = items[i - 1][0] if i > 0 else None
                nxt = items[i + 1][0] if i + 1 < len(items) else None
                ctx.append(context_key(prev, nxt))
            else:
                ctx.append(None)
        # one entry per distinct unit, in first-seen order, with its contexts and count
        wanted: dict[str, dict[str, Any]] = {}
        skipped = 0
        for number, ((source, target), context) in enumerate(zip(items, ctx, strict=True)):
            if not source or not target:
                skipped += 1
                continue
            key = unit_digest(src, tgt, source, target)
            entry = wanted.get(key)
            if entry is None:
                entry = wanted[key] = {
                    "source": source,
                    "target": target,
                    "contexts": set(),
                    "count": 0,
                    "meta": meta[number] if meta is not None else None,
                }
            entry["count"] += 1
            if context is not None:
                entry["contexts"].add(context)
        units = [
            NewUnit(
                source=e["source"],
                target=e["target"],
                source_key=match_key(e["source"]),
                digest=digest,
                count=e["count"],
                contexts=frozenset(e["contexts"]),
                meta=e["meta"],
            )
            for digest, e in wanted.items()
        ]
        added, updated = self.repository.upsert(src, tgt, units, origin=origin, creator=creator)
        return AddResult(added=added, updated=updated, skipped=skipped)

    # -- reading --------------------------------------------------------------------

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
        """How many units the memory holds (in one language pair, if given)."""
        return self.repository.count(src_lang, tgt_lang)

    def version(self) -> int:
        """A number that grows whenever a unit is added (the highest unit id): for caches."""
        return self.repository.version()

    def language_pairs(self) -> list[tuple[str, str, int]]:
        """Each ``(src_lang, tgt_lang, units)`` in the memory."""
        return self.repository.language_pairs()

    def units(
        self, src_lang: str | None = None, tgt_lang: str | None = None, *, batch: int = 2000
    ) -> Iterator[TmUnit]:
        """Every unit (of one language pair, if given), oldest first, read in batches."""
        return self.repository.units(src_lang, tgt_lang, batch=batch)

    def get(self, unit_ids: Iterable[int]) -> dict[int, TmUnit]:
        """The units with ``unit_ids`` (missing ones are left out)."""
        return self.repository.get(unit_ids)

    def mark_used(self, unit_id: int) -> None:
        """Count one use of a unit (its target was inserted into a segment)."""
        self.repository.mark_used({unit_id: 1})

    def mark_used_many(self, unit_ids: Iterable[int]) -> None:
        """Count one use of each unit in ``unit_ids`` (a unit listed twice counts twice)."""
        counts: dict[int, int] = {}
        for unit_id in unit_ids:
            counts[unit_id] = counts.get(unit_id, 0) + 1
        if counts:
            self.repository.mark_used(counts)

    def delete(self, unit_id: int) -> None:
        """Remove one unit."""
        self.repository.delete(unit_id)
        with self._shared.lock:
            indexes = list(self._shared.indexes.values())
        for index in indexes:
            with index.lock:
                index.remove(unit_id)

    # -- lookup ---------------------------------------------------------------------

    def lookup(
        self,
        source: str,
        src_lang: str,
        tgt_lang: str,
        *,
        previous: str | None = None,
        following: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        semantic: bool = False,
        semantic_threshold: float = SEMANTIC_THRESHOLD,
    ) -> list[TmMatch]:
        """The best ``limit`` matches for ``source``, best first.

        In-context matches (101) need ``previous`` or ``following`` (the
        neighbouring source segments; ``None`` at the edges of a document, so
        pass ``""`` there too).  Fuzzy matches below ``threshold`` percent are
        left out.  With ``semantic``, near-paraphrases are looked for too with
        the multilingual embedder (loaded on first use).
        """
        if not 0 <= threshold <= 100:
            raise TMError(f"the match threshold must be between 0 and 100, got {threshold:g}")
        if limit < 1:
            raise TMError(f"a lookup returns at least one match, got limit={limit}")
        src, tgt = _check_pair(src_lang, tgt_lang)
        source = clean(source)
        if not source:
            return []
        matches = self._exact(source, src, tgt, previous, following)
        seen = {m.unit.id for m in matches}
        if len(matches) < limit:
            fuzzy = self._fuzzy(source, src, tgt, threshold, limit + len(seen), exclude=seen)
            matches.extend(fuzzy)
            seen.update(m.unit.id for m in fuzzy)
        if semantic and len(matches) < limit:
            matches.extend(
                self._semantic(
                    source,
                    src,
                    tgt,
                    threshold=semantic_threshold,
                    limit=limit - len(matches),
                    exclude=seen,
                )
            )
        return matches[:limit]

    def best(
        self,
        source: str,
        src_lang: str,
        tgt_lang: str,
        *,
        previous: str | None = None,
        following: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> TmMatch | None:
        """The single best match at or above ``threshold`` (101 and 100 always qualify)."""
        found = self.lookup(
            source,
            src_lang,
            tgt_lang,
            previous=previous,
            following=following,
            threshold=min(threshold, 100.0),
            limit=1,
        )
        if found and found[0].score >= threshold:
            return found[0]
        return None

    def _exact(
        self, source: str, src: str, tgt: str, previous: str | None, following: str | None
    ) -> list[TmMatch]:
        asked = previous is not None or following is not None
        found = self.repository.exact(
            src, tgt, match_key(source), context_key(previous, following) if asked else None
        )
        context = [TmMatch(u, 101.0, "context") for u, in_context in found if in_context]
        exact = [TmMatch(u, 100.0, "exact") for u, in_context in found if not in_context]
        return context + exact

    def _index(self, src: str, tgt: str) -> FuzzyIndex:
        """The fuzzy index of a language pair, brought up to date with the database.

        New units are found by their ids (one indexed range query); a unit
        deleted by another process stays a ghost until this one restarts, and
        :meth:`get` drops it from results.
        """
        shared = self._shared
        with shared.lock:
            index = shared.indexes.setdefault(
                (src, tgt), FuzzyIndex(cjk=not get_language(src).sentence_joiner)
            )
        with index.lock:
            rows = self.repository.keys_since(src, tgt, index.max_id)
            if rows:
                index.extend([(unit_id, key.casefold()) for unit_id, key in rows])
            return index

    def _fuzzy(
        self,
        source: str,
        src: str,
        tgt: str,
        threshold: float,
        limit: int,
        *,
        exclude: set[int],
    ) -> list[TmMatch]:
        index = self._index(src, tgt)
        exact_key = match_key(source)
        with index.lock:
            scored = index.search(fuzzy_key(source), threshold, limit + len(exclude))
        scored = [(u, sc) for u, sc in scored if u not in exclude]
        units = self.get(u for u, _ in scored)
        matches: list[TmMatch] = []
        for unit_id, score in scored:
            unit = units.get(unit_id)
            if unit is None:
                continue
            # only an identical source is 100%: a difference in case alone is 99
            value = round(score)
            if value >= 100 and match_key(unit.source) != exact_key:
                value = 99
            matches.append(TmMatch(unit, float(value), "fuzzy"))
        matches.sort(key=lambda m: (-m.score, -m.unit.usage_count, -m.unit.id))
        return matches[:limit]

    def _semantic(
        self,
        source: str,
        src: str,
        tgt: str,
        *,
        threshold: float,
        limit: int,
        exclude: set[int],
    ) -> list[TmMatch]:
        """Lexical candidates re-ranked by the embedder (:mod:`workbench.tm.semantic`)."""
        from workbench.tm.semantic import CANDIDATE_CUTOFF, CANDIDATES, semantic_scores

        if limit < 1:
            return []
        ids = [
            u
            for u in self.candidates(source, src, tgt, limit=CANDIDATES, cutoff=CANDIDATE_CUTOFF)
            if u not in exclude
        ]
        if not ids:
            return []
        units = self.get(ids)
        embedder = self.embedder
        scored = semantic_scores(
            source,
            [units[u] for u in ids if u in units],
            embedder,
            self.embedding_cache(embedder.name),
            threshold=threshold,
        )
        matches = [TmMatch(unit, score, "semantic") for unit, score in scored]
        return matches[:limit]

    def candidates(
        self, source: str, src_lang: str, tgt_lang: str, *, limit: int, cutoff: float
    ) -> list[int]:
        """Unit ids whose sources share much of their wording with ``source``, for re-ranking.

        Uses a lenient token-set score (characters for Chinese) down to ``cutoff``.
        """
        index = self._index(src_lang, tgt_lang)
        with index.lock:
            return index.lenient(fuzzy_key(source), limit, cutoff)

    # -- concordance ----------------------------------------------------------------

    def concordance(
        self,
        phrase: str,
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        limit: int = 50,
    ) -> list[ConcordanceHit]:
        """Units whose source or target contains ``phrase`` (case-insensitive), newest first.

        Uses the store's FTS5 trigram index for phrases of three characters or more
        (two-character Chinese words are searched by a scan).
        """
        phrase = clean(phrase)
        if not phrase:
            raise TMError("give a word or phrase to search the memory for")
        if limit < 1:
            raise TMError(f"a search returns at least one unit, got limit={limit}")
        units = self.repository.search(
            phrase,
            src_lang=None if src_lang is None else get_language(src_lang).code,
            tgt_lang=None if tgt_lang is None else get_language(tgt_lang).code,
            limit=limit,
        )
        folded = phrase.casefold()
        return [
            ConcordanceHit(u, folded in u.source.casefold(), folded in u.target.casefold())
            for u in units
        ]


__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "AddResult",
    "ConcordanceHit",
    "MatchKind",
    "TMError",
    "TmMatch",
    "TmUnit",
    "TranslationMemory",
    "UnitMeta",
    "UnitRepository",
]
