"""The two sides of an alignment as sentences with their paragraph numbers.

An article is split into paragraphs (one per line in text, or what its format
says: Markdown, DOCX, HTML) and each paragraph into sentences with
:func:`workbench.segment.split_sentences`.  A *presegmented* text has one
sentence per line; blank lines separate its paragraphs and are not sentences.

>>> side = split_text("One. Two.\\nThree.", "en")
>>> side.sentences, side.paragraphs
(['One.', 'Two.', 'Three.'], [0, 0, 1])
>>> split_text("One.\\n\\nTwo.\\nThree.", "en", presegmented=True).paragraphs
[0, 1, 1]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.languages import detect_or_fail, get_language
from workbench.textio import read_text

if TYPE_CHECKING:
    from workbench.align.beads import Alignment

__all__ = [
    "Side",
    "align_files",
    "from_paragraphs",
    "read_side",
    "split_text",
]


@dataclass(frozen=True)
class Side:
    """Sentences of one text and the paragraph number of each."""

    sentences: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sentences)


def from_paragraphs(paragraphs: Sequence[str], lang: str) -> Side:
    """Split each paragraph into sentences (blank paragraphs are skipped)."""
    from workbench.segment import split_sentences

    get_language(lang)
    side = Side()
    number = 0
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        for sentence in split_sentences(paragraph, lang):
            text = sentence.text.strip()
            if text:
                side.sentences.append(text)
                side.paragraphs.append(number)
        number += 1
    return side


def split_text(text: str, lang: str, *, presegmented: bool = False) -> Side:
    """The sentences of ``text``: one paragraph per line, or with ``presegmented`` one
    sentence per line (blank lines between paragraphs)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not presegmented:
        return from_paragraphs(lines, lang)
    get_language(lang)
    side = Side()
    number = 0
    for line in lines:
        line = line.strip()
        if not line:
            if side.paragraphs and side.paragraphs[-1] == number:
                number += 1
            continue
        side.sentences.append(line)
        side.paragraphs.append(number)
    return side


def _article_format(path: Path) -> str | None:
    """The article format of ``path``'s extension, or ``None`` for plain text (also
    for an extension no format claims, such as ``.en`` or ``.zh``)."""
    from workbench.formats import format_for_path, supported_extensions

    name = path.name.lower()
    if not any(name.endswith(ext) for ext in supported_extensions()):
        return None
    fmt = format_for_path(path, capability="read")
    return None if fmt.name == "text" else fmt.name


def read_side(
    path: str | os.PathLike[str],
    lang: str | None,
    *,
    presegmented: bool = False,
    flag: str = "--src-lang",
) -> tuple[Side, str]:
    """The sentences of the file ``path`` and its language (detected when ``lang`` is
    ``None``; where it cannot be, the error says to pass ``flag``).

    Without ``presegmented`` the file is an article in any format the workbench
    reads (by extension; other extensions are read as plain text).
    """
    path = Path(path)
    fmt = None if presegmented else _article_format(path)
    if fmt is None:
        text = read_text(path)
        if lang is None:
            lang = detect_or_fail(text, str(path), flag)
        return split_text(text, lang, presegmented=presegmented), lang
    from workbench.formats import read_article

    paragraphs = [p.source for p in read_article(path, format=fmt)]
    if lang is None:
        lang = detect_or_fail(paragraphs, str(path), flag)
    return from_paragraphs(paragraphs, lang), lang


def align_files(
    src_path: str | os.PathLike[str],
    tgt_path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presegmented: bool = False,
    method: str | None = None,
) -> Alignment:
    """Read, segment (unless ``presegmented``) and align two files.

    Languages not given are detected; paragraphs anchor the alignment.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "en.txt").write_text("One. Two.\\nThree.\\n", "utf-8")
    >>> _ = (folder / "ru.txt").write_text("Один. Два.\\nТри.\\n", "utf-8")
    >>> found = align_files(folder / "en.txt", folder / "ru.txt", method="length")
    >>> (found.src_lang, found.tgt_lang), [(s, t) for s, t, _ in found.pairs()]
    (('en', 'ru'), [('One.', 'Один.'), ('Two.', 'Два.'), ('Three.', 'Три.')])
    """
    from workbench.align import DEFAULT_ALIGNER, align_texts

    src, src_lang = read_side(src_path, src_lang, presegmented=presegmented)
    tgt, tgt_lang = read_side(tgt_path, tgt_lang, presegmented=presegmented, flag="--tgt-lang")
    return align_texts(
        src.sentences,
        tgt.sentences,
        src_lang,
        tgt_lang,
        method=method or DEFAULT_ALIGNER,
        src_paragraphs=src.paragraphs,
        tgt_paragraphs=tgt.paragraphs,
    )
