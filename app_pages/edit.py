"""Edit: the post-editing workspace.

A page of segments (only that page is read from the store), each saved at once
when its box changes; the side panel for the current segment with its MT
suggestion, TM matches (with what differs from this source), the project
glossary's terms highlighted in the source with their approved targets to insert,
history with revert, split and merge; keyboard shortcuts; filters.  Every
action calls one method of the project (:class:`workbench.project.Project`).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages.shared import project, require_document
from workbench.errors import ConflictError, WorkbenchError
from workbench.glossary.hits import TermHit
from workbench.model import Segment, Status
from workbench.project import Panel

PAGE_SIZES = (10, 20, 50)
LOW_CONFIDENCE = 85.0
SHORTCUTS = (
    ("Alt+Enter", "confirm and go to the next segment"),
    ("Alt+S", "copy the source"),
    ("Alt+M", "insert the MT suggestion"),
    ("Alt+1…5", "insert TM match 1…5"),
    ("Alt+Shift+1…5", "insert glossary term 1…5"),
)

doc_info = require_document()
db = project()
state = st.session_state
conflicts: dict[int, tuple[str, str]] = state.setdefault("conflicts", {})
#: the version of each segment this session last saw or saved
known: dict[int, int] = state.setdefault("known_versions", {})
#: when this session started working on each segment (for the effort record)
opened: dict[int, float] = state.setdefault("opened_at", {})
#: side panels already computed, by (segment, version, TM size, semantic, glossary file)
panels: dict[tuple[int, int, int, bool, str], Panel] = state.setdefault("panels", {})
current_key = f"current_{doc_info.id}"
page_key = f"page_{doc_info.id}"


def glossary_version() -> str:
    """The project glossary's version ("" with the reason in ``state["glossary_error"]``
    where it cannot be read): side panels are computed again when it changes."""
    try:
        return db.glossary_version() or ""
    except WorkbenchError as exc:
        state["glossary_error"] = str(exc)
        return ""


def _flash(message: str) -> None:
    state["flash"] = message


def _make_current(seg_id: int | None) -> None:
    if seg_id is None:
        return
    state[current_key] = seg_id
    opened[seg_id] = time.time()
    state["focus_nonce"] = state.get("focus_nonce", 0) + 1


def _conflict(seg_id: int, exc: ConflictError) -> None:
    conflicts[seg_id] = (exc.mine, exc.theirs)
    known[seg_id] = exc.version


def _saved(seg: Segment) -> None:
    assert seg.id is not None
    known[seg.id] = seg.version
    conflicts.pop(seg.id, None)


def _save(seg_id: int, widget_key: str) -> None:
    """A box changed: save its text as a draft (nothing to do if it is what is stored)."""
    text = state.get(widget_key, "")
    state[current_key] = seg_id
    if db.load_segment(seg_id).target == text:
        return
    _attempt(seg_id, lambda: db.save_draft(seg_id, text, expected_version=known.get(seg_id)))


def _attempt(seg_id: int, change: Callable[[], Segment | None]) -> Segment | None:
    """Run one save of a segment: a refused save (someone saved first) shows both texts,
    another error is flashed; returns the saved segment, or ``None``."""
    try:
        saved = change()
    except ConflictError as exc:
        _conflict(seg_id, exc)
        return None
    except WorkbenchError as exc:
        _flash(str(exc))
        return None
    if saved is not None:
        _saved(saved)
    return saved


def _confirm(seg_id: int, widget_key: str, next_id: int | None, next_page: int | None) -> None:
    text = state.get(widget_key, "")
    started = opened.pop(seg_id, time.time())
    saved = _attempt(
        seg_id,
        lambda: db.confirm(
            seg_id, text, expected_version=known.get(seg_id), seconds=time.time() - started
        ),
    )
    if saved is None:
        return
    if next_page is not None:
        state[page_key] = next_page
    _make_current(next_id)


def _insert(seg_id: int, kind: str, index: int) -> Segment | None:
    """The save of one insert into the current segment (``None`` when there is nothing
    to insert; the reason is flashed)."""
    version = known.get(seg_id)
    if kind == "source":
        return db.copy_source(seg_id, expected_version=version)
    if kind == "mt":
        return db.insert_mt(seg_id, expected_version=version)
    panel = _panel(seg_id)
    if kind == "term":
        if index >= len(panel.terms):
            _flash(f"there is no glossary term {index + 1} for this segment")
            return None
        return db.insert_term(seg_id, panel.terms[index], expected_version=version)
    if index >= len(panel.matches):
        _flash(f"there is no TM match {index + 1} for this segment")
        return None
    return db.insert_match(seg_id, panel.matches[index].match, expected_version=version)


def _action(seg_id: int, kind: str, index: int = 0) -> None:
    """Copy source, insert MT, TM match ``index`` or glossary term ``index`` into the
    current segment."""
    if _attempt(seg_id, lambda: _insert(seg_id, kind, index)) is not None:
        state["focus_nonce"] = state.get("focus_nonce", 0) + 1


def _resolve(seg_id: int, text: str) -> None:
    current = db.load_segment(seg_id)
    known[seg_id] = current.version
    if text != current.target:
        _saved(db.save_draft(seg_id, text, expected_version=current.version))
    conflicts.pop(seg_id, None)


def _revert(seg_id: int, version: int) -> None:
    try:
        _saved(db.revert(seg_id, version))
    except WorkbenchError as exc:
        _flash(str(exc))


def _split(seg_id: int) -> None:
    seg = db.load_segment(seg_id)
    words = state.get("split_at", "").strip()
    at = seg.source.find(words) if words else -1
    if at <= 0:
        _flash(
            f"type the words the second part starts with, as they are in the source "
            f"(not found: {words!r})"
            if words
            else "type the words the second part starts with, then click Split"
        )
        return
    try:
        first, _ = db.split(seg_id, at, expected_version=known.get(seg_id))
    except WorkbenchError as exc:
        _flash(str(exc))
        return
    _saved(first)
    state["split_at"] = ""


def _merge(seg_id: int) -> None:
    try:
        _saved(db.merge(seg_id, expected_version=known.get(seg_id)))
    except WorkbenchError as exc:
        _flash(str(exc))


def _panel(seg_id: int) -> Panel:
    """The side panel of a segment, computed once per version of it and of the TM."""
    seg = db.load_segment(seg_id)
    semantic = bool(state.get("semantic", False))
    key = (seg_id, seg.version, db.tm.version(), semantic, glossary_version())
    if key not in panels:
        if len(panels) > 64:
            panels.clear()
        try:
            panels[key] = db.side_panel(seg_id, semantic=semantic)
        except WorkbenchError as exc:  # the glossary cannot be read: show the rest
            state["glossary_error"] = str(exc)
            panels[key] = db.side_panel(seg_id, semantic=semantic, terms=False)
    return panels[key]


def _md(text: str) -> str:
    """``text`` safe for st.markdown (no markup, no HTML)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>~<$])", r"\\\1", text) or " "


