"""The machine-translation cache in the project database (``Store.mt_cache``).

:class:`workbench.engines.cache.CachedEngine` computes the keys and decides what
to look up and keep; this module only stores the rows.

>>> from workbench.model import CacheEntry
>>> from workbench.store import Store
>>> cache = Store("sqlite://").mt_cache
>>> cache.save([CacheEntry("k1", "en", "zh", "opus-mt", "Hi.", "你好。", {"beams": 4})])
>>> cache.lookup(["k1", "k2"])
{'k1': ('你好。', {'beams': 4})}
>>> cache.size(), cache.clear(model="other"), cache.clear()
(1, 0, 1)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from workbench.model import CacheEntry
from workbench.store.schema import TranslationCacheRow

_CHUNK = 500


class MtCacheRepository:
    """The ``mt_cache`` table of one database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """``key -> (target, settings)`` for the ``keys`` that are cached."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        ordered = sorted(set(keys))
        with self._sessions() as s:
            for start in range(0, len(ordered), _CHUNK):
                rows = s.execute(
                    select(
                        TranslationCacheRow.key,
                        TranslationCacheRow.target,
                        TranslationCacheRow.settings,
                    ).where(TranslationCacheRow.key.in_(ordered[start : start + _CHUNK]))
                )
                for key, target, settings in rows:
                    found[key] = (target, dict(settings or {}))
        return found

    def save(self, entries: Sequence[CacheEntry]) -> None:
        """Keep ``entries`` in one transaction (a key already cached keeps its first row)."""
        if not entries:
            return
        with self._sessions() as s, s.begin():
            keys = [e.key for e in entries]
            existing: set[str] = set()
            for start in range(0, len(keys), _CHUNK):
                existing.update(
                    s.scalars(
                        select(TranslationCacheRow.key).where(
                            TranslationCacheRow.key.in_(keys[start : start + _CHUNK])
                        )
                    )
                )
            for entry in entries:
                if entry.key in existing:
                    continue
                existing.add(entry.key)
                s.add(
                    TranslationCacheRow(
                        key=entry.key,
                        src_lang=entry.src_lang,
                        tgt_lang=entry.tgt_lang,
                        model=entry.model,
                        source=entry.source,
                        target=entry.target,
                        settings=json.loads(json.dumps(dict(entry.settings), default=str)),
                    )
                )

    def size(self) -> int:
        """How many translations the cache holds."""
        with self._sessions() as s:
            return int(s.scalar(select(func.count()).select_from(TranslationCacheRow)) or 0)

    def clear(self, model: str | None = None) -> int:
        """Forget cached translations (of ``model`` only, if given); return how many."""
        statement = delete(TranslationCacheRow)
        if model is not None:
            statement = statement.where(TranslationCacheRow.model == model)
        with self._sessions() as s, s.begin():
            result: Any = s.execute(statement)
            return int(result.rowcount or 0)


__all__ = ["MtCacheRepository"]
