"""The aligner protocol: one public :meth:`Aligner.align`, small hooks per method.

An aligner turns two lists of sentences into an :class:`Alignment`.  The base
class does what every method shares: it checks the languages, handles empty and
one-sided input, cuts the texts at confident paragraph anchors, runs the
dynamic program (:mod:`workbench.align.dp`) on each piece and puts the beads
back together.  A method fills in four hooks:

* :meth:`Aligner._features`: the per-sentence work done once per document
  (embeddings, lengths);
* :meth:`Aligner._group`: the same features for paragraphs, built from the
  sentences' (for the paragraph anchors);
* :meth:`Aligner._scorer`: bead scores and confidences for one window;
* :meth:`Aligner._band`: which cells of a window the search visits.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from workbench.align._blas import one_blas_thread
from workbench.align.beads import Alignment, Bead
from workbench.errors import LanguageError, WorkbenchError
from workbench.languages import detect_language, get_language, script_of

if TYPE_CHECKING:
    from workbench.align.dp import AlignScorer, Band, BeadType, Span

__all__ = ["Aligner", "Window", "check_languages", "paragraph_groups"]

log = logging.getLogger(__name__)

F = TypeVar("F")


@dataclass(frozen=True)
class Window:
    """Source sentences ``i0:i1`` and target sentences ``j0:j1`` aligned together."""

    i0: int
    i1: int
    j0: int
    j1: int

    @property
    def n(self) -> int:
        return self.i1 - self.i0

    @property
    def m(self) -> int:
        return self.j1 - self.j0


class Aligner(ABC, Generic[F]):
    """Align sentences of two languages; subclasses fill in the hooks.

    >>> from workbench.align import get_aligner
    >>> aligner = get_aligner("length")
    >>> result = aligner.align(["One.", "Two."], ["Один.", "Два."], src_lang="en", tgt_lang="ru")
    >>> [(b.src, b.tgt) for b in result]
    [((0,), (0,)), ((1,), (1,))]
    """

    #: registry name (its label for menus is in :data:`workbench.align.ALIGNERS`)
    name: ClassVar[str] = "aligner"
    #: the smallest confidence of the paragraph beads on both sides of an anchor
    anchor_confidence: ClassVar[float] = 0.5

    def settings(self) -> dict[str, Any]:
        """What the result depends on, recorded in the alignment."""
        return {}

    def align(
        self,
        src: Sequence[str],
        tgt: Sequence[str],
        *,
        src_lang: str,
        tgt_lang: str,
        src_paragraphs: Sequence[int] | None = None,
        tgt_paragraphs: Sequence[int] | None = None,
        check: bool = True,
    ) -> Alignment:
        """Align sentences ``src`` (in ``src_lang``) with ``tgt`` (in ``tgt_lang``).

        ``src_paragraphs`` and ``tgt_paragraphs`` give each sentence's paragraph
        number; when both sides have paragraphs, beads do not cross the paragraph
        boundaries that the aligner matches with confidence.  With ``check`` a text
        that is plainly in another language raises a :class:`LanguageError`.
        """
        get_language(src_lang)
        get_language(tgt_lang)
        src, tgt = list(src), list(tgt)
        for side, sentences in (("source", src), ("target", tgt)):
            blank = next((k for k, s in enumerate(sentences) if not s.strip()), None)
            if blank is not None:
                raise WorkbenchError(
                    f"{side} sentence {blank} is empty: remove blank sentences before aligning"
                )
        if check:
            check_languages(src, src_lang, "source")
            check_languages(tgt, tgt_lang, "target")
        for side, sentences, paras in (
            ("source", src, src_paragraphs),
            ("target", tgt, tgt_paragraphs),
        ):
            if paras is not None and len(paras) != len(sentences):
                raise WorkbenchError(
                    f"{side}: {len(paras)} paragraph numbers for {len(sentences)} sentences; "
                    "give one per sentence"
                )
        beads: list[Bead] = []
        if src and tgt:
            with one_blas_thread():
                beads = self._align_all(
                    src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs
                )
        else:
            beads = [Bead((i,), (), 1.0) for i in range(len(src))]
            beads += [Bead((), (j,), 1.0) for j in range(len(tgt))]
        return Alignment(src, tgt, beads, src_lang, tgt_lang, self.name, self.settings())

    # -- shared machinery --------------------------------------------------------------

    def _align_all(
        self,
        src: list[str],
        tgt: list[str],
        src_lang: str,
        tgt_lang: str,
        src_paragraphs: Sequence[int] | None,
        tgt_paragraphs: Sequence[int] | None,
    ) -> list[Bead]:
        features = self._features(src, tgt, src_lang, tgt_lang)
        windows = [Window(0, len(src), 0, len(tgt))]
        if src_paragraphs is not None and tgt_paragraphs is not None:
            windows = self._anchored_windows(
                features, paragraph_groups(src_paragraphs), paragraph_groups(tgt_paragraphs)
            )
        beads: list[Bead] = []
        for window in windows:
            beads.extend(self._align_window(features, window))
        return beads

    def _search(self, features: F, window: Window) -> tuple[list[Span], list[float]]:
        """The best path through ``window`` (local indices) and each bead's confidence."""
        from workbench.align.dp import best_path

        band = self._band(features, window)
        scorer = self._scorer(features, window, band)
        spans = best_path(window.n, window.m, scorer, band, self._types())
        return spans, scorer.confidence(spans)

    def _align_window(self, features: F, window: Window) -> list[Bead]:
        if window.n == 0 or window.m == 0:
            return [Bead((i,), (), 1.0) for i in range(window.i0, window.i1)] + [
                Bead((), (j,), 1.0) for j in range(window.j0, window.j1)
            ]
        spans, scores = self._search(features, window)
        return [
            Bead(
                tuple(range(window.i0 + i0, window.i0 + i1)),
                tuple(range(window.j0 + j0, window.j0 + j1)),
                min(1.0, max(0.0, score)),
            )
            for (i0, i1, j0, j1), score in zip(spans, scores, strict=True)
        ]

    def _anchored_windows(
        self, features: F, src_groups: list[range], tgt_groups: list[range]
    ) -> list[Window]:
        """Windows cut between paragraphs that both sides match with confidence."""
        if len(src_groups) < 2 or len(tgt_groups) < 2:
            return [Window(0, src_groups[-1].stop, 0, tgt_groups[-1].stop)]
        grouped = self._group(features, src_groups, tgt_groups)
        outer = Window(0, len(src_groups), 0, len(tgt_groups))
        spans, scores = self._search(grouped, outer)
        windows: list[Window] = []
        start = (0, 0)
        for k, ((p0, p1, q0, q1), score) in enumerate(zip(spans, scores, strict=True)):
            if k + 1 == len(spans):
                break
            nxt = spans[k + 1]
            sure = (
                p1 > p0
                and q1 > q0
                and nxt[1] > nxt[0]
                and nxt[3] > nxt[2]
                and min(score, scores[k + 1]) >= self.anchor_confidence
            )
            if sure:
                cut = (src_groups[p1 - 1].stop, tgt_groups[q1 - 1].stop)
                windows.append(Window(start[0], cut[0], start[1], cut[1]))
                start = cut
        windows.append(Window(start[0], src_groups[-1].stop, start[1], tgt_groups[-1].stop))
        log.debug("%d paragraph anchors", len(windows) - 1)
        return windows

    def _types(self) -> Sequence[BeadType]:
        from workbench.align.dp import BEAD_TYPES

        return BEAD_TYPES

    # -- hooks -------------------------------------------------------------------------

    @abstractmethod
    def _features(self, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> F:
        """Per-sentence features of both texts, computed once per document."""

    @abstractmethod
    def _group(self, features: F, src_groups: list[range], tgt_groups: list[range]) -> F:
        """The features of the paragraphs made of the sentences in each group."""

    @abstractmethod
    def _scorer(self, features: F, window: Window, band: Band) -> AlignScorer:
        """Bead scores for the sentences of ``window`` (indices local to it)."""

    def _band(self, features: F, window: Window) -> Band:
        """The cells of ``window`` to search: all of them unless a method knows better."""
        from workbench.align.dp import Band

        return Band.full(window.n, window.m)


def paragraph_groups(paragraphs: Sequence[int]) -> list[range]:
    """Runs of consecutive sentences with the same paragraph number, as index ranges.

    >>> paragraph_groups([0, 0, 1, 3, 3])
    [range(0, 2), range(2, 3), range(3, 5)]
    """
    groups: list[range] = []
    start = 0
    for k in range(1, len(paragraphs) + 1):
        if k == len(paragraphs) or paragraphs[k] != paragraphs[k - 1]:
            groups.append(range(start, k))
            start = k
    return groups


def check_languages(sentences: Sequence[str], lang: str, side: str) -> None:
    """Raise a :class:`LanguageError` when ``sentences`` are plainly not in ``lang``.

    The text must be mostly in another script: a Chinese article quoting English
    names, or an English one quoting a Russian word, passes.
    """
    sample = " ".join(sentences[:200])
    found = detect_language(sample)
    if found is None or found == lang:
        return
    # a clear majority only: Han characters count three (a word is ~1.5 of them,
    # ~5 letters), and the declared script must hold under 30% of the letters
    weights = {"en": 1, "zh": 3, "ru": 1}
    counts = dict.fromkeys(weights, 0)
    for char in sample:
        code = script_of(char)
        if code:
            counts[code] += weights[code]
    if counts[lang] >= 0.3 * sum(counts.values()):
        return
    want, got = get_language(lang).name, get_language(found).name
    flag = "--src-lang" if side == "source" else "--tgt-lang"
    raise LanguageError(
        f"the {side} text looks {got} ({found}), not {want} ({lang}): "
        f"pass {flag} {found}, or check that the files are in the right order"
    )