def _highlighted(source: str, terms: list[TermHit]) -> str:
    """``source`` as markdown with the glossary terms' spans on an orange background."""
    spans = sorted(span for hit in terms for span in hit.spans)
    out: list[str] = []
    at = 0
    for start, end in spans:
        if start < at:
            continue
        out.append(_md(source[at:start]) if start > at else "")
        out.append(f":orange-background[{_md(source[start:end])}]")
        at = end
    out.append(_md(source[at:]) if at < len(source) else "")
    return "".join(out) or " "


def _shortcuts(focus: str | None) -> None:
    """The keyboard shortcuts and the focus after a move.

    The script is the same on every run (Streamlit runs it once per tab); what
    changes is the configuration it reads from a ``<div>``: the current segment
    and the box to focus when ``nonce`` moves on.
    """
    st.html(
        f"<div id='wb-config' hidden data-current='{state.get(current_key)}' "
        f"data-focus='{html.escape(focus or '')}' data-nonce='{state.get('focus_nonce', 0)}'>"
        "</div>"
    )


_SCRIPT = """
(() => {
  const doc = window.document;
  if (window.__wbKeys) return;
  window.__wbKeys = true;
  const config = () => {
    const el = doc.getElementById('wb-config');
    return el ? el.dataset : {};
  };
  const rowOf = (el) => {
    const row = el && el.closest ? el.closest('[class*="st-key-row_"]') : null;
    const m = row ? row.className.match(/st-key-row_(\\d+)/) : null;
    return m ? m[1] : null;
  };
  // run fn once the app has been idle for a moment (or after 10 s)
  const whenIdle = (fn) => {
    const started = Date.now();
    let idleSince = null;
    const tick = () => {
      const now = Date.now();
      const running = doc.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
      idleSince = running ? null : (idleSince === null ? now : idleSince);
      if ((idleSince !== null && now - idleSince >= 250) || now - started > 10000) fn();
      else setTimeout(tick, 50);
    };
    setTimeout(tick, 100);
  };
  const isConfirmed = (row) => {
    const badge = doc.querySelector(`.st-key-row_${row} [data-testid="stMarkdownContainer"] code`);
    return !!badge && ['translated', 'reviewed', 'approved'].includes(badge.textContent.trim());
  };
  // blur the box (which saves what was typed), then click once the app is idle, on the
  // button of the page as it now is; a confirm that a busy server dropped (a run
  // replaced by another) is clicked again until the row says it is confirmed
  const press = (selector, active, row) => {
    if (!doc.querySelector(selector)) return;
    if (active && active.tagName === 'TEXTAREA') active.blur();
    const attempt = (left) => whenIdle(() => {
      if (row !== null && isConfirmed(row) && left < 3) return;
      const button = doc.querySelector(selector);
      if (button && !button.disabled) button.click();
      if (row !== null && left > 0) setTimeout(() => attempt(left - 1), 1000);
    });
    attempt(3);
  };
  doc.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const active = doc.activeElement;
    const row = rowOf(active);
    let selector = null;
    if (e.key === 'Enter') {
      selector = row !== null ? `.st-key-confirm_${row} button`
                              : '.st-key-confirm_current button';
    } else if (e.code === 'KeyS') {
      selector = '.st-key-copy_source button';
    } else if (e.code === 'KeyM') {
      selector = '.st-key-insert_mt button';
    } else if (/^Digit[1-5]$/.test(e.code)) {
      const kind = e.shiftKey ? 'insert_term' : 'insert_tm';
      selector = `.st-key-${kind}_${e.code.slice(5)} button`;
    }
    if (!selector) return;
    e.preventDefault();
    e.stopPropagation();
    press(selector, active, e.key === 'Enter' ? row : null);
  }, true);
  // a box that gets the focus makes its segment the current one (the side panel follows)
  doc.addEventListener('focusin', (e) => {
    const row = rowOf(e.target);
    if (e.target.tagName === 'TEXTAREA' && row !== null && row !== config().current) {
      const pick = doc.querySelector(`.st-key-pick_${row} button`);
      if (pick) pick.click();
    }
  });
  // after a move (confirm and next, insert), focus the current segment's box
  let handled = null;
  setInterval(() => {
    const c = config();
    if (!c.focus || c.nonce === undefined || c.nonce === handled) return;
    const box = doc.querySelector(`textarea[aria-label="${c.focus}"]`);
    if (!box || box.disabled) return;
    handled = c.nonce;
    if (doc.activeElement !== box) {
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    }
  }, 150);
})();
"""

