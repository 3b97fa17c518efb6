"""The inline-code notation: parse, serialize, plain text."""

from __future__ import annotations

import pytest

from workbench.formats import inline
from workbench.formats.inline import Code


@pytest.mark.parametrize(
    "text",
    [
        'Press <g id="1">Save</g><x id="2"/> now.',
        '<g id="1" ctype="bold">a <g id="2">b</g> c</g>',
        '<ph id="1">&lt;br/&gt;</ph> and <bpt id="2">&lt;b&gt;</bpt>x<ept id="2">&lt;/b&gt;</ept>',
        '<it id="3" pos="open">&lt;i&gt;</it><bx id="4"/><ex id="4"/>',
        '<mrk mtype="term">ТАСС</mrk> и <mrk mid="m1" mtype="x-note">新华社</mrk>',
        'quote &quot; in <g id="a&quot;b">attr</g>',
        "<b>bold</b> <br/> a < b > c &amp; <g>no attrs</g> <x/>",
        'unclosed <g id="1">open and </g stray',
        '<x id="1">not empty</x>',
        "",
    ],
)
def test_serialize_inverts_parse(text: str) -> None:
    assert inline.serialize(inline.parse(text)) == text


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('Press <g id="1">Save</g><x id="2"/> now.', "Press Save now."),
        ('<ph id="1">&lt;br/&gt;</ph>text', "text"),
        ("<b>literal</b> & <x/>", "<b>literal</b> & <x/>"),
        ('<g id="1">unclosed', '<g id="1">unclosed'),
        ("no codes at all", "no codes at all"),
    ],
)
def test_plain_text(text: str, plain: str) -> None:
    assert inline.plain_text(text) == plain


def test_parse_builds_a_tree() -> None:
    nodes = inline.parse('a<g id="1">b<x id="2"/></g><ph id="3">&lt;c&gt;</ph>')
    assert nodes == [
        "a",
        Code("g", [("id", "1")], children=["b", Code("x", [("id", "2")])]),
        Code("ph", [("id", "3")], code="<c>"),
    ]
    assert [c.name for c in inline.iter_codes(nodes)] == ["g", "x", "ph"]
    assert inline.has_codes('<x id="1"/>') and not inline.has_codes("<b>x</b>")


def test_xml_safe_drops_forbidden_characters() -> None:
    assert inline.xml_safe("a\x00b\x07c\td\ne\ufffe") == "abc\td\ne"
