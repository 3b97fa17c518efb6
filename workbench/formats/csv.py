"""Bilingual CSV and TSV: one row per segment, for review in a spreadsheet.

Columns: ``id`` (the segment's number, from 1), ``paragraph`` (from 1), ``source``,
``target``, ``status`` (:class:`workbench.model.Status` values), ``origin`` (the
provenance origin: ``mt``, ``tm``, ``human``...) and ``note``.  Files are written
as UTF-8 with a byte order mark, so that Excel shows Chinese and Russian
correctly, with CRLF line ends and quoting where needed; they are read with or
without the mark.

The ``target`` column holds each segment's real target (empty while
untranslated: a bilingual file never copies the source into it).  With
``scope="confirmed"`` every segment still gets its row, but the targets of
unconfirmed segments are left empty.

A text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe; :meth:`CsvFormat.read_bilingual` removes it again.
"""

from __future__ import annotations

import csv
import io
import re

from workbench.errors import FormatError
from workbench.formats.base import BilingualRow, TextFileFormat
from workbench.model import Document, Origin, Status
from workbench.textio import decode_text

COLUMNS: tuple[str, ...] = ("id", "paragraph", "source", "target", "status", "origin", "note")
REQUIRED_COLUMNS: tuple[str, ...] = ("source", "target")

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_PROTECTED = re.compile(r"'+[=+\-@\t\r]")


def protect_formula(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would take it for a formula.

    >>> protect_formula("=SUM(A1)"), protect_formula("-5 °C"), protect_formula("'=x")
    ("'=SUM(A1)", "'-5 °C", "''=x")
    """
    return "'" + text if _FORMULA.match(text) else text


def unprotect_formula(text: str) -> str:
    """The inverse of :func:`protect_formula`."""
    return text[1:] if _PROTECTED.match(text) else text


class CsvFormat(TextFileFormat):
    """Bilingual CSV for spreadsheets: export, and import of a reviewed export."""

    name = "csv"
    extensions = (".csv",)
    description = "Bilingual CSV"
    can_read = False
    can_write = True
    can_read_bilingual = True
    write_bom = True
    #: prefix formula-like cells with an apostrophe (see the module docstring)
    protect_formulas: bool = True
    #: the field separator
    delimiter: str = ","

    def _render_text(self, doc: Document, scope: str) -> str:
        protect = protect_formula if self.protect_formulas else _same
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for seg in doc.segments:
            keep = scope == "all" or seg.status.is_confirmed
            writer.writerow(
                [
                    seg.index + 1,
                    seg.paragraph + 1,
                    protect(seg.source),
                    protect(seg.target if keep else ""),
                    seg.status.value,
                    seg.provenance.origin.value,
                    protect(seg.note),
                ]
            )
        return out.getvalue()

    def _parse_bilingual(self, data: bytes, source_name: str) -> list[BilingualRow]:
        text = decode_text(data, source_name)
        unprotect = unprotect_formula if self.protect_formulas else _same
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        try:
            header = next(reader, None)
            if header is None:
                raise FormatError(f"{source_name}: the file is empty; choose a bilingual CSV")
            columns = [h.strip().lower() for h in header]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise FormatError(
                    f"{source_name}: the header row lacks the column(s) {', '.join(missing)}; "
                    f"a {self.description} file has the columns {','.join(COLUMNS)} (found "
                    f"{','.join(header) or 'an empty row'})"
                )
            where = {name: columns.index(name) for name in COLUMNS if name in columns}
            rows: list[BilingualRow] = []
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                line = reader.line_num

                def cell(name: str, cells: list[str] = cells) -> str:
                    i = where.get(name)
                    return cells[i] if i is not None and i < len(cells) else ""

                target = unprotect(cell("target"))
                index = _number(cell("id"), "id", source_name, line)
                rows.append(
                    BilingualRow(
                        index=len(rows) if index is None else index,
                        paragraph=_number(cell("paragraph"), "paragraph", source_name, line),
                        source=unprotect(cell("source")),
                        target=target,
                        status=_status(cell("status"), target, source_name, line),
                        origin=_origin(cell("origin"), source_name, line),
                        note=unprotect(cell("note")),
                    )
                )
        except csv.Error as exc:
            raise FormatError(
                f"{source_name}: broken {self.name.upper()} at line {reader.line_num} ({exc}); "
                "check its quotes or export it again"
            ) from None
        return rows


class TsvFormat(CsvFormat):
    """Bilingual TSV (tab-separated): the CSV columns, for tools that prefer tabs."""

    name = "tsv"
    extensions = (".tsv",)
    description = "Bilingual TSV"
    delimiter = "\t"


def _same(text: str) -> str:
    return text


def _number(value: str, column: str, source_name: str, line: int) -> int | None:
    """A 1-based number in ``column`` as a 0-based index (``None`` when the cell is empty)."""
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise FormatError(
            f"{source_name}, line {line}: the {column} column holds {value!r}; "
            "it must be a whole number from 1"
        )
    return number - 1


def _status(value: str, target: str, source_name: str, line: int) -> Status:
    value = value.strip().lower()
    if not value:
        return Status.for_target(target)
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise FormatError(
            f"{source_name}, line {line}: unknown status {value!r}; use one of {choices}"
        ) from None


def _origin(value: str, source_name: str, line: int) -> Origin:
    value = value.strip().lower()
    if not value:
        return Origin.NONE
    try:
        return Origin(value)
    except ValueError:
        choices = ", ".join(o.value for o in Origin)
        raise FormatError(
            f"{source_name}, line {line}: unknown origin {value!r}; use one of {choices}"
        ) from None


__all__ = ["COLUMNS", "CsvFormat", "TsvFormat", "protect_formula", "unprotect_formula"]
