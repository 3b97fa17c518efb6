"""BLEU, chrF++ and TER through sacrebleu, with the signature attached to every score.

The settings follow the target language, as sacrebleu recommends:

* BLEU: tokenizer ``zh`` for Chinese targets and ``13a`` otherwise (``tokenize``
  overrides it);
* chrF++: ``CHRF(word_order=2)``;
* TER: ``TER(normalized=True, asian_support=True)`` for Chinese targets, ``TER()``
  otherwise.

Scores equal the sacrebleu Python API's for the same settings, to the last digit:
the statistics come from sacrebleu's own metric objects and are aggregated by them.
TER is slow on Chinese (every character is a token, and its shift search is pure
Python), so :class:`Scorer` can spread its per-sentence statistics over ``jobs``
processes; the sums, and so the scores, are the same.  Statistics are computed
once per system and reused by the paired significance tests (sacrebleu's paired
bootstrap resampling and approximate randomization).

sacrebleu (and numpy) are imported on first use, not on import of this module.

>>> scorer = Scorer([["The cat sat on the mat."]], "en")
>>> scores = scorer.score(["The cat sat on a mat."], name="mt")
>>> scores.bleu.signature
'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0'
>>> round(scores.chrf.score, 2), round(scores.ter.score, 2)
(68.44, 16.67)
"""

from __future__ import annotations

import copy
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from workbench.languages import get_language
from workbench.qa.base import QAError

log = logging.getLogger(__name__)

#: the metrics, in report order
METRICS: tuple[str, ...] = ("bleu", "chrf", "ter")
#: what each is called in tables
METRIC_LABELS: dict[str, str] = {"bleu": "BLEU", "chrf": "chrF++", "ter": "TER"}
#: higher is better for BLEU and chrF++, lower for TER
HIGHER_IS_BETTER: dict[str, bool] = {"bleu": True, "chrf": True, "ter": False}
#: paired significance tests: sacrebleu's test types
TESTS: dict[str, str] = {"bs": "paired bootstrap resampling", "ar": "approximate randomization"}
#: below this many sentences TER is computed in one process
PARALLEL_MIN_SENTENCES = 200


def metric_settings(tgt_lang: str, tokenize: str | None = None) -> dict[str, dict[str, Any]]:
    """The sacrebleu constructor arguments of each metric for ``tgt_lang`` targets.

    >>> metric_settings("zh")["ter"]
    {'normalized': True, 'asian_support': True}
    """
    get_language(tgt_lang)
    zh = tgt_lang == "zh"
    return {
        "bleu": {"tokenize": tokenize or ("zh" if zh else "13a")},
        "chrf": {"word_order": 2},
        "ter": {"normalized": True, "asian_support": True} if zh else {},
    }


def _metric_class(name: str) -> Any:
    from sacrebleu.metrics.bleu import BLEU
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    return {"bleu": BLEU, "chrf": CHRF, "ter": TER}[name]


def build_metric(name: str, settings: Mapping[str, Any], references: Any = None) -> Any:
    """A sacrebleu metric object; errors name the setting and the choices."""
    cls = _metric_class(name)
    if name == "bleu":
        tokenize = settings.get("tokenize")
        if tokenize is not None and tokenize not in cls.TOKENIZERS:
            choices = ", ".join(cls.TOKENIZERS)
            raise QAError(f"unknown BLEU tokenizer {tokenize!r}: choose one of {choices}")
    try:
        return cls(references=references, **settings)
    except (RuntimeError, ImportError, OSError) as exc:
        raise QAError(
            f"sacrebleu cannot set up {METRIC_LABELS[name]} with {dict(settings)}: "
            f"{str(exc).strip().splitlines()[0]}"
        ) from None


