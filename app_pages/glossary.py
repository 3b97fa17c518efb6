"""Glossary: browse, search, add, edit and delete termbase entries; import/export CSV and TBX.

The glossary is a file (TBX or CSV): the project glossary of the settings
(``glossary``, ``WORKBENCH_GLOSSARY``; by default ``glossary.tbx`` in the user data
folder, started from the glossary shipped in the package, which is never
written).  Saving writes it atomically, so the CLI (``workbench terms``/``translate
--glossary``), the Edit page and the app share it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.shared import project
from workbench.errors import WorkbenchError
from workbench.glossary import Termbase, read_termbase, write_termbase
from workbench.glossary.table import COLUMNS, rows_termbase, search, termbase_rows


def _load(path: str) -> Termbase:
    return read_termbase(path)


def _export(termbase: Termbase, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"glossary{suffix}"
        write_termbase(termbase, out)
        return out.read_bytes()


def _import(data: bytes, name: str) -> Termbase:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        return read_termbase(path)


st.title("Glossary")
if "glossary_path" not in st.session_state:
    try:
        st.session_state["glossary_path"] = str(project().glossary_file() or "")
    except WorkbenchError as exc:
        st.error(str(exc))
        st.stop()
path = st.text_input(
    "Glossary file (.tbx or .csv)",
    key="glossary_path",
    help="The project glossary of the settings (WORKBENCH_GLOSSARY); the Edit page, QA "
    "and MT use it",
)
if st.session_state.get("glossary_loaded") != path:
    try:
        termbase = _load(path)
    except WorkbenchError as exc:
        st.error(str(exc))
        st.stop()
    st.session_state["glossary_rows"] = termbase_rows(termbase)
    st.session_state["glossary_title"] = termbase.title
    st.session_state["glossary_loaded"] = path

rows: list[dict[str, Any]] = st.session_state["glossary_rows"]
query = st.text_input("Search", key="glossary_search", placeholder="a term in any language")
shown = search(rows, query)
st.caption(f"{len(shown)} of {len(rows)} entries")
edited = st.data_editor(
    shown,
    column_order=list(COLUMNS),
    num_rows="dynamic",
    use_container_width=True,
    key=f"glossary_editor_{query}",
)

if st.button("Save", type="primary", key="glossary_save"):
    others = [r for r in rows if r not in shown]
    new_rows = others + [dict(r) for r in edited if any(str(v or "").strip() for v in r.values())]
    try:
        termbase = rows_termbase(new_rows, st.session_state.get("glossary_title", ""))
        write_termbase(termbase, path)
    except WorkbenchError as exc:
        st.error(str(exc))
    else:
        st.session_state["glossary_rows"] = termbase_rows(termbase)
        st.success(f"saved {len(termbase.concepts)} entries to {path}")

left, right = st.columns(2)
with left:
    upload = st.file_uploader("Import CSV or TBX", type=["csv", "tbx"], key="glossary_upload")
    if upload is not None and st.button("Replace entries with the file", key="glossary_import"):
        try:
            imported = _import(upload.getvalue(), upload.name)
        except WorkbenchError as exc:
            st.error(str(exc))
        else:
            st.session_state["glossary_rows"] = termbase_rows(imported)
            st.success(f"imported {len(imported.concepts)} entries; Save to keep them")
with right:
    current = rows_termbase(rows, st.session_state.get("glossary_title", ""))
    st.download_button("Export TBX", _export(current, ".tbx"), "glossary.tbx", key="dl_tbx")
    st.download_button("Export CSV", _export(current, ".csv"), "glossary.csv", key="dl_csv")
