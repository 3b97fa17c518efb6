"""Translation engines behind one protocol, found by name in a lazy registry.

>>> sorted(ENGINES)
['ct2', 'marian']
"""

from __future__ import annotations

import importlib
from typing import Any

from workbench.engines.base import Engine, Translation
from workbench.errors import EngineError

#: engine name -> "module:Class"; imported only when the engine is asked for
ENGINES: dict[str, str] = {
    "marian": "workbench.engines.marian:MarianEngine",
    "ct2": "workbench.engines.ct2:CT2Engine",
}


def engine_class(name: str) -> type[Engine]:
    """The engine class registered as ``name`` (imports its module on first use)."""
    try:
        target = ENGINES[name]
    except KeyError:
        choices = ", ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {name!r}: choose one of {choices}") from None
    module_name, _, attr = target.partition(":")
    cls: type[Engine] = getattr(importlib.import_module(module_name), attr)
    return cls


def load_engine(name: str, **options: Any) -> Engine:
    """Build the engine ``name`` with ``options`` (e.g. ``model``, ``src_lang``, ``tgt_lang``)."""
    return engine_class(name)(**options)


def select_engine(src_lang: str, tgt_lang: str, **options: Any) -> Engine:
    """The best engine for a direction (see :func:`workbench.engines.select.select_engine`)."""
    from workbench.engines.select import select_engine as select

    return select(src_lang, tgt_lang, **options)


__all__ = ["ENGINES", "Engine", "Translation", "engine_class", "load_engine", "select_engine"]
