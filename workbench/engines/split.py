"""Split a segment too long for a model at clause boundaries, and join the translations.

A model has a maximum input length; rather than cut a segment there, the engine
splits it into sentences, splits a sentence still too long at clause marks
(``;`` ``:`` ``,`` and their Chinese forms, then dashes), packs neighbouring
clauses back together while they fit, and as a last resort splits at spaces
(or between characters for Chinese).  Every character of the input ends up in
exactly one piece, so nothing is silently lost.

>>> split_to_fit("One, two; three.", lambda s: len(s.split()), 2)
['One, two;', 'three.']
>>> join_pieces(["新华社报道。", "塔斯社表示。"], "zh")
'新华社报道。塔斯社表示。'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from workbench.languages import CJK, get_language

#: sentence ends (the languages table's): spaced ones (en, ru), and full-width ones (zh)
_SPACED_ENDS = get_language("en").terminators
_FULL_WIDTH_ENDS = "".join(c for c in get_language("zh").terminators if c not in _SPACED_ENDS)
#: boundaries tried in order: sentence ends, then clause marks, then dashes
_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(
        f"(?<=[{re.escape(_SPACED_ENDS)}])[\"'»”’)\\]]*\\s+"
        f"|(?<=[{re.escape(_FULL_WIDTH_ENDS)}])[」』”’）]*\\s*"
    ),
    re.compile(r"(?<=[;:])\s+|(?<=[；：])\s*"),
    re.compile(r"(?<=,)\s+|(?<=[，、])\s*"),
    re.compile(r"\s+(?=[—–-]\s)|(?<=——)"),
    re.compile(r"\s+"),
)

#: languages written without spaces between sentences
_NO_SPACE = frozenset({"zh", "ja"})
#: CJK text: its pieces are joined without spaces
_CJK_TEXT = re.compile(f"[{CJK}]")


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``text`` cut after each match of ``pattern``; the pieces keep their own characters."""
    pieces: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        end = match.start()
        if end > start:
            pieces.append(text[start:end].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _pack(clauses: list[str], length: Callable[[str], int], limit: int, glue: str) -> list[str]:
    """Neighbouring ``clauses`` joined while the result stays within ``limit``."""
    packed: list[str] = []
    for clause in clauses:
        if packed:
            candidate = packed[-1] + glue + clause
            if length(candidate) <= limit:
                packed[-1] = candidate
                continue
        packed.append(clause)
    return packed


def _halves(text: str) -> list[str]:
    """``text`` cut in two between characters (Chinese without any boundary)."""
    middle = len(text) // 2
    return [text[:middle], text[middle:]]


def split_to_fit(
    text: str, length: Callable[[str], int], limit: int, *, level: int = 0
) -> list[str]:
    """``text`` split into pieces whose ``length`` is at most ``limit``.

    Sentences are kept apart (each is translated on its own); clauses within an
    over-long sentence are packed together while they fit.
    """
    text = text.strip()
    if not text:
        return []
    if length(text) <= limit:
        return [text]
    for depth in range(level, len(_LEVELS)):
        parts = _cut(text, _LEVELS[depth])
        if len(parts) < 2:
            continue
        if depth > 0:
            glue = "" if _CJK_TEXT.search(text) and depth < 4 else " "
            parts = _pack(parts, length, limit, glue)
        pieces: list[str] = []
        for part in parts:
            pieces.extend(split_to_fit(part, length, limit, level=depth + 1))
        return pieces
    if len(text) < 2:
        return [text]
    pieces = []
    for half in _halves(text):
        pieces.extend(split_to_fit(half, length, limit, level=len(_LEVELS)))
    return pieces


def join_pieces(pieces: list[str], tgt_lang: str) -> str:
    """The translations of one segment's pieces as one text in ``tgt_lang``."""
    glue = "" if tgt_lang in _NO_SPACE else " "
    return glue.join(p.strip() for p in pieces if p.strip())


__all__ = ["join_pieces", "split_to_fit"]
