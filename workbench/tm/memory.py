"""The translation memory: units of source and target kept in the project store.

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
in sources and targets through SQLite FTS5 with the trigram tokenizer, which
needs no word segmentation and so works for Chinese and Russian alike.

>>> from workbench.store import Store
>>> tm = TranslationMemory(Store("sqlite://"))
>>> tm.add([("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="demo")
1
>>> [(m.kind, m.score, m.target) for m in tm.lookup("TASS agreed!", "en", "zh")]
[('fuzzy', 92.0, '塔斯社表示同意。')]
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workbench.errors import WorkbenchError
from workbench.languages import get_language
from workbench.model import Provenance
from workbench.store.schema import DocumentRow, SegmentRow, TmContextRow, TmUnitRow
from workbench.tm.index import FuzzyIndex
from workbench.tm.normalize import (
    clean,
    context_key,
    fuzzy_key,
    match_key,
    unit_digest,
)

if TYPE_CHECKING:
    from workbench.model import Segment
    from workbench.store import Store
    from workbench.tm.semantic import Embedder

log = logging.getLogger(__name__)

MatchKind = Literal["context", "exact", "fuzzy", "semantic"]

#: the default lowest fuzzy match percentage shown
DEFAULT_THRESHOLD = 70.0
#: how many matches a lookup returns by default
DEFAULT_LIMIT = 5
#: the lowest cosine similarity (as a percentage) a semantic match needs
SEMANTIC_THRESHOLD = 75.0
_CHUNK = 500
#: an addition of this many units checkpoints SQLite's write-ahead log
BULK = 2000


class TMError(WorkbenchError):
    """A translation-memory operation that cannot be done as asked."""


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class TmUnit:
    """One unit of the memory."""

    id: int
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str
    creator: str
    created: datetime
    changed: datetime
    last_used: datetime | None
    usage_count: int


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
class UnitMeta:
    """What another tool recorded about a unit (TMX ``<tu>`` attributes); ``None``: unknown."""

    created: datetime | None = None
    changed: datetime | None = None
    creator: str | None = None
    origin: str | None = None
    usage_count: int | None = None
    last_used: datetime | None = None

    def values(self) -> dict[str, Any]:
        """The known fields, as column values."""
        found = {
            "created": self.created,
            "changed": self.changed or self.created,
            "creator": self.creator,
            "origin": self.origin,
            "usage_count": self.usage_count,
            "last_used": self.last_used,
        }
        return {k: v for k, v in found.items() if v is not None}


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
    """What every TranslationMemory over one database engine shares in this process."""

    ready: bool = False
    fts: bool = False
    indexes: dict[tuple[str, str], FuzzyIndex] = field(default_factory=dict)
    embeddings: dict[str, dict[int, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_SHARED: weakref.WeakKeyDictionary[Engine, _Shared] = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS tm_fts USING fts5("
    "source, target, content='tm_units', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS tm_units_fts_ai AFTER INSERT ON tm_units BEGIN "
    "INSERT INTO tm_fts(rowid, source, target) VALUES (new.id, new.source, new.target); END",
    "CREATE TRIGGER IF NOT EXISTS tm_units_fts_ad AFTER DELETE ON tm_units BEGIN "
    "INSERT INTO tm_fts(tm_fts, rowid, source, target) "
    "VALUES ('delete', old.id, old.source, old.target); END",
    "CREATE TRIGGER IF NOT EXISTS tm_units_fts_au AFTER UPDATE OF source, target ON tm_units "
    "BEGIN INSERT INTO tm_fts(tm_fts, rowid, source, target) "
    "VALUES ('delete', old.id, old.source, old.target); "
    "INSERT INTO tm_fts(rowid, source, target) VALUES (new.id, new.source, new.target); END",
)


def _to_unit(row: Any) -> TmUnit:
    return TmUnit(
        id=row.id,
        src_lang=row.src_lang,
        tgt_lang=row.tgt_lang,
        source=row.source,
        target=row.target,
        origin=row.origin,
        creator=row.creator,
        created=row.created,
        changed=row.changed,
        last_used=row.last_used,
        usage_count=row.usage_count,
    )


def _check_pair(src_lang: str, tgt_lang: str) -> tuple[str, str]:
    src = get_language(src_lang).code
    tgt = get_language(tgt_lang).code
    if src == tgt:
        raise TMError(
            f"a translation memory pairs two languages, got {src!r} twice: give a different "
            "target language"
        )
    return src, tgt


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class TranslationMemory:
    """The translation memory kept in ``store``'s database.

    Cheap to create: what is costly (the in-memory fuzzy index of each language
    pair, the embedding model) is built on first use and shared by every
    instance over the same database in this process.
    """

    def __init__(self, store: Store, *, embedder: Embedder | None = None) -> None:
        self.store = store
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        self._embedder = embedder
        with _SHARED_LOCK:
            shared = _SHARED.get(store.engine)
            if shared is None:
                shared = _SHARED[store.engine] = _Shared()
        self._shared = shared
        if not shared.ready:
            with shared.lock:
                if not shared.ready:
                    shared.fts = self._setup_fts()
                    shared.ready = True

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

    def _session(self) -> Session:
        return self._sessions()

    def _setup_fts(self) -> bool:
        """Create the FTS5 trigram index over units (SQLite only); False where unavailable."""
        if self.store.engine.dialect.name != "sqlite":
            return False
        try:
            with self.store.engine.begin() as conn:
                existed = conn.execute(
                    text("SELECT 1 FROM sqlite_master WHERE name = 'tm_fts'")
                ).first()
                for ddl in _FTS_DDL:
                    conn.execute(text(ddl))
                if existed is None and conn.execute(text("SELECT 1 FROM tm_units LIMIT 1")).first():
                    conn.execute(text("INSERT INTO tm_fts(tm_fts) VALUES ('rebuild')"))
        except OperationalError as exc:
            log.warning("no FTS5 trigram index (%s): concordance falls back to LIKE", exc.orig)
            return False
        return True

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
        >>> tm = TranslationMemory(Store("sqlite://"))
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
        now = _now()
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
        added = updated = 0
        with self._session() as s, s.begin():
            digests = list(wanted)
            ids: dict[str, int] = {}
            for chunk in _chunks(digests):
                for unit_id, dig in s.execute(
                    select(TmUnitRow.id, TmUnitRow.digest).where(TmUnitRow.digest.in_(chunk))
                ):
                    ids[dig] = unit_id
            existing = [d for d in digests if d in ids]
            for dig in existing:
                s.execute(
                    update(TmUnitRow)
                    .where(TmUnitRow.id == ids[dig])
                    .values(
                        usage_count=TmUnitRow.usage_count + wanted[dig]["count"],
                        changed=now,
                    )
                )
            updated = len(existing)
            new = [d for d in digests if d not in ids]
            for chunk in _chunks(new):
                rows = [
                    {
                        "src_lang": src,
                        "tgt_lang": tgt,
                        "source": wanted[d]["source"],
                        "target": wanted[d]["target"],
                        "source_key": match_key(wanted[d]["source"]),
                        "digest": d,
                        "origin": origin,
                        "creator": creator,
                        "created": now,
                        "changed": now,
                        "usage_count": wanted[d]["count"] - 1,
                        "last_used": None,
                        **(wanted[d]["meta"].values() if wanted[d]["meta"] else {}),
                    }
                    for d in chunk
                ]
                s.execute(insert(TmUnitRow), rows)
                for unit_id, dig in s.execute(
                    select(TmUnitRow.id, TmUnitRow.digest).where(TmUnitRow.digest.in_(chunk))
                ):
                    ids[dig] = unit_id
            added = len(new)
            self._add_contexts(s, {ids[d]: wanted[d]["contexts"] for d in digests})
        if added + updated >= BULK and self.store.engine.dialect.name == "sqlite":
            # fold a bulk import's write-ahead log into the database now, so that the
            # next small commit (a confirm in the Edit page) does not pay for it
            with self.store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        return AddResult(added=added, updated=updated, skipped=skipped)

    @staticmethod
    def _add_contexts(s: Session, contexts: dict[int, set[str]]) -> None:
        unit_ids = [u for u, found in contexts.items() if found]
        have: set[tuple[int, str]] = set()
        for chunk in _chunks(unit_ids):
            have.update(
                (u, c)
                for u, c in s.execute(
                    select(TmContextRow.unit_id, TmContextRow.context).where(
                        TmContextRow.unit_id.in_(chunk)
                    )
                )
            )
        rows = [
            {"unit_id": u, "context": c}
            for u in unit_ids
            for c in sorted(contexts[u])
            if (u, c) not in have
        ]
        if rows:
            s.execute(insert(TmContextRow), rows)

    def add_segment(self, segment_id: int, *, creator: str = "") -> bool:
        """Put a stored segment's source and target into the memory, with its neighbours as context.

        Called when a segment is confirmed; returns whether a new unit was made.
        """
        with self._session() as s:
            row = s.get(SegmentRow, segment_id)
            if row is None:
                raise TMError(f"no segment with id {segment_id} to add to the memory")
            doc = s.get(DocumentRow, row.document_id)
            assert doc is not None  # a segment always has its document (foreign key)
            neighbours = dict(
                s.execute(
                    select(SegmentRow.idx, SegmentRow.source).where(
                        SegmentRow.document_id == row.document_id,
                        SegmentRow.idx.in_((row.idx - 1, row.idx + 1)),
                    )
                ).all()
            )
            source, target = row.source, row.target
            src, tgt = doc.src_lang, doc.tgt_lang
        result = self.add_pairs(
            [(source, target)],
            src_lang=src,
            tgt_lang=tgt,
            origin="segment",
            creator=creator,
            contexts=[(neighbours.get(row.idx - 1), neighbours.get(row.idx + 1))],
        )
        return result.added == 1

    # -- reading --------------------------------------------------------------------

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
        """How many units the memory holds (in one language pair, if given)."""
        query = select(func.count(TmUnitRow.id))
        if src_lang is not None:
            query = query.where(TmUnitRow.src_lang == src_lang)
        if tgt_lang is not None:
            query = query.where(TmUnitRow.tgt_lang == tgt_lang)
        with self._session() as s:
            return int(s.scalar(query) or 0)

    def version(self) -> int:
        """A number that grows whenever a unit is added (the highest unit id): for caches."""
        with self._session() as s:
            return int(s.scalar(select(func.max(TmUnitRow.id))) or 0)

    def language_pairs(self) -> list[tuple[str, str, int]]:
        """Each ``(src_lang, tgt_lang, units)`` in the memory."""
        with self._session() as s:
            rows = s.execute(
                select(TmUnitRow.src_lang, TmUnitRow.tgt_lang, func.count(TmUnitRow.id))
                .group_by(TmUnitRow.src_lang, TmUnitRow.tgt_lang)
                .order_by(TmUnitRow.src_lang, TmUnitRow.tgt_lang)
            ).all()
        return [(a, b, int(n)) for a, b, n in rows]

    def units(
        self, src_lang: str | None = None, tgt_lang: str | None = None, *, batch: int = 2000
    ) -> Iterator[TmUnit]:
        """Every unit (of one language pair, if given), oldest first, read in batches."""
        last = 0
        while True:
            query = select(TmUnitRow).where(TmUnitRow.id > last)
            if src_lang is not None:
                query = query.where(TmUnitRow.src_lang == src_lang)
            if tgt_lang is not None:
                query = query.where(TmUnitRow.tgt_lang == tgt_lang)
            with self._session() as s:
                rows = [_to_unit(r) for r in s.scalars(query.order_by(TmUnitRow.id).limit(batch))]
            if not rows:
                return
            yield from rows
            last = rows[-1].id

    def get(self, unit_ids: Iterable[int]) -> dict[int, TmUnit]:
        """The units with ``unit_ids`` (missing ones are left out)."""
        wanted = list(dict.fromkeys(unit_ids))
        found: dict[int, TmUnit] = {}
        with self._session() as s:
            for chunk in _chunks(wanted):
                for row in s.scalars(select(TmUnitRow).where(TmUnitRow.id.in_(chunk))):
                    found[row.id] = _to_unit(row)
        return found

    def mark_used(self, unit_id: int) -> None:
        """Count one use of a unit (its target was inserted into a segment)."""
        with self._session() as s, s.begin():
            s.execute(
                update(TmUnitRow)
                .where(TmUnitRow.id == unit_id)
                .values(usage_count=TmUnitRow.usage_count + 1, last_used=_now())
            )

    def mark_used_many(self, unit_ids: Iterable[int]) -> None:
        """Count one use of each unit in ``unit_ids`` (a unit listed twice counts twice)."""
        counts: dict[int, int] = {}
        for unit_id in unit_ids:
            counts[unit_id] = counts.get(unit_id, 0) + 1
        if not counts:
            return
        now = _now()
        with self._session() as s, s.begin():
            for unit_id, n in counts.items():
                s.execute(
                    update(TmUnitRow)
                    .where(TmUnitRow.id == unit_id)
                    .values(usage_count=TmUnitRow.usage_count + n, last_used=now)
                )

    def delete(self, unit_id: int) -> None:
        """Remove one unit."""
        with self._session() as s, s.begin():
            s.execute(delete(TmUnitRow).where(TmUnitRow.id == unit_id))
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
            from workbench.tm.semantic import semantic_matches

            matches.extend(
                semantic_matches(
                    self,
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
        key = match_key(source)
        with self._session() as s:
            rows = s.scalars(
                select(TmUnitRow)
                .where(
                    TmUnitRow.src_lang == src,
                    TmUnitRow.tgt_lang == tgt,
                    TmUnitRow.source_key == key,
                )
                .order_by(TmUnitRow.changed.desc(), TmUnitRow.id.desc())
            ).all()
            in_context: set[int] = set()
            if rows and (previous is not None or following is not None):
                wanted = context_key(previous, following)
                in_context = set(
                    s.scalars(
                        select(TmContextRow.unit_id).where(
                            TmContextRow.unit_id.in_([r.id for r in rows]),
                            TmContextRow.context == wanted,
                        )
                    )
                )
            units = [_to_unit(r) for r in rows]
        context = [TmMatch(u, 101.0, "context") for u in units if u.id in in_context]
        exact = [TmMatch(u, 100.0, "exact") for u in units if u.id not in in_context]
        return context + exact

    def _index(self, src: str, tgt: str) -> FuzzyIndex:
        """The fuzzy index of a language pair, brought up to date with the database.

        New units are found by their ids (one indexed ``max(id)`` query); a unit
        deleted by another process stays a ghost until this one restarts, and
        :meth:`get` drops it from results.
        """
        shared = self._shared
        with shared.lock:
            index = shared.indexes.setdefault(
                (src, tgt), FuzzyIndex(cjk=not get_language(src).sentence_joiner)
            )
        with index.lock, self._session() as s:
            max_id = int(
                s.scalar(
                    select(func.max(TmUnitRow.id)).where(
                        TmUnitRow.src_lang == src, TmUnitRow.tgt_lang == tgt
                    )
                )
                or 0
            )
            if max_id > index.max_id:
                rows = s.execute(
                    select(TmUnitRow.id, TmUnitRow.source_key).where(
                        TmUnitRow.src_lang == src,
                        TmUnitRow.tgt_lang == tgt,
                        TmUnitRow.id > index.max_id,
                    )
                ).all()
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

        Uses the FTS5 trigram index for phrases of three characters or more
        (two-character Chinese words are searched by a scan).
        """
        phrase = clean(phrase)
        if not phrase:
            raise TMError("give a word or phrase to search the memory for")
        if limit < 1:
            raise TMError(f"a search returns at least one unit, got limit={limit}")
        filters = []
        if src_lang is not None:
            filters.append(TmUnitRow.src_lang == get_language(src_lang).code)
        if tgt_lang is not None:
            filters.append(TmUnitRow.tgt_lang == get_language(tgt_lang).code)
        with self._session() as s:
            if self._shared.fts and len(phrase) >= 3:
                quoted = '"' + phrase.replace('"', '""') + '"'
                ids = (
                    select(text("rowid")).select_from(text("tm_fts")).where(text("tm_fts MATCH :q"))
                )
                query = select(TmUnitRow).where(TmUnitRow.id.in_(ids), *filters)
                params = {"q": quoted}
            else:
                pattern = (
                    "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                )
                query = select(TmUnitRow).where(
                    or_(
                        TmUnitRow.source.ilike(pattern, escape="\\"),
                        TmUnitRow.target.ilike(pattern, escape="\\"),
                    ),
                    *filters,
                )
                params = {}
            rows = s.scalars(
                query.order_by(TmUnitRow.changed.desc(), TmUnitRow.id.desc()).limit(limit),
                params,
            ).all()
            units = [_to_unit(r) for r in rows]
        folded = phrase.casefold()
        return [
            ConcordanceHit(u, folded in u.source.casefold(), folded in u.target.casefold())
            for u in units
        ]


def pairs_with_context(
    segments: Sequence[Segment],
) -> list[tuple[str | None, str | None]]:
    """Each segment's previous and next source (``None`` at the edges), for lookups in order."""
    out: list[tuple[str | None, str | None]] = []
    for i in range(len(segments)):
        prev = segments[i - 1].source if i > 0 else None
        nxt = segments[i + 1].source if i + 1 < len(segments) else None
        out.append((prev, nxt))
    return out


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
    "pairs_with_context",
]
