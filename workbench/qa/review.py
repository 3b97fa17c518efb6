"""QA of whole files and documents: what :class:`workbench.project.Project` calls.

Each function takes plain values (a path, a document with its history, reference
lines) and returns the result objects of :mod:`workbench.qa.checks`,
:mod:`workbench.qa.metrics` and :mod:`workbench.qa.effort`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.languages import detect_or_fail, get_language
from workbench.model import Document, Segment
from workbench.qa.base import QAError, SegmentLike
from workbench.qa.checks import CheckResult, run_checks
from workbench.qa.effort import EffortResult, mt_suggestion, post_edit_effort
from workbench.qa.terms import TermIndex
from workbench.textio import decode_text

if TYPE_CHECKING:
    from workbench.qa.report import QAReport


# -- bilingual files ------------------------------------------------------------------


@dataclass(frozen=True)
class BilingualSegments:
    """The segments of a bilingual file with the languages they are in."""

    name: str
    segments: list[SegmentLike]
    src_lang: str
    tgt_lang: str


def read_bilingual_segments(
    path: str | os.PathLike[str], *, src_lang: str | None = None, tgt_lang: str | None = None
) -> BilingualSegments:
    """The segments of a bilingual file (CSV, or any bilingual format the registry
    reads); languages from the arguments, else from the file, else detected."""
    from workbench.formats import format_for_path

    file = Path(path)
    if not file.is_file():
        raise QAError(f"no such file: {file}")
    fmt = format_for_path(file, capability="bilingual")
    file_src = file_tgt = None
    reader = getattr(fmt, "read_bilingual_file", None)
    if reader is not None:
        bundle = reader(file)
        rows: list[Any] = list(bundle.rows)
        file_src, file_tgt = bundle.src_lang, bundle.tgt_lang
    else:
        rows = list(fmt.read_bilingual(file))
    if not rows:
        raise QAError(f"{file} has no segments to check")
    src = src_lang or file_src or detect_or_fail((r.source for r in rows), file.name)
    tgt = (
        tgt_lang
        or file_tgt
        or detect_or_fail((r.target for r in rows if r.target.strip()), file.name, "--tgt-lang")
    )
    get_language(src)
    get_language(tgt)
    if src == tgt:
        raise QAError(
            f"{file.name}: source and target are both {src!r}; pass --src-lang and --tgt-lang"
        )
    return BilingualSegments(file.name, rows, src, tgt)


def check_file(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    terms: TermIndex | None = None,
    checks: Iterable[str] | None = None,
) -> tuple[BilingualSegments, CheckResult]:
    """Run the checks over a bilingual file.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "review.csv"
    >>> _ = path.write_text("source,target\\nIt rained on 3 May.,5月4日下雨。\\n", "utf-8")
    >>> found, result = check_file(path)
    >>> (found.src_lang, found.tgt_lang), sorted({i.check for i in result.issues})
    (('en', 'zh'), ['numbers'])
    """
    found = read_bilingual_segments(path, src_lang=src_lang, tgt_lang=tgt_lang)
    result = run_checks(found.segments, found.src_lang, found.tgt_lang, terms=terms, checks=checks)
    return found, result


# -- stored documents -----------------------------------------------------------------


def check_document(
    doc: Document, *, terms: TermIndex | None = None, checks: Iterable[str] | None = None
) -> CheckResult:
    """Run the checks over a document's segments."""
    return run_checks(doc.segments, doc.src_lang, doc.tgt_lang, terms=terms, checks=checks)


def document_effort(doc: Document) -> EffortResult:
    """HTER of the document's post-edited segments (each segment with its ``history``)."""
    return post_edit_effort(doc.segments, doc.tgt_lang)


# -- a QA run for the CLI ---------------------------------------------------------------


