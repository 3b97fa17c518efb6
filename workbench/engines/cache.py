"""A translation cache in the project store, wrapping any engine.

Results are keyed by engine, model, settings, glossary version, direction and
text, so translating a document again only sends changed segments to the
model; a change of model, settings or glossary misses the cache.

>>> from workbench.store import Store
>>> cached = CachedEngine(load_engine("marian", src_lang="en", tgt_lang="zh"),
...                       Store("project.db"))  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workbench.engines.base import Engine, ProgressCallback, Translation
from workbench.model import Provenance
from workbench.store import Store
from workbench.store.schema import TranslationCacheRow


def cache_key(provenance: Provenance, glossary: str | None, src: str, tgt: str, text: str) -> str:
    """The cache key of ``text`` translated under ``provenance`` (its time left out)."""
    data = [
        provenance.engine,
        provenance.model,
        dict(provenance.settings),
        glossary,
        src,
        tgt,
        text,
    ]
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class CachedEngine(Engine):
    """``engine`` with its results kept in ``store``; results carry ``engine``'s provenance.

    ``glossary_version`` names the glossary state the results depend on (a hash of
    the termbase, say); a new version misses the cache.  ``hits`` and ``misses``
    count texts since creation.
    """

    def __init__(
        self,
        engine: Engine,
        store: Store,
        *,
        glossary_version: str | None = None,
        batch_size: int | None = None,
    ) -> None:
        super().__init__(engine.src_lang, engine.tgt_lang, batch_size=batch_size or 64)
        self.engine = engine
        self.store = store
        self.glossary_version = glossary_version
        self.name = engine.name  # transparent: results say which engine made them
        self.hits = 0
        self.misses = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.engine!r})"

    def _provenance(self) -> Provenance:
        return self.engine._provenance()

    def _translate_batch(self, texts: list[str]) -> list[str]:
        return [t.text for t in self.translate(texts)]

    def _key(self, provenance: Provenance, text: str) -> str:
        return cache_key(provenance, self.glossary_version, self.src_lang, self.tgt_lang, text)

    def translate(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Translation]:
        """Translate ``texts``, sending only those not in the cache to the engine."""
        provenance = self._provenance()
        results = [Translation(t, "", provenance) for t in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        keys = {i: self._key(provenance, texts[i].strip()) for i in todo}
        found = self._lookup(set(keys.values()))
        missing: list[int] = []
        for i in todo:
            entry = found.get(keys[i])
            if entry is None:
                missing.append(i)
                continue
            target, settings = entry
            same = settings == dict(provenance.settings)
            p = provenance if same else dataclasses.replace(provenance, settings=settings)
            results[i] = Translation(texts[i], target, p)
        self.hits += len(todo) - len(missing)
        self.misses += len(missing)
        done = len(todo) - len(missing)
        if missing and progress is not None and done:
            progress(done, len(todo))
        # unique texts only, in chunks saved as they finish (an interrupted run keeps them)
        unique: dict[str, list[int]] = {}
        for i in missing:
            unique.setdefault(keys[i], []).append(i)
        groups = list(unique.values())
        for start in range(0, len(groups), self.batch_size):
            chunk = groups[start : start + self.batch_size]
            out = self.engine.translate([texts[g[0]] for g in chunk])
            rows = []
            for group, result in zip(chunk, out, strict=True):
                for i in group:
                    results[i] = Translation(texts[i], result.text, result.provenance)
                rows.append((keys[group[0]], result))
            self._save(rows)
            done += sum(len(g) for g in chunk)
            if progress is not None:
                progress(done, len(todo))
        return results

    # ----------------------------------------------------------- the store

    def _lookup(self, keys: set[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        ordered = sorted(keys)
        with Session(self.store.engine) as session:
            for start in range(0, len(ordered), 500):
                rows = session.execute(
                    select(
                        TranslationCacheRow.key,
                        TranslationCacheRow.target,
                        TranslationCacheRow.settings,
                    ).where(TranslationCacheRow.key.in_(ordered[start : start + 500]))
                )
                for key, target, settings in rows:
                    found[key] = (target, dict(settings or {}))
        return found

    def _save(self, rows: list[tuple[str, Translation]]) -> None:
        with Session(self.store.engine) as session, session.begin():
            keys = [key for key, _ in rows]
            existing = set(
                session.scalars(
                    select(TranslationCacheRow.key).where(TranslationCacheRow.key.in_(keys))
                )
            )
            for key, result in rows:
                if key in existing:
                    continue
                existing.add(key)
                session.add(
                    TranslationCacheRow(
                        key=key,
                        src_lang=self.src_lang,
                        tgt_lang=self.tgt_lang,
                        model=str(result.provenance.model or ""),
                        source=result.source.strip(),
                        target=result.text,
                        settings=json.loads(
                            json.dumps(dict(result.provenance.settings), default=str)
                        ),
                    )
                )


def cache_size(store: Store) -> int:
    """How many translations the store's cache holds."""
    with Session(store.engine) as session:
        return int(session.scalar(select(func.count()).select_from(TranslationCacheRow)) or 0)


def clear_cache(store: Store, model: str | None = None) -> int:
    """Forget cached translations (of ``model`` only, if given); return how many."""
    with Session(store.engine) as session, session.begin():
        statement = delete(TranslationCacheRow)
        if model is not None:
            statement = statement.where(TranslationCacheRow.model == model)
        result: Any = session.execute(statement)
        return int(result.rowcount or 0)


__all__ = ["CachedEngine", "cache_key", "cache_size", "clear_cache"]
