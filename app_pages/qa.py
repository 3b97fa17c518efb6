"""QA: checks, scores against a reference, MT against post-edit, charts and the report.

Heavy work (checks, sacrebleu scores, HTER) is cached per document version, so a
rerun that changes nothing recomputes nothing.
"""

from __future__ import annotations

import re
from typing import Any, cast

import altair as alt
import streamlit as st

from app_pages.shared import project, require_document
from workbench.errors import WorkbenchError
from workbench.glossary import parse_termbase
from workbench.glossary.match import TermMatcher
from workbench.model import Document
from workbench.qa.checks import CHECKS, CheckResult, check_names
from workbench.qa.effort import EffortResult
from workbench.qa.metrics import (
    METRIC_LABELS,
    METRICS,
    PairedComparison,
    Scorer,
    SentenceScores,
    SystemScores,
    default_jobs,
)
from workbench.qa.report import QAReport, attention_rows, render_csv, render_html
from workbench.qa.review import (
    CURRENT,
    ReferenceSet,
    check_document,
    document_effort,
    parse_reference,
    reference_set,
)

SEVERITY_COLORS = {"error": "#d1242f", "warning": "#d4a72c", "info": "#0969da"}

# -- cached work ------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _uploaded_terms(data: bytes, name: str) -> TermMatcher:
    """An uploaded glossary's terms (TBX or CSV), recognised as the project's are."""
    return TermMatcher(parse_termbase(data, name))


def _terms(choice: str, data: bytes | None, key: str) -> TermMatcher | None:
    if choice == PROJECT_GLOSSARY:
        return project().matcher()
    if choice == UPLOADED_GLOSSARY and data is not None:
        return _uploaded_terms(data, key)
    return None


@st.cache_data(show_spinner="Loading the document's history…", max_entries=16)
def _document(doc_id: int, version: str) -> Document:
    return project().load_document(doc_id, history=True)


@st.cache_data(show_spinner="Running the checks…", max_entries=32)
def _checks(
    doc_id: int,
    version: str,
    glossary: tuple[str, bytes | None, str],
    checks: tuple[str, ...],
) -> CheckResult:
    """The checks, computed again when the document or the glossary (``glossary``: the
    choice, an upload's bytes, its name or the project glossary's version) changes."""
    return check_document(_document(doc_id, version), terms=_terms(*glossary), checks=checks)


@st.cache_data(show_spinner="Measuring post-editing effort…", max_entries=16)
def _effort(doc_id: int, version: str) -> EffortResult:
    return document_effort(_document(doc_id, version))