# -- the page ---------------------------------------------------------------------------

st.title(f"Edit · {doc_info.name}")
st.caption(
    f"{doc_info.src_lang} → {doc_info.tgt_lang} · {doc_info.segments} segments · every change "
    "is saved at once: Ctrl+Enter or leaving a box saves a draft; **Confirm** marks the "
    "segment translated and adds it to the translation memory. "
    + " · ".join(f"**{k}** {v}" for k, v in SHORTCUTS)
)
# the shortcuts' listener first, so that it is there before the rows are
st.html(f"<script>{_SCRIPT}</script>", unsafe_allow_javascript=True)
if "flash" in state:
    st.error(state.pop("flash"))

f1, f2, f3, f4, f5 = st.columns([2.2, 2, 1.3, 1.1, 0.8], vertical_alignment="bottom")
statuses = f1.multiselect(
    "Show statuses", list(Status), format_func=lambda s: s.label, placeholder="All statuses"
)
search = f2.text_input("Search source and target", placeholder="text…")
low = f3.checkbox(
    "Low confidence",
    help=f"Unconfirmed segments whose target came with a score under {LOW_CONFIDENCE:g}% "
    "(fuzzy TM matches, aligned pairs)",
)
with_issues = f4.checkbox(
    "QA issues",
    help="Translated segments the QA checks find something in (numbers, punctuation, glossary…)",
)
size = int(f5.selectbox("Rows", PAGE_SIZES, index=1))


def _qa() -> dict[int, list[str]]:
    """The QA findings of this document, computed again only when a segment changed."""
    key = (doc_info.id, *db.document_stamp(doc_info.id), glossary_version())
    cached = state.get("qa_cache")
    if cached is None or cached[0] != key:
        cached = state["qa_cache"] = (key, db.qa_issues(doc_info.id))
    found: dict[int, list[str]] = cached[1]
    return found


