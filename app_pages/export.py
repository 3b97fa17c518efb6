"""Export: download the localized article (TXT, DOCX, Markdown, HTML) or a bilingual file
(CSV, TSV, review table, XLIFF 1.2/2.0, TMX), of the whole document or its confirmed segments."""

from __future__ import annotations

import re

import streamlit as st

from app_pages.shared import project, require_document
from workbench.errors import WorkbenchError

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: label -> (format name, extension, MIME type)
CHOICES = {
    "Localized article (TXT)": ("text", "txt", "text/plain"),
    "Localized article (DOCX)": ("docx", "docx", DOCX_MIME),
    "Localized article (Markdown)": ("markdown", "md", "text/markdown"),
    "Localized article (HTML)": ("html", "html", "text/html"),
    "Bilingual table (CSV)": ("csv", "csv", "text/csv"),
    "Bilingual table (TSV)": ("tsv", "tsv", "text/tab-separated-values"),
    "Bilingual review table (DOCX)": ("review", "review.docx", DOCX_MIME),
    "XLIFF 1.2": ("xliff", "xlf", "application/xliff+xml"),
    "XLIFF 2.0": ("xliff2", "xlf2", "application/xliff+xml"),
    "Translation memory (TMX 1.4b)": ("tmx", "tmx", "application/x-tmx+xml"),
}


def render(doc_id: int, format_name: str, scope: str) -> bytes:
    return project().render(doc_id, format_name, scope=scope)


info = require_document()
st.title(f"Export · {info.name}")
choice = st.radio("Format", list(CHOICES))
scope = st.radio(
    "Scope",
    ["all", "confirmed"],
    format_func=lambda s: (
        "Whole document (untranslated segments keep the source)"
        if s == "all"
        else "Confirmed segments only"
    ),
)
format_name, ext, mime = CHOICES[choice]
stem = re.sub(r"[^\w.-]+", "_", info.name).strip("_") or "document"
try:
    data = render(info.id, format_name, scope)
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
