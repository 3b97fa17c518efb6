"""Export: download the localized article (TXT, DOCX, Markdown) or a bilingual CSV."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import streamlit as st

from app_pages.shared import require_document, store
from workbench.errors import WorkbenchError

#: label -> (extension, MIME type)
CHOICES = {
    "Localized article (TXT)": ("txt", "text/plain"),
    "Localized article (DOCX)": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "Localized article (Markdown)": ("md", "text/markdown"),
    "Bilingual table (CSV)": ("csv", "text/csv"),
}


def render(doc_id: int, ext: str, scope: str) -> bytes:
    from workbench.formats import write_document

    doc = store().load_document(doc_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export.{ext}"
        write_document(doc, path, scope=scope)
        return path.read_bytes()


info = require_document()
st.title(f"Export · {info.name}")
choice = st.radio("Format", list(CHOICES))
scope = st.radio(
    "Scope",
    ["all", "confirmed"],
    format_func=lambda s: "Whole document (untranslated segments keep the source)"
    if s == "all"
    else "Confirmed segments only",
)
ext, mime = CHOICES[choice]
stem = re.sub(r"[^\w.-]+", "_", info.name).strip("_") or "document"
try:
    data = render(info.id, ext, scope)
except WorkbenchError as exc:
    st.error(str(exc))
else:
    st.download_button(
        f"Download {stem}_{info.tgt_lang}.{ext}",
        data,
        file_name=f"{stem}_{info.tgt_lang}.{ext}",
        mime=mime,
        type="primary",
    )
    if ext in ("txt", "md"):
        with st.expander("Preview", expanded=True):
            st.text(data.decode("utf-8-sig")[:5000])
