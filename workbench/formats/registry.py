"""The registry of file formats: names, extensions and what each can do.

Kept apart from :mod:`workbench.formats.base` so that the base classes can name
the supported extensions in their errors without an import cycle; each format's
module is imported only when it is asked for.

>>> format_for_path("news.ZH.MD").name
'markdown'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from workbench.errors import FormatError
from workbench.registry import Registry

if TYPE_CHECKING:
    from workbench.formats.base import Format

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


__all__ = [
    "FORMATS",
    "Capability",
    "format_class",
    "format_for_path",
    "get_format",
    "supported_extensions",
]
