"""Word documents (.docx) through python-docx, which is imported on first use.

The reader takes the body's paragraphs with their styles: ``Title`` and
``Heading N`` become ``h1``..``h6``, ``List ...`` styles and numbered paragraphs
become ``li``, everything else ``p``.  The writer produces a new document with the
same structure (Word's heading styles and ``List Bullet``) and the target
language set as the document's default proofing language.

Before python-docx sees a file it is checked as a ZIP archive whose declared
uncompressed size stays under :attr:`DocxFormat.max_unzipped_ratio` times the
file size limit, so that a small "zip bomb" cannot fill the memory.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from workbench.errors import FormatError
from workbench.formats.base import Format, join_lines
from workbench.model import Document, Paragraph
from workbench.textio import format_size

#: BCP 47 tags Word uses for the proofing language of each workbench language
WORD_LANGUAGE_TAGS: dict[str, str] = {"en": "en-US", "zh": "zh-CN", "ru": "ru-RU"}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING = re.compile(r"heading\s*(\d+)")
#: characters XML 1.0 forbids (python-docx would refuse them)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HOSTILE_XML = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W_NS}}}{tag}"


class DocxFormat(Format):
    """Microsoft Word documents (Office Open XML)."""

    name = "docx"
    extensions = (".docx",)
    description = "Word document"
    can_read = True
    can_write = True
    #: refuse archives whose uncompressed total exceeds this many times :attr:`max_bytes`
    max_unzipped_ratio: int = 10

    # -- reading -----------------------------------------------------------------------

    def _parse(self, data: bytes, source_name: str) -> list[Paragraph]:
        self._check_archive(data, source_name)
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
            return [
                Paragraph(index=i, source=_paragraph_text(p), style=_style_of(p))
                for i, p in enumerate(document.paragraphs)
            ]
        except Exception as exc:  # python-docx raises many kinds on a damaged package
            raise FormatError(
                f"{source_name}: not a valid DOCX (Word) file ({type(exc).__name__}: {exc}); "
                "open it in Word or LibreOffice and save it again as .docx"
            ) from exc

    def _check_archive(self, data: bytes, source_name: str) -> None:
        if data.startswith(_OLE_MAGIC):
            raise FormatError(
                f"{source_name}: not a valid DOCX (Word) file: it is an old Word 97-2003 (.doc) "
                "file; open it in Word or LibreOffice and save it as .docx"
            )
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                unzipped = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise FormatError(
                f"{source_name}: not a valid DOCX (Word) file (not a ZIP archive: {exc}); "
                "is it another format with a .docx extension? Save it from Word as .docx"
            ) from None
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise FormatError(
                f"{source_name}: not a valid DOCX (Word) file: the archive has no "
                "word/document.xml (is it an .xlsx, .pptx or .odt file?); save it from Word "
                "as .docx"
            )
        limit = self.max_unzipped_ratio * self.max_bytes
        if unzipped > limit:
            raise FormatError(
                f"{source_name}: the DOCX archive unpacks to {format_size(unzipped)}, over the "
                f"{format_size(limit)} limit ({self.max_unzipped_ratio} times the "
                f"{format_size(self.max_bytes)} file limit); it may be damaged or malicious. "
                "Split the document or raise max_bytes"
            )
        self._check_parts(data, source_name)

    def _check_parts(self, data: bytes, source_name: str) -> None:
        """Refuse XML parts with a DOCTYPE or entity declarations (XXE, billion laughs):
        Word never writes them."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.filename.lower().endswith((".xml", ".rels")):
                    continue
                try:
                    with archive.open(info) as part:
                        head = part.read(2)
                        rest = part.read()
                except (
                    zipfile.BadZipFile,
                    zlib.error,
                    EOFError,
                    OSError,
                    NotImplementedError,
                ) as exc:
                    raise FormatError(
                        f"{source_name}: not a valid DOCX (Word) file (its part {info.filename} "
                        f"cannot be unpacked: {exc}); open it in Word or LibreOffice and save it "
                        "again as .docx"
                    ) from None
                if head in (b"\xff\xfe", b"\xfe\xff") or _HOSTILE_XML.search(head + rest):
                    raise FormatError(
                        f"{source_name}: refused: the DOCX part {info.filename} has a DOCTYPE, "
                        "entity declarations or UTF-16 XML, which Word never writes (XXE or "
                        "'billion laughs'); open it in Word or LibreOffice and save it again"
                    )

    # -- writing -----------------------------------------------------------------------

    def _render(self, doc: Document, scope: str) -> bytes:
        import docx

        document = docx.Document()
        tag = WORD_LANGUAGE_TAGS.get(doc.tgt_lang)
        if tag is not None:
            _set_language(document, tag)
            document.core_properties.language = tag
        document.core_properties.title = _xml_safe(doc.name)
        for style, text in self.localized(doc, scope):
            clean = _xml_safe(text)
            if style.startswith("h"):
                document.add_heading(clean, level=int(style[1]))
            elif style == "li":
                document.add_paragraph(clean, style="List Bullet")
            else:
                document.add_paragraph(clean)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _paragraph_text(paragraph: Any) -> str:
    text: str = paragraph.text
    return join_lines(text.replace("\t", " ").split("\n"))


def _style_of(paragraph: Any) -> str:
    style = paragraph.style
    name = ((style.name if style is not None else "") or "").strip().lower()
    if name == "title":
        return "h1"
    if (m := _HEADING.fullmatch(name)) is not None:
        return f"h{min(max(int(m.group(1)), 1), 6)}"
    if name.startswith("list"):
        return "li"
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(_w("numPr")) is not None:
        return "li"
    return "p"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def _set_language(document: Any, tag: str) -> None:
    """Make ``tag`` the default proofing language (and East Asian language for Chinese)."""
    from docx.oxml import OxmlElement

    styles = document.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(_w("val"), tag)
    if tag.startswith("zh"):
        lang.set(_w("eastAsia"), tag)
