"""Post-editing effort: HTER of the machine translation against its post-edited version.

HTER is TER with the post-edited text as the reference: the share of edits
(insertions, deletions, substitutions and shifts) a person made to the MT
suggestion, per unit of the final text.  Units are words (with punctuation marks
split off) for English and Russian, and characters for Chinese, which has no
spaces between words.  sacrebleu's TER does the counting, case-sensitively:

* en, ru: ``TER(normalized=True, case_sensitive=True)``;
* zh: every character but spaces becomes a token, then ``TER(case_sensitive=True)``.

The MT suggestion of a segment is its latest machine translation: the target
itself while its provenance is ``mt``, else the newest ``mt`` entry of its history.
A segment counts as post-edited when a person changed or confirmed that suggestion.

>>> result = hter(["The agency said on Monday."], ["The agency said on Tuesday."], "en")
>>> result.unit, round(result.score, 1), result.segments[0].edits
('word', 16.7, 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.languages import get_language
from workbench.model import Origin, Segment
from workbench.qa.base import QAError

#: sacrebleu TER settings per target language
_SETTINGS: dict[str, dict[str, Any]] = {
    "en": {"normalized": True, "case_sensitive": True},
    "ru": {"normalized": True, "case_sensitive": True},
    "zh": {"case_sensitive": True},
}


def unit(lang: str) -> str:
    """``"character"`` for Chinese, ``"word"`` otherwise."""
    get_language(lang)
    return "character" if lang == "zh" else "word"


def _prepare(text: str, lang: str) -> str:
    if lang == "zh":
        return " ".join(c for c in text if not c.isspace())
    return text


@dataclass(frozen=True)
class SegmentEffort:
    """The effort spent on one segment: ``edits`` to the MT over ``length`` units."""

    index: int
    mt: str
    post_edit: str
    edits: float
    length: float

    @property
    def hter(self) -> float:
        """Edits per unit of the post-edited text, in percent (sacrebleu's TER rule)."""
        if self.length > 0:
            return 100 * (self.edits / self.length)
        return 100.0 if self.edits > 0 else 0.0

    @property
    def changed(self) -> bool:
        return self.edits > 0


@dataclass(frozen=True)
class EffortResult:
    """HTER over a set of post-edited segments, with how it was computed."""

    lang: str
    unit: str
    segments: tuple[SegmentEffort, ...]
    score: float
    signature: str

    @property
    def edited(self) -> int:
        """How many segments a person changed."""
        return sum(1 for s in self.segments if s.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hter": self.score,
            "unit": self.unit,
            "segments": len(self.segments),
            "edited": self.edited,
            "signature": self.signature,
        }


def hter(
    mt: Sequence[str],
    post_edited: Sequence[str],
    lang: str,
    *,
    indexes: Sequence[int] | None = None,
) -> EffortResult:
    """HTER of each MT suggestion against its post-edited text, and over them all
    (total edits over total length, as sacrebleu's corpus TER)."""
    if len(mt) != len(post_edited):
        raise QAError(
            f"{len(mt)} MT suggestions but {len(post_edited)} post-edited texts: give one "
            "post-edited text per suggestion"
        )
    indexes = list(indexes) if indexes is not None else list(range(len(mt)))
    if len(indexes) != len(mt):
        raise QAError("give one segment index per MT suggestion")
    from sacrebleu.metrics.ter import TER

    metric = TER(**_SETTINGS[lang]) if lang in _SETTINGS else None
    if metric is None:
        get_language(lang)
        raise QAError(f"no HTER settings for {lang!r}")
    hyps = [_prepare(t, lang) for t in mt]
    refs = [_prepare(t, lang) for t in post_edited]
    stats: list[list[float]] = metric._extract_corpus_statistics(hyps, [refs]) if hyps else []
    segments = tuple(
        SegmentEffort(i, m, p, float(s[0]), float(s[1]))
        for i, m, p, s in zip(indexes, mt, post_edited, stats, strict=True)
    )
    if stats:
        score = float(metric._aggregate_and_compute(stats).score)
        signature = f"hter|unit:{unit(lang)}|{metric.get_signature()}"
    else:
        score = 0.0
        signature = f"hter|unit:{unit(lang)}"
    return EffortResult(lang, unit(lang), segments, score, signature)


def mt_suggestion(segment: Segment) -> str | None:
    """The segment's latest machine translation, or ``None`` if it never had one.

    Reads :attr:`Segment.history`, which :meth:`Store.load_document` leaves empty:
    fill it from :meth:`Store.segment_history` first.
    """
    if segment.provenance.origin is Origin.MT:
        return segment.target
    for entry in reversed(segment.history):
        if entry.provenance.origin is Origin.MT:
            return entry.target
    return None


def is_post_edited(segment: Segment) -> bool:
    """Whether a person changed or confirmed the segment's MT suggestion."""
    if not segment.target.strip() or mt_suggestion(segment) is None:
        return False
    return segment.provenance.origin is not Origin.MT or segment.status.is_confirmed


def post_edit_effort(segments: Sequence[Segment], lang: str) -> EffortResult:
    """HTER of the post-edited ``segments`` (those with an MT suggestion a person changed
    or confirmed), with their histories loaded."""
    chosen = [s for s in segments if is_post_edited(s)]
    return hter(
        [mt_suggestion(s) or "" for s in chosen],
        [s.target for s in chosen],
        lang,
        indexes=[s.index for s in chosen],
    )


__all__ = [
    "EffortResult",
    "SegmentEffort",
    "hter",
    "is_post_edited",
    "mt_suggestion",
    "post_edit_effort",
    "unit",
]
