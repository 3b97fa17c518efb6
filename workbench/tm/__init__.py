"""Translation memory: exact, in-context, fuzzy and semantic lookup over units kept in a store.

A library: the units are reached through the :class:`UnitRepository` protocol,
which the project store implements as ``Store.tm_units``.

>>> from workbench.store import Store
>>> tm = TranslationMemory(Store("sqlite://").tm_units)
>>> tm.add([("Hello.", "你好。")], src_lang="en", tgt_lang="zh", origin="aligner:dp")
1
"""

from __future__ import annotations

from workbench.tm.memory import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    AddResult,
    ConcordanceHit,
    MatchKind,
    TMError,
    TmMatch,
    TmUnit,
    TranslationMemory,
    UnitMeta,
    UnitRepository,
)

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
