"""Streamlit entry point: navigation over app_pages/ and the shared sidebar. Nothing else."""

from __future__ import annotations

import streamlit as st

from app_pages.shared import sidebar

st.set_page_config(page_title="Workbench", page_icon=":material/translate:", layout="wide")

pages = [
    st.Page(
        "app_pages/import_page.py", title="Import", icon=":material/upload_file:", url_path="import"
    ),
    st.Page("app_pages/align.py", title="Align", icon=":material/join:", url_path="align"),
    st.Page(
        "app_pages/translate.py",
        title="Translate",
        icon=":material/translate:",
        url_path="translate",
    ),
    st.Page(
        "app_pages/edit.py",
        title="Edit",
        icon=":material/edit_note:",
        url_path="edit",
        default=True,
    ),
    st.Page("app_pages/qa.py", title="QA", icon=":material/fact_check:", url_path="qa"),
    st.Page(
        "app_pages/glossary.py", title="Glossary", icon=":material/dictionary:", url_path="glossary"
    ),
    st.Page("app_pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    st.Page("app_pages/models.py", title="Models", icon=":material/memory:", url_path="models"),
]
navigation = st.navigation(pages)
sidebar()
navigation.run()
