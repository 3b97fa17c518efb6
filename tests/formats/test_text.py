"""Plain text: the shared suite plus the line rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.suite import NEWS_EN_ZH, TextFileSuite
from workbench.formats import get_format


class TestText(TextFileSuite):
    format_name = "text"
    keeps_styles = False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\nTwo.\n", ["One.", "Two."]),
        ("One.\n\n\nTwo.", ["One.", "Two."]),
        ("  indented  \n\tTabbed\t\n", ["indented", "Tabbed"]),
        ("\u3000\u3000中文段落。\n\u3000\u3000第二段。\n", ["中文段落。", "第二段。"]),
        ("# not a heading\n- not a list\n", ["# not a heading", "- not a list"]),
        ("wrapped line\ncontinues", ["wrapped line", "continues"]),
        ("Line\u2028separator stays", ["Line\u2028separator stays"]),
    ],
)
def test_one_paragraph_per_line(text: str, expected: list[str]) -> None:
    paragraphs = get_format("text").parse_article(text.encode(), "a.txt")
    assert [p.source for p in paragraphs] == expected
    assert {p.style for p in paragraphs} == {"p"}


def test_export_is_one_paragraph_per_line(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    get_format("text").write_document(NEWS_EN_ZH, path)
    assert path.read_text(encoding="utf-8").split("\n") == [
        "洪水袭击南方",
        "大雨下了一整夜。道路被封闭。",
        "学校停课",
        "火车晚点",
        "接下来会怎样",
        "气象局说“更大”的雨<将至> & 未完。",
        "",
    ]
