"""Sentence alignment: turn an article and its translation into segment pairs.

Aligners sit in a lazily imported registry, like the formats: ``embedding`` (the
default: multilingual sentence embeddings with length, in a banded dynamic
program) and ``length`` (Gale and Church's length-based baseline).  Importing
this package loads neither numpy nor the embedding model.

>>> ALIGNERS.choices()
['embedding', 'length']
>>> result = align_texts(["One.", "Two."], ["Один.", "Два."], "en", "ru", method="length")
>>> [(b.kind, b.src, b.tgt) for b in result]
[('1-1', (0,), (0,)), ('1-1', (1,), (1,))]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.align.beads import Alignment, Bead, BeadKind
from workbench.registry import Registry

if TYPE_CHECKING:
    from workbench.align.base import Aligner

__all__ = [
    "ALIGNERS",
    "DEFAULT_ALIGNER",
    "Alignment",
    "Bead",
    "BeadKind",
    "align_texts",
    "get_aligner",
]

#: aligner name -> its class, imported only when the aligner is asked for
ALIGNERS: Registry[type[Aligner[Any]]] = Registry(
    "aligner",
    {
        "embedding": (
            "workbench.align.embedding:EmbeddingAligner",
            "Sentence embeddings + length (best)",
        ),
        "length": (
            "workbench.align.length:LengthAligner",
            "Sentence lengths only (Gale-Church, fast)",
        ),
    },
)
DEFAULT_ALIGNER = "embedding"


def get_aligner(name: str = DEFAULT_ALIGNER, **options: Any) -> Aligner[Any]:
    """The aligner registered as ``name``, built with ``options``."""
    return ALIGNERS.load(name)(**options)


def align_texts(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    method: str = DEFAULT_ALIGNER,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    check: bool = True,
) -> Alignment:
    """Align sentences ``src`` with their translation ``tgt`` using ``method``.

    See :meth:`workbench.align.base.Aligner.align`.
    """
    return get_aligner(method).align(
        src,
        tgt,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        src_paragraphs=src_paragraphs,
        tgt_paragraphs=tgt_paragraphs,
        check=check,
    )
