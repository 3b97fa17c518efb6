"""XLIFF 1.2 and 2.0: the bilingual exchange files of CAT tools, through translate-toolkit.

Both formats read either version (the file's ``version`` decides) and write their
own: ``.xlf``/``.xliff`` files are written as XLIFF 1.2, ``.xlf2``/``.xliff2``
(or ``format="xliff2"``) as XLIFF 2.0.  Every file passes
:func:`workbench.formats.xmlsafe.check_xml` before translate-toolkit parses it.

What is written, and read back:

* one ``<trans-unit>`` (1.2) or ``<unit>`` (2.0) per segment, numbered from 1, inside
  one ``<group>`` per paragraph whose ``restype="x-wb-STYLE"`` (1.2) or
  ``type="wb:STYLE"`` (2.0) records the paragraph's style;
* the segment's status mapped to the version's vocabulary by :data:`XLIFF12_STATES`
  and :data:`XLIFF2_STATES`, and back by :func:`status_from_xliff12` and
  :func:`status_from_xliff2` (like translate-toolkit's ``statemap``);
* the segment's note as a ``<note>``;
* inline codes (:mod:`workbench.formats.inline`) as XLIFF elements: verbatim in 1.2,
  as ``pc``/``ph``/``sc``/``ec``/``mrk`` with ``originalData`` in 2.0.

Files from other tools are read unit by unit (each unit outside a workbench group
is its own paragraph); units marked ``translate="no"`` are skipped.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

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
from workbench.model import Document, Origin, Segment, Status

if TYPE_CHECKING:
    from lxml import etree

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"

#: Status -> (XLIFF 1.2 target ``state``, ``state-qualifier`` or None)
XLIFF12_STATES: dict[Status, tuple[str, str | None]] = {
    Status.NEW: ("new", None),
    Status.DRAFT: ("needs-review-translation", None),
    Status.TRANSLATED: ("translated", None),
    Status.REVIEWED: ("signed-off", None),
    Status.APPROVED: ("final", None),
    Status.REJECTED: ("needs-translation", "rejected-inaccurate"),
}
#: XLIFF 1.2 ``state`` -> Status, for a unit with a target
XLIFF12_READ: dict[str, Status] = {
    "new": Status.DRAFT,
    "needs-translation": Status.DRAFT,
    "needs-adaptation": Status.DRAFT,
    "needs-l10n": Status.DRAFT,
    "needs-review-translation": Status.DRAFT,
    "needs-review-adaptation": Status.DRAFT,
    "needs-review-l10n": Status.DRAFT,
    "translated": Status.TRANSLATED,
    "signed-off": Status.REVIEWED,
    "final": Status.APPROVED,
}
#: Status -> XLIFF 2.0 segment ``state`` (``subState="wb:STATUS"`` makes it exact)
XLIFF2_STATES: dict[Status, str] = {
    Status.NEW: "initial",
    Status.DRAFT: "initial",
    Status.TRANSLATED: "translated",
    Status.REVIEWED: "reviewed",
    Status.APPROVED: "final",
    Status.REJECTED: "initial",
}
XLIFF2_READ: dict[str, Status] = {
    "initial": Status.DRAFT,
    "translated": Status.TRANSLATED,
    "reviewed": Status.REVIEWED,
    "final": Status.APPROVED,
}
#: XLIFF 1.2 ``state-qualifier`` values that say where a draft came from
_QUALIFIER_ORIGINS: dict[str, Origin] = {
    "leveraged-mt": Origin.MT,
    "mt-suggestion": Origin.MT,
    "leveraged-tm": Origin.TM,
    "tm-suggestion": Origin.TM,
    "exact-match": Origin.TM,
    "fuzzy-match": Origin.TM,
}
_ORIGIN_QUALIFIERS: dict[Origin, str] = {Origin.MT: "leveraged-mt", Origin.TM: "leveraged-tm"}
SUBSTATE_PREFIX = "wb:"
#: the ids given to XLIFF 2.0 markers made from XLIFF 1.2 ``mrk`` elements without ``mid``
_AUTO_MRK = re.compile(r"wb-m\d+")
RESTYPE_PREFIX = "x-wb-"


def status_from_xliff12(
    state: str | None, qualifier: str | None, approved: bool, target: str
) -> Status:
    """The status of an XLIFF 1.2 unit from its target's ``state``, ``state-qualifier``
    and the unit's ``approved`` flag.

    >>> status_from_xliff12("signed-off", None, False, "x")
    <Status.REVIEWED: 'reviewed'>
    >>> status_from_xliff12(None, None, True, "x")
    <Status.APPROVED: 'approved'>
    """
    if not target.strip():
        return Status.NEW
    if (qualifier or "").startswith("rejected-"):
        return Status.REJECTED
    if state and state in XLIFF12_READ:
        return XLIFF12_READ[state]
    return Status.APPROVED if approved else Status.DRAFT


def status_from_xliff2(state: str | None, sub_state: str | None, target: str) -> Status:
    """The status of an XLIFF 2.0 segment from its ``state`` and ``subState``."""
    if sub_state and sub_state.startswith(SUBSTATE_PREFIX):
        try:
            return Status(sub_state[len(SUBSTATE_PREFIX) :])
        except ValueError:
            pass
    if not target.strip():
        return Status.NEW
    return XLIFF2_READ.get(state or "initial", Status.DRAFT)


class XliffFormat(Format):
    """XLIFF 1.2 (reads 1.x and 2.0)."""

    name = "xliff"
    extensions = (".xlf", ".xliff")
    description = "XLIFF 1.2"
    can_write = True
    can_read_bilingual = True
    #: the version written
    version = "1.2"

    # -- reading -----------------------------------------------------------------------

    def _parse_bilingual_file(self, data: bytes, source_name: str) -> BilingualFile:
        root = parse_xml(data, source_name, kind="XLIFF")
        if local_name(root) != "xliff":
            raise FormatError(
                f"{source_name}: not an XLIFF file: its root element is <{local_name(root)}>, "
                "not <xliff>; is it another format with an XLIFF extension?"
            )
        version = root.get("version") or ""
        is_2 = version.startswith("2") or NS2 in (root.tag or "")
        try:
            return _read_2(data, source_name) if is_2 else _read_12(data, source_name)
        except FormatError:
            raise
        except Exception as exc:  # translate-toolkit raises ValueError, AssertionError...
            raise FormatError(
                f"{source_name}: not a valid XLIFF {version or ''} file ({type(exc).__name__}: "
                f"{exc}); export it again from its tool"
            ) from exc

    # -- writing -----------------------------------------------------------------------

    def _render(self, doc: Document, scope: str) -> bytes:
        return _write_2(doc, scope) if self.version.startswith("2") else _write_12(doc, scope)


class Xliff2Format(XliffFormat):
    """XLIFF 2.0 (reads 1.x and 2.0)."""

    name = "xliff2"
    extensions = (".xlf2", ".xliff2")
    description = "XLIFF 2.0"
    version = "2.0"


# -- XLIFF 1.2 ----------------------------------------------------------------------------

_SKELETON_12 = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<xliff version="1.2" xmlns="{NS12}"><file original="document" source-language="en" '
    'datatype="plaintext"><body/></file></xliff>'
)


def _read_12(data: bytes, source_name: str) -> BilingualFile:
    store = ttk.parse_store(ttk.XLIFF12, data)
    ns = store.namespace
    rows: list[BilingualRow] = []
    paragraphs: dict[Any, int] = {}
    for unit in store.units:
        element = unit.xmlelement
        if local_name(element) != "trans-unit" or not unit.istranslatable():
            continue
        source_el = element.find(f"{{{ns}}}source")
        target_el = element.find(f"{{{ns}}}target")
        source = _text(source_el, _from_12)
        target = _text(target_el, _from_12)
        state = target_el.get("state") if target_el is not None else None
        qualifier = target_el.get("state-qualifier") if target_el is not None else None
        approved = element.get("approved") == "yes"
        style, key = _paragraph_group(element, "restype", RESTYPE_PREFIX)
        paragraph = paragraphs.setdefault(key, len(paragraphs))
        status = status_from_xliff12(state, qualifier, approved, target)
        rows.append(
            BilingualRow(
                index=len(rows),
                source=source,
                target=target,
                status=status,
                paragraph=paragraph,
                origin=_QUALIFIER_ORIGINS.get(qualifier or "", Origin.NONE),
                note=unit.getnotes(),
                style=style,
            )
        )
    files = store.document.getroot().findall(f"{{{ns}}}file")
    first = files[0] if files else None
    return BilingualFile(
        rows,
        src_lang=language_code(first.get("source-language") if first is not None else None),
        tgt_lang=language_code(first.get("target-language") if first is not None else None),
        name=(first.get("original") if first is not None else None) or None,
    )


def _from_12(element: etree._Element) -> Node | None:
    name = local_name(element)
    if name not in inline.NAMES:
        return None
    attrs = inline.attrs_of(element)
    if not attrs:
        return None
    if name in inline.CONTAINERS:
        return Code(name, attrs, children=inline.read_element(element, _from_12))
    if name in inline.CODES:
        return Code(name, attrs, code=inline.element_text(element) or None)
    return Code(name, attrs)


def _write_12(doc: Document, scope: str) -> bytes:
    from lxml import etree

    store = ttk.parse_store(ttk.XLIFF12, _SKELETON_12.encode())
    ns = store.namespace
    file_el = store.document.getroot().find(f"{{{ns}}}file")
    file_el.set("original", inline.xml_safe(doc.name) or "document")
    file_el.set("source-language", LANGUAGE_TAGS.get(doc.src_lang, doc.src_lang))
    file_el.set("target-language", LANGUAGE_TAGS.get(doc.tgt_lang, doc.tgt_lang))
    styles = Format.paragraph_styles(doc)
    groups: dict[int, Any] = {}

    def make(parent: etree._Element, code: Code) -> etree._Element:
        child = etree.SubElement(parent, f"{{{ns}}}{code.name}")
        for key, value in code.attrs:
            child.set(key, inline.xml_safe(value))
        return child

    for seg in doc.segments:
        group = groups.get(seg.paragraph)
        if group is None:
            group = etree.SubElement(store.body, f"{{{ns}}}group")
            group.set("id", f"p{seg.paragraph + 1}")
            group.set("restype", RESTYPE_PREFIX + styles.get(seg.paragraph, "p"))
            groups[seg.paragraph] = group
        unit = store.UnitClass("")
        store.addunit(unit, new=False)  # first: it gives the unit the store's namespace
        unit.setid(str(seg.index + 1))
        element = unit.xmlelement
        source_el = _child(element, f"{{{ns}}}source")
        inline.write_element(source_el, inline.parse(seg.source), make)
        target = Format.scoped_target(seg, scope)
        status = Format.scoped_status(seg, scope)
        if target.strip():
            target_el = etree.SubElement(element, f"{{{ns}}}target")
            inline.write_element(target_el, inline.parse(target), make)
            state, qualifier = XLIFF12_STATES[status]
            target_el.set("state", state)
            qualifier = qualifier or _ORIGIN_QUALIFIERS.get(seg.provenance.origin)
            if qualifier and status is not Status.NEW:
                target_el.set("state-qualifier", qualifier)
            if status is Status.APPROVED:
                element.set("approved", "yes")
        _add_note(unit, seg)
        group.append(element)
    return _serialize(store)


def _add_note(unit: Any, seg: Segment) -> None:
    note = inline.xml_safe(seg.note).strip()
    if note:
        unit.addnote(note)


# -- XLIFF 2.0 ----------------------------------------------------------------------------

_SKELETON_2 = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<xliff version="2.0" xmlns="{NS2}" srcLang="en"><file id="f1"/></xliff>'
)


def _read_2(data: bytes, source_name: str) -> BilingualFile:
    store = ttk.parse_store(ttk.XLIFF2, data)
    ns = store.namespace or NS2
    rows: list[BilingualRow] = []
    paragraphs: dict[Any, int] = {}
    for unit in store.units:
        segment = unit.xmlelement
        unit_el = segment.getparent()
        if unit_el is None or not unit.istranslatable():
            continue
        data_map = _original_data(unit_el, ns)

        def convert(
            element: etree._Element, data_map: dict[str, str] = data_map
        ) -> Node | list[Node] | None:
            return _from_2(element, data_map)

        source = _text(segment.find(f"{{{ns}}}source"), convert)
        target = _text(segment.find(f"{{{ns}}}target"), convert)
        style, key = _paragraph_group(unit_el, "type", SUBSTATE_PREFIX)
        paragraph = paragraphs.setdefault(key, len(paragraphs))
        notes = [
            "".join(note.itertext())
            for block in unit_el.iterchildren(f"{{{ns}}}notes")
            for note in block.iterchildren(f"{{{ns}}}note")
        ]
        rows.append(
            BilingualRow(
                index=len(rows),
                source=source,
                target=target,
                status=status_from_xliff2(segment.get("state"), segment.get("subState"), target),
                paragraph=paragraph,
                note="\n".join(n for n in notes if n.strip()),
                style=style,
            )
        )
    root = store.document.getroot()
    first = root.find(f"{{{ns}}}file")
    return BilingualFile(
        rows,
        src_lang=language_code(root.get("srcLang")),
        tgt_lang=language_code(root.get("trgLang")),
        name=(first.get("original") if first is not None else None) or None,
    )


def _original_data(unit_el: etree._Element, ns: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in unit_el.iterchildren(f"{{{ns}}}originalData"):
        for data in block.iterchildren(f"{{{ns}}}data"):
            if data.get("id"):
                found[str(data.get("id"))] = inline.element_text(data)
    return found


def _from_2(element: etree._Element, data_map: dict[str, str]) -> Node | list[Node] | None:
    name = local_name(element)
    ident = element.get("id") or ""
    if name == "pc":
        return Code(
            "g",
            [("id", ident)],
            children=inline.read_element(element, lambda e: _from_2(e, data_map)),
        )
    if name == "mrk":
        attrs = [("mid", ident)] if ident and not _AUTO_MRK.fullmatch(ident) else []
        kind = element.get("type") or "generic"
        attrs.append(("mtype", "term" if kind == "term" else f"x-{kind.replace(':', '-')}"))
        return Code(
            "mrk", attrs, children=inline.read_element(element, lambda e: _from_2(e, data_map))
        )
    if name == "cp":
        try:
            return inline.xml_safe(chr(int(element.get("hex") or "", 16))) or []
        except ValueError:
            return []
    if name in ("sm", "em"):
        return []
    data = data_map.get(element.get("dataRef") or "")
    if name == "ph":
        return Code("ph", [("id", ident)], code=data) if data else Code("x", [("id", ident)])
    if name == "sc":
        return Code("bpt", [("id", ident)], code=data) if data else Code("bx", [("id", ident)])
    if name == "ec":
        ident = element.get("startRef") or ident
        return Code("ept", [("id", ident)], code=data) if data else Code("ex", [("id", ident)])
    return None


def _write_2(doc: Document, scope: str) -> bytes:
    from lxml import etree

    store = ttk.parse_store(ttk.XLIFF2, _SKELETON_2.encode())
    ns = NS2
    root = store.document.getroot()
    root.set("srcLang", LANGUAGE_TAGS.get(doc.src_lang, doc.src_lang))
    root.set("trgLang", LANGUAGE_TAGS.get(doc.tgt_lang, doc.tgt_lang))
    store.body.set("original", inline.xml_safe(doc.name) or "document")
    styles = Format.paragraph_styles(doc)
    groups: dict[int, Any] = {}

    for seg in doc.segments:
        group = groups.get(seg.paragraph)
        if group is None:
            group = etree.SubElement(store.body, f"{{{ns}}}group")
            group.set("id", f"p{seg.paragraph + 1}")
            group.set("type", SUBSTATE_PREFIX + styles.get(seg.paragraph, "p"))
            groups[seg.paragraph] = group
        unit = store.UnitClass("")
        unit_el = unit.getunitelement()
        unit_el.set("id", str(seg.index + 1))
        segment = unit.xmlelement
        original: list[tuple[str, str]] = []
        make = _maker_2(ns, original)
        inline.write_element(
            _child(segment, f"{{{ns}}}source"), inline.parse(seg.source), make, code_inside=False
        )
        target = Format.scoped_target(seg, scope)
        status = Format.scoped_status(seg, scope)
        if target.strip():
            target_el = etree.SubElement(segment, f"{{{ns}}}target")
            inline.write_element(target_el, inline.parse(target), make, code_inside=False)
        segment.set("state", XLIFF2_STATES[status])
        segment.set("subState", SUBSTATE_PREFIX + status.value)
        note = inline.xml_safe(seg.note).strip()
        if note:
            notes = etree.Element(f"{{{ns}}}notes")
            etree.SubElement(notes, f"{{{ns}}}note").text = note
            segment.addprevious(notes)
        if original:
            block = etree.Element(f"{{{ns}}}originalData")
            for ident, text in original:
                data_el = etree.SubElement(block, f"{{{ns}}}data")
                data_el.set("id", ident)
                data_el.text = inline.xml_safe(text)
            segment.addprevious(block)
        group.append(unit_el)
        store.addunit(unit, new=False)
    return _serialize(store)


def _maker_2(ns: str, original: list[tuple[str, str]]) -> Any:
    """A ``make`` callback for :func:`inline.write_element` writing XLIFF 2.0 codes; native
    code goes to ``original`` (``originalData``), shared by the source and the target."""
    from lxml import etree

    known: dict[str, str] = {}
    markers: list[Code] = []

    def data_ref(code: str) -> str:
        if code not in known:
            known[code] = f"d{len(known) + 1}"
            original.append((known[code], code))
        return known[code]

    def make(parent: etree._Element, code: Code) -> etree._Element | None:
        ident = code.attr("id") or code.attr("mid") or ""
        name = code.name
        if name == "g":
            tag, attrs = "pc", {"id": ident}
        elif name == "mrk":
            mtype = code.attr("mtype") or "generic"
            kind = "term" if mtype == "term" else "generic"
            if not ident:
                markers.append(code)
                ident = f"wb-m{len(markers)}"
            tag, attrs = "mrk", {"id": ident, "type": kind}
        elif name in ("x", "ph", "it", "sub"):
            tag, attrs = "ph", {"id": ident}
        elif name in ("bx", "bpt"):
            tag, attrs = "sc", {"id": ident}
        else:  # ex, ept
            tag, attrs = "ec", {"startRef": ident}
        if code.code and name in inline.CODES:
            attrs["dataRef"] = data_ref(code.code)
        child = etree.SubElement(parent, f"{{{ns}}}{tag}")
        for key, value in attrs.items():
            child.set(key, inline.xml_safe(value))
        return child

    return make


# -- shared -------------------------------------------------------------------------------


def _paragraph_group(element: etree._Element, attribute: str, prefix: str) -> tuple[str, Any]:
    """The style and the paragraph key of a unit: its workbench ``group`` (whose
    ``attribute`` is ``prefix`` + style) or, outside one, the unit itself."""
    group = element.getparent()
    if group is not None and local_name(group) == "group":
        value = group.get(attribute) or ""
        if value.startswith(prefix) and value[len(prefix) :] in STYLES:
            return value[len(prefix) :], group
    return "p", element


def _text(element: etree._Element | None, convert: Any) -> str:
    if element is None:
        return ""
    return inline.serialize(inline.read_element(element, convert))


def _child(element: etree._Element, tag: str) -> etree._Element:
    """The first ``tag`` child of ``element``, created first in it if missing, emptied."""
    from lxml import etree

    child = element.find(tag)
    if child is None:
        child = etree.Element(tag)
        element.insert(0, child)
    child.text = None
    for sub in list(child):
        child.remove(sub)
    return child


def _serialize(store: Any) -> bytes:
    from lxml import etree

    etree.cleanup_namespaces(store.document)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


__all__ = [
    "XLIFF2_STATES",
    "XLIFF12_STATES",
    "Xliff2Format",
    "XliffFormat",
    "status_from_xliff2",
    "status_from_xliff12",
]
