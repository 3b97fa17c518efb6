"""Translate: fill the selected document from the translation memory and machine translation.

The engine stack is the project's (the model, the project glossary enforced, the
MT cache), the same the CLI uses; the model loads once per process.
"""

from __future__ import annotations

import streamlit as st

from app_pages.shared import project, require_document
from workbench.engines.select import BACKENDS
from workbench.errors import EngineError, WorkbenchError
from workbench.project import EngineSpec


def default_model(src: str, tgt: str) -> str:
    from workbench.engines.models import default_model_id

    return default_model_id(src, tgt) or ""


doc = require_document()
current = project()
st.title(f"Translate · {doc.name}")
st.caption(f"{doc.src_lang} → {doc.tgt_lang} · {doc.segments} segments")

backend = st.selectbox("Engine", BACKENDS.choices(), format_func=BACKENDS.label)
model = st.text_input(
    "Model: a folder or a Hugging Face model id",
    value=default_model(doc.src_lang, doc.tgt_lang),
    key="translate_model",
    help="OPUS-MT models come from the Hugging Face Hub (e.g. Helsinki-NLP/opus-mt-en-zh) "
    "or a folder copied from another machine: see the Models page. Leave empty for the "
    "direction's installed model (or the pivot through English).",
)
beams = st.slider("Beam size", 1, 6, 1, help="1 is greedy decoding, the fastest")
enforce = st.toggle(
    "Enforce the project glossary",
    value=True,
    key="enforce_glossary",
    help="Recognised terms come out in their approved form (edit them on the Glossary page).",
)
use_tm = st.toggle(
    "Fill from the translation memory first",
    value=False,
    help="Segments with a TM match at or above the threshold take it; MT does the rest.",
)
threshold = (
    st.slider("Lowest TM match (%)", 50, 101, 100, help="101: in-context matches only")
    if use_tm
    else None
)
use_cache = st.checkbox(
    "Reuse earlier machine translations (project cache)",
    value=True,
    help="Segments translated before with the same model, settings and glossary are not "
    "sent again.",
)
overwrite = st.checkbox(
    "Replace existing unconfirmed drafts", value=False, key="translate_overwrite"
)

if st.button("Translate", type="primary", key="translate_run"):
    spec = EngineSpec(model=model.strip() or None, backend=backend, beams=beams)
    try:
        with st.spinner("Loading the translation model…"):
            engine = current.engine(
                doc.src_lang, doc.tgt_lang, spec, glossary=enforce, cache=use_cache
            )
    except EngineError as exc:
        st.error(f"No translation model is available. {exc}")
        st.stop()
    except WorkbenchError as exc:  # the glossary: unreadable, say so and which file
        st.error(f"{exc} (or switch off the glossary above)")
        st.stop()
    bar = st.progress(0.0, text="Translating…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / total, 1.0) if total else 1.0, text=f"Translated {done} of {total}")

    try:
        result = current.translate_document(
            doc.id, engine, tm_threshold=threshold, overwrite=overwrite, progress=progress
        )
    except WorkbenchError as exc:
        st.error(str(exc))
    else:
        bar.progress(1.0, text="Done")
        parts = [f"{result.mt} by machine translation"]
        if threshold is not None:
            parts.insert(0, f"{result.from_tm} from the translation memory")
        glossary_note = " with the project glossary enforced" if enforce else ""
        st.success(
            f"Translated {result.written} segment(s){glossary_note}: {', '.join(parts)}. "
            "Post-edit them on the Edit page."
        )
