"""The QA report: segments ranked by how much they need a person, as HTML and CSV.

:class:`QAReport` gathers what a QA run found (check issues, scores against a
reference with their sacrebleu signatures, significance tests, post-editing
effort).  :func:`attention_rows` ranks the segments, errors first;
:func:`render_html` writes a self-contained page and :func:`render_csv` one row per
issue for a spreadsheet.

>>> from workbench.qa.base import Pair
>>> from workbench.qa.checks import run_checks
>>> segs = [Pair(0, "One.", "一。"), Pair(1, "Two.", "")]
>>> report = QAReport("demo", "en", "zh", segs, run_checks(segs, "en", "zh"))
>>> [(r.number, r.severity) for r in attention_rows(report)]
[(2, 'error'), (1, '')]
>>> render_csv(report).splitlines()[0]
'segment,severity,check,message,culprit,source,target'
"""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from workbench import __version__
from workbench.languages import get_language
from workbench.qa.base import QAError, SegmentLike, Severity
from workbench.qa.checks import CHECKS, CheckResult
from workbench.qa.effort import EffortResult
from workbench.qa.metrics import (
    METRIC_LABELS,
    METRICS,
    PairedComparison,
    SentenceScores,
    SystemScores,
)

#: the columns of :func:`render_csv`
CSV_COLUMNS: tuple[str, ...] = (
    "segment",
    "severity",
    "check",
    "message",
    "culprit",
    "source",
    "target",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class QAReport:
    """Everything one QA run found about a document or a bilingual file."""

    title: str
    src_lang: str
    tgt_lang: str
    segments: Sequence[SegmentLike]
    checks: CheckResult
    scores: Sequence[SystemScores] = ()
    comparisons: Sequence[PairedComparison] = ()
    #: sentence scores of the current translation, one per reference line
    sentence_scores: Sequence[SentenceScores] = ()
    #: ``"segment"`` or ``"paragraph"``: what a reference line (and a sentence score) covers
    reference_level: str = ""
    #: the segment or paragraph number (from 0) of each reference line
    reference_units: Sequence[int] = ()
    effort: EffortResult | None = None
    created: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class AttentionRow:
    """One segment in the ranking of :func:`attention_rows`."""

    number: int
    severity: str
    issues: int
    checks: str
    messages: str
    source: str
    target: str
    chrf: float | None = None
    hter: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "Segment": self.number,
            "Severity": self.severity,
            "Issues": self.issues,
            "Checks": self.checks,
            "What to fix": self.messages,
            "Source": self.source,
            "Target": self.target,
            "chrF++": self.chrf,
            "HTER": self.hter,
        }


def _segment_chrf(report: QAReport) -> dict[int, float]:
    """Sentence chrF++ per segment index (a paragraph's score for each of its segments)."""
    if not report.sentence_scores:
        return {}
    units = list(report.reference_units) or list(range(len(report.sentence_scores)))
    by_unit = {u: s.chrf for u, s in zip(units, report.sentence_scores, strict=False)}
    if report.reference_level == "paragraph":
        out: dict[int, float] = {}
        for seg in report.segments:
            paragraph = getattr(seg, "paragraph", None)
            if paragraph in by_unit:
                out[seg.index] = by_unit[paragraph]
        return out
    return by_unit


