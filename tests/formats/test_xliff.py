"""XLIFF 1.2 and 2.0: the shared bilingual suite, state mapping, inline codes, foreign files."""

from __future__ import annotations

import io

import pytest

from tests.formats.suite import TranslateToolkitSuite


def _tt_xliff12(data: bytes) -> list[tuple[str, str, str]]:
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(data)
    return [(u.source, u.target or "", u.getnotes()) for u in store.units]


def _tt_xliff2(data: bytes) -> list[tuple[str, str, str]]:
    from translate.storage import xliff2

    store = xliff2.Xliff2File.parsestring(data)
    return [(u.source, u.target or "", "") for u in store.units]


class TestXliff12(TranslateToolkitSuite):
    format_name = "xliff"
    tt_keeps_native_code = True

    def tt_rows(self, data: bytes) -> list[tuple[str, str, str]]:
        return _tt_xliff12(data)


class TestXliff2(TranslateToolkitSuite):
    format_name = "xliff2"

    def tt_rows(self, data: bytes) -> list[tuple[str, str, str]]:
        return _tt_xliff2(data)


from workbench.errors import FormatError  # noqa: E402
from workbench.formats import get_format  # noqa: E402
from workbench.formats.xliff import (  # noqa: E402
    XLIFF2_STATES,
    XLIFF12_STATES,
    status_from_xliff2,
    status_from_xliff12,
)
from workbench.model import Status  # noqa: E402


@pytest.mark.parametrize("status", list(Status))
def test_every_status_maps_to_xliff12_and_back(status: Status) -> None:
    state, qualifier = XLIFF12_STATES[status]
    back = status_from_xliff12(state, qualifier, status is Status.APPROVED, "target")
    assert back is (Status.DRAFT if status is Status.NEW else status)


@pytest.mark.parametrize("status", list(Status))
def test_every_status_maps_to_xliff2_and_back(status: Status) -> None:
    assert status_from_xliff2(XLIFF2_STATES[status], f"wb:{status.value}", "") is status


@pytest.mark.parametrize(
    ("state", "qualifier", "approved", "target", "expected"),
    [
        (None, None, False, "", Status.NEW),
        ("translated", None, False, "", Status.NEW),
        (None, None, False, "x", Status.DRAFT),
        (None, None, True, "x", Status.APPROVED),
        ("translated", None, True, "x", Status.TRANSLATED),  # what translate-toolkit writes
        ("needs-review-l10n", None, False, "x", Status.DRAFT),
        ("new", None, False, "x", Status.DRAFT),
        ("signed-off", None, False, "x", Status.REVIEWED),
        ("final", None, False, "x", Status.APPROVED),
        ("translated", "rejected-grammar", False, "x", Status.REJECTED),
        ("x-custom", None, False, "x", Status.DRAFT),
    ],
)
def test_xliff12_states_from_other_tools(
    state: str | None, qualifier: str | None, approved: bool, target: str, expected: Status
) -> None:
    assert status_from_xliff12(state, qualifier, approved, target) is expected


@pytest.mark.parametrize(
    ("state", "sub_state", "target", "expected"),
    [
        (None, None, "", Status.NEW),
        (None, None, "x", Status.DRAFT),
        ("initial", None, "x", Status.DRAFT),
        ("translated", None, "x", Status.TRANSLATED),
        ("reviewed", "acme:ok", "x", Status.REVIEWED),
        ("final", None, "x", Status.APPROVED),
        ("initial", "wb:rejected", "x", Status.REJECTED),
        ("final", "wb:nonsense", "x", Status.APPROVED),
    ],
)
def test_xliff2_states_from_other_tools(
    state: str | None, sub_state: str | None, target: str, expected: Status
) -> None:
    assert status_from_xliff2(state, sub_state, target) is expected


OTHER_12 = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="story.html" source-language="en" target-language="ru" datatype="html">
    <header><tool tool-id="x" tool-name="Okapi"/></header>
    <body>
      <trans-unit id="a1" approved="yes">
        <source>Click <g id="1" ctype="x-html-a">here</g>.</source>
        <target>Нажмите <g id="1" ctype="x-html-a">здесь</g>.</target>
        <note from="reviewer">ok</note>
        <note>second</note>
      </trans-unit>
      <group id="g1" restype="x-table">
        <trans-unit id="a2"><source>Cell</source><target state="needs-review-translation" state-qualifier="leveraged-mt">Ячейка</target></trans-unit>
        <trans-unit id="a3" translate="no"><source>CODE</source></trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""  # noqa: E501


