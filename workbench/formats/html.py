"""HTML articles through lxml's HTML parser: headings, paragraphs and lists as structure.

The reader walks the ``<body>``: ``h1``..``h6`` become headings, ``li``/``dt``/``dd``
list items, and every other block (``p``, ``div``, ``blockquote``, table cells...)
a paragraph; inline markup (``b``, ``a``, ``span``...) is flattened to its text and
``<br>`` joins lines like a line break in a text file.  Scripts, styles,
``<head>`` and embedded objects are skipped.  The file is UTF-8 unless a
``<meta charset>`` (or BOM) names another encoding, which is then decoded strictly.
HTML has no entity declarations: a file with ``<!ENTITY`` or a DOCTYPE with an
internal subset is refused, and the parser never touches the network.

The writer produces an HTML5 document (``lang`` set to the target language) with
the same structure; consecutive list items share one ``<ul>``.

>>> from workbench.formats import get_format
>>> page = b"<h1>Floods</h1><p>Rain <b>fell</b>.<br>All night.</p><ul><li>One</li></ul>"
>>> [(p.style, p.source) for p in get_format("html").parse_article(page, "a.html")]
[('h1', 'Floods'), ('p', 'Rain fell. All night.'), ('li', 'One')]
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any

from workbench.errors import FormatError
from workbench.formats.base import LANGUAGE_TAGS, Format, join_lines
from workbench.formats.inline import xml_safe
from workbench.model import Document, Paragraph
from workbench.textio import decode_text

if TYPE_CHECKING:
    from lxml import etree

_HEADINGS = {f"h{n}": f"h{n}" for n in range(1, 7)}
_LIST_ITEMS = frozenset({"li", "dt", "dd"})
_BLOCKS = frozenset(
    {
        *_HEADINGS,
        *_LIST_ITEMS,
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "blockquote", "pre", "address", "figure", "figcaption", "caption", "table", "thead",
        "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "dl", "hr", "form", "fieldset",
        "legend", "details", "summary", "center", "body", "html",
    }
)  # fmt: skip
_SKIP = frozenset(
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe",
        "object", "embed", "canvas", "audio", "video", "select", "textarea", "button",
    }
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_ENTITY = re.compile(r"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!\s*DOCTYPE[^>\[]*\[", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\r]+")
_NEWLINES = re.compile(r"[ \t\f\r]*\n\s*")


class HtmlFormat(Format):
    """HTML pages and fragments."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    description = "HTML page"
    can_read = True
    can_write = True

    # -- reading -----------------------------------------------------------------------

    def _parse(self, data: bytes, source_name: str) -> list[Paragraph]:
        from lxml import etree, html

        text = _decode(data, source_name)
        if _ENTITY.search(text) or _DOCTYPE_SUBSET.search(text):
            raise FormatError(
                f"{source_name}: refused: the page declares entities or a DOCTYPE with an "
                "internal subset, which HTML never needs; save it again from its editor"
            )
        text = _XML_DECLARATION.sub("", text, count=1)
        parser = html.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
        )
        try:
            root = html.document_fromstring(text, parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise FormatError(
                f"{source_name}: no text found in this HTML file ({exc}); check that it is "
                "the right file"
            ) from None
        body = root.find("body")
        if body is None:
            body = root
        blocks: list[Paragraph] = []
        buffer = [body.text] if body.text else []
        _walk(body, "p", buffer, blocks)
        _flush(buffer, "p", blocks)
        return blocks

    # -- writing -----------------------------------------------------------------------

    def _render(self, doc: Document, scope: str) -> bytes:
        from lxml import etree, html

        page = etree.Element("html")
        page.set("lang", LANGUAGE_TAGS.get(doc.tgt_lang, doc.tgt_lang))
        head = etree.SubElement(page, "head")
        etree.SubElement(head, "meta").set("charset", "utf-8")
        etree.SubElement(head, "title").text = xml_safe(doc.name)
        body = etree.SubElement(page, "body")
        listing: Any = None
        for style, text in self.localized(doc, scope):
            if style == "li":
                if listing is None:
                    listing = etree.SubElement(body, "ul")
                etree.SubElement(listing, "li").text = xml_safe(text)
                continue
            listing = None
            etree.SubElement(body, style if style in _HEADINGS else "p").text = xml_safe(text)
        out: str = html.tostring(
            page, doctype="<!DOCTYPE html>", encoding="unicode", method="html", pretty_print=True
        )
        return out.encode("utf-8")


def _walk(element: etree._Element, style: str, buffer: list[str], out: list[Paragraph]) -> None:
    """Collect the text under ``element`` into ``out``, one paragraph per block."""
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag and tag not in _SKIP:
            if tag in _BLOCKS:
                _flush(buffer, style, out)
                inner = _HEADINGS.get(tag) or ("li" if tag in _LIST_ITEMS else style)
                if inner.startswith("h") and tag not in _HEADINGS:
                    inner = "p"
                if child.text:
                    buffer.append(child.text)
                _walk(child, inner, buffer, out)
                _flush(buffer, inner, out)
            elif tag == "br":
                buffer.append("\n")
            else:
                if child.text:
                    buffer.append(child.text)
                _walk(child, style, buffer, out)
        if child.tail:
            buffer.append(child.tail)


def _flush(buffer: list[str], style: str, out: list[Paragraph]) -> None:
    if not buffer:
        return
    raw = "".join(buffer)
    buffer.clear()
    text = join_lines(_SPACES.sub(" ", line) for line in _NEWLINES.split(raw))
    if text:
        out.append(Paragraph(index=len(out), source=text, style=style))


def _decode(data: bytes, source_name: str) -> str:
    """The text of an HTML file: UTF-8 (BOM or not) unless a ``<meta charset>`` names
    another encoding, which is then decoded strictly."""
    found = _CHARSET.search(data[:4096])
    if found is None or data.startswith(codecs.BOM_UTF8):
        return decode_text(data, source_name)
    name = found.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise FormatError(
            f"{source_name}: the page declares the unknown encoding {name!r}; re-save it as UTF-8"
        ) from None
    if codec in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii"):
        return decode_text(data, source_name)
    if b"\x00" in data:
        return decode_text(data, source_name)  # names the binary data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"{source_name}: not valid {name} at byte offset {exc.start} (the encoding its "
            "<meta charset> declares); re-save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = ["HtmlFormat"]
