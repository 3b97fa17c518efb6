"""translate-toolkit's stores, loaded on first use and typed loosely for mypy.

The workbench uses translate-toolkit (``translate.storage``) as the container for
XLIFF, TMX and TBX files: its stores parse, hold units and serialize.  Every
file reaches them only after :func:`workbench.formats.xmlsafe.check_xml`.
"""

from __future__ import annotations

import importlib
from typing import Any


def store_class(name: str) -> Any:
    """The store class ``"module:Class"`` of ``translate.storage``, e.g. ``"xliff:xlifffile"``."""
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(f"translate.storage.{module}"), attr)


def parse_store(name: str, data: bytes) -> Any:
    """The store ``name`` (see :func:`store_class`) parsed from ``data``."""
    return store_class(name).parsestring(data)


XLIFF12 = "xliff:xlifffile"
XLIFF2 = "xliff2:Xliff2File"
TMX = "tmx:tmxfile"
TBX = "tbx:tbxfile"

__all__ = ["TBX", "TMX", "XLIFF2", "XLIFF12", "parse_store", "store_class"]