@dataclass(frozen=True)
class Score:
    """One metric's score with the sacrebleu signature that says how it was computed."""

    metric: str
    score: float
    signature: str
    #: sacrebleu's own line, e.g. ``BLEU = 33.70 64.4/41.1/27.6/19.5 (BP = 0.975 ...)``
    text: str = ""

    @property
    def label(self) -> str:
        return METRIC_LABELS[self.metric]

    def to_dict(self) -> dict[str, Any]:
        """``{"score": ..., "signature": ...}``: the JSON the CLI prints."""
        return {"score": self.score, "signature": self.signature}


@dataclass(frozen=True)
class SystemScores:
    """The corpus-level BLEU, chrF++ and TER of one system."""

    name: str
    bleu: Score
    chrf: Score
    ter: Score
    sentences: int

    def get(self, metric: str) -> Score:
        return {"bleu": self.bleu, "chrf": self.chrf, "ter": self.ter}[metric]

    def to_dict(self) -> dict[str, Any]:
        return {m: self.get(m).to_dict() for m in METRICS}


@dataclass(frozen=True)
class SentenceScores:
    """Sentence-level scores of one hypothesis (BLEU with effective n-gram order)."""

    index: int
    bleu: float
    chrf: float
    ter: float

    def get(self, metric: str) -> float:
        return {"bleu": self.bleu, "chrf": self.chrf, "ter": self.ter}[metric]


@dataclass(frozen=True)
class PairedRow:
    """One system against the baseline on one metric (the baseline's own row has no p-value)."""

    system: str
    metric: str
    score: float
    p_value: float | None = None
    mean: float | None = None
    ci: float | None = None

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p_value is not None and self.p_value < alpha


@dataclass(frozen=True)
class PairedComparison:
    """sacrebleu's paired significance test of several systems against the first."""

    test: str
    baseline: str
    rows: tuple[PairedRow, ...]
    signatures: Mapping[str, str] = field(default_factory=dict)

    @property
    def description(self) -> str:
        return TESTS[self.test]

    def row(self, system: str, metric: str) -> PairedRow:
        for row in self.rows:
            if row.system == system and row.metric == metric:
                return row
        raise KeyError((system, metric))

    def to_dict(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "baseline": self.baseline,
            "signatures": dict(self.signatures),
            "rows": [
                {
                    "system": r.system,
                    "metric": r.metric,
                    "score": r.score,
                    "p_value": r.p_value,
                    "mean": r.mean,
                    "ci": r.ci,
                }
                for r in self.rows
            ],
        }


def _ter_chunk(
    settings: dict[str, Any], hypotheses: list[str], references: list[list[str]]
) -> list[Any]:
    """TER statistics of a slice of the corpus (run in a worker process)."""
    metric = build_metric("ter", settings)
    stats: list[Any] = metric._extract_corpus_statistics(hypotheses, references)
    return stats


def _can_spawn() -> bool:
    """Whether worker processes can start: "spawn" re-imports ``__main__`` from its file,
    which a script read from stdin does not have."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


def default_jobs() -> int:
    """The CPUs this process may use, at most 8."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(8, available))


