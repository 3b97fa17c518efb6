"""TMX 1.4b: the shared bilingual suite plus memories written by other tools."""

from __future__ import annotations

import pytest

from tests.formats.suite import NEWS_EN_ZH, TranslateToolkitSuite
from workbench.errors import FormatError
from workbench.formats import get_format
from workbench.model import Status


def _tt_tmx(data: bytes) -> list[tuple[str, str, str]]:
    from translate.storage import tmx

    store = tmx.tmxfile.parsestring(data)
    return [(u.source, u.target or "", u.getnotes()) for u in store.units]


class TestTmx(TranslateToolkitSuite):
    format_name = "tmx"
    tt_keeps_native_code = True

    def tt_rows(self, data: bytes) -> list[tuple[str, str, str]]:
        return _tt_tmx(data)


def parse(text: str) -> list[tuple[str, str, Status, str]]:
    rows = get_format("tmx").parse_bilingual_file(text.encode(), "memory.tmx")
    return [(r.source, r.target, r.status, r.note) for r in rows.rows]


OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT"
          adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu>
      <note>checked</note>
      <tuv xml:lang="EN-US"><seg>Press <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept><ph x="2">{0}</ph></seg></tuv>
      <tuv xml:lang="RU-RU"><seg>Нажмите <bpt i="1" x="1">&lt;b&gt;</bpt>Сохранить<ept i="1">&lt;/b&gt;</ept><ph x="2">{0}</ph></seg></tuv>
    </tu>
    <tu tuid="x">
      <tuv xml:lang="ru-RU"><seg>Привет</seg></tuv>
      <tuv xml:lang="en-US"><seg>Hello <hi x="3">world</hi><it pos="begin" x="4">&lt;i&gt;</it></seg></tuv>
    </tu>
  </body>
</tmx>
"""  # noqa: E501


def test_memory_from_another_tool() -> None:
    content = get_format("tmx").parse_bilingual_file(OTHER_TOOL.encode(), "memory.tmx")
    assert (content.src_lang, content.tgt_lang) == ("en", "ru")
    assert [(r.source, r.target, r.status, r.note, r.paragraph) for r in content.rows] == [
        (
            'Press <bpt id="1">&lt;b&gt;</bpt>Save<ept id="1">&lt;/b&gt;</ept><ph id="2">{0}</ph>',
            'Нажмите <bpt id="1">&lt;b&gt;</bpt>Сохранить<ept id="1">&lt;/b&gt;</ept>'
            '<ph id="2">{0}</ph>',
            Status.TRANSLATED,
            "checked",
            0,
        ),
        (
            'Hello <g id="3">world</g><it id="4" pos="open">&lt;i&gt;</it>',
            "Привет",
            Status.TRANSLATED,
            "",
            1,
        ),
    ]


def test_source_language_all_takes_the_first_variant() -> None:
    text = OTHER_TOOL.replace('srclang="EN-US"', 'srclang="*all*"')
    assert parse(text)[0][0].startswith("Press")


def test_unit_without_target_is_new() -> None:
    text = OTHER_TOOL.replace('<tuv xml:lang="ru-RU"><seg>Привет</seg></tuv>', "")
    assert parse(text)[1][1:3] == ("", Status.NEW)


def test_written_header_names_the_workbench_and_the_dtd() -> None:
    data = get_format("tmx").render_document(NEWS_EN_ZH).decode()
    assert '<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in data
    assert 'creationtool="Workbench"' in data and 'srclang="en-US"' in data
    assert '<tuv xml:lang="zh-CN">' in data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>x</body></html>", r"memory\.tmx: not a TMX file: its root element is <html>"),
        (
            "<tmx version='1.4'><body><tu>",
            r"memory\.tmx: not a valid TMX file: broken XML at line 1",
        ),
        ('{"json": true}', r"memory\.tmx: not a valid TMX file: broken XML"),
        (
            '<!DOCTYPE tmx SYSTEM "http://127.0.0.1/tmx14.dtd"><tmx/>',
            r"memory\.tmx: refused: .*DOCTYPE",
        ),
    ],
)
def test_files_that_are_not_tmx_are_named(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse(text)
