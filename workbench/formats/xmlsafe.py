"""The one gate every XML file passes before any parser (ours or translate-toolkit's) sees it.

XML can carry attacks in its document type declaration: external entities that
read local files or URLs (XXE), entities that expand exponentially ("billion
laughs") or quadratically, and external DTDs fetched from the network.  The
formats of the workbench need none of this, so :func:`check_xml` refuses, in one
linear scan of the text and before anything is parsed:

* any entity declaration (``<!ENTITY``), anywhere in the file;
* any document type declaration, except a bare reference to the standard DTD of
  the format (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as translate-toolkit and most
  TM tools write it), which is never loaded;
* an encoding other than UTF-8 (or its ASCII subset), UTF-16/32, NUL bytes and
  invalid UTF-8, each named with the file.

:func:`parse_xml` then parses with an lxml parser that resolves no entities,
loads no DTD and touches no network, and turns syntax errors into one-line
:class:`~workbench.errors.FormatError` messages with the line and column.

>>> check_xml(b'<?xml version="1.0"?><tmx version="1.4"/>', "a.tmx")
'<?xml version="1.0"?><tmx version="1.4"/>'
>>> check_xml(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "a.xlf")
... # doctest: +ELLIPSIS
Traceback (most recent call last):
workbench.errors.FormatError: a.xlf: refused: the file declares XML entities (line 1), ...
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from workbench.errors import FormatError
from workbench.textio import decode_text

if TYPE_CHECKING:
    from lxml import etree

_ENTITY = re.compile(r"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!\s*DOCTYPE", re.IGNORECASE)
#: the only document type declaration accepted: a bare DTD file name, no internal subset
_PLAIN_DOCTYPE = re.compile(
    r"""<!DOCTYPE\s+([A-Za-z_][\w.:-]*)\s+"""
    r"""(?:SYSTEM|PUBLIC\s+(?:"[^"<>\[\]]*"|'[^'<>\[\]]*'))\s+(?:"([\w.-]+)"|'([\w.-]+)')\s*>"""
)
_DECLARATION = re.compile(r"""\A\s*<\?xml\s[^>]*?encoding\s*=\s*(["'])([^"']*)\1""")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
_HOSTILE_HINT = (
    "the workbench never expands entities or loads DTDs; export the file again "
    "from its tool without a DOCTYPE"
)


def check_xml(
    data: bytes,
    source_name: str,
    *,
    doctypes: Collection[tuple[str, str]] = (),
) -> str:
    """Refuse hostile or non-UTF-8 XML in ``data``; return its text.

    ``doctypes`` lists the ``(root, dtd file)`` pairs of the standard DOCTYPE
    lines the format allows, as ``SYSTEM "file.dtd"`` or ``PUBLIC "id" "file.dtd"``
    with no internal subset (the DTD is never read).  Raises a
    :class:`FormatError` naming ``source_name`` and the problem.
    """
    text = decode_text(data, source_name)
    entity = _ENTITY.search(text)
    if entity is not None:
        raise FormatError(
            f"{source_name}: refused: the file declares XML entities (line "
            f"{_line(text, entity.start())}), which can read local files or expand without "
            f"bound (XXE, 'billion laughs'); {_HOSTILE_HINT}"
        )
    for doctype in _DOCTYPE.finditer(text):
        plain = _PLAIN_DOCTYPE.match(text, doctype.start())
        if plain is not None and (plain.group(1), plain.group(2) or plain.group(3)) in doctypes:
            continue
        raise FormatError(
            f"{source_name}: refused: the file has a DOCTYPE (line "
            f"{_line(text, doctype.start())}) that could load external or entity "
            f"definitions; {_HOSTILE_HINT}"
        )
    declared = _DECLARATION.match(text)
    if declared is not None and declared.group(2).strip().lower() not in _UTF8_NAMES:
        raise FormatError(
            f"{source_name}: the XML declares the encoding {declared.group(2)!r}; the "
            "workbench reads UTF-8 XML only: re-save it as UTF-8"
        )
    return text


def parse_xml(
    data: bytes,
    source_name: str,
    *,
    doctypes: Collection[tuple[str, str]] = (),
    kind: str = "XML",
) -> etree._Element:
    """The root element of ``data`` after :func:`check_xml`, parsed without entities,
    DTDs or network; ``kind`` names the expected format in error messages."""
    from lxml import etree

    check_xml(data, source_name, doctypes=doctypes)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        message = str(exc.msg or exc).split(" (<string>")[0]
        raise FormatError(
            f"{source_name}: not a valid {kind} file: broken XML at line {line}, column "
            f"{column} ({message}); check that it is the right file or export it again"
        ) from None
    if root is None:  # pragma: no cover - lxml raises on an empty document
        raise FormatError(f"{source_name}: not a valid {kind} file: no root element")
    return root


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace (``''`` for comments and PIs)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(element: etree._Element) -> str:
    """The namespace URI of ``element`` (``''`` when it has none)."""
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return ""
    return tag[1:].partition("}")[0]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


__all__ = ["check_xml", "local_name", "namespace", "parse_xml"]