class Scorer:
    """Scores systems against fixed ``references`` (a list of reference streams, each a
    list of one string per sentence) in ``tgt_lang``.

    ``jobs`` processes compute TER statistics of large corpora (1: no processes).
    """

    def __init__(
        self,
        references: Sequence[Sequence[str]],
        tgt_lang: str,
        *,
        tokenize: str | None = None,
        jobs: int = 1,
        names: Sequence[str] | None = None,
    ) -> None:
        self.tgt_lang = tgt_lang
        self.settings = metric_settings(tgt_lang, tokenize)
        self.references: list[list[str]] = [list(r) for r in references]
        self.jobs = max(1, jobs)
        if not self.references:
            raise QAError("no reference: give at least one reference translation")
        names = (
            list(names)
            if names is not None
            else [f"reference {i + 1}" for i in range(len(self.references))]
        )
        lengths = {len(r) for r in self.references}
        if len(lengths) != 1:
            counts = ", ".join(
                f"{n}: {len(r)}" for n, r in zip(names, self.references, strict=False)
            )
            raise QAError(
                f"the references have different numbers of lines ({counts}): each reference "
                "needs one line per sentence of the hypothesis"
            )
        self.size = lengths.pop()
        if self.size == 0:
            raise QAError(f"{names[0]} is empty: a reference needs one line per sentence")
        for name, ref in zip(names, self.references, strict=False):
            bad = next((i for i, line in enumerate(ref) if not isinstance(line, str)), None)
            if bad is not None:
                raise QAError(f"{name}, line {bad + 1}: not text")
        self._metrics = {
            name: build_metric(name, self.settings[name], self.references) for name in METRICS
        }
        self._stats: dict[tuple[str, tuple[str, ...]], list[Any]] = {}

    # -- statistics --------------------------------------------------------------------

    def _check(self, hypotheses: Sequence[str], name: str) -> tuple[str, ...]:
        hyps = tuple(hypotheses)
        if len(hyps) != self.size:
            raise QAError(
                f"{name} has {len(hyps)} lines but the reference has {self.size}: give one "
                "line per reference line"
            )
        bad = next((i for i, line in enumerate(hyps) if not isinstance(line, str)), None)
        if bad is not None:
            raise QAError(f"{name}, line {bad + 1}: not text")
        return hyps

    def statistics(self, metric: str, hypotheses: Sequence[str]) -> list[Any]:
        """sacrebleu's per-sentence statistics of ``hypotheses`` for ``metric`` (cached)."""
        hyps = tuple(hypotheses)
        key = (metric, hyps)
        if key not in self._stats:
            parallel = metric == "ter" and self.jobs > 1 and len(hyps) >= PARALLEL_MIN_SENTENCES
            if parallel and _can_spawn():
                try:
                    self._stats[key] = self._parallel_ter(hyps)
                except BrokenProcessPool as exc:  # a worker died: do it here instead
                    log.warning("TER worker processes failed (%s); computing in one", exc)
                    parallel = False
            else:
                parallel = False
            if not parallel:
                self._stats[key] = self._metrics[metric]._extract_corpus_statistics(hyps, None)
        return self._stats[key]

    def _parallel_ter(self, hyps: tuple[str, ...]) -> list[Any]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = max(self.jobs * 4, 1)
        size = -(-len(hyps) // chunks)
        bounds = [(i, min(i + size, len(hyps))) for i in range(0, len(hyps), size)]
        log.info("TER statistics of %d sentences in %d processes", len(hyps), self.jobs)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.jobs, mp_context=context) as pool:
            parts = pool.map(
                _ter_chunk,
                [self.settings["ter"]] * len(bounds),
                [list(hyps[a:b]) for a, b in bounds],
                [[ref[a:b] for ref in self.references] for a, b in bounds],
            )
            stats: list[Any] = []
            for part in parts:
                stats.extend(part)
        return stats

    # -- scores ------------------------------------------------------------------------

    def score(self, hypotheses: Sequence[str], *, name: str = "system") -> SystemScores:
        """Corpus-level BLEU, chrF++ and TER of ``hypotheses``."""
        hyps = self._check(hypotheses, name)
        found: dict[str, Score] = {}
        for metric in METRICS:
            sacre = self._metrics[metric]
            result = sacre._aggregate_and_compute(self.statistics(metric, hyps))
            found[metric] = Score(metric, result.score, str(sacre.get_signature()), str(result))
        return SystemScores(name, found["bleu"], found["chrf"], found["ter"], len(hyps))

    def sentence_scores(
        self, hypotheses: Sequence[str], *, name: str = "system"
    ) -> list[SentenceScores]:
        """Each sentence's BLEU (sacrebleu's sentence BLEU, effective order), chrF++ and TER."""
        hyps = self._check(hypotheses, name)
        sentence_bleu = build_metric("bleu", {**self.settings["bleu"], "effective_order": True})
        chrf = self._metrics["chrf"]
        ter = self._metrics["ter"]
        chrf_stats = self.statistics("chrf", hyps)
        ter_stats = self.statistics("ter", hyps)
        out: list[SentenceScores] = []
        for i, hyp in enumerate(hyps):
            refs = [ref[i] for ref in self.references]
            out.append(
                SentenceScores(
                    i,
                    sentence_bleu.sentence_score(hyp, refs).score,
                    chrf._compute_score_from_stats(chrf_stats[i]).score,
                    ter._compute_score_from_stats(ter_stats[i]).score,
                )
            )
        return out

    def compare(
        self, systems: Sequence[tuple[str, Sequence[str]]], *, test: str = "bs"
    ) -> PairedComparison:
        """sacrebleu's paired test (``"bs"`` bootstrap or ``"ar"`` approximate
        randomization) of each system against the first, on all three metrics.

        The seed is sacrebleu's (``SACREBLEU_SEED``, default 12345), so results repeat.
        """
        if test not in TESTS:
            raise QAError(f"unknown significance test {test!r}: choose one of {', '.join(TESTS)}")
        if len(systems) < 2:
            raise QAError("a paired test needs at least two systems")
        names = [n for n, _ in systems]
        if len(set(names)) != len(names):
            raise QAError(f"two systems have the same name in {names}: name each once")
        from sacrebleu.significance import PairedTest

        checked: list[tuple[str, Sequence[str]]] = [
            (n, list(self._check(h, n))) for n, h in systems
        ]
        metrics: dict[str, Any] = {}
        labels: dict[str, str] = {}
        for metric in METRICS:
            # a copy whose statistics come from this scorer's cache: sacrebleu's test code
            # runs unchanged, without computing TER again
            proxy = copy.copy(self._metrics[metric])
            proxy._extract_corpus_statistics = lambda hyps, _refs, _m=metric: self.statistics(
                _m, hyps
            )
            metrics[METRIC_LABELS[metric]] = proxy
        test_run = PairedTest(checked, metrics, None, test_type=test)
        signatures, results = test_run()
        for metric in METRICS:
            sacre_name = next(k for k in results if k != "System" and _same_metric(k, metric))
            labels[metric] = sacre_name
        rows: list[PairedRow] = []
        for metric in METRICS:
            for system, result in zip(results["System"], results[labels[metric]], strict=True):
                assert not isinstance(result, str)  # only the "System" column holds names
                rows.append(
                    PairedRow(
                        str(system),
                        metric,
                        float(result.score),
                        _float(result.p_value),
                        _float(result.mean),
                        _float(result.ci),
                    )
                )
        return PairedComparison(
            test,
            names[0],
            tuple(rows),
            {m: str(signatures[labels[m]]) for m in METRICS},
        )


