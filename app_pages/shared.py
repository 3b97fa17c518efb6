"""What every page shares: settings, the project (one per process), the sidebar selection."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from workbench.config import Settings, load_settings
from workbench.errors import WorkbenchError
from workbench.project import SAMPLE_PROJECT, Project
from workbench.store import DocumentInfo


def settings() -> Settings:
    """Read on each run (cheap), so that a changed WORKBENCH_* variable takes effect."""
    return load_settings()


@st.cache_resource(show_spinner="Opening the project database…")
def get_project(current: Settings) -> Project:
    """The project of ``current`` settings, shared by all sessions (its store, TM, glossary
    and loaded models); the sample project is made on first run."""
    project = Project.from_settings(current)
    project.ensure_sample()
    return project


def project() -> Project:
    """The project every page calls: one per process and settings."""
    return get_project(settings())


@dataclass(frozen=True)
class Selection:
    project_id: int
    project: str
    document: DocumentInfo | None


def sidebar() -> None:
    """Project and document pickers; the choice lives in ``st.session_state``."""
    current_project = project()
    projects = current_project.projects()
    with st.sidebar:
        st.markdown("### Workbench")
        if not projects:
            st.info("No project yet: import an article to start one.")
            return
        names = [p.name for p in projects]
        default = names.index(SAMPLE_PROJECT) if SAMPLE_PROJECT in names else 0
        if st.session_state.get("project") not in names:
            st.session_state["project"] = names[default]
        chosen = st.selectbox("Project", names, key="project")
        project_id = projects[names.index(chosen)].id
        docs = current_project.documents(project_id)
        if not docs:
            st.caption("This project has no documents yet.")
            st.session_state.pop("document_id", None)
            return
        ids = [d.id for d in docs]
        if st.session_state.get("document_id") not in ids:
            st.session_state["document_id"] = ids[0]
        labels = {d.id: f"{d.name} · {d.src_lang}→{d.tgt_lang}" for d in docs}
        st.selectbox("Document", ids, format_func=labels.__getitem__, key="document_id")
        current = docs[ids.index(st.session_state["document_id"])]
        st.progress(
            current.confirmed / current.segments if current.segments else 0.0,
            text=f"{current.confirmed} of {current.segments} segments confirmed",
        )


def selection() -> Selection | None:
    """The project and document chosen in the sidebar, or None when there is none."""
    name = st.session_state.get("project")
    if not name:
        return None
    current = project()
    try:
        project_id = current.project_id(name)
    except WorkbenchError:
        return None
    docs = {d.id: d for d in current.documents(project_id)}
    return Selection(project_id, name, docs.get(st.session_state.get("document_id", -1)))


def require_document() -> DocumentInfo:
    """The selected document, or stop the page with a hint."""
    chosen = selection()
    if chosen is None or chosen.document is None:
        st.info("Pick a document in the sidebar, or import one on the Import page.")
        st.stop()
    assert chosen.document is not None  # for mypy: st.stop() does not return
    return chosen.document
