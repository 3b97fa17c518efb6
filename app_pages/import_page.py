"""Import: paste text or upload a .txt, .md or .docx article into a project."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from app_pages.shared import selection, store
from workbench.errors import WorkbenchError
from workbench.languages import LANGUAGES, detect_language
from workbench.model import Paragraph
from workbench.workflow import add_article

AUTO = "auto"


def _language_name(code: str) -> str:
    return "Detect automatically" if code == AUTO else f"{LANGUAGES[code].name} ({code})"


def _read_upload(name: str, data: bytes) -> list[Paragraph]:
    from workbench.formats import read_article

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        return read_article(path)


st.title("Import an article")
current = selection()
project = st.text_input("Project", value=current.project if current else "My project")
pasted = st.text_area(
    "Paste the article (one paragraph per line)", height=200, placeholder="Paste text here…"
)
upload = st.file_uploader("…or upload a file", type=["txt", "md", "docx"])
c1, c2, c3 = st.columns(3)
src_choice = c1.selectbox("Source language", [AUTO, *LANGUAGES], format_func=_language_name)
tgt = c2.selectbox("Target language", list(LANGUAGES), index=1, format_func=_language_name)
name = c3.text_input("Document name", value=upload.name if upload else "")

if st.button("Import", type="primary"):
    try:
        if upload is not None:
            paragraphs = _read_upload(upload.name, upload.getvalue())
        else:
            paragraphs = [Paragraph(i, line) for i, line in enumerate(pasted.splitlines())]
        text = " ".join(p.source for p in paragraphs[:20])
        src = detect_language(text) if src_choice == AUTO else src_choice
        if src is None:
            raise WorkbenchError("cannot tell the source language: pick it in the list")
        if not name.strip():
            raise WorkbenchError("give the document a name")
        doc_id = add_article(
            store(), project, name.strip(), paragraphs, src_lang=src, tgt_lang=tgt
        )
    except WorkbenchError as exc:
        st.error(str(exc))
    else:
        st.session_state["project"] = project
        st.session_state["document_id"] = doc_id
        doc = store().load_document(doc_id)
        st.success(
            f"Imported {doc.name!r} ({src}→{tgt}): {len(doc.paragraphs)} paragraphs, "
            f"{len(doc.segments)} segments. Open the Edit or Translate page."
        )
