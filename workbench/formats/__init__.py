"""File formats behind one protocol, found by name or extension in a lazy registry.

Each format is a :class:`Format` subclass declaring its name and extensions; its
module is imported only when it is asked for (python-docx loads on the first
DOCX read or write, not on ``import workbench.formats``).

>>> FORMATS.choices()[:4]
['text', 'markdown', 'docx', 'html']
>>> format_for_path("news.ZH.MD").name
'markdown'
>>> import tempfile
>>> from pathlib import Path
>>> from workbench.documents import new_document
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "news.md").write_text("# Floods in the south\\n\\nRain fell.\\n", "utf-8")
>>> read_article(folder / "news.md")[0]
Paragraph(index=0, source='Floods in the south', style='h1')
>>> doc = new_document("news", "en", "zh", read_article(folder / "news.md"))
>>> doc.segments[0].target = "南方洪灾"
>>> write_document(doc, folder / "news.zh.docx")
>>> [p.source for p in read_article(folder / "news.zh.docx")]
['南方洪灾', 'Rain fell.']
"""

from __future__ import annotations

import os

from workbench.formats.base import (
    SCOPES,
    BilingualRow,
    Format,
    TextFileFormat,
    atomic_write,
    check_scope,
)
from workbench.formats.registry import (
    FORMATS,
    Capability,
    format_class,
    format_for_path,
    get_format,
    supported_extensions,
)
from workbench.model import Document, Paragraph
from workbench.textio import DEFAULT_MAX_BYTES


def read_article(
    path: str | os.PathLike[str], *, format: str | None = None, max_bytes: int | None = None
) -> list[Paragraph]:
    """The paragraphs of the article in ``path``, in the format its extension names
    (or ``format``).
    """
    fmt = (
        get_format(format, max_bytes=max_bytes)
        if format
        else format_for_path(path, capability="read", max_bytes=max_bytes)
    )
    return fmt.read_article(path)


def parse_article(data: bytes, filename: str, *, max_bytes: int | None = None) -> list[Paragraph]:
    """The paragraphs of an uploaded article: ``data`` in the format ``filename`` names."""
    fmt = format_for_path(filename, capability="read", max_bytes=max_bytes)
    return fmt.parse_article(data, filename)


def read_bilingual(
    path: str | os.PathLike[str], *, format: str | None = None, max_bytes: int | None = None
) -> list[BilingualRow]:
    """The segments (source, target, status...) of a bilingual file such as a reviewed CSV."""
    fmt = (
        get_format(format, max_bytes=max_bytes)
        if format
        else format_for_path(path, capability="bilingual", max_bytes=max_bytes)
    )
    return fmt.read_bilingual(path)


def write_document(
    doc: Document, path: str | os.PathLike[str], *, scope: str = "all", format: str | None = None
) -> None:
    """Write the translation of ``doc`` to ``path`` atomically, in the format its
    extension names (or ``format``).

    ``scope``: ``"all"`` (untranslated segments fall back to the source) or
    ``"confirmed"`` (only confirmed segments).
    """
    check_scope(scope)
    fmt = get_format(format) if format else format_for_path(path, capability="write")
    fmt.write_document(doc, path, scope=scope)


def render_document(doc: Document, format: str, *, scope: str = "all") -> bytes:
    """The bytes of ``doc``'s translation in ``format`` (for a download button)."""
    return get_format(format).render_document(doc, scope=scope)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "SCOPES",
    "BilingualRow",
    "Capability",
    "Format",
    "TextFileFormat",
    "atomic_write",
    "format_class",
    "format_for_path",
    "get_format",
    "parse_article",
    "read_article",
    "read_bilingual",
    "render_document",
    "supported_extensions",
    "write_document",
]
