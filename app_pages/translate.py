"""Translate: machine-translate the selected document with a MarianMT model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from app_pages.shared import require_document, store
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.engines.base import Engine


@st.cache_resource(show_spinner="Loading the translation model…", max_entries=4)
def load_engine(model: str, src: str, tgt: str, beams: int) -> Engine:
    """One engine per model and direction, shared by every session of this process."""
    from workbench.engines import load_engine as load

    return load("marian", model=model or None, src_lang=src, tgt_lang=tgt, num_beams=beams)


def default_model(src: str, tgt: str) -> str:
    from workbench.engines.models import default_model_id

    return default_model_id(src, tgt) or ""


doc = require_document()
st.title(f"Translate · {doc.name}")
st.caption(f"{doc.src_lang} → {doc.tgt_lang} · {doc.segments} segments")

engine_name = st.selectbox("Engine", ["marian"], format_func=lambda _: "MarianMT (OPUS-MT)")
model = st.text_input(
    "Model: a folder or a Hugging Face model id",
    value=default_model(doc.src_lang, doc.tgt_lang),
    help="OPUS-MT models come from the Hugging Face Hub (e.g. Helsinki-NLP/opus-mt-en-zh) "
    "or a folder copied from another machine.",
)
beams = st.slider("Beam size", 1, 6, 1, help="1 is greedy decoding, the fastest")
overwrite = st.checkbox("Replace existing unconfirmed drafts", value=False)

if st.button("Translate", type="primary"):
    from workbench.workflow import translate_document

    try:
        engine = load_engine(model.strip(), doc.src_lang, doc.tgt_lang, beams)
    except WorkbenchError as exc:
        st.error(f"No translation model is available. {exc}")
        st.stop()
    bar = st.progress(0.0, text="Translating…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Translated {done} of {total}")

    try:
        written = translate_document(
            store(), doc.id, engine, overwrite=overwrite, progress=progress
        )
    except WorkbenchError as exc:
        st.error(str(exc))
    else:
        bar.progress(1.0, text="Done")
        st.success(f"Translated {written} segment(s). Post-edit them on the Edit page.")
