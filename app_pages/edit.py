"""Edit: the segment grid; edit a target, save it at once, confirm it."""

from __future__ import annotations

import streamlit as st

from app_pages.shared import require_document, settings, store
from workbench.errors import ConflictError
from workbench.model import Segment, Status
from workbench.workflow import edit_segment

PAGE_SIZE = 20

doc_info = require_document()
db = store()
doc = db.load_document(doc_info.id)
conflicts: dict[int, tuple[str, str]] = st.session_state.setdefault("conflicts", {})
#: the version of each segment this session last saw or saved
known: dict[int, int] = st.session_state.setdefault("known_versions", {})


def _save(seg_id: int, widget_key: str, *, confirm: bool) -> None:
    text = st.session_state.get(widget_key, "")
    try:
        saved = edit_segment(
            db,
            seg_id,
            text,
            confirm=confirm,
            user=settings().user,
            expected_version=known.get(seg_id),
        )
    except ConflictError as exc:
        conflicts[seg_id] = (exc.mine, exc.theirs)
        known[seg_id] = exc.version
        return
    conflicts.pop(seg_id, None)
    known[seg_id] = saved.version


def _resolve(seg_id: int, text: str) -> None:
    current = db.load_segment(seg_id)
    known[seg_id] = current.version
    if text != current.target:
        saved = edit_segment(
            db, seg_id, text, confirm=False, user=settings().user, expected_version=current.version
        )
        known[seg_id] = saved.version
    conflicts.pop(seg_id, None)


st.title(f"Edit · {doc.name}")
st.caption(
    f"{doc.src_lang} → {doc.tgt_lang} · every change is saved at once. "
    "Ctrl+Enter or leaving a box saves a draft; **Confirm** marks the segment translated."
)

left, right = st.columns([2, 1])
statuses = left.multiselect(
    "Show statuses", list(Status), format_func=lambda s: s.label, placeholder="All statuses"
)
search = right.text_input("Search source and target", placeholder="text…")
segments: list[Segment] = [
    s
    for s in doc.segments
    if (not statuses or s.status in statuses)
    and (not search or search.lower() in s.source.lower() or search.lower() in s.target.lower())
]
pages = max(1, -(-len(segments) // PAGE_SIZE))
page_key = f"page_{doc.id}"
page = 1
if pages > 1:
    page = int(st.number_input(f"Page (of {pages})", 1, pages, key=page_key))
shown = segments[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
if not shown:
    st.info("No segment matches the filters.")

for seg in shown:
    assert seg.id is not None
    known.setdefault(seg.id, seg.version)
    if known[seg.id] < seg.version and seg.id not in conflicts:
        known[seg.id] = seg.version
    widget_key = f"target_{seg.id}_{seg.version}"
    with st.container(border=True):
        num, src, tgt, act = st.columns([0.4, 4, 4, 1.3], vertical_alignment="center")
        num.markdown(f"**{seg.index + 1}**")
        src.markdown(seg.source)
        tgt.text_area(
            f"Target {seg.index + 1}",
            value=seg.target,
            key=widget_key,
            label_visibility="collapsed",
            height=68,
            on_change=_save,
            args=(seg.id, widget_key),
            kwargs={"confirm": False},
            placeholder="Type the translation…",
        )
        act.markdown(f"`{seg.status.value}`")
        act.button(
            "Confirm",
            key=f"confirm_{seg.id}",
            on_click=_save,
            args=(seg.id, widget_key),
            kwargs={"confirm": True},
            type="primary" if not seg.status.is_confirmed else "secondary",
            help="Save and mark as translated",
        )
        if seg.provenance.origin.value != "none":
            tgt.caption(seg.provenance.describe())
        if seg.id in conflicts:
            mine, theirs = conflicts[seg.id]
            st.warning(
                f"Segment {seg.index + 1} was changed in another tab or by another user "
                "since you opened it. Nothing was overwritten: choose the text to keep."
            )
            a, b = st.columns(2)
            a.markdown("**Your text**")
            a.code(mine or "(empty)", language=None, wrap_lines=True)
            a.button("Keep mine", key=f"mine_{seg.id}", on_click=_resolve, args=(seg.id, mine))
            b.markdown("**Saved text**")
            b.code(theirs or "(empty)", language=None, wrap_lines=True)
            b.button("Keep saved", key=f"theirs_{seg.id}", on_click=_resolve, args=(seg.id, theirs))
