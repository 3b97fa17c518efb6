"""Inline codes (bold, links, placeholders) inside segment text, kept across formats.

A segment's text is plain text in which inline codes are written as XLIFF 1.2
inline elements, exactly as they appear in an XLIFF file, so that an editor sees
them and keeps them in the target:

* ``<g id="1">Save</g>`` and ``<mrk mtype="term">TASS</mrk>`` enclose translatable
  text;
* ``<x id="2"/>``, ``<bx id="3"/>``, ``<ex id="3"/>`` stand for a code;
* ``<ph id="4">&lt;br/&gt;</ph>``, ``<bpt id="5">&lt;b&gt;</bpt>``,
  ``<ept id="5">&lt;/b&gt;</ept>`` and ``<it id="6" pos="open">…</it>`` carry the
  native code, XML-escaped.

Only these element names with at least one ``name="value"`` attribute count as
codes; anything else (``<b>bold</b>``, ``a < b``, ``&amp;``) is literal text.
XLIFF 1.2 keeps the codes verbatim; XLIFF 2.0 and TMX map them to their own
elements (``pc``/``ph``/``sc``/``ec`` with ``originalData``; ``hi``/``ph``/``bpt``/
``ept``/``it``) and back, and article formats keep only the text
(:func:`plain_text`).

>>> nodes = parse('Press <g id="1">Save</g><x id="2"/> & <b>go</b>')
>>> plain_text('Press <g id="1">Save</g><x id="2"/> & <b>go</b>')
'Press Save & <b>go</b>'
>>> serialize(nodes) == 'Press <g id="1">Save</g><x id="2"/> & <b>go</b>'
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml import etree

#: elements that enclose translatable text
CONTAINERS = frozenset({"g", "mrk"})
#: elements whose content is native code (XML-escaped in the notation)
CODES = frozenset({"ph", "bpt", "ept", "it", "sub"})
#: elements that are always empty
EMPTIES = frozenset({"x", "bx", "ex"})
NAMES = CONTAINERS | CODES | EMPTIES

_NAME = "|".join(sorted(NAMES, key=len, reverse=True))
_TAG = re.compile(
    rf"<(?:/(?P<close>{_NAME})>"
    rf"|(?P<name>{_NAME})(?P<attrs>(?:\s+[A-Za-z_][\w.:-]*=\"[^\"<>]*\")+)\s*(?P<empty>/)?>)"
)
_ATTR = re.compile(r'([A-Za-z_][\w.:-]*)="([^"<>]*)"')
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
#: characters XML 1.0 forbids
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


@dataclass
class Code:
    """One inline code: a container (``children``), a native code (``code``) or empty."""

    name: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list[Node] | None = None
    code: str | None = None

    def attr(self, key: str, default: str | None = None) -> str | None:
        return next((v for k, v in self.attrs if k == key), default)


Node = str | Code


def has_codes(text: str) -> bool:
    """Whether ``text`` holds any inline code."""
    return any(isinstance(n, Code) for n in parse(text)) if "<" in text else False


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters, surrogates)."""
    return _NOT_XML.sub("", text)


def unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        return _NAMED[ref]

    return _ENTITY.sub(one, text)


def escape(text: str, *, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


# -- notation <-> nodes -----------------------------------------------------------------


def parse(text: str) -> list[Node]:
    """The nodes of the notation ``text``; tags that do not pair up stay literal text."""
    root: list[Node] = []
    stack: list[tuple[Code | None, list[Node], str]] = [(None, root, "")]
    pos = 0
    while (m := _TAG.search(text, pos)) is not None:
        _append(stack[-1][1], text[pos : m.start()])
        pos = m.end()
        if (name := m.group("close")) is not None:
            code = stack[-1][0]
            if code is not None and code.name == name:
                stack.pop()
            else:
                _append(stack[-1][1], m.group(0))
            continue
        name = m.group("name")
        attrs = [(k, unescape(v)) for k, v in _ATTR.findall(m.group("attrs"))]
        if m.group("empty"):
            stack[-1][1].append(Code(name, attrs))
        elif name in CODES:
            end = text.find(f"</{name}>", pos)
            if end < 0:
                _append(stack[-1][1], m.group(0))
                continue
            stack[-1][1].append(Code(name, attrs, code=unescape(text[pos:end])))
            pos = end + len(name) + 3
        elif name in CONTAINERS:
            children: list[Node] = []
            code = Code(name, attrs, children=children)
            stack[-1][1].append(code)
            stack.append((code, children, m.group(0)))
        else:  # an empty element written as an open tag: literal text
            _append(stack[-1][1], m.group(0))
    _append(stack[-1][1], text[pos:])
    while len(stack) > 1:  # unclosed containers: their tag was literal text
        code, children, tag = stack.pop()
        parent = stack[-1][1]
        at = next(i for i, n in enumerate(parent) if n is code)
        parent[at : at + 1] = [tag, *children]
        _merge(parent)
    return root


def _append(nodes: list[Node], text: str) -> None:
    if not text:
        return
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] += text
    else:
        nodes.append(text)


