"""What differs between a TM match's source and the segment being translated.

Words are compared for English and Russian, characters for Chinese.  The side
panel shows the TM source with the words the current source lacks struck out
and the words it adds underlined.

>>> diff_ops("Xinhua reported on Monday.", "Xinhua reported on Tuesday.", "en")
[('equal', 'Xinhua reported on '), ('delete', 'Monday'), ('insert', 'Tuesday'), ('equal', '.')]
>>> diff_html("新华社周一报道", "新华社周二报道", "zh")
'新华社周<del>一</del><ins>二</ins>报道'
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Literal

from workbench.languages import get_language

Op = Literal["equal", "insert", "delete"]
_WORDS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _tokens(text: str, lang: str) -> list[str]:
    if get_language(lang).sentence_joiner:
        return _WORDS.findall(text)
    return list(text)


def diff_ops(old: str, new: str, lang: str) -> list[tuple[Op, str]]:
    """How to turn ``old`` (the TM source) into ``new`` (the current source), as runs of text."""
    a, b = _tokens(old, lang), _tokens(new, lang)
    out: list[tuple[Op, str]] = []

    def emit(op: Op, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", "".join(a[i1:i2]))
        else:
            emit("delete", "".join(a[i1:i2]))
            emit("insert", "".join(b[j1:j2]))
    return out


def diff_html(old: str, new: str, lang: str) -> str:
    """:func:`diff_ops` as escaped HTML with ``<del>`` and ``<ins>``."""
    parts = []
    for op, text in diff_ops(old, new, lang):
        escaped = html.escape(text)
        if op == "delete":
            parts.append(f"<del>{escaped}</del>")
        elif op == "insert":
            parts.append(f"<ins>{escaped}</ins>")
        else:
            parts.append(escaped)
    return "".join(parts)
