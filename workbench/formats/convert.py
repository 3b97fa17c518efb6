"""Reading any import format into a :class:`~workbench.model.Document`, and converting
between formats (``workbench convert IN OUT``).

An article (TXT, Markdown, DOCX, HTML) is segmented into sentences with every
segment ``new``; a bilingual file (XLIFF, TMX, CSV/TSV, a review table) keeps its
segments, targets, statuses and notes, grouped into the paragraphs the file
records.  Languages come from the file where it says them, else from the
arguments, else from the text.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "news.md").write_text("# Floods\\n\\nRain fell. Roads closed.\\n", "utf-8")
>>> done = convert(folder / "news.md", folder / "news.xlf", tgt_lang="zh")
>>> (done.source_format, done.target_format, done.items, done.src_lang, done.tgt_lang)
('markdown', 'xliff', 3, 'en', 'zh')
>>> doc = read_document(folder / "news.xlf")
>>> (doc.src_lang, doc.tgt_lang, [s.source for s in doc.segments])
('en', 'zh', ['Floods', 'Rain fell.', 'Roads closed.'])
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import FormatError, WorkbenchError
from workbench.formats.base import BilingualFile, Format, check_scope
from workbench.model import Document, Origin, Paragraph, Provenance, Segment


@dataclass(frozen=True)
class Converted:
    """What :func:`convert` wrote: the format names and how many segments or concepts."""

    source_format: str
    target_format: str
    items: int
    kind: str  # "segments" or "concepts"
    src_lang: str | None = None
    tgt_lang: str | None = None


def import_format(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Format:
    """The format to read ``path`` with: its extension's, which must be importable."""
    from workbench.formats import format_for_path, supported_extensions

    fmt = format_for_path(path, max_bytes=max_bytes)
    if not (fmt.can_read or fmt.can_read_bilingual):
        readable = sorted(
            set(supported_extensions("read")) | set(supported_extensions("bilingual"))
        )
        raise FormatError(
            f"{path}: {fmt.description} files cannot be imported; use one of {', '.join(readable)}"
        )
    return fmt


def read_document(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    name: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """The document in ``path``, in any import format (chosen by its extension).

    For an article ``tgt_lang`` defaults to the source language (nothing translated
    yet); a bilingual file's languages must agree with ``src_lang``/``tgt_lang`` when
    both are known.
    """
    fmt = import_format(path, max_bytes=max_bytes)
    shown = Path(path).name
    if fmt.can_read_bilingual:
        content = fmt.read_bilingual_file(path)
        return document_from_bilingual(
            content, name=name or shown, src_lang=src_lang, tgt_lang=tgt_lang, source_name=shown
        )
    from workbench.documents import new_document
    from workbench.languages import detect_or_fail

    paragraphs = fmt.read_article(path)
    src = src_lang or detect_or_fail((p.source for p in paragraphs), shown)
    return new_document(name or shown, src, tgt_lang or src, paragraphs)


def document_from_bilingual(
    content: BilingualFile,
    *,
    name: str,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    source_name: str = "",
) -> Document:
    """A document of the segments in ``content``, grouped into its paragraphs."""
    shown = source_name or name
    rows = [r for r in content.rows if r.source.strip()]
    if not rows:
        raise FormatError(
            f"{shown}: no segments with source text found; check that it is the right file"
        )
    src = _language(shown, "source", content.src_lang, src_lang, [r.source for r in rows])
    tgt = _language(shown, "target", content.tgt_lang, tgt_lang, [r.target for r in rows])
    from workbench.languages import get_language

    joiner = get_language(src).sentence_joiner
    doc = Document(name, src, tgt)
    numbers: dict[object, int] = {}
    for n, row in enumerate(rows):
        key = ("p", row.paragraph) if row.paragraph is not None else ("row", n)
        if key not in numbers:
            numbers[key] = len(doc.paragraphs)
            doc.paragraphs.append(Paragraph(len(doc.paragraphs), "", row.style))
        para = doc.paragraphs[numbers[key]]
        start = len(para.source) + (len(joiner) if para.source else 0)
        para.source = f"{para.source}{joiner}{row.source}" if para.source else row.source
        if not row.target.strip():
            provenance = Provenance()
        elif row.origin in (Origin.NONE, Origin.IMPORT):
            provenance = Provenance.imported(shown)
        else:
            provenance = Provenance(row.origin, detail=shown)
        doc.segments.append(
            Segment(
                index=len(doc.segments),
                paragraph=para.index,
                source=row.source,
                target=row.target,
                status=row.status,
                provenance=provenance,
                start=start,
                end=start + len(row.source),
                note=row.note,
            )
        )
    return doc


def _language(
    shown: str, role: str, recorded: str | None, given: str | None, texts: list[str]
) -> str:
    flag = f"--{role[:3] if role == 'source' else 'tgt'}-lang"
    if given is not None and recorded is not None and given != recorded:
        raise FormatError(
            f"{shown}: the file's {role} language is {recorded!r} but {flag} {given} was given; "
            f"drop {flag} or pick the right file"
        )
    found = given or recorded
    if found is None:
        from workbench.languages import detect_or_fail

        found = detect_or_fail((t for t in texts if t), shown, flag)
    return found


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    scope: str = "all",
    max_bytes: int | None = None,
) -> Converted:
    """Read ``source`` in any import format and write ``target`` in its extension's format.

    An article converted to a bilingual format needs ``tgt_lang``.  Termbases are
    converted by :func:`workbench.glossary.convert_termbase` (``workbench convert``
    picks it for ``.tbx`` files: :func:`workbench.convert.convert`).
    """
    from workbench.formats import format_for_path, write_document

    check_scope(scope)
    if Path(source).resolve() == Path(target).resolve():
        raise WorkbenchError(f"{target}: the output is the input file; give another name")
    reader = import_format(source, max_bytes=max_bytes)
    writer = format_for_path(target, capability="write")
    doc = read_document(source, src_lang=src_lang, tgt_lang=tgt_lang, max_bytes=max_bytes)
    if not reader.can_read_bilingual and writer.can_read_bilingual and tgt_lang is None:
        raise WorkbenchError(
            f"{Path(source).name} is an article: pass --tgt-lang en, zh or ru for the "
            f"{writer.description} file's target language"
        )
    write_document(doc, target, scope=scope, format=writer.name)
    return Converted(
        reader.name, writer.name, len(doc.segments), "segments", doc.src_lang, doc.tgt_lang
    )


__all__ = ["Converted", "convert", "document_from_bilingual", "import_format", "read_document"]
