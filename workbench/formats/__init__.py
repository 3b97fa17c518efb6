"""File formats behind one protocol, found by name or extension in a lazy registry.

Each format is a :class:`Format` subclass declaring its name and extensions; its
module is imported only when it is asked for (python-docx loads on the first
DOCX read or write, not on ``import workbench.formats``).

>>> FORMATS.choices()[:4]
['text', 'markdown', 'docx', 'html']
>>> format_for_path("news.ZH.MD").name
'markdown'
>>> import tempfile
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
from pathlib import Path
from typing import Literal

from workbench.errors import FormatError
from workbench.formats.base import (
    SCOPES,
    BilingualRow,
    Format,
    TextFileFormat,
    atomic_write,
    check_scope,
)
from workbench.model import Document, Paragraph
from workbench.registry import Registry
from workbench.textio import DEFAULT_MAX_BYTES

#: format name -> its class, imported only when the format is asked for (each class
#: declares its extensions and a one-line ``description``)
FORMATS: Registry[type[Format]] = Registry(
    "format",
    {
        "text": "workbench.formats.text:PlainTextFormat",
        "markdown": "workbench.formats.markdown:MarkdownFormat",
        "docx": "workbench.formats.docx:DocxFormat",
        "html": "workbench.formats.html:HtmlFormat",
        "csv": "workbench.formats.csv:CsvFormat",
        "tsv": "workbench.formats.csv:TsvFormat",
        "xliff": "workbench.formats.xliff:XliffFormat",
        "xliff2": "workbench.formats.xliff:Xliff2Format",
        "tmx": "workbench.formats.tmx:TmxFormat",
        "review": "workbench.formats.review:ReviewTableFormat",
    },
    error=FormatError,
)

Capability = Literal["read", "write", "bilingual"]


def format_class(name: str) -> type[Format]:
    """The format class registered as ``name`` (imports its module on first use)."""
    return FORMATS.load(name)


def get_format(name: str, *, max_bytes: int | None = None) -> Format:
    """The format ``name`` (see :data:`FORMATS`), reading files up to ``max_bytes``."""
    return format_class(name)(max_bytes=max_bytes)


def _supports(cls: type[Format], capability: Capability | None) -> bool:
    if capability is None:
        return True
    return {"read": cls.can_read, "write": cls.can_write, "bilingual": cls.can_read_bilingual}[
        capability
    ]


def supported_extensions(capability: Capability | None = None) -> list[str]:
    """The extensions of the formats that can ``"read"`` articles, ``"write"`` or read
    ``"bilingual"`` files (all when ``None``), e.g. for a file uploader.

    >>> supported_extensions("read")
    ['.docx', '.htm', '.html', '.markdown', '.md', '.txt', '.xhtml']
    """
    found: set[str] = set()
    for name in FORMATS:
        cls = format_class(name)
        if _supports(cls, capability):
            found.update(cls.extensions)
    return sorted(found)


def format_for_path(
    path: str | os.PathLike[str],
    *,
    capability: Capability | None = None,
    max_bytes: int | None = None,
) -> Format:
    """The format for ``path``'s extension (case-insensitive).

    Raises a :class:`FormatError` listing the supported extensions when none matches
    (of the formats with ``capability``, if given).
    """
    cls, suffix = _class_for_name(Path(path).name)
    if cls is not None:
        if _supports(cls, capability):
            return cls(max_bytes=max_bytes)
        choices = ", ".join(supported_extensions(capability))
        raise FormatError(
            f"{path}: {cls.description} files ({suffix}) cannot be {_VERBS[capability]}; "
            f"use one of {choices}"
        )
    choices = ", ".join(supported_extensions(capability))
    found = f"the extension {suffix!r} is not supported" if suffix else "the file has no extension"
    raise FormatError(f"{path}: {found}; use one of {choices}")


def _class_for_name(filename: str) -> tuple[type[Format] | None, str]:
    """The format whose extension ends ``filename`` and that extension, or ``None`` and
    the file's suffix.  The longest extension wins, so that ``job.review.docx`` is a
    review table while ``news.zh.docx`` is a Word article."""
    lower = filename.lower()
    found: type[Format] | None = None
    matched = ""
    for name in FORMATS:
        cls = format_class(name)
        for ext in cls.extensions:
            if len(ext) > len(matched) and len(lower) > len(ext) and lower.endswith(ext):
                found, matched = cls, ext
    return found, matched or Path(lower).suffix


_VERBS: dict[Capability | None, str] = {
    None: "used",
    "read": "imported as articles",
    "write": "exported",
    "bilingual": "imported with their translations",
}


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
