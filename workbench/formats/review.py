"""The bilingual review table: a Word document with one table row per segment.

Reviewers who work in Word get ``NAME.review.docx``: a title, then a table with the
columns ``#`` (segment, from 1), ``¶`` (paragraph, from 1), ``Source (en-US)``,
``Target (zh-CN)``, ``Status`` and ``Note``.  They correct targets, statuses and
notes in Word, and the file is read back with :meth:`ReviewTableFormat.read_bilingual`
(languages from the column headings).  Inline codes stay in the text as written.
Like the CSV, ``scope="confirmed"`` keeps every row but empties unconfirmed targets.
"""

from __future__ import annotations

import io
import re
from typing import Any

from workbench.errors import FormatError
from workbench.formats.base import (
    LANGUAGE_TAGS,
    BilingualFile,
    BilingualRow,
    Format,
    language_code,
)
from workbench.formats.docx import WORD_LANGUAGE_TAGS, DocxFormat
from workbench.formats.inline import xml_safe
from workbench.model import Document, Status

HEADINGS = ("#", "¶", "Source", "Target", "Status", "Note")
_LANG_IN_HEADING = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\)")


class ReviewTableFormat(DocxFormat):
    """A bilingual review table in a Word document (``.review.docx``)."""

    name = "review"
    extensions = (".review.docx",)
    description = "Bilingual review table (Word)"
    can_read = False
    can_write = True
    can_read_bilingual = True

    def _render(self, doc: Document, scope: str) -> bytes:
        import docx
        from docx.enum.section import WD_ORIENT

        document = docx.Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        tag = WORD_LANGUAGE_TAGS.get(doc.tgt_lang)
        if tag is not None:
            document.core_properties.language = tag
        document.core_properties.title = xml_safe(doc.name)
        src_tag = LANGUAGE_TAGS.get(doc.src_lang, doc.src_lang)
        tgt_tag = LANGUAGE_TAGS.get(doc.tgt_lang, doc.tgt_lang)
        document.add_heading(xml_safe(f"{doc.name} ({src_tag} → {tgt_tag})"), level=1)
        table = document.add_table(rows=1, cols=len(HEADINGS))
        table.style = "Table Grid"
        headings = list(HEADINGS)
        headings[2] = f"Source ({src_tag})"
        headings[3] = f"Target ({tgt_tag})"
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for seg in doc.segments:
            cells = table.add_row().cells
            values = (
                str(seg.index + 1),
                str(seg.paragraph + 1),
                seg.source,
                Format.scoped_target(seg, scope),
                seg.status.value,
                seg.note,
            )
            for cell, text in zip(cells, values, strict=True):
                cell.text = xml_safe(text)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def _parse_bilingual_file(self, data: bytes, source_name: str) -> BilingualFile:
        self._check_archive(data, source_name)
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
            tables = list(document.tables)
            found = next((t for t in tables if _columns(t) is not None), None)
            if found is None:
                raise FormatError(
                    f"{source_name}: no review table found (a table whose first row reads "
                    f"{', '.join(HEADINGS)}); is it a Word article? Import it as .docx"
                )
            columns = _columns(found) or {}
            header = [c.text.strip() for c in found.rows[0].cells]
            rows: list[BilingualRow] = []
            for number, row in enumerate(found.rows[1:], start=2):
                texts = [c.text for c in row.cells]
                rows.append(_row(texts, columns, len(rows), source_name, number))
        except FormatError:
            raise
        except Exception as exc:  # python-docx raises many kinds on a damaged package
            raise FormatError(
                f"{source_name}: not a valid DOCX (Word) file ({type(exc).__name__}: {exc}); "
                "open it in Word or LibreOffice and save it again as .docx"
            ) from exc
        return BilingualFile(
            [r for r in rows if r.source.strip() or r.target.strip()],
            src_lang=_heading_language(header[columns["source"]]),
            tgt_lang=_heading_language(header[columns["target"]]),
            name=document.core_properties.title or None,
        )


def _columns(table: Any) -> dict[str, int] | None:
    """The column of each heading in ``table``'s first row, or ``None`` if it is no review table."""
    if not table.rows:
        return None
    header = [c.text.strip().lower() for c in table.rows[0].cells]
    found: dict[str, int] = {}
    for key in ("#", "¶", "source", "target", "status", "note"):
        for i, text in enumerate(header):
            if text == key or text.startswith(key + " ("):
                found.setdefault(key, i)
    return found if "source" in found and "target" in found else None


def _row(
    texts: list[str], columns: dict[str, int], index: int, source_name: str, line: int
) -> BilingualRow:
    def cell(key: str) -> str:
        i = columns.get(key)
        return texts[i] if i is not None and i < len(texts) else ""

    status_text = cell("status").strip().lower()
    target = cell("target")
    if status_text:
        try:
            status = Status(status_text)
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise FormatError(
                f"{source_name}, table row {line}: unknown status {status_text!r}; use one of "
                f"{choices}"
            ) from None
    else:
        status = Status.for_target(target)
    paragraph = cell("¶").strip()
    number = cell("#").strip()
    return BilingualRow(
        index=int(number) - 1 if number.isdigit() and int(number) > 0 else index,
        source=cell("source"),
        target=target,
        status=status,
        paragraph=int(paragraph) - 1 if paragraph.isdigit() and int(paragraph) > 0 else None,
        note=cell("note"),
    )


def _heading_language(text: str) -> str | None:
    found = _LANG_IN_HEADING.search(text)
    return language_code(found.group(1)) if found else None


__all__ = ["HEADINGS", "ReviewTableFormat"]
