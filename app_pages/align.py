"""Align: pair an article with its existing translation, review the pairs, keep them.

Paste or upload the two texts, align them (the embedding model loads once per
process), then review the pairs side by side in document order or lowest
confidence first: merge a pair with the next, split it, move a sentence to the
neighbouring pair, confirm.  Confirmed pairs go into the translation memory and
download as TMX or TSV.  Every edit calls :class:`workbench.align.review.Review`;
a rerun redoes no alignment.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.shared import project
from workbench.align import ALIGNERS, DEFAULT_ALIGNER, get_aligner
from workbench.align.review import Review, ReviewError, ReviewPair
from workbench.align.texts import Side, split_text
from workbench.errors import WorkbenchError
from workbench.languages import LANGUAGES, detect_or_fail

AUTO = "auto"
PAGE_SIZE = 25
state = st.session_state


@st.cache_resource(show_spinner="Loading the aligner…")
def aligner(method: str) -> Any:
    """One aligner per method for the whole process (the model loads on first use)."""
    return get_aligner(method)


def _language_name(code: str) -> str:
    return "Detect automatically" if code == AUTO else f"{LANGUAGES[code].name} ({code})"


def _text(side: str) -> tuple[str, str]:
    """The text of one side (the upload wins over the box) and where it came from."""
    upload = state.get(f"align_{side}_file")
    if upload is not None:
        return _decode(upload.name, upload.getvalue()), upload.name
    return state.get(f"align_{side}_text", ""), "the pasted " + (
        "source" if side == "src" else "target"
    )


def _decode(name: str, data: bytes) -> str:
    from workbench.formats import format_for_path, parse_article
    from workbench.textio import decode_text

    fmt = format_for_path(name, capability="read") if "." in name else None
    if fmt is None or fmt.name == "text":
        return decode_text(data, name)
    return "\n".join(p.source for p in parse_article(data, name))


def _side(side: str) -> tuple[Side, str]:
    text, name = _text(side)
    if not text.strip():
        raise WorkbenchError(f"{name} is empty: paste a text or upload a file")
    lang = state.get(f"align_{side}_lang", AUTO)
    if lang == AUTO:
        flag = "--src-lang" if side == "src" else "--tgt-lang"
        lang = detect_or_fail(text, name, flag, fix="choose its language in the list")
    return split_text(text, lang, presegmented=state.get("align_presegmented", False)), lang


def _align() -> None:
    try:
        src, src_lang = _side("src")
        tgt, tgt_lang = _side("tgt")
        result = aligner(state.get("align_method", DEFAULT_ALIGNER)).align(
            src.sentences,
            tgt.sentences,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            src_paragraphs=src.paragraphs,
            tgt_paragraphs=tgt.paragraphs,
        )
    except WorkbenchError as exc:
        state["align_flash"] = ("error", str(exc))
        return
    state["align_review"] = Review.start(result)
    state["align_page"] = 1
    state.pop("align_added", None)
    kinds = ", ".join(f"{n} × {k}" for k, n in sorted(result.kinds().items()))
    state["align_flash"] = (
        "success",
        f"{len(src)} {src_lang} and {len(tgt)} {tgt_lang} sentences: {len(result)} pairs "
        f"({kinds}).",
    )


def _edit(action: str, k: int, *args: Any) -> None:
    review: Review = state["align_review"]
    try:
        getattr(review, action)(k, *args)
    except ReviewError as exc:
        state["align_flash"] = ("error", str(exc))


def _confirm_toggle(k: int, key: str) -> None:
    _edit("confirm", k, bool(state.get(key)))


def _confirm_all() -> None:
    review: Review = state["align_review"]
    count = review.confirm_all(float(state.get("align_min_score", 0.0)))
    state["align_flash"] = ("success", f"{count} pairs confirmed.")


def _add_to_memory() -> None:
    review: Review = state["align_review"]
    pairs = review.confirmed_texts()
    if not pairs:
        state["align_flash"] = ("error", "no pair is confirmed yet: confirm the pairs to keep")
        return
    a = review.alignment
    try:
        added = project().add_to_memory(
            pairs, src_lang=a.src_lang, tgt_lang=a.tgt_lang, origin=f"aligner:{a.method}"
        )
    except WorkbenchError as exc:
        state["align_flash"] = ("error", str(exc))
        return
    state["align_added"] = added
    state["align_flash"] = (
        "success",
        f"Added {added} new units to the {a.src_lang}→{a.tgt_lang} translation memory "
        f"({len(pairs) - added} were there already).",
    )


def _inputs() -> None:
    left, right = st.columns(2)
    for column, side, title in ((left, "src", "Source"), (right, "tgt", "Target")):
        with column:
            st.subheader(title)
            st.selectbox(
                "Language",
                [AUTO, *LANGUAGES],
                format_func=_language_name,
                key=f"align_{side}_lang",
            )
            st.text_area(
                f"{title} text (one paragraph per line)",
                height=180,
                key=f"align_{side}_text",
                placeholder="Paste the article here…",
            )
            st.file_uploader(
                "…or upload a file", type=["txt", "md", "docx", "html"], key=f"align_{side}_file"
            )
    c1, c2 = st.columns([1, 2])
    c1.checkbox("One sentence per line", key="align_presegmented")
    c2.selectbox(
        "Method",
        ALIGNERS.choices(),
        format_func=ALIGNERS.label,
        key="align_method",
    )
    st.button("Align", type="primary", on_click=_align, icon=":material/join:")


def _pair_row(review: Review, k: int, number: int) -> None:
    pair: ReviewPair = review.pairs[k]
    with st.container(border=True):
        src_col, tgt_col, act_col = st.columns([5, 5, 2], vertical_alignment="top")
        src_col.markdown(_quote(review.src_text(pair)) if pair.src else "*— no source —*")
        tgt_col.markdown(_quote(review.tgt_text(pair)) if pair.tgt else "*— no target —*")
        with act_col:
            label = "edited" if pair.edited else f"{pair.score:.2f}"
            st.caption(f"#{number} · {pair.kind} · {label}")
            key = f"align_ok_{pair.key}"
            state[key] = pair.confirmed
            st.checkbox(
                "Confirm",
                key=key,
                on_change=_confirm_toggle,
                args=(k, key),
                disabled=not pair.is_pair,
            )
            with st.popover("Edit", icon=":material/tune:"):
                last = k + 1 >= len(review.pairs)
                st.button(
                    "Merge with next",
                    key=f"align_merge_{pair.key}",
                    on_click=_edit,
                    args=("merge", k),
                    disabled=last,
                )
                st.button("Split", key=f"align_split_{pair.key}", on_click=_edit, args=("split", k))
                for side, name in (("src", "source"), ("tgt", "target")):
                    has = bool(pair.src if side == "src" else pair.tgt)
                    st.button(
                        f"Last {name} sentence → next pair",
                        key=f"align_next_{side}_{pair.key}",
                        on_click=_edit,
                        args=("move", k, side, "next"),
                        disabled=last or not has,
                    )
                    st.button(
                        f"First {name} sentence → previous pair",
                        key=f"align_prev_{side}_{pair.key}",
                        on_click=_edit,
                        args=("move", k, side, "previous"),
                        disabled=k == 0 or not has,
                    )


def _quote(text: str) -> str:
    """Plain text for st.markdown (no Markdown or HTML interpretation)."""
    special = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + c if c in special else c for c in text)


def _review(review: Review) -> None:
    a = review.alignment
    st.divider()
    st.subheader(f"Review · {a.src_lang}→{a.tgt_lang} · {len(review.pairs)} pairs")
    c1, c2, c3 = st.columns([2, 2, 3])
    order = c1.radio(
        "Order",
        ["document", "confidence"],
        format_func=lambda o: "Document order" if o == "document" else "Lowest confidence first",
        horizontal=True,
        key="align_order",
    )
    pages = max(1, -(-len(review.pairs) // PAGE_SIZE))
    page = int(c2.number_input("Page", 1, pages, key="align_page")) if pages > 1 else 1
    with c3:
        st.slider("Confirm all pairs scoring at least", 0.0, 1.0, 0.0, 0.05, key="align_min_score")
        st.button("Confirm all", on_click=_confirm_all, icon=":material/done_all:")
    ordering = review.order("confidence" if order == "confidence" else "document")
    for k in ordering[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        _pair_row(review, k, k + 1)
    st.divider()
    done = review.confirmed_count
    st.markdown(f"**{done}** of {sum(p.is_pair for p in review.pairs)} pairs confirmed.")
    c1, c2, c3 = st.columns(3)
    c1.button(
        "Add confirmed pairs to the translation memory",
        type="primary",
        on_click=_add_to_memory,
        disabled=done == 0,
        icon=":material/library_add:",
    )
    if done:
        from workbench.align.output import render

        confirmed = review.to_alignment(confirmed_only=True)
        stem = f"alignment_{a.src_lang}-{a.tgt_lang}"
        c2.download_button(
            "Download TMX",
            render(confirmed, "tmx"),
            file_name=f"{stem}.tmx",
            mime="application/x-tmx+xml",
            icon=":material/download:",
        )
        c3.download_button(
            "Download TSV",
            render(confirmed, "tsv"),
            file_name=f"{stem}.tsv",
            mime="text/tab-separated-values",
            icon=":material/download:",
        )


st.title("Align an article with its translation")
st.caption(
    "Pairs the sentences of a text and its translation (1-1, 1-2, 2-1, … or unaligned), "
    "for you to review and keep in the translation memory."
)
_inputs()
flash = state.pop("align_flash", None)
if flash is not None:
    kind, message = flash
    (st.success if kind == "success" else st.error)(message)
current = state.get("align_review")
if isinstance(current, Review):
    _review(current)
