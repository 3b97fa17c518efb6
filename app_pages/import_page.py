"""Import: paste text or upload a .txt, .md or .docx article into a project."""

from __future__ import annotations

import streamlit as st

from app_pages.shared import project, selection
from workbench.errors import WorkbenchError
from workbench.formats import supported_extensions
from workbench.languages import LANGUAGES
from workbench.model import Paragraph

AUTO = "auto"


def _language_name(code: str) -> str:
    return "Detect automatically" if code == AUTO else f"{LANGUAGES[code].name} ({code})"


def _read_upload(name: str, data: bytes) -> list[Paragraph]:
    from workbench.formats import parse_article

    return parse_article(data, name)


def _import() -> None:
    """Runs before the next script run, so it may select the new document in the sidebar."""
    state = st.session_state
    upload = state.get("import_file")
    project_name = state["import_project"].strip() or "My project"
    name = state["import_name"].strip() or (upload.name if upload is not None else "")
    try:
        if upload is not None:
            paragraphs = _read_upload(upload.name, upload.getvalue())
        else:
            lines = state["import_text"].splitlines()
            paragraphs = [Paragraph(i, line) for i, line in enumerate(lines)]
        if not name:
            raise WorkbenchError("give the document a name")
        doc_id = project().add_article(
            project_name,
            name,
            paragraphs,
            src_lang=None if state["import_src"] == AUTO else state["import_src"],
            tgt_lang=state["import_tgt"],
        )
    except WorkbenchError as exc:
        state["import_result"] = ("error", str(exc))
        return
    doc = project().load_document(doc_id)
    state["project"] = project_name
    state["document_id"] = doc_id
    state["import_result"] = (
        "success",
        f"Imported {doc.name!r} ({doc.src_lang}→{doc.tgt_lang}): {len(doc.paragraphs)} "
        f"paragraphs, {len(doc.segments)} segments. Open the Edit or Translate page.",
    )


st.title("Import an article")
current = selection()
st.text_input("Project", value=current.project if current else "My project", key="import_project")
st.text_area(
    "Paste the article (one paragraph per line)",
    height=200,
    placeholder="Paste text here…",
    key="import_text",
)
st.file_uploader(
    "…or upload a file",
    type=[ext.lstrip(".") for ext in supported_extensions("read")],
    key="import_file",
)
c1, c2, c3 = st.columns(3)
c1.selectbox("Source language", [AUTO, *LANGUAGES], format_func=_language_name, key="import_src")
c2.selectbox(
    "Target language", list(LANGUAGES), index=1, format_func=_language_name, key="import_tgt"
)
c3.text_input("Document name", placeholder="the file name by default", key="import_name")
st.button("Import", type="primary", on_click=_import)

result = st.session_state.pop("import_result", None)
if result is not None:
    kind, message = result
    (st.success if kind == "success" else st.error)(message)