def _merge(nodes: list[Node]) -> None:
    merged: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            _append(merged, node)
        else:
            merged.append(node)
    nodes[:] = merged


def serialize(nodes: Sequence[Node]) -> str:
    """The notation of ``nodes`` (the inverse of :func:`parse`)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        attrs = "".join(f' {k}="{escape(v, quote=True)}"' for k, v in node.attrs)
        if node.children is not None:
            out.append(f"<{node.name}{attrs}>{serialize(node.children)}</{node.name}>")
        elif node.code:
            out.append(f"<{node.name}{attrs}>{escape(node.code)}</{node.name}>")
        else:
            out.append(f"<{node.name}{attrs}/>")
    return "".join(out)


def plain_text(text: str) -> str:
    """``text`` with its inline codes removed, keeping the text they enclose."""
    if "<" not in text:
        return text
    return _plain(parse(text))


def _plain(nodes: Sequence[Node]) -> str:
    return "".join(
        n if isinstance(n, str) else (_plain(n.children) if n.children is not None else "")
        for n in nodes
    )


def iter_codes(nodes: Sequence[Node]) -> Iterator[Code]:
    """Every code in ``nodes``, depth first."""
    for node in nodes:
        if isinstance(node, Code):
            yield node
            if node.children is not None:
                yield from iter_codes(node.children)


# -- lxml elements ----------------------------------------------------------------------

Reader = Callable[["etree._Element"], "Node | list[Node] | None"]


def read_element(element: etree._Element, convert: Reader) -> list[Node]:
    """The nodes of ``element``'s content; ``convert`` maps each child element to nodes
    (``None``: keep only its text)."""
    nodes: list[Node] = []
    _append(nodes, element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            got = convert(child)
            if got is None:
                got = read_element(child, convert)
            for node in got if isinstance(got, list) else [got]:
                if isinstance(node, str):
                    _append(nodes, node)
                else:
                    nodes.append(node)
        _append(nodes, child.tail or "")
    return nodes


def element_text(element: etree._Element) -> str:
    """All the text inside ``element``, codes included (for native code content)."""
    return "".join(element.itertext())


def write_element(
    element: etree._Element,
    nodes: Sequence[Node],
    make: Callable[[etree._Element, Code], etree._Element | None],
    *,
    code_inside: bool = True,
) -> None:
    """Fill ``element`` with ``nodes``: text, and for each code the child that ``make``
    appends (it may return ``None`` to keep only the code's text).  Native code goes
    inside that child when ``code_inside`` (XLIFF 1.2, TMX), else nowhere (XLIFF 2.0
    keeps it in ``originalData``)."""
    last: Any = None

    def add_text(text: str) -> None:
        nonlocal last
        text = xml_safe(text)
        if not text:
            return
        if last is None:
            element.text = (element.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    for node in nodes:
        if isinstance(node, str):
            add_text(node)
            continue
        child = make(element, node)
        if child is None:
            add_text(_plain(node.children) if node.children is not None else "")
            continue
        last = child
        if node.children is not None:
            write_element(child, node.children, make, code_inside=code_inside)
        elif node.code and code_inside:
            child.text = xml_safe(node.code)


def attrs_of(element: etree._Element) -> list[tuple[str, str]]:
    """The attributes of ``element`` without a namespace, in document order."""
    return [(str(k), str(v)) for k, v in element.attrib.items() if not str(k).startswith("{")]


__all__ = [
    "CODES",
    "CONTAINERS",
    "EMPTIES",
    "NAMES",
    "Code",
    "Node",
    "attrs_of",
    "element_text",
    "has_codes",
    "iter_codes",
    "parse",
    "plain_text",
    "read_element",
    "serialize",
    "write_element",
    "xml_safe",
]
