"""Translate: machine-translate the selected document with a MarianMT model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from app_pages.shared import require_document, store
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.engines.base import Engine


@st.cache_resource(show_spinner="Loading the translation model…", max_entries=4)
def load_engine(model: str, src: str, tgt: str, beams: int, backend: str) -> Engine:
    """One engine per model, direction and backend, shared by every session of this process.

    ``auto`` is CTranslate2 where the model is converted, a pivot through English
    for zh<->ru without a direct model.
    """
    from workbench.engines import select_engine

    return select_engine(src, tgt, model=model or None, backend=backend, num_beams=beams)


def default_model(src: str, tgt: str) -> str:
    from workbench.engines.models import default_model_id

    return default_model_id(src, tgt) or ""


doc = require_document()
st.title(f"Translate · {doc.name}")
st.caption(f"{doc.src_lang} → {doc.tgt_lang} · {doc.segments} segments")

BACKENDS = {
    "auto": "Automatic (CTranslate2 when converted, pivot through English for zh↔ru)",
    "ct2": "CTranslate2 (converted model)",
    "transformers": "MarianMT through transformers",
}
backend = st.selectbox("Engine", list(BACKENDS), format_func=BACKENDS.__getitem__)
use_cache = st.checkbox(
    "Reuse earlier machine translations (project cache)",
    value=True,
    help="Segments translated before with the same model and settings are not sent again.",
)
model = st.text_input(
    "Model: a folder or a Hugging Face model id",
    value=default_model(doc.src_lang, doc.tgt_lang),
    help="OPUS-MT models come from the Hugging Face Hub (e.g. Helsinki-NLP/opus-mt-en-zh) "
    "or a folder copied from another machine: see the Models page. Leave empty for the "
    "direction's installed model (or the pivot through English).",
)
beams = st.slider("Beam size", 1, 6, 1, help="1 is greedy decoding, the fastest")
overwrite = st.checkbox("Replace existing unconfirmed drafts", value=False)

if st.button("Translate", type="primary"):
    from workbench.workflow import translate_document

    try:
        engine = load_engine(model.strip(), doc.src_lang, doc.tgt_lang, beams, backend)
    except WorkbenchError as exc:
        st.error(f"No translation model is available. {exc}")
        st.stop()
    if use_cache:
        from workbench.engines.cache import CachedEngine

        engine = CachedEngine(engine, store())
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
