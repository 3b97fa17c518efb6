"""Annotated sentences for measuring term recognition: ``[surface|concept-id]`` marks a hit.

>>> parse_annotated("The [TASS|tass] report")
('The TASS report', [(4, 8, 'tass')])
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.errors import GlossaryError

_MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\]")


def parse_annotated(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of ``line`` and its gold hits ``(start, end, concept)``."""
    text: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = length = 0
    for m in _MARK.finditer(line):
        text.append(line[pos : m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group(1)), m.group(2).strip()))
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(line[pos:])
    return "".join(text), spans


def read_annotated(path: str | os.PathLike[str]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The annotated sentences of ``path`` (one per line; ``#`` comments and blanks skipped)."""
    file = Path(path)
    if not file.is_file():
        raise GlossaryError(f"no annotated sentences at {file}")
    return [
        parse_annotated(line)
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def precision_recall(
    gold: list[list[tuple[int, int, str]]], found: list[list[tuple[int, int, str]]]
) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, found, gold) over exact span and concept."""
    tp = sum(len(set(g) & set(f)) for g, f in zip(gold, found, strict=True))
    n_found = sum(len(f) for f in found)
    n_gold = sum(len(g) for g in gold)
    return (tp / n_found if n_found else 1.0, tp / n_gold if n_gold else 1.0, tp, n_found, n_gold)


__all__ = ["parse_annotated", "precision_recall", "read_annotated"]