def test_xliff12_from_another_tool() -> None:
    from workbench.model import Origin

    content = get_format("xliff").parse_bilingual_file(OTHER_12.encode(), "job.xlf")
    assert (content.src_lang, content.tgt_lang, content.name) == ("en", "ru", "story.html")
    got = [(r.source, r.target, r.status, r.note, r.paragraph, r.origin) for r in content.rows]
    assert got == [
        (
            'Click <g id="1" ctype="x-html-a">here</g>.',
            'Нажмите <g id="1" ctype="x-html-a">здесь</g>.',
            Status.APPROVED,
            "ok\nsecond",
            0,
            Origin.NONE,
        ),
        ("Cell", "Ячейка", Status.DRAFT, "", 1, Origin.MT),
    ]


OTHER_2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="zh-Hans">
  <file id="f1" original="a.txt">
    <unit id="u1">
      <notes><note category="context">headline</note></notes>
      <originalData><data id="d1">&lt;br/&gt;</data></originalData>
      <segment state="reviewed"><source>Big <pc id="1">news</pc><ph id="2" dataRef="d1"/>.</source>
        <target>大<pc id="1">新闻</pc><ph id="2" dataRef="d1"/>。</target></segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2"><source>Second<cp hex="0009"/>part <sc id="3"/>x<ec startRef="3"/></source></segment>
    </unit>
  </file>
</xliff>
"""  # noqa: E501


def test_xliff2_from_another_tool_read_by_the_xlf_format() -> None:
    content = get_format("xliff").parse_bilingual_file(OTHER_2.encode(), "job.xlf")
    assert (content.src_lang, content.tgt_lang, content.name) == ("en", "zh", "a.txt")
    got = [(r.source, r.target, r.status, r.note, r.paragraph) for r in content.rows]
    assert got == [
        (
            'Big <g id="1">news</g><ph id="2">&lt;br/&gt;</ph>.',
            '大<g id="1">新闻</g><ph id="2">&lt;br/&gt;</ph>。',
            Status.REVIEWED,
            "headline",
            0,
        ),
        ('Second\tpart <bx id="3"/>x<ex id="3"/>', "", Status.NEW, "headline", 0),
    ]


def test_xliff12_written_is_version_12_with_groups_and_states() -> None:
    from tests.formats.suite import MIXED

    data = get_format("xliff").render_document(MIXED).decode()
    assert '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">' in data
    assert 'source-language="en-US"' in data and 'target-language="ru-RU"' in data
    assert '<group id="p1" restype="x-wb-h1">' in data
    assert 'state="needs-review-translation" state-qualifier="leveraged-mt"' in data
    assert 'state="needs-translation" state-qualifier="rejected-inaccurate"' in data
    assert '<trans-unit xml:space="preserve" id="7" approved="yes">' in data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>x</body></html>", r"job\.xlf: not an XLIFF file: its root element is <html>"),
        ("<xliff version='1.2'><file>", r"job\.xlf: not a valid XLIFF file: broken XML at line 1"),
        ("Plain words, not XML", r"job\.xlf: not a valid XLIFF file: broken XML"),
        (
            "<?xml version='1.0' encoding='ISO-8859-1'?><xliff/>",
            r"job\.xlf: .*encoding 'ISO-8859-1'",
        ),
        ("<!DOCTYPE xliff><xliff/>", r"job\.xlf: refused: the file has a DOCTYPE"),
    ],
)
def test_files_that_are_not_xliff_are_named(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        get_format("xliff").parse_bilingual(text.encode(), "job.xlf")


def test_xliff_is_not_an_article_format() -> None:
    with pytest.raises(FormatError, match=r"cannot be imported as an article"):
        get_format("xliff").parse_article(OTHER_12.encode(), "job.xlf")


def test_serialized_bytes_are_utf8() -> None:
    from tests.formats.suite import INLINE

    data = get_format("xliff2").render_document(INLINE)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "塔斯社".encode() in io.BytesIO(data).getvalue()
