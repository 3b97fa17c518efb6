"""A translation cache wrapping any engine, kept where a :class:`TranslationCache` keeps it.

Results are keyed by engine, model, settings, glossary version, direction and
text, so translating a document again only sends changed segments to the
model; a change of model, settings or glossary misses the cache.  The project
store's ``Store.mt_cache`` (:mod:`workbench.store.cache`) is the cache the
workbench uses; it also counts and clears the cached rows.

>>> from workbench.model import Provenance
>>> from workbench.store import Store
>>> class Upper(Engine):
...     name = "upper"
...     def _translate_batch(self, texts): return [t.upper() for t in texts]
...     def _provenance(self): return Provenance.machine(self.name, "none")
>>> cached = CachedEngine(Upper("en", "ru"), Store("sqlite://").mt_cache)
>>> [t.text for t in cached.translate(["Hi.", "Bye."])], cached.misses
(['HI.', 'BYE.'], 2)
>>> [t.text for t in cached.translate(["Hi."])], cached.hits
(['HI.'], 1)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from workbench.engines.base import Engine, ProgressCallback, Translation
from workbench.model import CacheEntry, Provenance


class TranslationCache(Protocol):
    """Where cached translations are kept (``Store.mt_cache``)."""

    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """``key -> (target, settings)`` for the ``keys`` that are cached."""
        ...

    def save(self, entries: Sequence[CacheEntry]) -> None:
        """Keep ``entries`` (a key already cached keeps its first translation)."""
        ...


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
    """``engine`` with its results kept in ``cache``; results carry ``engine``'s provenance.

    ``glossary_version`` names the glossary state the results depend on (a hash of
    the termbase, say); a new version misses the cache.  ``hits`` and ``misses``
    count texts since creation.
    """

    def __init__(
        self,
        engine: Engine,
        cache: TranslationCache,
        *,
        glossary_version: str | None = None,
        batch_size: int | None = None,
    ) -> None:
        super().__init__(engine.src_lang, engine.tgt_lang, batch_size=batch_size or 64)
        self.engine = engine
        self.cache = cache
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
        found = self.cache.lookup(set(keys.values()))
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
            entries = []
            for group, result in zip(chunk, out, strict=True):
                for i in group:
                    results[i] = Translation(texts[i], result.text, result.provenance)
                entries.append(self._entry(keys[group[0]], result))
            self.cache.save(entries)
            done += sum(len(g) for g in chunk)
            if progress is not None:
                progress(done, len(todo))
        return results

    def _entry(self, key: str, result: Translation) -> CacheEntry:
        return CacheEntry(
            key=key,
            src_lang=self.src_lang,
            tgt_lang=self.tgt_lang,
            model=str(result.provenance.model or ""),
            source=result.source.strip(),
            target=result.text,
            settings=dict(result.provenance.settings),
        )


__all__ = ["CachedEngine", "TranslationCache", "cache_key"]
