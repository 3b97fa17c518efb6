"""Translation engines behind one protocol, found by name in a lazy registry.

>>> ENGINES.choices()
['marian', 'ct2']
"""

from __future__ import annotations

from typing import Any

from workbench.engines.base import Engine, Translation
from workbench.engines.registry import ENGINES, engine_class, load_engine


def select_engine(src_lang: str, tgt_lang: str, **options: Any) -> Engine:
    """The best engine for a direction (see :func:`workbench.engines.select.select_engine`)."""
    from workbench.engines.select import select_engine as select

    return select(src_lang, tgt_lang, **options)


__all__ = ["ENGINES", "Engine", "Translation", "engine_class", "load_engine", "select_engine"]