def qa_file(
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    terms: TermIndex | None = None,
    checks: Iterable[str] | None = None,
) -> QAReport:
    """The QA report of a bilingual file (checks only: a file has no MT history);
    ``terms`` recognises the glossary's terms (e.g.
    :func:`workbench.glossary.match.load_matcher` of a TBX or CSV file)."""
    from workbench.qa.report import QAReport

    found, result = check_file(
        path, src_lang=src_lang, tgt_lang=tgt_lang, terms=terms, checks=checks
    )
    return QAReport(found.name, found.src_lang, found.tgt_lang, found.segments, result)


def qa_report(
    doc: Document,
    *,
    terms: TermIndex | None = None,
    checks: Iterable[str] | None = None,
) -> QAReport:
    """The QA report of a document (its segments with their ``history``): checks (with
    ``terms``, as in :func:`qa_file`) and post-editing effort."""
    from workbench.qa.report import QAReport

    result = check_document(doc, terms=terms, checks=checks)
    return QAReport(
        doc.name, doc.src_lang, doc.tgt_lang, doc.segments, result, effort=document_effort(doc)
    )


# -- references -----------------------------------------------------------------------

CURRENT = "Current translation"
MACHINE = "MT suggestion"


@dataclass(frozen=True)
class ReferenceSet:
    """Reference lines matched to a document, and the systems to score against them.

    ``level`` is ``"segment"`` or ``"paragraph"``: a reference gives one line per
    segment or one per paragraph (as the sample corpora do).  ``units`` are the
    segment or paragraph numbers (from 0) of the lines.
    """

    level: str
    references: list[str]
    systems: dict[str, list[str]]
    units: list[int] = field(default_factory=list)


def parse_reference(data: bytes | str, name: str = "the reference") -> list[str]:
    """The lines of an uploaded or pasted reference (UTF-8, one line per unit)."""
    text = decode_text(data, name, error=QAError) if isinstance(data, bytes) else data
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise QAError(f"{name} is empty: give one reference line per segment or paragraph")
    return lines


def _mt_or_empty(seg: Segment) -> str:
    return mt_suggestion(seg) or ""


def reference_set(
    doc: Document,
    lines: Sequence[str],
    *,
    name: str = "the reference",
    extra: dict[str, list[str]] | None = None,
) -> ReferenceSet:
    """Match ``lines`` to ``doc`` by segment or by paragraph and build the systems:
    the current translation and, where the document has machine translations, the MT
    suggestions (history loaded).  ``extra`` systems must have as many lines."""
    lines = list(lines)
    segments = doc.segments
    joiner = get_language(doc.tgt_lang).sentence_joiner
    if len(lines) == len(segments):
        level = "segment"
        units = [s.index for s in segments]
        systems = {CURRENT: [s.target for s in segments]}
        if any(mt_suggestion(s) is not None for s in segments):
            systems[MACHINE] = [_mt_or_empty(s) for s in segments]
    elif len(lines) == len(doc.paragraphs):
        level = "paragraph"
        units = [p.index for p in doc.paragraphs]
        by_para = [segs for _, segs in doc.iter_paragraphs()]
        systems = {CURRENT: [joiner.join(s.target for s in segs if s.target) for segs in by_para]}
        if any(mt_suggestion(s) is not None for s in segments):
            systems[MACHINE] = [
                joiner.join(t for t in (_mt_or_empty(s) for s in segs) if t) for segs in by_para
            ]
    else:
        raise QAError(
            f"{name} has {len(lines)} lines but {doc.name!r} has {len(segments)} segments and "
            f"{len(doc.paragraphs)} paragraphs: give one line per segment or per paragraph"
        )
    for system, hyps in (extra or {}).items():
        if len(hyps) != len(lines):
            raise QAError(
                f"{system} has {len(hyps)} lines but {name} has {len(lines)}: give one line "
                f"per {level}"
            )
        systems[system] = list(hyps)
    return ReferenceSet(level, lines, systems, units)


__all__ = [
    "CURRENT",
    "MACHINE",
    "BilingualSegments",
    "ReferenceSet",
    "check_document",
    "check_file",
    "document_effort",
    "parse_reference",
    "qa_file",
    "qa_report",
    "read_bilingual_segments",
    "reference_set",
]
