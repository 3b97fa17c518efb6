"""Plain UTF-8 text: one paragraph per line.

>>> from workbench.formats import get_format
>>> data = "Первый.\\n\\n第二段。\\n".encode()
>>> [p.source for p in get_format("text").parse_article(data, "a.txt")]
['Первый.', '第二段。']
"""

from __future__ import annotations

from workbench.formats.base import TextFileFormat, one_line
from workbench.model import Document, Paragraph


class PlainTextFormat(TextFileFormat):
    """Plain text: each non-blank line is a paragraph; the export writes one per line."""

    name = "text"
    extensions = (".txt",)
    description = "Plain text (UTF-8)"
    can_read = True
    can_write = True

    def _parse_text(self, text: str, source_name: str) -> list[Paragraph]:
        return [Paragraph(index=i, source=line) for i, line in enumerate(text.split("\n"))]

    def _render_text(self, doc: Document, scope: str) -> str:
        lines = [one_line(text) for _, text in self.localized(doc, scope)]
        return "".join(line + "\n" for line in lines)
