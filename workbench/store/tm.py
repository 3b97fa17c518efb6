"""The translation memory's units in the project database, as :mod:`workbench.tm` uses them.

:class:`TmUnitRepository` is what ``Store.tm_units`` is; the matching itself
(normalization, fuzzy and semantic scores) stays in :mod:`workbench.tm`, which
sees this class only through its small ``UnitRepository`` protocol.
Concordance uses SQLite FTS5 with the trigram tokenizer (no word segmentation,
so it works for Chinese and Russian alike), with a ``LIKE`` scan where FTS5 is
missing and for phrases of fewer than three characters.

>>> from workbench.model import NewUnit
>>> from workbench.store import Store
>>> units = Store("sqlite://").tm_units
>>> units.upsert("en", "zh", [NewUnit("Hi.", "你好。", "Hi.", "d1")], origin="demo")
(1, 0)
>>> [(u.source, u.usage_count) for u in units.units()]
[('Hi.', 0)]
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workbench.model import NewUnit, TmUnit
from workbench.store.schema import TmContextRow, TmUnitRow

log = logging.getLogger(__name__)

#: rows per ``IN (...)`` list and per multi-row insert
CHUNK = 500
#: an upsert of this many units checkpoints SQLite's write-ahead log
BULK = 2000

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


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _escape_like(phrase: str) -> str:
    return phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _to_unit(row: TmUnitRow) -> TmUnit:
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


class TmUnitRepository:
    """The ``tm_units`` and ``tm_contexts`` tables of one database (``Store.tm_units``).

    The FTS5 index of concordance is created on the first write or search
    through this object (and filled there for units added before it existed).
    """

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self._engine = engine
        self._sessions = sessions
        self._fts: bool | None = None
        self._fts_lock = threading.Lock()

    @property
    def shared_key(self) -> object:
        """What stands for this database in this process: memories over the same key share
        their in-memory indexes (hashable and weakly referenceable; here the store's engine)."""
        return self._engine

    # -- writing --------------------------------------------------------------------

    def upsert(
        self,
        src_lang: str,
        tgt_lang: str,
        units: Sequence[NewUnit],
        *,
        origin: str,
        creator: str = "",
    ) -> tuple[int, int]:
        """Add the units whose digests are new, count the others again; return
        ``(added, updated)``.

        A unit already there gets ``count`` more uses and a new change date; a new
        one starts with ``count - 1`` uses and takes what its ``meta`` knows.  The
        contexts of both are added to the unit's.
        """
        self._ensure_fts()
        now = _now()
        wanted = {u.digest: u for u in units}
        meta = {d: u.meta.values() if u.meta else {} for d, u in wanted.items()}
        digests = list(wanted)
        ids: dict[str, int] = {}
        with self._sessions() as s, s.begin():
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
                    .values(usage_count=TmUnitRow.usage_count + wanted[dig].count, changed=now)
                )
            new = [d for d in digests if d not in ids]
            for chunk in _chunks(new):
                rows = [
                    {
                        "src_lang": src_lang,
                        "tgt_lang": tgt_lang,
                        "source": wanted[d].source,
                        "target": wanted[d].target,
                        "source_key": wanted[d].source_key,
                        "digest": d,
                        "origin": origin,
                        "creator": creator,
                        "created": now,
                        "changed": now,
                        "usage_count": wanted[d].count - 1,
                        "last_used": None,
                        **meta[d],
                    }
                    for d in chunk
                ]
                s.execute(insert(TmUnitRow), rows)
                for unit_id, dig in s.execute(
                    select(TmUnitRow.id, TmUnitRow.digest).where(TmUnitRow.digest.in_(chunk))
                ):
                    ids[dig] = unit_id
            self._add_contexts(s, {ids[d]: wanted[d].contexts for d in digests})
        if len(digests) >= BULK and self._engine.dialect.name == "sqlite":
            # fold a bulk import's write-ahead log into the database now, so that the
            # next small commit (a confirm in the Edit page) does not pay for it
            with self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        return len(new), len(existing)

    @staticmethod
    def _add_contexts(s: Session, contexts: Mapping[int, Iterable[str]]) -> None:
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

    def mark_used(self, counts: Mapping[int, int]) -> None:
        """Count ``counts[unit_id]`` more uses of each unit, used now."""
        if not counts:
            return
        now = _now()
        with self._sessions() as s, s.begin():
            for unit_id, n in counts.items():
                s.execute(
                    update(TmUnitRow)
                    .where(TmUnitRow.id == unit_id)
                    .values(usage_count=TmUnitRow.usage_count + n, last_used=now)
                )

    def delete(self, unit_id: int) -> None:
        """Remove one unit (and its contexts)."""
        with self._sessions() as s, s.begin():
            s.execute(delete(TmUnitRow).where(TmUnitRow.id == unit_id))

    # -- reading --------------------------------------------------------------------

    def exact(
        self, src_lang: str, tgt_lang: str, source_key: str, context: str | None = None
    ) -> list[tuple[TmUnit, bool]]:
        """The units whose source key is ``source_key``, most recently changed first, each
        with whether it was seen in ``context`` (a context digest; ``None``: not asked)."""
        with self._sessions() as s:
            rows = s.scalars(
                select(TmUnitRow)
                .where(
                    TmUnitRow.src_lang == src_lang,
                    TmUnitRow.tgt_lang == tgt_lang,
                    TmUnitRow.source_key == source_key,
                )
                .order_by(TmUnitRow.changed.desc(), TmUnitRow.id.desc())
            ).all()
            in_context: set[int] = set()
            if rows and context is not None:
                in_context = set(
                    s.scalars(
                        select(TmContextRow.unit_id).where(
                            TmContextRow.unit_id.in_([r.id for r in rows]),
                            TmContextRow.context == context,
                        )
                    )
                )
            return [(_to_unit(r), r.id in in_context) for r in rows]

    def get(self, unit_ids: Iterable[int]) -> dict[int, TmUnit]:
        """The units with ``unit_ids`` (missing ones are left out)."""
        wanted = list(dict.fromkeys(unit_ids))
        found: dict[int, TmUnit] = {}
        with self._sessions() as s:
            for chunk in _chunks(wanted):
                for row in s.scalars(select(TmUnitRow).where(TmUnitRow.id.in_(chunk))):
                    found[row.id] = _to_unit(row)
        return found

    def keys_since(self, src_lang: str, tgt_lang: str, after: int) -> list[tuple[int, str]]:
        """``(id, source key)`` of the pair's units with ids above ``after``: what an
        in-memory index built up to ``after`` lacks (one indexed range query)."""
        with self._sessions() as s:
            rows = s.execute(
                select(TmUnitRow.id, TmUnitRow.source_key).where(
                    TmUnitRow.src_lang == src_lang,
                    TmUnitRow.tgt_lang == tgt_lang,
                    TmUnitRow.id > after,
                )
            ).all()
        return [(unit_id, key) for unit_id, key in rows]

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
        """How many units there are (in one language pair, if given)."""
        query = select(func.count(TmUnitRow.id))
        if src_lang is not None:
            query = query.where(TmUnitRow.src_lang == src_lang)
        if tgt_lang is not None:
            query = query.where(TmUnitRow.tgt_lang == tgt_lang)
        with self._sessions() as s:
            return int(s.scalar(query) or 0)

    def version(self) -> int:
        """The highest unit id: grows whenever a unit is added."""
        with self._sessions() as s:
            return int(s.scalar(select(func.max(TmUnitRow.id))) or 0)

    def language_pairs(self) -> list[tuple[str, str, int]]:
        """Each ``(src_lang, tgt_lang, units)``, sorted by languages."""
        with self._sessions() as s:
            rows = s.execute(
                select(TmUnitRow.src_lang, TmUnitRow.tgt_lang, func.count(TmUnitRow.id))
                .group_by(TmUnitRow.src_lang, TmUnitRow.tgt_lang)
                .order_by(TmUnitRow.src_lang, TmUnitRow.tgt_lang)
            ).all()
        return [(a, b, int(n)) for a, b, n in rows]

    def units(
        self, src_lang: str | None = None, tgt_lang: str | None = None, *, batch: int = 2000
    ) -> Iterator[TmUnit]:
        """Every unit (of one language pair, if given), oldest first, read ``batch`` at a time."""
        last = 0
        while True:
            query = select(TmUnitRow).where(TmUnitRow.id > last)
            if src_lang is not None:
                query = query.where(TmUnitRow.src_lang == src_lang)
            if tgt_lang is not None:
                query = query.where(TmUnitRow.tgt_lang == tgt_lang)
            with self._sessions() as s:
                rows = [_to_unit(r) for r in s.scalars(query.order_by(TmUnitRow.id).limit(batch))]
            if not rows:
                return
            yield from rows
            last = rows[-1].id

    def search(
        self,
        phrase: str,
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        limit: int = 50,
    ) -> list[TmUnit]:
        """Units whose source or target contains ``phrase`` (case-insensitive for Latin and
        Cyrillic), most recently changed first: through the trigram index for phrases of
        three characters or more, by a scan otherwise."""
        filters = []
        if src_lang is not None:
            filters.append(TmUnitRow.src_lang == src_lang)
        if tgt_lang is not None:
            filters.append(TmUnitRow.tgt_lang == tgt_lang)
        params: dict[str, str] = {}
        if self._ensure_fts() and len(phrase) >= 3:
            ids = select(text("rowid")).select_from(text("tm_fts")).where(text("tm_fts MATCH :q"))
            query = select(TmUnitRow).where(TmUnitRow.id.in_(ids), *filters)
            params["q"] = '"' + phrase.replace('"', '""') + '"'
        else:
            pattern = "%" + _escape_like(phrase) + "%"
            query = select(TmUnitRow).where(
                or_(
                    TmUnitRow.source.ilike(pattern, escape="\\"),
                    TmUnitRow.target.ilike(pattern, escape="\\"),
                ),
                *filters,
            )
        with self._sessions() as s:
            rows = s.scalars(
                query.order_by(TmUnitRow.changed.desc(), TmUnitRow.id.desc()).limit(limit),
                params,
            ).all()
            return [_to_unit(r) for r in rows]

    # -- the trigram index ----------------------------------------------------------

    def _ensure_fts(self) -> bool:
        """Whether the FTS5 trigram index is there, creating it on the first call."""
        if self._fts is None:
            with self._fts_lock:
                if self._fts is None:
                    self._fts = self._setup_fts()
        return self._fts

    def _setup_fts(self) -> bool:
        """Create the FTS5 trigram index over units (SQLite only); False where unavailable."""
        if self._engine.dialect.name != "sqlite":
            return False
        try:
            with self._engine.begin() as conn:
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


__all__ = ["BULK", "TmUnitRepository"]
