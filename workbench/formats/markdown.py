"""Markdown: headings, list items and paragraphs, with the inline markup stripped.

The reader understands the block structure a news article uses (ATX and setext
headings, bullet and numbered lists, paragraphs, block quotes, fenced code, a
YAML front matter block, which is skipped) and strips inline markup (emphasis,
code spans, links, images, HTML tags, backslash escapes and entities) so that
only the text is translated.  The writer escapes whatever the reader would take
for markup, so that writing and reading back gives the same text.

>>> from workbench.formats import get_format
>>> md = "# Floods *in* the south\\n\\nRain fell\\nall night.\\n\\n- one\\n1. two\\n"
>>> [(p.style, p.source) for p in get_format("markdown").parse_article(md.encode(), "a.md")]
[('h1', 'Floods in the south'), ('p', 'Rain fell all night.'), ('li', 'one'), ('li', 'two')]
"""

from __future__ import annotations

import html
import re

from workbench.formats.base import TextFileFormat, join_lines
from workbench.model import Document, Paragraph

# -- blocks ----------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

# -- inline ----------------------------------------------------------------------------

#: characters that a backslash escapes (CommonMark: all ASCII punctuation)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: escaped characters hide in Unicode plane 15 (private use) while markup is stripped
_HIDE = 0xF0000
_HIDDEN = re.compile("[\U000f0021-\U000f007e]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<![^\W_])__(?=\S)(.+?)(?<=\S)__(?![^\W_])"),
    re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"),
    re.compile(r"(?<![^\W_])_(?=\S)(.+?)(?<=\S)_(?![^\W_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)

# -- writing ---------------------------------------------------------------------------

_ALWAYS_ESCAPE = re.compile(r"([\\*_`\[\]~])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_START = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_BLOCK_START = re.compile(r"^([#>+\-])")
_NUMBER_START = re.compile(r"^(\d{1,9})([.)])")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")


def _hide(char: str) -> str:
    return chr(_HIDE + ord(char))


def _hide_punctuation(text: str) -> str:
    return "".join(_hide(c) if "!" <= c <= "~" and not c.isalnum() else c for c in text)


def strip_inline(text: str) -> str:
    """The text of one Markdown paragraph without its inline markup.

    >>> strip_inline(r"**Bold**, `code`, [a link](http://x) and \\*stars\\* &amp; more")
    'Bold, code, a link and *stars* & more'
    """
    text = _ESCAPE.sub(lambda m: _hide(m.group(1)), text)
    text = _CODE.sub(lambda m: _hide_punctuation(m.group(2).strip()), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(lambda m: _hide_punctuation(m.group(1)), text)
    text = _TAG.sub("", text)
    changed = True
    while changed:
        changed = False
        for pattern in _EMPHASIS:
            new = pattern.sub(r"\1", text)
            changed = changed or new != text
            text = new
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _HIDDEN.sub(lambda m: chr(ord(m.group(0)) - _HIDE), text)


def escape(text: str, *, heading: bool = False) -> str:
    """``text`` with everything the reader would take for markup backslash-escaped.

    >>> escape("5 * 3 = 15_000 <b> & #1")
    '5 \\\\* 3 = 15\\\\_000 \\\\<b> & #1'
    """
    text = _ALWAYS_ESCAPE.sub(r"\\\1", text)
    text = _TAG_START.sub(r"\\<", text)
    text = _ENTITY_START.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    text = _NUMBER_START.sub(r"\1\\\2", text)
    if heading:
        text = _CLOSING_HASHES.sub(r"\1\\\2", text)
    return text


def _drop_hard_break(line: str) -> str:
    stripped = line.rstrip()
    backslashes = len(stripped) - len(stripped.rstrip("\\"))
    return stripped[:-1] if backslashes % 2 else stripped


class MarkdownFormat(TextFileFormat):
    """Markdown articles: ``#`` headings, ``-``/``1.`` list items and paragraphs."""

    name = "markdown"
    extensions = (".md", ".markdown")
    description = "Markdown"
    can_read = True
    can_write = True

    def _parse_text(self, text: str, source_name: str) -> list[Paragraph]:
        lines = text.split("\n")
        if lines and lines[0].rstrip() == "---":
            for end in range(1, len(lines)):
                if _FRONT_MATTER_END.match(lines[end]):
                    lines = lines[end + 1 :]
                    break
        out: list[Paragraph] = []
        buf: list[str] = []
        style = "p"
        fence: str | None = None

        def flush() -> None:
            if buf:
                joined = join_lines(_drop_hard_break(line) for line in buf)
                out.append(Paragraph(index=len(out), source=strip_inline(joined), style=style))
                buf.clear()

        for raw in lines:
            if fence is not None:
                if raw.strip().startswith(fence) and not raw.strip().strip(fence[0]):
                    fence = None
                    flush()
                else:
                    buf.append(raw)
                continue
            line = raw
            while (quote := _QUOTE.match(line)) is not None:
                line = line[quote.end() :]
            if not line.strip():
                flush()
                continue
            if (m := _FENCE.match(line)) is not None:
                flush()
                fence, style = m.group(1), "p"
                continue
            if buf and style == "p" and _SETEXT_H1.match(line):
                style = "h1"
                flush()
                continue
            if buf and style == "p" and _SETEXT_H2.match(line):
                style = "h2"
                flush()
                continue
            if _RULE.match(line):
                flush()
                continue
            if (m := _ATX.match(line)) is not None:
                flush()
                style = f"h{len(m.group(1))}"
                buf.append(m.group(2) or "")
                flush()
                continue
            if (m := _LIST_ITEM.match(line)) is not None:
                flush()
                style = "li"
                buf.append(m.group(1) or "")
                continue
            if not buf:
                style = "p"
            buf.append(line)
        flush()
        return out

    def _render_text(self, doc: Document, scope: str) -> str:
        out: list[str] = []
        previous = ""
        for style, text in self.localized(doc, scope):
            if style.startswith("h"):
                line = "#" * int(style[1]) + " " + escape(text, heading=True)
            elif style == "li":
                line = "- " + escape(text)
            else:
                line = escape(text)
            if out:
                out.append("\n" if style == previous == "li" else "\n\n")
            out.append(line)
            previous = style
        return "".join(out) + "\n" if out else ""
