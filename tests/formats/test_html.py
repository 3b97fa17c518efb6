"""HTML: the shared article suite plus the block rules, encodings and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.suite import NEWS_EN_ZH, FormatSuite
from workbench.errors import FormatError
from workbench.formats import get_format


class TestHtml(FormatSuite):
    format_name = "html"


def parse(data: bytes | str, name: str = "page.html") -> list[tuple[str, str]]:
    raw = data.encode() if isinstance(data, str) else data
    return [(p.style, p.source) for p in get_format("html").parse_article(raw, name)]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<h1>Title</h1><h3>Sub</h3><h6>Six</h6>", [("h1", "Title"), ("h3", "Sub"), ("h6", "Six")]),
        ("<p>One <b>bold</b> <a href='x'>link</a>.</p>", [("p", "One bold link.")]),
        (
            "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><ol><li>d</li></ol>",
            [("li", "a"), ("li", "b"), ("li", "c"), ("li", "d")],
        ),
        ("<li><p>para in item</p></li>", [("li", "para in item")]),
        ("<dl><dt>term</dt><dd>meaning</dd></dl>", [("li", "term"), ("li", "meaning")]),
        ("<p>line<br>break<br/>again</p>", [("p", "line break again")]),
        ("<p>中国新闻<br>社报道。</p>", [("p", "中国新闻社报道。")]),
        ("<p>  spread\n   over\n lines  </p>", [("p", "spread over lines")]),
        ("<div>loose<p>inner</p>tail</div>", [("p", "loose"), ("p", "inner"), ("p", "tail")]),
        ("<table><tr><th>h</th><td>c</td></tr></table>", [("p", "h"), ("p", "c")]),
        ("<blockquote><p>«Цитата»</p></blockquote>", [("p", "«Цитата»")]),
        (
            "<head><title>T</title><style>p{}</style></head><body><script>x()</script><p>ok</p>"
            "<noscript>no</noscript><template><p>t</p></template></body>",
            [("p", "ok")],
        ),
        ("<p>&amp; &lt;b&gt; &copy; &#x4E2D;</p>", [("p", "& <b> © 中")]),
        ("<!-- comment --><p>after<!-- inner --> comment</p>", [("p", "after comment")]),
        ("Just text, no tags", [("p", "Just text, no tags")]),
        (
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><p>xhtml</p></body></html>",
            [("p", "xhtml")],
        ),
        ("<!DOCTYPE html><html><body><h2>Doc</h2></body></html>", [("h2", "Doc")]),
    ],
)
def test_blocks(page: str, expected: list[tuple[str, str]]) -> None:
    assert parse(page) == expected


def test_export_is_an_html5_document(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    get_format("html").write_document(NEWS_EN_ZH, path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    assert "<ul>\n<li>学校停课</li>\n<li>火车晚点</li>\n</ul>" in page
    assert "气象局说“更大”的雨&lt;将至&gt; &amp; 未完。" in page


def test_declared_legacy_encoding_is_honoured() -> None:
    page = '<meta charset="windows-1251"><p>Привет, мир</p>'.encode("cp1251")
    assert parse(page) == [("p", "Привет, мир")]
    gbk = '<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>你好</p>'
    assert parse(gbk.encode("gbk")) == [("p", "你好")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("<p>Москва</p>".encode("cp1251"), r"page\.html: not valid UTF-8 at byte offset 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"page\.html: binary data"),
        ("<p>x</p>".encode("utf-16"), r"page\.html: the file is UTF-16"),
        (b"", r"page\.html: the file is empty"),
        (b"<html><body>  </body></html>", r"page\.html: no text found"),
        (
            b'<meta charset="x-klingon"><p>x</p>',
            r"page\.html: the page declares the unknown encoding",
        ),
        (b'<meta charset="koi8-r"><p>\x00</p>', r"page\.html: binary data"),
        (b'<!DOCTYPE html [<!ENTITY x "y">]><p>&x;</p>', r"page\.html: refused"),
        (b'<!DOCTYPE html SYSTEM "http://127.0.0.1/x.dtd" [ ]><p>x</p>', r"page\.html: refused"),
    ],
)
def test_bad_pages_are_named(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse(data)
