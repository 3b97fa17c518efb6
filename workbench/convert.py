"""``workbench convert IN OUT``: a termbase through :mod:`workbench.glossary`, any other
file through :mod:`workbench.formats.convert`.

A ``.tbx`` on either side makes it a termbase conversion (TBX to TBX or to the
glossary CSV, and back); a ``.csv`` alone is a bilingual table.  Keeping this choice
here, above both packages, lets the glossary's TBX and CSV modules build on the
formats' helpers (the XML gate, atomic writes) without ``formats`` importing
``glossary`` back.

>>> import tempfile
>>> from workbench.resources import shipped_glossary
>>> out = Path(tempfile.mkdtemp()) / "media.csv"
>>> done = convert(shipped_glossary(), out)
>>> (done.source_format, done.target_format, done.kind, done.items > 50, out.is_file())
('tbx', 'csv', 'concepts', True, True)
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.formats.convert import Converted

#: the extensions that mark a termbase conversion
TERMBASE_EXTENSIONS = (".tbx",)


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    scope: str = "all",
    max_bytes: int | None = None,
) -> Converted:
    """Convert ``source`` into ``target``'s format: a termbase when either is ``.tbx``
    (:func:`workbench.glossary.convert_termbase`), else a document
    (:func:`workbench.formats.convert.convert`, with the languages and ``scope``)."""
    from workbench.formats.base import check_scope

    check_scope(scope)
    if any(Path(p).suffix.lower() in TERMBASE_EXTENSIONS for p in (source, target)):
        from workbench.glossary import convert_termbase

        return convert_termbase(source, target, max_bytes=max_bytes)
    from workbench.formats.convert import convert as convert_document

    return convert_document(
        source, target, src_lang=src_lang, tgt_lang=tgt_lang, scope=scope, max_bytes=max_bytes
    )


__all__ = ["TERMBASE_EXTENSIONS", "convert"]
