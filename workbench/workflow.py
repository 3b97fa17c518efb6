"""Operations over the store shared by the CLI and the app: translate, edit, sample.

Each function takes a :class:`~workbench.store.Store` and plain values, does one
job and returns a plain result, so that both front ends stay thin.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from workbench.documents import new_document
from workbench.engines.base import Engine
from workbench.errors import WorkbenchError
from workbench.model import Document, Paragraph, Provenance, Segment, Status
from workbench.store import Store

log = logging.getLogger(__name__)

SAMPLE_PROJECT = "Sample: China–Russia media forum"
SAMPLE_ARTICLE = "media-forum"


def translate_document(
    store: Store,
    doc_id: int,
    engine: Engine,
    *,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Machine-translate the document's segments and save the drafts at once.

    Segments a person has confirmed are never touched; other segments with a
    target are kept unless ``overwrite``.  Returns the number of segments written.
    """
    doc = store.load_document(doc_id)
    if (engine.src_lang, engine.tgt_lang) != (doc.src_lang, doc.tgt_lang):
        raise WorkbenchError(
            f"the engine translates {engine.src_lang}->{engine.tgt_lang} but the document "
            f"{doc.name!r} is {doc.src_lang}->{doc.tgt_lang}: pick a model for that direction"
        )
    todo: list[Segment] = [
        s for s in doc.segments if not s.status.is_confirmed and (overwrite or not s.target.strip())
    ]
    results = engine.translate([s.source for s in todo], progress=progress)
    return store.save_translations(
        (s.id, r.text, Status.DRAFT, r.provenance)
        for s, r in zip(todo, results, strict=True)
        if s.id is not None
    )


def edit_segment(
    store: Store,
    segment_id: int,
    target: str,
    *,
    confirm: bool,
    user: str,
    expected_version: int | None,
) -> Segment:
    """Save a person's edit; ``confirm`` marks it translated, otherwise it stays a draft.

    A confirmed segment enters the project's translation memory at once.
    """
    status = Status.TRANSLATED if confirm else Status.for_target(target)
    saved = store.save_segment(
        segment_id,
        target,
        status=status,
        provenance=Provenance.human(user),
        expected_version=expected_version,
    )
    if confirm and target.strip():
        from workbench.tm import TranslationMemory

        src, tgt = store.segment_languages(segment_id)
        TranslationMemory(store.tm_units).add_pairs(
            [(saved.source, saved.target)],
            src_lang=src,
            tgt_lang=tgt,
            origin="segment",
            creator=user,
            contexts=[store.neighbours(segment_id)],
        )
    return saved


def import_article(
    store: Store,
    project: str,
    path: Path,
    *,
    src_lang: str | None,
    tgt_lang: str,
    name: str | None = None,
    paragraphs: list[Paragraph] | None = None,
) -> int:
    """Read an article file, segment it and add it to ``project`` (created if missing).

    ``paragraphs``: the file's paragraphs when the caller has read them already.
    """
    from workbench.formats import read_article
    from workbench.languages import detect_or_fail

    if paragraphs is None:
        paragraphs = read_article(path)
    return add_article(
        store,
        project,
        name or path.name,
        paragraphs,
        src_lang=src_lang or detect_or_fail((p.source for p in paragraphs), path.name),
        tgt_lang=tgt_lang,
    )


def import_bilingual(
    store: Store,
    project: str,
    path: Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    name: str | None = None,
) -> int:
    """Add a bilingual file (XLIFF, TMX, CSV/TSV, review table) to ``project`` as a
    document with its targets, statuses and notes; languages come from the file
    (``src_lang``/``tgt_lang`` must agree with it, and are needed where it is silent)."""
    from workbench.formats.convert import read_document

    doc = read_document(path, src_lang=src_lang, tgt_lang=tgt_lang, name=name or path.name)
    return add_translated_document(store, project, doc, culprit=path.name)


def add_translated_document(store: Store, project: str, doc: Document, *, culprit: str) -> int:
    """Store ``doc`` (read from the file ``culprit``, translations and all) in ``project``."""
    if doc.src_lang == doc.tgt_lang:
        raise WorkbenchError(
            f"{culprit}: source and target language are both {doc.src_lang!r}; "
            "pass --src-lang/--tgt-lang to say which is which"
        )
    return store.add_document(store.project_id(project, create=True), doc)


def add_article(
    store: Store,
    project: str,
    name: str,
    paragraphs: list[Paragraph] | list[str],
    *,
    src_lang: str,
    tgt_lang: str,
) -> int:
    """Segment ``paragraphs`` into a new document of ``project``; return its id."""
    if src_lang == tgt_lang:
        raise WorkbenchError(
            f"source and target language are both {src_lang!r}: pick a different target"
        )
    doc = new_document(name, src_lang, tgt_lang, paragraphs)
    if not doc.segments:
        raise WorkbenchError(f"{name} has no text to translate")
    return store.add_document(store.project_id(project, create=True), doc)


def ensure_sample(store: Store, corpora: Path) -> int | None:
    """Create the sample project from ``corpora`` on first run; return its id.

    Returns ``None`` (and logs why) when the sample files are not there.
    """
    for info in store.projects():
        if info.name == SAMPLE_PROJECT:
            return info.id
    source = corpora / f"{SAMPLE_ARTICLE}.en.txt"
    if not source.is_file():
        log.warning("sample article %s not found; no sample project created", source)
        return None
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    # the first line is the headline
    paragraphs = [Paragraph(i, text, "h1" if i == 0 else "p") for i, text in enumerate(lines)]
    project_id = store.create_project(SAMPLE_PROJECT)
    for tgt in ("zh", "ru"):
        name = f"{SAMPLE_ARTICLE} (en→{tgt})"
        add_article(store, SAMPLE_PROJECT, name, paragraphs, src_lang="en", tgt_lang=tgt)
    return project_id