def attention_rows(report: QAReport) -> list[AttentionRow]:
    """Every segment, those that need a person first: by worst severity, then number
    of issues, then post-editing effort (high first), then chrF++ (low first)."""
    by_segment = report.checks.by_segment()
    chrf = _segment_chrf(report)
    hter = {s.index: s.hter for s in report.effort.segments} if report.effort else {}
    rows: list[tuple[tuple[float, ...], AttentionRow]] = []
    for seg in report.segments:
        issues = by_segment.get(seg.index, [])
        worst = min((i.severity for i in issues), key=lambda s: s.rank, default=None)
        row = AttentionRow(
            number=seg.index + 1,
            severity=worst.value if worst else "",
            issues=len(issues),
            checks=", ".join(dict.fromkeys(i.check for i in issues)),
            messages=" | ".join(i.message for i in issues),
            source=seg.source,
            target=seg.target,
            chrf=round(chrf[seg.index], 2) if seg.index in chrf else None,
            hter=round(hter[seg.index], 2) if seg.index in hter else None,
        )
        key = (
            float(worst.rank if worst else len(Severity)),
            -float(len(issues)),
            -(hter.get(seg.index) or 0.0),
            chrf.get(seg.index, 100.0),
            float(seg.index),
        )
        rows.append((key, row))
    rows.sort(key=lambda kv: kv[0])
    return [row for _, row in rows]


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(report: QAReport) -> str:
    """One row per issue (columns :data:`CSV_COLUMNS`), in segment order."""
    sources = {s.index: s for s in report.segments}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for issue in report.checks.issues:
        seg = sources.get(issue.segment)
        writer.writerow(
            [
                issue.number,
                issue.severity.value,
                issue.check,
                _cell(issue.message),
                _cell(issue.span),
                _cell(seg.source if seg else ""),
                _cell(seg.target if seg else ""),
            ]
        )
    return out.getvalue()


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;
margin:2rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;width:100%}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}
.sig{font-family:ui-monospace,monospace;font-size:.8rem;color:#57606a}
.error{color:#b42318;font-weight:600}.warning{color:#9a6700;font-weight:600}
.info{color:#0969da}.muted{color:#57606a}
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def render_html(report: QAReport) -> str:
    """A self-contained HTML page: summary, scores with signatures, significance,
    post-editing effort and the segments that need attention."""
    src = get_language(report.src_lang).name
    tgt = get_language(report.tgt_lang).name
    counts = report.checks.counts()
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>QA report · {_esc(report.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>QA report · {_esc(report.title)}</h1>",
        f'<p class="muted">{_esc(src)} → {_esc(tgt)} · {len(report.segments)} segments · '
        f"{_esc(report.created.strftime('%Y-%m-%d %H:%M UTC'))} · workbench "
        f"{_esc(__version__)}</p>",
        "<h2>Summary</h2>",
        "<table><tr>"
        + "".join(f"<th>{_esc(s.label)}s</th>" for s in Severity)
        + "</tr><tr>"
        + "".join(f'<td class="num {s.value}">{counts[s]}</td>' for s in Severity)
        + "</tr></table>",
        "<table><tr><th>Check</th><th>Issues</th><th>What it looks for</th></tr>",
    ]
    for name, number in report.checks.by_check().items():
        cls = CHECKS.get(name)
        parts.append(
            f'<tr><td>{_esc(cls.title if cls else name)}</td><td class="num">{number}</td>'
            f"<td>{_esc(cls.description if cls else '')}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f'<p class="sig">{_esc(report.checks.signature)}</p>')

    if report.scores:
        level = (
            f" (one reference line per {report.reference_level})" if report.reference_level else ""
        )
        parts.append(f"<h2>Scores against the reference{_esc(level)}</h2>")
        parts.append(
            "<table><tr><th>System</th>"
            + "".join(f"<th>{_esc(METRIC_LABELS[m])}</th>" for m in METRICS)
            + "</tr>"
        )
        for system in report.scores:
            parts.append(
                f"<tr><td>{_esc(system.name)}</td>"
                + "".join(f'<td class="num">{system.get(m).score:.2f}</td>' for m in METRICS)
                + "</tr>"
            )
        parts.append("</table>")
        for m in METRICS:
            parts.append(
                f'<p class="sig">{_esc(METRIC_LABELS[m])}: '
                f"{_esc(report.scores[0].get(m).signature)}</p>"
            )
    for comparison in report.comparisons:
        parts.append(
            f"<h2>Significance: {_esc(comparison.description)} against "
            f"{_esc(comparison.baseline)}</h2>"
        )
        parts.append(
            "<table><tr><th>System</th><th>Metric</th><th>Score</th><th>p-value</th>"
            "<th>95% CI</th></tr>"
        )
        for prow in comparison.rows:
            ci = f"±{prow.ci:.2f}" if prow.ci is not None else ""
            mark = " *" if prow.significant() else ""
            parts.append(
                f"<tr><td>{_esc(prow.system)}</td><td>{_esc(METRIC_LABELS[prow.metric])}</td>"
                f'<td class="num">{prow.score:.2f}</td>'
                f'<td class="num">{_fmt(prow.p_value, 4)}{mark}</td>'
                f'<td class="num">{_esc(ci)}</td></tr>'
            )
        parts.append('</table><p class="muted">* p &lt; 0.05</p>')
        for m, sig in comparison.signatures.items():
            parts.append(f'<p class="sig">{_esc(METRIC_LABELS[m])}: {_esc(sig)}</p>')

    if report.effort is not None:
        effort = report.effort
        parts.append("<h2>Post-editing effort</h2>")
        if effort.segments:
            parts.append(
                f"<p>HTER <b>{effort.score:.2f}</b> over {len(effort.segments)} post-edited "
                f"segments ({effort.edited} changed), counted in {_esc(effort.unit)}s.</p>"
                f'<p class="sig">{_esc(effort.signature)}</p>'
            )
        else:
            parts.append('<p class="muted">No segment has a post-edited MT suggestion.</p>')

    needing = [r for r in attention_rows(report) if r.issues]
    parts.append(f"<h2>Segments that need attention ({len(needing)})</h2>")
    if needing:
        parts.append(
            "<table><tr><th>#</th><th>Severity</th><th>What to fix</th><th>Source</th>"
            "<th>Target</th><th>chrF++</th><th>HTER</th></tr>"
        )
        by_segment = report.checks.by_segment()
        for row in needing:
            fixes = "<br>".join(
                f'<span class="{i.severity.value}">{_esc(i.check)}</span>: {_esc(i.message)}'
                for i in by_segment.get(row.number - 1, [])
            )
            parts.append(
                f'<tr><td class="num">{row.number}</td>'
                f'<td class="{_esc(row.severity)}">{_esc(row.severity)}</td>'
                f"<td>{fixes}</td><td>{_esc(row.source)}</td><td>{_esc(row.target)}</td>"
                f'<td class="num">{_fmt(row.chrf)}</td><td class="num">{_fmt(row.hter)}</td>'
                "</tr>"
            )
        parts.append("</table>")
    else:
        parts.append('<p class="muted">No issues found.</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def report_json(report: QAReport) -> dict[str, object]:
    """The report as JSON-ready data: what ``workbench qa --json`` prints."""
    data: dict[str, object] = {"name": report.title, **report.checks.to_dict()}
    if report.effort is not None:
        data["effort"] = report.effort.to_dict()
    return data


def write_report(report: QAReport, path: str | os.PathLike[str]) -> Path:
    """Write the report as HTML (``.html``, ``.htm``) or CSV (``.csv``), atomically."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        data = render_html(report).encode("utf-8")
    elif suffix == ".csv":
        data = render_csv(report).encode("utf-8-sig")
    else:
        raise QAError(f"{out}: a QA report is written as .html or .csv; rename the file")
    if not out.parent.is_dir():
        raise QAError(f"{out}: the folder {out.parent} does not exist; create it first")
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise QAError(
            f"cannot write {out}: {exc.strerror}; check the folder's permissions"
        ) from None
    return out


def issues_text(result: CheckResult, name: str = "") -> str:
    """One line per issue, then a summary line: what ``workbench qa`` prints."""
    prefix = f"{name}: " if name else ""
    lines = [
        f"{prefix}segment {i.number}: {i.severity.value}: {i.check}: {i.message}"
        for i in result.issues
    ]
    counts = result.counts()
    words = {Severity.ERROR: "error(s)", Severity.WARNING: "warning(s)", Severity.INFO: "info"}
    summary = ", ".join(f"{counts[s]} {words[s]}" for s in Severity)
    lines.append(f"{prefix}{summary} in {result.segments} segments ({result.signature})")
    return "\n".join(lines)


__all__ = [
    "CSV_COLUMNS",
    "AttentionRow",
    "QAReport",
    "attention_rows",
    "issues_text",
    "render_csv",
    "render_html",
    "report_json",
    "write_report",
]
