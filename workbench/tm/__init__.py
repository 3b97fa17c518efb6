"""Translation memory: units in the project store; exact, in-context, fuzzy and semantic lookup.

>>> from workbench.store import Store
>>> tm = TranslationMemory(Store("sqlite://"))
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
]