def _same_metric(sacre_name: str, metric: str) -> bool:
    return sacre_name.lower().startswith({"bleu": "bleu", "chrf": "chrf", "ter": "ter"}[metric])


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def read_lines(path: str | os.PathLike[str], what: str = "file") -> list[str]:
    """The lines of a UTF-8 text file, one sentence each, without their line ends.

    A byte order mark is dropped; ``\\r\\n`` and ``\\r`` end lines like ``\\n``; a final
    line end does not make an extra empty line.  Errors name the file.
    """
    from workbench.textio import read_text

    lines = read_text(path, what=what, max_bytes=None, error=QAError).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise QAError(f"{path} is empty: a {what} needs one sentence per line")
    return lines


def score_files(
    hypotheses: Sequence[str | os.PathLike[str]],
    references: Sequence[str | os.PathLike[str]],
    tgt_lang: str,
    *,
    tokenize: str | None = None,
    tests: Sequence[str] = ("bs", "ar"),
    jobs: int = 1,
) -> tuple[list[SystemScores], list[PairedComparison]]:
    """Score each hypothesis file against the reference files; with two or more
    hypotheses, also run the paired ``tests`` of each against the first.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "ref.zh").write_text("新华社周一报道。\\n", "utf-8")
    >>> _ = (folder / "mt.zh").write_text("新华社星期一报道。\\n", "utf-8")
    >>> scores, comparisons = score_files([folder / "mt.zh"], [folder / "ref.zh"], "zh")
    >>> round(scores[0].chrf.score, 1), scores[0].bleu.signature.split("|")[3], comparisons
    (31.8, 'tok:zh', [])
    """
    hyp_names = [str(h) for h in hypotheses]
    if not hyp_names:
        raise QAError("no hypothesis: give at least one --hyp file")
    if len(set(hyp_names)) != len(hyp_names):
        raise QAError("the same hypothesis file is given twice: give each --hyp once")
    refs = [read_lines(r, "reference") for r in references]
    scorer = Scorer(
        refs, tgt_lang, tokenize=tokenize, jobs=jobs, names=[str(r) for r in references]
    )
    systems = [(name, read_lines(name, "hypothesis")) for name in hyp_names]
    scores = [scorer.score(lines, name=name) for name, lines in systems]
    comparisons = [scorer.compare(systems, test=t) for t in tests] if len(systems) >= 2 else []
    return scores, comparisons


