"""The registry of translation engines, each imported only when it is asked for.

>>> ENGINES.choices()
['marian', 'ct2']
"""

from __future__ import annotations

from typing import Any

from workbench.engines.base import Engine
from workbench.errors import EngineError
from workbench.registry import Registry

#: engine name -> its class, imported only when the engine is asked for
ENGINES: Registry[type[Engine]] = Registry(
    "engine",
    {
        "marian": ("workbench.engines.marian:MarianEngine", "MarianMT through transformers"),
        "ct2": ("workbench.engines.ct2:CT2Engine", "CTranslate2 (converted model)"),
    },
    error=EngineError,
)


def engine_class(name: str) -> type[Engine]:
    """The engine class registered as ``name`` (imports its module on first use)."""
    return ENGINES.load(name)


def load_engine(name: str, **options: Any) -> Engine:
    """Build the engine ``name`` with ``options`` (e.g. ``model``, ``src_lang``, ``tgt_lang``)."""
    return engine_class(name)(**options)


__all__ = ["ENGINES", "engine_class", "load_engine"]