@st.cache_data(
    show_spinner="Scoring with sacrebleu (TER is slow on long Chinese lines)…", max_entries=16
)
def _scores(
    doc_id: int,
    version: str,
    reference: tuple[str, ...],
    extra: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[ReferenceSet, list[SystemScores], list[SentenceScores], list[PairedComparison]]:
    doc = _document(doc_id, version)
    refs = reference_set(doc, list(reference), extra={n: list(h) for n, h in extra})
    scorer = Scorer([refs.references], doc.tgt_lang, jobs=default_jobs())
    systems = list(refs.systems.items())
    scores = [scorer.score(hyps, name=name) for name, hyps in systems]
    sentences = scorer.sentence_scores(refs.systems[CURRENT], name=CURRENT)
    comparisons = [scorer.compare(systems, test="bs")] if len(systems) >= 2 else []
    return refs, scores, sentences, comparisons


# -- inputs -----------------------------------------------------------------------------


PROJECT_GLOSSARY = "Project glossary"
UPLOADED_GLOSSARY = "Upload a glossary (TBX or CSV)"
NO_GLOSSARY = "No glossary"


def glossary_ui() -> tuple[str, bytes | None, str]:
    """The glossary to check against: the project glossary (the one MT enforces and the Edit
    page shows, edited on the Glossary page), an uploaded TBX or CSV, or none.

    Returns the choice, an upload's bytes and a key: the upload's name or the project
    glossary's version (so that an edited glossary runs the checks again)."""
    choice = st.radio(
        "Glossary",
        [PROJECT_GLOSSARY, UPLOADED_GLOSSARY, NO_GLOSSARY],
        horizontal=True,
        key="qa_glossary_choice",
    )
    if choice == PROJECT_GLOSSARY:
        return choice, None, project().glossary_version() or ""
    if choice == UPLOADED_GLOSSARY:
        upload = st.file_uploader(
            "Glossary: TBX, or CSV (en,zh,ru,note,forbidden_en,forbidden_zh,forbidden_ru)",
            type=["tbx", "csv"],
            key="qa_glossary_file",
        )
        if upload is not None:
            return choice, upload.getvalue(), upload.name
    return NO_GLOSSARY, None, ""


def reference_ui() -> tuple[list[str] | None, dict[str, list[str]]]:
    """The reference lines (uploaded or pasted) and any other systems to compare."""
    left, right = st.columns(2)
    upload = left.file_uploader(
        "Reference translation (.txt: one line per segment or per paragraph)",
        type=["txt"],
        key="qa_reference_file",
    )
    pasted = right.text_area(
        "…or paste the reference",
        key="qa_reference_text",
        height=120,
        placeholder="One line per segment or per paragraph",
    )
    others = st.file_uploader(
        "Other systems to compare (.txt, as many lines as the reference)",
        type=["txt"],
        accept_multiple_files=True,
        key="qa_systems",
    )
    reference: list[str] | None = None
    if upload is not None:
        reference = parse_reference(upload.getvalue(), upload.name)
    elif pasted.strip():
        reference = parse_reference(pasted, "the pasted reference")
    extra = {f.name: parse_reference(f.getvalue(), f.name) for f in others or []}
    return reference, extra


# -- charts -----------------------------------------------------------------------------


def issues_chart(result: CheckResult) -> alt.Chart:
    data = dict(
        values=[
            {
                "Check": CHECKS[i.check].title if i.check in CHECKS else i.check,
                "Severity": i.severity.value,
            }
            for i in result.issues
        ]
    )
    return cast(
        alt.Chart,
        (
            alt.Chart(data, title="Issues by type")
            .mark_bar()
            .encode(
                x=alt.X("count():Q", title="Issues"),
                y=alt.Y("Check:N", sort="-x", title=None),
                color=alt.Color(
                    "Severity:N",
                    scale=alt.Scale(
                        domain=list(SEVERITY_COLORS), range=list(SEVERITY_COLORS.values())
                    ),
                ),
                tooltip=["Check:N", "Severity:N", "count():Q"],
            )
        ),
    )


def histogram(values: list[float], field: str, title: str) -> alt.Chart:
    data = {"values": [{field: v} for v in values]}
    return cast(
        alt.Chart,
        (
            alt.Chart(data, title=title)
            .mark_bar()
            .encode(
                x=alt.X(f"{field}:Q", bin=alt.Bin(maxbins=20, extent=[0, 100]), title=field),
                y=alt.Y("count():Q", title="Segments"),
                tooltip=[alt.Tooltip("count():Q", title="Segments")],
            )
        ),
    )


def systems_chart(scores: list[SystemScores]) -> alt.Chart:
    data = dict(
        values=[
            {"System": s.name, "Metric": METRIC_LABELS[m], "Score": round(s.get(m).score, 2)}
            for s in scores
            for m in METRICS
        ]
    )
    return cast(
        alt.Chart,
        (
            alt.Chart(data, title="Systems compared (TER: lower is better)")
            .mark_bar()
            .encode(
                x=alt.X("System:N", title=None, axis=alt.Axis(labelAngle=0)),
                y=alt.Y("Score:Q"),
                color="System:N",
                column=alt.Column("Metric:N", title=None),
                tooltip=["System:N", "Metric:N", "Score:Q"],
            )
            .properties(width=140)
        ),
    )


# -- the page -----------------------------------------------------------------------------

info = require_document()
# changes with every save, split or merge: one aggregate query, not the whole document
segments, versions = project().document_stamp(info.id)
version = f"{segments}:{versions}"
st.title(f"QA · {info.name}")
st.caption(
    f"{info.src_lang} → {info.tgt_lang} · checks, scores against a reference (sacrebleu), "
    "post-editing effort, and the report to share."
)

with st.expander("Checks and glossary", expanded=False):
    try:
        glossary = glossary_ui()
    except WorkbenchError as exc:  # the project glossary cannot be read: say which file
        st.error(f"{exc} Choose another glossary, or none.")
        st.stop()
    chosen = st.multiselect(
        "Checks",
        check_names(),
        default=check_names(),
        key="qa_checks",
        format_func=lambda n: CHECKS[n].title,
    )

try:
    result = _checks(info.id, version, glossary, tuple(chosen))
    effort = _effort(info.id, version)
except WorkbenchError as exc:
    st.error(str(exc))
    st.stop()

counts = result.counts()
cols = st.columns(4)
for col, (severity, number) in zip(cols, counts.items(), strict=False):
    col.metric({"error": "Errors", "warning": "Warnings", "info": "Info"}[severity.value], number)
cols[3].metric(
    "HTER (MT → post-edit)",
    f"{effort.score:.1f}" if effort.segments else "—",
    help=f"Edits per {effort.unit} over {len(effort.segments)} post-edited segments",
)

st.subheader("Reference")
scores: list[SystemScores] = []
sentences: list[SentenceScores] = []
comparisons: list[PairedComparison] = []
refs: ReferenceSet | None = None
try:
    reference, extra = reference_ui()
    if reference is not None:
        refs, scores, sentences, comparisons = _scores(
            info.id,
            version,
            tuple(reference),
            tuple((n, tuple(h)) for n, h in extra.items()),
        )
except WorkbenchError as exc:
    st.error(str(exc))

if scores:
    table = [
        {"System": s.name, **{METRIC_LABELS[m]: round(s.get(m).score, 2) for m in METRICS}}
        for s in scores
    ]
    st.dataframe(table, hide_index=True)
    st.caption(" · ".join(f"{METRIC_LABELS[m]}: `{scores[0].get(m).signature}`" for m in METRICS))
    for comparison in comparisons:
        rows = [
            {
                "System": r.system,
                "Metric": METRIC_LABELS[r.metric],
                "Score": round(r.score, 2),
                "p-value": r.p_value,
                "Significant (p < 0.05)": r.significant(),
            }
            for r in comparison.rows
            if r.system != comparison.baseline
        ]
        st.markdown(f"**{comparison.description.capitalize()}** against *{comparison.baseline}*")
        st.dataframe(rows, hide_index=True)

st.subheader("Charts")
charts: list[Any] = []
if result.issues:
    charts.append(issues_chart(result))
if sentences:
    unit = "paragraph" if refs is not None and refs.level == "paragraph" else "segment"
    charts.append(histogram([s.chrf for s in sentences], "chrF++", f"chrF++ per {unit}"))
if effort.segments:
    charts.append(histogram([s.hter for s in effort.segments], "HTER", "HTER per segment"))
if len(scores) >= 2 or (scores and not effort.segments):
    charts.append(systems_chart(scores))
if not charts:
    st.info("No issues, no reference and no post-edits yet: nothing to chart.")
for start in range(0, len(charts), 2):
    row = st.columns(2)
    for col, chart in zip(row, charts[start : start + 2], strict=False):
        col.altair_chart(chart, width="stretch")

st.subheader("Segments that need attention")
doc = _document(info.id, version)
report = QAReport(
    doc.name,
    doc.src_lang,
    doc.tgt_lang,
    doc.segments,
    result,
    scores=scores,
    comparisons=comparisons,
    sentence_scores=sentences,
    reference_level=refs.level if refs else "",
    reference_units=refs.units if refs else (),
    effort=effort,
)
ranked = [r.as_dict() for r in attention_rows(report)]
st.dataframe(
    ranked,
    hide_index=True,
    column_config={
        "Segment": st.column_config.NumberColumn(width="small"),
        "Issues": st.column_config.NumberColumn(width="small"),
        "chrF++": st.column_config.NumberColumn(format="%.1f"),
        "HTER": st.column_config.NumberColumn(format="%.1f"),
    },
    key="qa_attention",
)
st.caption("Sorted by severity, then number of issues, effort and score; click a column to sort.")

st.subheader("Export the report")
stem = re.sub(r"[^\w.-]+", "_", info.name).strip("_") or "document"
left, right = st.columns(2)
left.download_button(
    "Download QA report (HTML)",
    render_html(report).encode("utf-8"),
    file_name=f"{stem}_qa.html",
    mime="text/html",
    type="primary",
    key="qa_download_html",
)
right.download_button(
    "Download QA report (CSV)",
    render_csv(report).encode("utf-8-sig"),
    file_name=f"{stem}_qa.csv",
    mime="text/csv",
    key="qa_download_csv",
)
