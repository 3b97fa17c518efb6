"""Reading text files: the one place the workbench turns bytes into text.

Every reader (formats, glossaries, the aligner's sides, QA references, the CLI's
input files) goes through :func:`decode_text` or :func:`read_text`, so a file in
the wrong encoding, a binary file, a missing file or an oversized one is refused
with the same message everywhere: the file's name, what is wrong and the fix.
Errors are :class:`~workbench.errors.FormatError` unless the caller names its own
:class:`~workbench.errors.WorkbenchError` subclass (``error=QAError``).

This module is low in the layers: it imports nothing of the workbench but
:mod:`workbench.errors`.

>>> decode_text(b"\\xef\\xbb\\xbfHello\\r\\nworld", "a.txt")
'Hello\\nworld'
>>> decode_text("Москва".encode("cp1251"), "a.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
workbench.errors.FormatError: a.txt: not valid UTF-8 at byte offset 0 (line 1, ...
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from workbench.errors import FormatError, WorkbenchError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "check_size",
    "decode_text",
    "format_size",
    "read_bytes",
    "read_text",
]

#: the largest file read unless the caller says otherwise (20 MB)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_RESAVE = "re-save it as UTF-8 (e.g. 'Save as…' with the encoding 'UTF-8')"


def format_size(size: int) -> str:
    """``size`` bytes in words: ``'512 bytes'``, ``'20 MB'``, ``'1.5 MB'``.

    >>> format_size(512), format_size(20 * 1024 * 1024), format_size(1536 * 1024)
    ('512 bytes', '20 MB', '1.5 MB')
    """
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def decode_text(data: bytes, source_name: str, *, error: type[WorkbenchError] = FormatError) -> str:
    """UTF-8 ``data`` as text: a BOM is dropped and CRLF/CR line ends become ``\\n``.

    Raises ``error`` naming ``source_name`` for binary data (NUL bytes), UTF-16/32
    text and invalid UTF-8 (with the byte offset, the line and the likely encoding).
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise error(f"{source_name}: the file is UTF-32 encoded; {_RESAVE}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise error(f"{source_name}: the file is UTF-16 encoded ('Unicode' in Notepad); {_RESAVE}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise error(
            f"{source_name}: binary data (a NUL byte at byte offset {nul}), not UTF-8 text; "
            "is it a Word, PDF or other binary file with the wrong extension? "
            "Export it as plain UTF-8 text or use the matching extension"
        )
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        line = data.count(b"\n", 0, offset) + 1
        bad = data[offset : offset + 4]
        raise error(
            f"{source_name}: not valid UTF-8 at byte offset {offset} (line {line}, bytes "
            f"{bad.hex(' ')}); the file may be in GBK/GB2312 or Windows-1251/KOI8-R: {_RESAVE}"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_size(
    size: int,
    source_name: str,
    max_bytes: int,
    *,
    hint: str = "split it into smaller files",
    error: type[WorkbenchError] = FormatError,
) -> None:
    """Raise ``error`` when ``size`` bytes is over ``max_bytes``; ``hint`` is the fix."""
    if size > max_bytes:
        raise error(
            f"{source_name}: the file is {format_size(size)}, over the "
            f"{format_size(max_bytes)} limit; {hint}"
        )


def read_bytes(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    hint: str = "split it into smaller files",
    error: type[WorkbenchError] = FormatError,
) -> bytes:
    """The bytes of the ``what`` at ``path``, refusing missing, unreadable and oversized
    files (over ``max_bytes``, unless it is ``None``; ``hint`` says what to do then) with
    ``error``."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise error(f"{file}: no such {what}; check the path") from None
    except OSError as exc:
        raise error(f"{file}: cannot read it: {exc.strerror or exc}") from exc
    if file.is_dir():
        raise error(f"{file}: is a folder, not a file; give the path of the {what}")
    if max_bytes is not None:
        check_size(size, str(file), max_bytes, hint=hint, error=error)
    try:
        with file.open("rb") as fh:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"{file}: cannot read it: {exc.strerror or exc}") from exc
    if max_bytes is not None:
        check_size(len(data), str(file), max_bytes, hint=hint, error=error)
    return data


def read_text(
    path: str | os.PathLike[str],
    *,
    what: str = "file",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    error: type[WorkbenchError] = FormatError,
) -> str:
    """The text of the UTF-8 ``what`` at ``path`` (see :func:`read_bytes` and
    :func:`decode_text`): BOM dropped, line ends ``\\n``."""
    return decode_text(
        read_bytes(path, what=what, max_bytes=max_bytes, error=error), str(path), error=error
    )
