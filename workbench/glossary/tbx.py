"""TBX termbases (TBX-Basic, the v2 ``martif`` style; TBX v3 ``tbx`` files are read too).

Reading passes :func:`workbench.formats.xmlsafe.check_xml` first (no entities, no
DOCTYPE but the standard TBX DTD lines, never loaded), then translate-toolkit's
``tbxfile``.  Each ``termEntry`` (``conceptEntry`` in v3) is a
:class:`~workbench.glossary.Concept`: its ``descrip type="subjectField"`` the
subject, its ``note`` the note; each ``tig``/``ntig``/``termSec`` a
:class:`~workbench.glossary.Term` with its ``partOfSpeech`` and
``administrativeStatus`` (``preferredTerm-admn-sts``, ``admittedTerm-admn-sts``,
``deprecatedTerm-admn-sts`` or ``supersededTerm-admn-sts``, the last two forbidden).

Writing produces the same TBX-Basic shape as the shipped ``media.tbx`` through
translate-toolkit's ``tbxfile``; every term is a ``tig`` of its own, so the synonyms
of a concept (``Xinhua|Xinhua News Agency`` in a glossary CSV) stay separate terms.
Files are read and written by :func:`workbench.glossary.read_termbase` and
:func:`workbench.glossary.write_termbase`.

>>> from workbench.glossary import SHIPPED, read_termbase
>>> read_termbase(SHIPPED).concepts[0].preferred("ru").text
'ИТАР-ТАСС'
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from workbench.errors import GlossaryError
from workbench.formats import ttk
from workbench.formats.base import language_code
from workbench.formats.inline import xml_safe
from workbench.formats.xmlsafe import local_name, parse_xml
from workbench.glossary.model import Concept, Term, Termbase, TermStatus

if TYPE_CHECKING:
    from lxml import etree

#: the DOCTYPE lines of TBX files that are accepted (the DTD is never read)
TBX_DOCTYPES = frozenset(
    ("martif", dtd)
    for dtd in ("TBXcdv04.dtd", "TBXcoreStructV02.dtd", "TBXBasiccoreStructV02.dtd", "tbxcdv04.dtd")
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_WRITTEN = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_STATUS_READ = {
    "preferred": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "deprecated": TermStatus.FORBIDDEN,
    "superseded": TermStatus.FORBIDDEN,
    "forbidden": TermStatus.FORBIDDEN,
    "notrecommended": TermStatus.FORBIDDEN,
}
#: a concept whose terms are matched with their capitals (a workbench extension)
_CASE_SENSITIVE = "x-caseSensitive"
_CONCEPTS = frozenset({"termEntry", "conceptEntry"})
_LANGS = frozenset({"langSet", "langSec"})
_TERMS = frozenset({"tig", "ntig", "termSec"})
_NOT_NCNAME = re.compile(r"[^\w.-]")
_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><titleStmt><title/>'
    "</titleStmt><sourceDesc><p>Workbench</p></sourceDesc></fileDesc><encodingDesc>"
    '<p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>'
    "<text><body/></text></martif>"
)


def parse_tbx(data: bytes, source_name: str) -> Termbase:
    """The termbase in the TBX ``data`` (read files with
    :func:`workbench.glossary.read_termbase`)."""
    root = parse_xml(data, source_name, doctypes=TBX_DOCTYPES, kind="TBX")
    if local_name(root) == "martif":
        try:
            entries = [unit.xmlelement for unit in ttk.parse_store(ttk.TBX, data).units]
        except Exception as exc:  # translate-toolkit's own complaints
            raise GlossaryError(
                f"{source_name}: not a valid TBX file ({type(exc).__name__}: {exc})"
            ) from exc
    elif local_name(root) == "tbx":
        entries = [e for e in root.iter() if local_name(e) == "conceptEntry"]
    else:
        raise GlossaryError(
            f"{source_name}: not a TBX file: its root element is <{local_name(root)}>, not "
            "<martif> or <tbx>; is it another format with a .tbx extension?"
        )
    title = next((_text(e) for e in root.iter() if local_name(e) == "title"), "")
    concepts = [_concept(entry, n) for n, entry in enumerate(entries, 1)]
    return Termbase([c for c in concepts if c.terms], title=title)


def _concept(entry: etree._Element, number: int) -> Concept:
    notes: list[str] = []
    subject = ""
    case_sensitive = False
    terms: list[Term] = []
    for child in entry:
        name = local_name(child)
        if name == "descrip" and child.get("type") == "subjectField":
            subject = _text(child)
        elif name == "descrip" and child.get("type") == _CASE_SENSITIVE:
            case_sensitive = _text(child).lower() in ("yes", "true", "1")
        elif name == "note" and "".join(child.itertext()).strip():
            notes.append("".join(child.itertext()).strip())
        elif name in _LANGS:
            lang = child.get(_XML_LANG) or child.get("lang") or ""
            code = language_code(lang) or lang.lower()
            for holder in child:
                if local_name(holder) in _TERMS:
                    term = _term(holder, code)
                    if term is not None:
                        terms.append(term)
    return Concept(
        entry.get("id") or f"c{number}", terms, "\n".join(notes), subject, case_sensitive
    )


def _term(holder: etree._Element, lang: str) -> Term | None:
    text = ""
    pos = ""
    status = TermStatus.PREFERRED
    for node in holder.iter():
        name = local_name(node)
        if name == "term" and not text:
            text = _text(node)
        elif name == "termNote":
            kind = node.get("type")
            if kind == "partOfSpeech":
                pos = _text(node)
            elif kind in ("administrativeStatus", "normativeAuthorization"):
                value = _text(node).lower().replace("term-admn-sts", "").replace("-", "")
                status = _STATUS_READ.get(value, status)
    return Term(text, lang, status, pos) if text else None


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def render_tbx(termbase: Termbase) -> bytes:
    """The bytes of ``termbase`` as TBX-Basic."""
    from lxml import etree

    from workbench.formats.base import LANGUAGE_TAGS

    store = ttk.parse_store(ttk.TBX, _SKELETON.encode())
    root = store.document.getroot()
    title = root.find(".//title")
    title.text = xml_safe(termbase.title) or "Glossary"
    seen: set[str] = set()
    for n, concept in enumerate(termbase.concepts, 1):
        entry = etree.SubElement(store.body, "termEntry")
        entry.set("id", _unique_id(concept.id or f"c{n}", seen))
        if concept.subject:
            _sub(entry, "descrip", concept.subject, type="subjectField")
        if concept.case_sensitive:
            _sub(entry, "descrip", "yes", type=_CASE_SENSITIVE)
        if concept.note:
            _sub(entry, "note", concept.note)
        languages: list[str] = []
        for term in concept.terms:
            if term.lang not in languages:
                languages.append(term.lang)
        for lang in languages:
            lang_set = etree.SubElement(entry, "langSet")
            lang_set.set(_XML_LANG, LANGUAGE_TAGS.get(lang, lang).split("-")[0])
            for term in concept.terms_in(lang):
                tig = etree.SubElement(lang_set, "tig")
                _sub(tig, "term", term.text)
                if term.part_of_speech:
                    _sub(tig, "termNote", term.part_of_speech, type="partOfSpeech")
                _sub(tig, "termNote", _STATUS_WRITTEN[term.status], type="administrativeStatus")
        store.addunit(store.UnitClass.createfromxmlElement(entry), new=False)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _sub(parent: Any, tag: str, text: str, **attrs: str) -> None:
    from lxml import etree

    child = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        child.set(key, value)
    child.text = xml_safe(text)


def _unique_id(raw: str, seen: set[str]) -> str:
    ident = _NOT_NCNAME.sub("-", raw.strip()) or "c"
    if not (ident[0].isalpha() or ident[0] == "_"):
        ident = "c-" + ident
    base, n = ident, 1
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    seen.add(ident)
    return ident


__all__ = ["TBX_DOCTYPES", "parse_tbx", "render_tbx"]