issues = _qa() if with_issues else {}
filters: dict[str, Any] = {
    "statuses": statuses,
    "search": search,
    "below_score": LOW_CONFIDENCE if low else None,
    "ids": list(issues) if with_issues else None,
}
total = db.segment_page(doc_info.id, limit=1, **filters).total
pages = max(1, -(-total // size))
page = 1
if pages > 1:
    if int(state.get(page_key, 1)) > pages:
        state[page_key] = pages
    page = int(st.columns([1, 4])[0].number_input(f"Page (of {pages})", 1, pages, key=page_key))
offset = (page - 1) * size
shown = db.segment_page(doc_info.id, offset=offset, limit=size, **filters).segments
if not shown:
    st.info("No segment matches the filters.")
    st.stop()

ids = [s.id for s in shown if s.id is not None]
if state.get(current_key) not in ids:
    first_open = next((s for s in shown if not s.status.is_confirmed), shown[0])
    state[current_key] = first_open.id
current_id: int = state[current_key]
after_page = (
    db.segment_page(doc_info.id, offset=offset + size, limit=1, **filters).segments
    if page < pages
    else []
)

grid, side = st.columns([2.3, 1], gap="medium")
focus_label: str | None = None
with grid:
    for pos, seg in enumerate(shown):
        assert seg.id is not None
        known.setdefault(seg.id, seg.version)
        if known[seg.id] < seg.version and seg.id not in conflicts:
            known[seg.id] = seg.version
        opened.setdefault(seg.id, time.time())
        if pos + 1 < len(shown):
            next_id, next_page = shown[pos + 1].id, None
        elif after_page:
            next_id, next_page = after_page[0].id, page + 1
        else:
            next_id, next_page = None, None
        widget_key = f"target_{seg.id}_{seg.version}"
        is_current = seg.id == current_id
        if is_current:
            focus_label = f"Target {seg.index + 1}"
        with st.container(border=True, key=f"row_{seg.id}"):
            num, src, tgt, act = st.columns([0.75, 4, 4, 1.6], vertical_alignment="center")
            num.button(
                f"{seg.index + 1}",
                key=f"pick_{seg.id}",
                type="primary" if is_current else "tertiary",
                on_click=_make_current,
                args=(seg.id,),
                help="Open this segment in the side panel",
            )
            src.markdown(_md(seg.source))
            tgt.text_area(
                f"Target {seg.index + 1}",
                value=seg.target,
                key=widget_key,
                label_visibility="collapsed",
                height=68,
                on_change=_save,
                args=(seg.id, widget_key),
                placeholder="Type the translation…",
            )
            act.markdown(f"`{seg.status.value}`")
            act.button(
                "Confirm",
                key=f"confirm_{seg.id}",
                on_click=_confirm,
                args=(seg.id, widget_key, next_id, next_page),
                type="primary" if not seg.status.is_confirmed else "secondary",
                help="Save, mark as translated, add to the TM and go to the next (Alt+Enter)",
            )
            if seg.provenance.origin.value != "none":
                tgt.caption(seg.provenance.describe())
            for finding in issues.get(seg.id, []):
                tgt.caption(f":material/report: {_md(finding)}")
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
                b.button(
                    "Keep saved", key=f"theirs_{seg.id}", on_click=_resolve, args=(seg.id, theirs)
                )

with side, st.container(border=True, key="side_panel"):
    panel = _panel(current_id)
    seg = panel.segment
    pos = ids.index(current_id)
    widget_key = f"target_{seg.id}_{seg.version}"
    st.markdown(f"**Segment {seg.index + 1}** · `{seg.status.value}`")
    st.markdown(_highlighted(seg.source, panel.terms))
    b1, b2 = st.columns(2)
    nxt = shown[pos + 1].id if pos + 1 < len(shown) else (after_page[0].id if after_page else None)
    b1.button(
        "Confirm & next",
        key="confirm_current",
        type="primary",
        on_click=_confirm,
        args=(current_id, widget_key, nxt, page + 1 if pos + 1 == len(shown) and nxt else None),
        help="Alt+Enter",
    )
    b2.button(
        "Copy source",
        key="copy_source",
        on_click=_action,
        args=(current_id, "source"),
        help="Alt+S",
    )

    st.markdown("**Machine translation**")
    if panel.mt is None:
        st.caption("No MT yet: translate the document on the Translate page.")
    else:
        st.markdown(_md(panel.mt[0]))
        st.caption(panel.mt[1].describe())
    st.button(
        "Insert MT",
        key="insert_mt",
        on_click=_action,
        args=(current_id, "mt"),
        disabled=panel.mt is None,
        help="Alt+M",
    )

    st.markdown("**Translation memory**")
    st.checkbox(
        "Semantic matches too",
        key="semantic",
        help="Near-paraphrases by multilingual sentence embeddings (the model loads once)",
    )
    if not panel.matches:
        st.caption("No match at or above 70%.")
    for i, shown_match in enumerate(panel.matches):
        match = shown_match.match
        unit = match.unit
        st.markdown(
            f"**{i + 1}.** `{match.label}` {match.kind} · {_md(unit.origin)} · "
            f"used {unit.usage_count}×",
        )
        st.markdown(f"<div class='wb-diff'>{shown_match.diff}</div>", unsafe_allow_html=True)
        st.markdown(_md(match.target))
        st.button(
            f"Insert match {i + 1}",
            key=f"insert_tm_{i + 1}",
            on_click=_action,
            args=(current_id, "tm", i),
            help=f"Alt+{i + 1}",
        )

    st.markdown("**Glossary**")
    if "glossary_error" in state:
        st.caption(f":material/warning: {_md(state.pop('glossary_error'))}")
    if not panel.terms:
        st.caption("No glossary term in this sentence.")
    for i, hit in enumerate(panel.terms):
        avoid = f" · avoid: {', '.join(hit.forbidden)}" if hit.forbidden else ""
        seen = f" ({hit.text})" if hit.text.casefold() != hit.source.casefold() else ""
        t1, t2 = st.columns([4, 1], vertical_alignment="center")
        t1.markdown(
            f"**{i + 1}.** {_md(hit.source + seen)} → **{_md(hit.target)}**{_md(avoid)}",
            help=hit.note or None,
        )
        t2.button(
            "Insert",
            key=f"insert_term_{i + 1}",
            on_click=_action,
            args=(current_id, "term", i),
            help=f"Insert “{hit.target}” into the target, in place of a forbidden variant "
            f"if it has one (Alt+Shift+{i + 1})"
            if i < 5
            else f"Insert “{hit.target}” into the target",
        )

    with st.expander(f"History ({len(panel.history)})"):
        for entry in reversed(panel.history):
            st.markdown(
                f"v{entry.version} · `{entry.status.value}` · {_md(entry.provenance.describe())}"
            )
            st.markdown(_md(entry.target) if entry.target else "_(empty)_")
            st.button(
                "Revert to this",
                key=f"revert_{seg.id}_{entry.version}",
                on_click=_revert,
                args=(current_id, entry.version),
            )
    with st.expander("Split or merge"):
        st.text_input("Split before", key="split_at", placeholder="words that start part two")
        s1, s2 = st.columns(2)
        s1.button("Split", key="split", on_click=_split, args=(current_id,))
        s2.button(
            "Merge with next",
            key="merge",
            on_click=_merge,
            args=(current_id,),
            help="Join this segment and the next one of its paragraph",
        )

if st.toggle(
    "Post-editing effort", key="show_effort", help="Time and HTER per translator and per document"
):
    for title, doc_only in (("By translator, this document", True), ("By document", False)):
        rows = (
            db.effort_report(by="user", document_id=doc_info.id)
            if doc_only
            else db.effort_report(by="document")
        )
        st.markdown(f"**{title}**")
        if not rows:
            st.caption("Nothing confirmed yet.")
            continue
        st.dataframe(
            [
                {
                    "": r.key,
                    "segments": r.segments,
                    "minutes": round(r.seconds / 60, 1),
                    "s / segment": round(r.seconds_per_segment, 1),
                    "words / hour": round(r.words_per_hour),
                    "MT segments": r.mt_segments,
                    "HTER": None if r.hter is None else round(r.hter, 3),
                }
                for r in rows
            ],
            hide_index=True,
        )

st.html(
    "<style>.wb-diff del{color:#b3261e;text-decoration:line-through}"
    ".wb-diff ins{color:#1b6e20;text-decoration:underline;text-decoration-thickness:2px}"
    ".wb-diff{font-size:0.9em;opacity:0.9}</style>"
)
_shortcuts(focus_label)