def scores_json(
    scores: Sequence[SystemScores], comparisons: Sequence[PairedComparison] = ()
) -> dict[str, Any]:
    """``{hypothesis: {"bleu": {"score", "signature"}, "chrf": ..., "ter": ...}}``; each
    system compared with the first also gets ``"paired": {test: {metric: {...}}}``."""
    out: dict[str, Any] = {s.name: s.to_dict() for s in scores}
    for comparison in comparisons:
        for row in comparison.rows:
            if row.system == comparison.baseline:
                continue
            paired = out[row.system].setdefault("paired", {})
            test = paired.setdefault(
                comparison.test, {"baseline": comparison.baseline, "test": comparison.description}
            )
            test[row.metric] = {
                "p_value": row.p_value,
                "mean": row.mean,
                "ci": row.ci,
                "signature": comparison.signatures.get(row.metric, ""),
            }
    return out


def scores_text(
    scores: Sequence[SystemScores], comparisons: Sequence[PairedComparison] = ()
) -> str:
    """A plain-text table of the scores with their signatures, then the paired tests."""
    lines: list[str] = []
    width = max(len(s.name) for s in scores) if scores else 0
    for system in scores:
        cells = "  ".join(f"{system.get(m).label} {system.get(m).score:6.2f}" for m in METRICS)
        lines.append(f"{system.name:<{width}}  {cells}")
    if scores:
        lines.append("")
        for m in METRICS:
            lines.append(f"{METRIC_LABELS[m]:<7} {scores[0].get(m).signature}")
    for comparison in comparisons:
        lines.append("")
        lines.append(f"{comparison.description} against {comparison.baseline}:")
        for row in comparison.rows:
            if row.system == comparison.baseline:
                continue
            mark = "  (significant, p < 0.05)" if row.significant() else ""
            p = f"p = {row.p_value:.4f}" if row.p_value is not None else ""
            lines.append(
                f"  {row.system:<{width}}  {METRIC_LABELS[row.metric]:<7} {row.score:6.2f}  "
                f"{p}{mark}"
            )
        for m, sig in comparison.signatures.items():
            lines.append(f"  {METRIC_LABELS[m]:<7} {sig}")
    return "\n".join(lines)


__all__ = [
    "HIGHER_IS_BETTER",
    "METRICS",
    "METRIC_LABELS",
    "TESTS",
    "PairedComparison",
    "PairedRow",
    "Score",
    "Scorer",
    "SentenceScores",
    "SystemScores",
    "build_metric",
    "default_jobs",
    "metric_settings",
    "read_lines",
    "score_files",
    "scores_json",
    "scores_text",
]
