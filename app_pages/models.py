"""Models: the installed translation models; pull, import, convert and remove them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from workbench.engines.manage import (
    QUANTIZATIONS,
    convert_model,
    import_model,
    list_models,
    pull,
    remove_model,
)
from workbench.engines.models import models_dir, supported_pairs
from workbench.engines.models_cli import human_size
from workbench.errors import WorkbenchError

PAIRS = [*supported_pairs(), "zh-ru", "ru-zh"]


def _bar_class(bar: Any) -> Any:
    """A tqdm stand-in that moves a Streamlit progress bar (huggingface_hub downloads)."""
    from tqdm.auto import tqdm  # type: ignore[import-untyped]

    class StreamlitTqdm(tqdm):  # type: ignore[misc]
        def display(self, *args: Any, **kwargs: Any) -> None:
            total = self.total or 0
            fraction = min(self.n / total, 1.0) if total else 0.0
            bar.progress(fraction, text=f"{self.desc or 'Downloading'}: {fraction:.0%}")

    return StreamlitTqdm


st.title("Models")
st.caption(f"Models live in {models_dir()} (set WORKBENCH_MODELS_DIR to move them).")

installed = list_models()
if installed:
    st.dataframe(
        [
            {
                "Direction": m.pair,
                "Model": m.name,
                "Backends": ", ".join(m.backends),
                "Size": human_size(m.size),
                "Folder": str(m.path),
            }
            for m in installed
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.info("No models installed yet: pull one below, or import a folder copied from elsewhere.")

pull_tab, import_tab, convert_tab, remove_tab = st.tabs(["Pull", "Import", "Convert", "Remove"])


def _run(bar: Any, action: Callable[[], Path], done: str, *, reload: bool = False) -> None:
    """Run a model operation under ``bar``: its error, or ``done`` with the folder it made.

    ``reload``: engines loaded in this process pick the change up on their next load."""
    try:
        folder = action()
    except WorkbenchError as exc:
        st.error(str(exc))
        return
    bar.progress(1.0, text="Done")
    if reload:
        st.cache_resource.clear()
    st.success(f"{done} into {folder}")


with pull_tab:
    pair = st.selectbox("Direction", supported_pairs(), key="pull_pair")
    if st.button("Pull from the Hugging Face Hub", key="pull"):
        bar = st.progress(0.0, text="Connecting…")
        _run(bar, lambda: pull(pair, tqdm_class=_bar_class(bar)), f"Pulled {pair}")

with import_tab:
    path = st.text_input("Model folder on this machine", key="import_path")
    pair = st.selectbox("Its direction", PAIRS, key="import_pair")
    force = st.checkbox("Replace an installed model", key="import_force")
    if st.button("Import", key="import", disabled=not path.strip()):
        bar = st.progress(0.0, text="Copying…")
        _run(
            bar,
            lambda: import_model(Path(path.strip()), pair, force=force),
            f"Imported {pair}",
            reload=True,
        )

with convert_tab:
    st.write("CTranslate2 translates several times faster on CPU; it is used automatically.")
    pair = st.selectbox("Direction", PAIRS, key="convert_pair")
    quantization = st.selectbox("Quantization", QUANTIZATIONS, key="convert_q")
    if st.button("Convert", key="convert"):
        bar = st.progress(0.0, text=f"Converting {pair} to CTranslate2 {quantization}…")
        _run(
            bar,
            lambda: convert_model(pair, quantization=quantization, force=True),
            f"Converted {pair}",
            reload=True,
        )

with remove_tab:
    choices = sorted({m.pair for m in installed})
    pair = st.selectbox("Direction", choices, key="remove_pair")
    if st.button("Remove", key="remove", disabled=not choices, type="primary"):
        try:
            removed = remove_model(str(pair))
        except WorkbenchError as exc:
            st.error(str(exc))
        else:
            st.cache_resource.clear()
            st.success("Removed " + ", ".join(str(p) for p in removed))
            st.rerun()
