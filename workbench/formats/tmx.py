"""TMX 1.4b translation memories, through translate-toolkit.

One ``<tu>`` per segment (``tuid`` numbered from 1) with a ``<tuv>`` for the source
and, when there is one, the target.  TMX has no segment status, so the workbench
records its own in ``<prop type="x-workbench-status">``, with the paragraph
(``x-workbench-paragraph``, from 1), its style (``x-workbench-style``) and the
target's origin (``x-workbench-origin``: ``mt``, ``tm``, ``human``...); the
segment's note is a ``<note>``.  A TMX from another tool has none of these: each
unit with a target is read as ``translated`` (a memory holds confirmed
translations) and is its own paragraph.  The header records the document's name and target
language (``x-workbench-document``, ``x-workbench-target-language``).

Inline codes map to TMX's ``bpt``/``ept``/``ph``/``it`` (same names as XLIFF 1.2, with
``i``/``x`` numbers) and ``hi`` for ``g`` and ``mrk``; empty native codes stand for
XLIFF's ``x``/``bx``/``ex``.  Files pass :func:`workbench.formats.xmlsafe.check_xml`
first; the standard ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line is allowed (never loaded).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.errors import FormatError
from workbench.formats import inline, ttk
from workbench.formats.base import (
    LANGUAGE_TAGS,
    STYLES,
    BilingualFile,
    BilingualRow,
    Format,
    language_code,
)
from workbench.formats.inline import Code, Node
from workbench.formats.xmlsafe import local_name, parse_xml
from workbench.model import Document, Origin, Status

if TYPE_CHECKING:
    from lxml import etree

#: the DOCTYPE lines of TMX files that are accepted (the DTD is never read)
TMX_DOCTYPES = frozenset(
    ("tmx", dtd) for dtd in ("tmx14.dtd", "tmx13.dtd", "tmx12.dtd", "tmx11.dtd", "tmx.dtd")
)
PROP_STATUS = "x-workbench-status"
PROP_PARAGRAPH = "x-workbench-paragraph"
PROP_STYLE = "x-workbench-style"
PROP_ORIGIN = "x-workbench-origin"
PROP_DOCUMENT = "x-workbench-document"
PROP_TARGET = "x-workbench-target-language"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MRK_TYPE = "x-mrk-"


class TmxFormat(Format):
    """TMX 1.4b translation memory exchange."""

    name = "tmx"
    extensions = (".tmx",)
    description = "TMX 1.4b translation memory"
    can_write = True
    can_read_bilingual = True

    # -- reading -----------------------------------------------------------------------

    def _parse_bilingual_file(self, data: bytes, source_name: str) -> BilingualFile:
        root = parse_xml(data, source_name, doctypes=TMX_DOCTYPES, kind="TMX")
        if local_name(root) != "tmx":
            raise FormatError(
                f"{source_name}: not a TMX file: its root element is <{local_name(root)}>, "
                "not <tmx>; is it another format with a .tmx extension?"
            )
        try:
            return _read(data, source_name)
        except FormatError:
            raise
        except Exception as exc:  # translate-toolkit raises ValueError, AssertionError...
            raise FormatError(
                f"{source_name}: not a valid TMX file ({type(exc).__name__}: {exc}); "
                "export it again from its tool"
            ) from exc

    # -- writing -----------------------------------------------------------------------

    def _render(self, doc: Document, scope: str) -> bytes:
        from lxml import etree

        src_tag = LANGUAGE_TAGS.get(doc.src_lang, doc.src_lang)
        tgt_tag = LANGUAGE_TAGS.get(doc.tgt_lang, doc.tgt_lang)
        store = ttk.store_class(ttk.TMX)(sourcelanguage=src_tag, targetlanguage=tgt_tag)
        header = store.document.getroot().find("header")
        header.set("creationtool", "Workbench")
        header.set("creationtoolversion", __version__)
        header.set("o-tmf", "Workbench")
        header.set("datatype", "plaintext")
        _prop(header, PROP_DOCUMENT, doc.name)
        _prop(header, PROP_TARGET, tgt_tag)
        styles = Format.paragraph_styles(doc)
        for seg in doc.segments:
            tu = etree.SubElement(store.body, "tu")
            tu.set("tuid", str(seg.index + 1))
            note = inline.xml_safe(seg.note).strip()
            if note:
                etree.SubElement(tu, "note").text = note
            target = Format.scoped_target(seg, scope)
            status = Format.scoped_status(seg, scope)
            _prop(tu, PROP_STATUS, status.value)
            _prop(tu, PROP_PARAGRAPH, str(seg.paragraph + 1))
            _prop(tu, PROP_STYLE, styles.get(seg.paragraph, "p"))
            if target.strip() and seg.provenance.origin is not Origin.NONE:
                _prop(tu, PROP_ORIGIN, seg.provenance.origin.value)
            _tuv(tu, src_tag, seg.source)
            if target.strip():
                _tuv(tu, tgt_tag, target)
            store.addunit(store.UnitClass.createfromxmlElement(tu), new=False)
        out = io.BytesIO()
        store.serialize(out)
        return out.getvalue()


def _read(data: bytes, source_name: str) -> BilingualFile:
    store = ttk.parse_store(ttk.TMX, data)
    root = store.document.getroot()
    header = root.find("header")
    src_tag = header.get("srclang") if header is not None else None
    if src_tag and src_tag.lower() == "*all*":
        src_tag = None
    src = language_code(src_tag)
    header_props = _props(header)
    tgt = language_code(header_props.get(PROP_TARGET))
    name = header_props.get(PROP_DOCUMENT)
    rows: list[BilingualRow] = []
    paragraphs: dict[Any, int] = {}
    for unit in store.units:
        tu = unit.xmlelement
        tuvs = [t for t in tu if isinstance(t.tag, str) and local_name(t) == "tuv"]
        if not tuvs:
            continue
        picked = _pick(tuvs, src_tag)
        source_tuv = picked if picked is not None else tuvs[0]
        if src_tag is None:
            src_tag = source_tuv.get(_XML_LANG) or source_tuv.get("lang")
            src = src or language_code(src_tag)
        others = [t for t in tuvs if t is not source_tuv]
        target_tuv = None
        if others:
            picked = _pick(others, LANGUAGE_TAGS.get(tgt, "") if tgt else None)
            target_tuv = picked if picked is not None else others[0]
            tgt = tgt or language_code(target_tuv.get(_XML_LANG) or target_tuv.get("lang"))
        source = _seg_text(source_tuv)
        target = _seg_text(target_tuv) if target_tuv is not None else ""
        props = _props(tu)
        status = _status(props.get(PROP_STATUS), target)
        number = props.get(PROP_PARAGRAPH, "")
        key: Any = ("p", int(number)) if number.isdigit() else tu
        style = props.get(PROP_STYLE, "p")
        rows.append(
            BilingualRow(
                index=len(rows),
                source=source,
                target=target,
                status=status,
                paragraph=paragraphs.setdefault(key, len(paragraphs)),
                note=unit.getnotes(),
                style=style if style in STYLES else "p",
                origin=_origin(props.get(PROP_ORIGIN)),
            )
        )
    return BilingualFile(rows, src_lang=src, tgt_lang=tgt, name=name or None)


def _status(value: str | None, target: str) -> Status:
    if value:
        try:
            return Status(value.strip().lower())
        except ValueError:
            pass
    return Status.TRANSLATED if target.strip() else Status.NEW


def _origin(value: str | None) -> Origin:
    try:
        return Origin((value or "none").strip().lower())
    except ValueError:
        return Origin.NONE


def _pick(tuvs: list[etree._Element], tag: str | None) -> etree._Element | None:
    if not tag:
        return None
    wanted = tag.lower()
    for tuv in tuvs:
        lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
        if lang == wanted:
            return tuv
    code = language_code(tag)
    for tuv in tuvs:
        if code is not None and language_code(tuv.get(_XML_LANG) or tuv.get("lang")) == code:
            return tuv
    return None


def _props(element: etree._Element | None) -> dict[str, str]:
    if element is None:
        return {}
    return {
        str(p.get("type")): "".join(p.itertext())
        for p in element
        if isinstance(p.tag, str) and local_name(p) == "prop" and p.get("type")
    }


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    from lxml import etree

    prop = etree.SubElement(parent, "prop")
    prop.set("type", kind)
    prop.text = inline.xml_safe(value)


def _tuv(tu: etree._Element, lang: str, text: str) -> None:
    from lxml import etree

    tuv = etree.SubElement(tu, "tuv")
    tuv.set(_XML_LANG, lang)
    seg = etree.SubElement(tuv, "seg")
    numbers: dict[str, str] = {}

    def number(ident: str | None) -> str:
        ident = ident or ""
        if ident.isdigit():
            return ident
        if ident not in numbers:
            numbers[ident] = str(1000 + len(numbers))
        return numbers[ident]

    def make(parent: etree._Element, code: Code) -> etree._Element | None:
        name = code.name
        ident = number(code.attr("id") or code.attr("mid"))
        if name in ("g", "mrk"):
            child = etree.SubElement(parent, "hi")
            child.set("x", ident)
            if name == "mrk":
                child.set("type", _MRK_TYPE + (code.attr("mtype") or "x-generic"))
        elif name in ("bx", "bpt"):
            child = etree.SubElement(parent, "bpt")
            child.set("i", ident)
        elif name in ("ex", "ept"):
            child = etree.SubElement(parent, "ept")
            child.set("i", ident)
        elif name == "it":
            child = etree.SubElement(parent, "it")
            child.set("pos", "end" if code.attr("pos") == "close" else "begin")
            child.set("x", ident)
        else:  # x, ph, sub
            child = etree.SubElement(parent, "ph")
            child.set("x", ident)
        return child

    inline.write_element(seg, inline.parse(text), make)


def _seg_text(tuv: etree._Element) -> str:
    seg = next((s for s in tuv if isinstance(s.tag, str) and local_name(s) == "seg"), None)
    if seg is None:
        return ""
    return inline.serialize(inline.read_element(seg, _from_tmx))


def _from_tmx(element: etree._Element) -> Node | None:
    name = local_name(element)
    if name == "hi":
        kind = element.get("type") or ""
        children = inline.read_element(element, _from_tmx)
        if kind.startswith(_MRK_TYPE):
            return Code("mrk", [("mtype", kind[len(_MRK_TYPE) :])], children=children)
        return Code("g", [("id", element.get("x") or "")], children=children)
    code = inline.element_text(element) or None
    if name in ("bpt", "ept"):
        ident = element.get("i") or element.get("x") or ""
        empty = "bx" if name == "bpt" else "ex"
        return Code(name, [("id", ident)], code=code) if code else Code(empty, [("id", ident)])
    if name == "it":
        pos = "close" if element.get("pos") == "end" else "open"
        return Code("it", [("id", element.get("x") or ""), ("pos", pos)], code=code)
    if name in ("ph", "ut"):
        ident = element.get("x") or ""
        return Code("ph", [("id", ident)], code=code) if code else Code("x", [("id", ident)])
    return None


__all__ = ["TMX_DOCTYPES", "TmxFormat"]
