"""Markdown: the shared suite plus a table of block and inline markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.suite import ESCAPES, NEWS_EN_ZH, TextFileSuite
from workbench.formats import get_format
from workbench.formats.markdown import escape, strip_inline


class TestMarkdown(TextFileSuite):
    format_name = "markdown"


def parse(text: str) -> list[tuple[str, str]]:
    return [
        (p.style, p.source) for p in get_format("markdown").parse_article(text.encode(), "a.md")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # headings
        (
            "# One\n## Two ##\n###### Six\n####### Seven",
            [("h1", "One"), ("h2", "Two"), ("h6", "Six"), ("p", "####### Seven")],
        ),
        ("#hashtag is text", [("p", "#hashtag is text")]),
        ("#\n\ntext", [("p", "text")]),
        ("Title\n=====\n\nSub\n---\n", [("h1", "Title"), ("h2", "Sub")]),
        ("   ### Indented heading", [("h3", "Indented heading")]),
        # lists
        ("- a\n* b\n+ c\n1. d\n2) e", [("li", t) for t in "abcde"]),
        ("- item\n  continued\n- next", [("li", "item continued"), ("li", "next")]),
        ("- outer\n  - inner", [("li", "outer"), ("li", "inner")]),
        ("-5 °C tonight", [("p", "-5 °C tonight")]),
        ("2024. A year", [("li", "A year")]),
        # paragraphs and joining
        ("one\ntwo\n\nthree", [("p", "one two"), ("p", "three")]),
        ("中国新闻\n社报道。\n\n第二段", [("p", "中国新闻社报道。"), ("p", "第二段")]),
        ("他说：\n“你好”", [("p", "他说：“你好”")]),
        ("Москва\nсообщила", [("p", "Москва сообщила")]),
        ("hard  \nbreak\\\nhere", [("p", "hard break here")]),
        ("para\n# heading right after", [("p", "para"), ("h1", "heading right after")]),
        # other blocks
        ("> quoted\n> text", [("p", "quoted text")]),
        ("before\n\n---\n\nafter\n\n* * *", [("p", "before"), ("p", "after")]),
        ("```\ncode line\n```\n\nafter", [("p", "code line"), ("p", "after")]),
        ("---\ntitle: x\n---\n# Real", [("h1", "Real")]),
        ("\ufeff# BOM heading\r\n\r\ntext\r\n", [("h1", "BOM heading"), ("p", "text")]),
    ],
)
def test_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("***both***", "both"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("`a * b` code", "a * b code"),
        ("[Xinhua](https://xinhuanet.com) reported", "Xinhua reported"),
        ("![photo of rain](rain.jpg)", "photo of rain"),
        ("see [the report][1]", "see the report"),
        ("<https://example.org>", "https://example.org"),
        ("line<br>break <span class='x'>span</span>", "linebreak span"),
        ("a < b and c > d", "a < b and c > d"),
        ("AT&amp;T &copy; &#x4E2D; &bogus; & alone", "AT&T © 中 &bogus; & alone"),
        (r"\*not em\* \_nor\_ \# \\ \[x\]", r"*not em* _nor_ # \ [x]"),
        ("~~struck~~ text", "struck text"),
        ("中文**加粗**文字", "中文加粗文字"),
        ("«Цитата» — *курсив*", "«Цитата» — курсив"),
    ],
)
def test_inline_markup_is_stripped(text: str, expected: str) -> None:
    assert strip_inline(text) == expected


@pytest.mark.parametrize("segment", ESCAPES.segments, ids=lambda s: s.target[:20])
def test_escape_then_strip_is_identity(segment: object) -> None:
    target = segment.target  # type: ignore[attr-defined]
    assert strip_inline(escape(target)) == target


def test_export_keeps_structure(tmp_path: Path) -> None:
    path = tmp_path / "news.md"
    get_format("markdown").write_document(NEWS_EN_ZH, path)
    assert path.read_text(encoding="utf-8") == (
        "# 洪水袭击南方\n"
        "\n"
        "大雨下了一整夜。道路被封闭。\n"
        "\n"
        "- 学校停课\n"
        "- 火车晚点\n"
        "\n"
        "## 接下来会怎样\n"
        "\n"
        "气象局说“更大”的雨<将至> & 未完。\n"
    )
