"""The application object: one :class:`Project` per store, every use case one of its methods.

The CLI and the Streamlit pages build a Project (from the settings, or over a
store they already have), make one call and print or draw; neither holds logic
the other would need.  The Project owns

* the store (opened on first use, so that a bad input file fails before the
  database library loads),
* the translation memory over the store's units,
* the project termbase and its one matcher (read again when the file changes),
  used by MT enforcement, the Edit panel, QA and the QA filter alike,
* the engine factory: select (CTranslate2 / transformers / pivot) → enforce the
  glossary → cache in the store, the cache keyed by the glossary's version,
* the user recorded on edits.

>>> project = Project("sqlite://", user="anna")
>>> doc = project.add_article("Desk", "note", ["TASS agreed. It rained."], src_lang="en",
...                           tgt_lang="zh")
>>> seg = project.load_document(doc).segments[0]
>>> project.confirm(seg.id, "塔斯社表示同意。", expected_version=0, seconds=3).status.value
'translated'
>>> [m.target for m in project.side_panel(seg.id).matches]
['塔斯社表示同意。']
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from workbench.errors import GlossaryError, WorkbenchError
from workbench.model import (
    Document,
    HistoryEntry,
    Paragraph,
    Provenance,
    Segment,
    Status,
)
from workbench.project.editing import Panel, ShownMatch, mt_suggestion, needs_translation

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.engines.base import Engine, ProgressCallback
    from workbench.glossary import Termbase
    from workbench.glossary.hits import TermHit
    from workbench.glossary.match import TermMatcher
    from workbench.qa.report import QAReport
    from workbench.store import DocumentInfo, ProjectInfo, SegmentPage, Store
    from workbench.tm import TmMatch, TranslationMemory
    from workbench.tm.effort import EffortSummary

log = logging.getLogger(__name__)

#: the project the sample articles go into on first run
SAMPLE_PROJECT = "Sample: China–Russia media forum"
SAMPLE_ARTICLE = "media-forum"
#: how many loaded models a Project keeps (each OPUS-MT model holds a few hundred MB)
MAX_ENGINES = 4


@dataclass(frozen=True)
class TranslateResult:
    """What a translate run did: targets from the TM by kind, from MT, and what it left.

    ``written`` is how many segments got a new target.
    """

    context: int = 0
    exact: int = 0
    fuzzy: int = 0
    mt: int = 0
    #: segments still without a target (no match, and no engine)
    untranslated: int = 0
    #: confirmed segments, and drafts kept without ``overwrite``
    kept: int = 0

    @property
    def from_tm(self) -> int:
        return self.context + self.exact + self.fuzzy

    @property
    def written(self) -> int:
        return self.from_tm + self.mt


@dataclass(frozen=True)
class EngineSpec:
    """Which model to load for a direction: the settings of the base engine."""

    model: str | None = None
    backend: str = "auto"
    beams: int = 1
    batch_size: int = 16


@dataclass
class _Glossary:
    """The termbase read from one state of the glossary file."""

    stamp: tuple[str, int, int]
    termbase: Termbase
    matcher: TermMatcher
    version: str


class Project:
    """The workbench over one store: every use case of the CLI and the app is a method.

    ``store``: a :class:`~workbench.store.Store`, or its location (a path or a
    SQLAlchemy URL), opened on first use.  ``glossary``: the project termbase
    (TBX or CSV); ``None`` for none.  ``corpora``: the folder of the sample article
    (default: the one shipped in the package).  Use :meth:`from_settings` for the
    user's project (database, glossary, user and sample articles from the settings).
    """

    def __init__(
        self,
        store: Store | str | os.PathLike[str],
        *,
        glossary: str | os.PathLike[str] | None = None,
        user: str = "translator",
        corpora: str | os.PathLike[str] | None = None,
        engine_loader: Callable[[str, str, EngineSpec], Engine] | None = None,
    ) -> None:
        self._store: Store | None = None
        self._location: str | None = None
        if isinstance(store, str | os.PathLike):
            self._location = os.fspath(store)
        else:
            self._store = store
        self.glossary_path = Path(glossary).expanduser() if glossary is not None else None
        self.user = user
        self.corpora = Path(corpora) if corpora else None
        self._engine_loader = engine_loader
        self._lock = threading.RLock()
        #: held while a model loads (seconds), so that it holds up no other work
        self._engine_lock = threading.Lock()
        self._tm: TranslationMemory | None = None
        self._glossaries: dict[Path, _Glossary] = {}
        #: the loaded models, most recently used last (at most MAX_ENGINES kept)
        self._engines: OrderedDict[tuple[str, str, EngineSpec], Engine] = OrderedDict()

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> Project:
        """The user's project: the database, glossary and user of ``settings``
        (default: :func:`~workbench.config.load_settings`), with ``overrides`` applied.

        The glossary setting names the project glossary; it is made from the
        shipped one the first time it is read.
        """
        from workbench.config import load_settings

        settings = settings or load_settings()
        if overrides:
            settings = replace(settings, **overrides)
        return cls(
            settings.db, glossary=settings.glossary, user=settings.user, corpora=settings.corpora
        )

    def __repr__(self) -> str:
        where = self._store.url if self._store is not None else self._location
        return f"Project({where!r}, glossary={self.glossary_path!s}, user={self.user!r})"

    # -- what the project owns ----------------------------------------------------------

    @property
    def store(self) -> Store:
        """The project database (opened on first use)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from workbench.store import Store

                    assert self._location is not None
                    self._store = Store(self._location)
        return self._store

    @property
    def tm(self) -> TranslationMemory:
        """The translation memory kept in the store."""
        if self._tm is None:
            from workbench.tm import TranslationMemory

            self._tm = TranslationMemory(self.store.tm_units)
        return self._tm

    def glossary_file(self) -> Path | None:
        """The project glossary file, made from the shipped glossary the first time;
        ``None`` where the project has none."""
        if self.glossary_path is None:
            return None
        from workbench.glossary import project_glossary

        return project_glossary(self.glossary_path)

    def _glossary(self, path: Path | None = None) -> _Glossary | None:
        """The termbase at ``path`` (default: the project glossary), read again when the
        file changes; ``None`` where the project has no glossary."""
        if path is None:
            path = self.glossary_file()
            if path is None:
                return None
        try:
            info = path.stat()
        except OSError as exc:
            raise GlossaryError(
                f"cannot read the glossary {path} ({exc.strerror or exc}): check the path "
                "(the project glossary is the glossary setting, WORKBENCH_GLOSSARY)"
            ) from exc
        stamp = (str(path), info.st_mtime_ns, info.st_size)
        with self._lock:
            found = self._glossaries.get(path)
            if found is not None and found.stamp == stamp:
                return found
        from workbench.glossary import parse_termbase, read_glossary_bytes
        from workbench.glossary.match import TermMatcher

        data = read_glossary_bytes(path)  # read once: parsed, and hashed into the version
        termbase = parse_termbase(data, str(path))
        loaded = _Glossary(
            stamp,
            termbase,
            TermMatcher(termbase),
            hashlib.sha256(data).hexdigest()[:16],
        )
        with self._lock:
            self._glossaries[path] = loaded
        return loaded

    def termbase(self, path: str | os.PathLike[str] | None = None) -> Termbase | None:
        """The project termbase (or the one at ``path``); ``None`` without a glossary."""
        found = self._glossary(Path(path) if path is not None else None)
        return found.termbase if found else None

    def matcher(self, path: str | os.PathLike[str] | None = None) -> TermMatcher | None:
        """The one term matcher over :meth:`termbase` (lemmas for Russian, words for Chinese)."""
        found = self._glossary(Path(path) if path is not None else None)
        return found.matcher if found else None

    def glossary_version(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """A hash of the glossary file: results that depend on the glossary are keyed by it."""
        found = self._glossary(Path(path) if path is not None else None)
        return found.version if found else None

    # -- engines ------------------------------------------------------------------------

    def base_engine(self, src_lang: str, tgt_lang: str, spec: EngineSpec | None = None) -> Engine:
        """The model for a direction (CTranslate2 where converted, a pivot for zh↔ru),
        loaded once per Project and shared (engines are thread-safe); the least recently
        used of more than :data:`MAX_ENGINES` models is let go."""
        spec = spec or EngineSpec()
        key = (src_lang, tgt_lang, spec)
        with self._engine_lock:
            engine = self._engines.get(key)
            if engine is None:
                if self._engine_loader is not None:
                    engine = self._engine_loader(src_lang, tgt_lang, spec)
                else:
                    from workbench.engines import select_engine

                    engine = select_engine(
                        src_lang,
                        tgt_lang,
                        model=spec.model or None,
                        backend=spec.backend,
                        batch_size=spec.batch_size,
                        num_beams=spec.beams,
                    )
                self._engines[key] = engine
                while len(self._engines) > MAX_ENGINES:
                    self._engines.popitem(last=False)
            self._engines.move_to_end(key)
            return engine

    def engine(
        self,
        src_lang: str,
        tgt_lang: str,
        spec: EngineSpec | None = None,
        *,
        glossary: bool | str | os.PathLike[str] = True,
        cache: bool = True,
        base: Engine | None = None,
    ) -> Engine:
        """The engine stack for a direction: the model → the glossary enforced → the cache.

        ``glossary``: ``True`` enforces the project glossary, ``False`` none, a path
        that termbase.  ``cache`` keeps results in the store (keyed by model,
        settings and the glossary's version).  ``base`` replaces the model (a
        test engine, an engine the caller loaded).
        """
        engine = base or self.base_engine(src_lang, tgt_lang, spec)
        if (engine.src_lang, engine.tgt_lang) != (src_lang, tgt_lang):
            raise WorkbenchError(
                f"the engine translates {engine.src_lang}->{engine.tgt_lang}, not "
                f"{src_lang}->{tgt_lang}: pick a model for that direction"
            )
        version: str | None = None
        if glossary is not False:
            found = self._glossary(None if glossary is True else Path(glossary))
            if found is not None:
                from workbench.glossary.enforce import TermEnforcingEngine

                engine = TermEnforcingEngine(engine, found.termbase, matcher=found.matcher)
                version = found.version
        if cache:
            from workbench.engines.cache import CachedEngine

            engine = CachedEngine(engine, self.store.mt_cache, glossary_version=version)
        return engine

    def translate_lines(
        self,
        lines: Sequence[str],
        src_lang: str,
        tgt_lang: str,
        spec: EngineSpec | None = None,
        *,
        glossary: bool | str | os.PathLike[str] = False,
    ) -> list[str]:
        """Translate ``lines`` (nothing stored, no cache); the glossary as in :meth:`engine`."""
        engine = self.engine(src_lang, tgt_lang, spec, glossary=glossary, cache=False)
        return [r.text for r in engine.translate(list(lines))]

    # -- projects and documents ---------------------------------------------------------

    def projects(self) -> list[ProjectInfo]:
        return self.store.projects()

    def project_id(self, name: str, *, create: bool = False) -> int:
        """The id of the project ``name`` (created if ``create`` and missing)."""
        return self.store.project_id(name, create=create)

    def documents(self, project: str | int) -> list[DocumentInfo]:
        """The documents of a project (by name or id) with their counts."""
        project_id = project if isinstance(project, int) else self.store.project_id(project)
        return self.store.documents(project_id)

    def document_id(self, project: str, document: str) -> int:
        """The id of the document named ``document`` in the project named ``project``."""
        return self.store.document_id(self.store.project_id(project), document)

    def document_info(self, doc_id: int) -> DocumentInfo:
        return self.store.document_info(doc_id)

    def load_document(self, doc_id: int, *, history: bool = False) -> Document:
        """The stored document; with ``history``, each segment's earlier states too."""
        doc = self.store.load_document(doc_id)
        if history:
            for seg in doc.segments:
                if seg.id is not None and seg.version > 0:
                    seg.history = self.store.segment_history(seg.id)
        return doc

    def segment_page(self, doc_id: int, **filters: Any) -> SegmentPage:
        """A page of a document's segments (see :meth:`Store.segment_page`)."""
        return self.store.segment_page(doc_id, **filters)

    def document_stamp(self, doc_id: int) -> tuple[int, int]:
        """Changes whenever a segment of the document is saved, split or merged."""
        return self.store.document_stamp(doc_id)

    def delete_document(self, doc_id: int) -> None:
        self.store.delete_document(doc_id)

    # -- import -------------------------------------------------------------------------

    def add_article(
        self,
        project: str,
        name: str,
        paragraphs: Sequence[Paragraph] | Sequence[str],
        *,
        src_lang: str | None,
        tgt_lang: str,
    ) -> int:
        """Segment ``paragraphs`` into a new document of ``project`` (created if missing).

        ``src_lang`` ``None``: detected from the text (an error names ``name`` where it
        cannot be told)."""
        from workbench.documents import new_document

        if src_lang is None:
            src_lang = _detected(paragraphs, name, fix="choose the source language (en, zh or ru)")
        if src_lang == tgt_lang:
            raise WorkbenchError(
                f"source and target language are both {src_lang!r}: pick a different target"
            )
        doc = new_document(name, src_lang, tgt_lang, paragraphs)
        if not doc.segments:
            raise WorkbenchError(f"{name} has no text to translate")
        return self.store.add_document(self.store.project_id(project, create=True), doc)

    def add_translated(self, project: str, doc: Document, *, culprit: str) -> int:
        """Store ``doc`` (read from the file ``culprit``, translations and all) in ``project``."""
        if doc.src_lang == doc.tgt_lang:
            raise WorkbenchError(
                f"{culprit}: source and target language are both {doc.src_lang!r}; "
                "pass --src-lang/--tgt-lang to say which is which"
            )
        return self.store.add_document(self.store.project_id(project, create=True), doc)

    def import_file(
        self,
        project: str,
        path: str | os.PathLike[str],
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        name: str | None = None,
    ) -> int:
        """Add a file to ``project``: an article is segmented for translation into
        ``tgt_lang``; a bilingual file (XLIFF, TMX, CSV, review table) keeps its targets,
        statuses and notes, its languages from the file.  The file is read and checked
        before the store is touched."""
        from workbench.formats.convert import import_format, read_document

        file = Path(path)
        fmt = import_format(file)
        if fmt.can_read_bilingual:
            doc = read_document(file, src_lang=src_lang, tgt_lang=tgt_lang, name=name or file.name)
            return self.add_translated(project, doc, culprit=file.name)
        paragraphs = fmt.read_article(file)
        if tgt_lang is None:
            raise WorkbenchError(
                f"{file.name} is an article: pass --tgt-lang en, zh or ru (the language to "
                "translate it into)"
            )
        return self.add_article(
            project,
            name or file.name,
            paragraphs,
            src_lang=src_lang or _detected(paragraphs, file.name),
            tgt_lang=tgt_lang,
        )

    def ensure_sample(self, corpora: str | os.PathLike[str] | None = None) -> int | None:
        """Create the sample project on first run from the sample article in ``corpora``
        (default: the corpora setting, else the articles shipped in the package); its id.

        Returns ``None`` (and logs why) when the sample article is not there.
        """
        for info in self.store.projects():
            if info.name == SAMPLE_PROJECT:
                return info.id
        corpora = corpora or self.corpora
        if corpora is None:
            from workbench.resources import sample_articles

            corpora = sample_articles()
        source = Path(corpora) / f"{SAMPLE_ARTICLE}.en.txt"
        if not source.is_file():
            log.warning("sample article %s not found; no sample project created", source)
            return None
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        # the first line is the headline
        paragraphs = [Paragraph(i, t, "h1" if i == 0 else "p") for i, t in enumerate(lines)]
        project_id = self.store.create_project(SAMPLE_PROJECT)
        for tgt in ("zh", "ru"):
            self.add_article(
                SAMPLE_PROJECT,
                f"{SAMPLE_ARTICLE} (en→{tgt})",
                paragraphs,
                src_lang="en",
                tgt_lang=tgt,
            )
        return project_id

    # -- translation memory -------------------------------------------------------------

    def add_to_memory(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        src_lang: str,
        tgt_lang: str,
        origin: str,
    ) -> int:
        """Add aligned or imported ``(source, target)`` pairs to the TM (by this user)."""
        return self.tm.add(
            pairs, src_lang=src_lang, tgt_lang=tgt_lang, origin=origin, creator=self.user
        )

    def import_tmx(
        self,
        path: str | os.PathLike[str],
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
    ) -> Any:
        """Add the units of a TMX file to the TM; returns the :class:`AddResult`."""
        from workbench.tm.tmx import import_tmx

        return import_tmx(self.tm, path, src_lang=src_lang, tgt_lang=tgt_lang, creator=self.user)

    def export_tmx(
        self,
        path: str | os.PathLike[str],
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
    ) -> int:
        """Write one language pair of the TM as TMX; returns how many units."""
        from workbench.tm.tmx import export_tmx

        return export_tmx(self.tm, path, src_lang=src_lang, tgt_lang=tgt_lang)

    # -- translate ----------------------------------------------------------------------

    def translate_document(
        self,
        doc_id: int,
        engine: Engine | Callable[[], Engine] | None = None,
        *,
        tm_threshold: float | None = None,
        overwrite: bool = False,
        progress: ProgressCallback | None = None,
    ) -> TranslateResult:
        """Fill the document's segments from the TM (matches ≥ ``tm_threshold`` percent;
        ``None``: TM off), then from ``engine`` -- plain MT when the TM is off.

        Confirmed segments are never touched, and ones with a target only with
        ``overwrite`` (:func:`~workbench.project.editing.needs_translation`).
        ``engine`` may be a function that returns one (see :meth:`engine`), called
        only when segments are left for MT, so no model loads when the TM covers all.
        An in-context TM match (101%) is saved as translated; other matches and MT
        as drafts, each with its provenance.
        """
        if tm_threshold is not None and not 50 <= tm_threshold <= 101:
            raise WorkbenchError(
                f"the pre-translation threshold is a match percentage from 50 to 101, got "
                f"{tm_threshold:g}: 100 takes exact matches, 101 only in-context ones"
            )
        doc = self.store.load_document(doc_id)
        segments = doc.segments
        total = len(segments)
        writes: list[tuple[int, str, Status, Provenance]] = []
        used: list[TmMatch] = []
        counts = {"context": 0, "exact": 0, "fuzzy": 0, "semantic": 0}
        left: list[int] = []
        kept = 0
        for i, seg in enumerate(segments):
            if seg.id is None:
                continue
            if not needs_translation(seg, overwrite=overwrite):
                kept += 1
                continue
            match = None
            if tm_threshold is not None:
                match = self.tm.best(
                    seg.source,
                    doc.src_lang,
                    doc.tgt_lang,
                    previous=segments[i - 1].source if i > 0 else "",
                    following=segments[i + 1].source if i + 1 < total else "",
                    threshold=tm_threshold,
                )
            if match is None:
                left.append(i)
            else:
                status = Status.TRANSLATED if match.kind == "context" else Status.DRAFT
                writes.append((seg.id, match.target, status, match.provenance()))
                used.append(match)
                counts[match.kind] += 1
        machine = 0
        if left and engine is not None:
            from workbench.engines.base import Engine as EngineBase

            real = engine if isinstance(engine, EngineBase) else engine()
            if (real.src_lang, real.tgt_lang) != (doc.src_lang, doc.tgt_lang):
                raise WorkbenchError(
                    f"the engine translates {real.src_lang}->{real.tgt_lang} but the document "
                    f"{doc.name!r} is {doc.src_lang}->{doc.tgt_lang}: pick a model for that "
                    "direction"
                )
            results = real.translate([segments[i].source for i in left], progress=progress)
            for i, result in zip(left, results, strict=True):
                seg_id = segments[i].id
                assert seg_id is not None  # stored segments have ids
                writes.append((seg_id, result.text, Status.DRAFT, result.provenance))
            machine = len(left)
        self.store.save_translations(writes)
        if used:
            self.tm.mark_used_many(m.unit.id for m in used)
        if progress is not None:
            progress(total, total)
        return TranslateResult(
            context=counts["context"],
            exact=counts["exact"],
            fuzzy=counts["fuzzy"] + counts["semantic"],
            mt=machine,
            untranslated=len(left) - machine,
            kept=kept,
        )

    # -- editing ------------------------------------------------------------------------

    def load_segment(self, segment_id: int) -> Segment:
        return self.store.load_segment(segment_id)

    def segment_history(self, segment_id: int) -> list[HistoryEntry]:
        return self.store.segment_history(segment_id)

    def _save(
        self,
        segment_id: int,
        text: str,
        provenance: Provenance,
        expected_version: int | None,
        status: Status | None = None,
    ) -> Segment:
        return self.store.save_segment(
            segment_id,
            text,
            status=status or Status.for_target(text),
            provenance=provenance,
            expected_version=expected_version,
        )

    def save_draft(self, segment_id: int, text: str, *, expected_version: int | None) -> Segment:
        """Save a person's text as the segment's draft (new again when it is blank)."""
        return self._save(segment_id, text, Provenance.human(self.user), expected_version)

    def confirm(
        self,
        segment_id: int,
        text: str,
        *,
        expected_version: int | None,
        seconds: float = 0.0,
    ) -> Segment:
        """Confirm a segment: save ``text`` as translated, put it in the TM, record the effort.

        An empty text cannot be confirmed; a stale ``expected_version`` raises a
        :class:`~workbench.errors.ConflictError` and changes nothing.
        """
        if not text.strip():
            raise WorkbenchError("type a translation before confirming the segment")
        saved = self._save(
            segment_id, text, Provenance.human(self.user), expected_version, Status.TRANSLATED
        )
        previous, following = self.store.neighbours(segment_id)
        src, tgt = self.store.segment_languages(segment_id)
        self.tm.add_pairs(
            [(saved.source, saved.target)],
            src_lang=src,
            tgt_lang=tgt,
            origin="segment",
            creator=self.user,
            contexts=[(previous, following)],
        )
        from workbench.tm.effort import record_effort

        record_effort(
            self.store.effort,
            saved,
            self.store.segment_history(segment_id),
            tgt_lang=tgt,
            user=self.user,
            seconds=seconds,
        )
        return saved

    def insert_match(
        self, segment_id: int, match: TmMatch, *, expected_version: int | None
    ) -> Segment:
        """Put a TM match's target into the segment (a draft with TM provenance); count the use."""
        saved = self._save(segment_id, match.target, match.provenance(), expected_version)
        self.tm.mark_used(match.unit.id)
        return saved

    def insert_mt(self, segment_id: int, *, expected_version: int | None) -> Segment:
        """Put the segment's MT suggestion back as its target (a draft with MT provenance)."""
        segment = self.store.load_segment(segment_id)
        found = mt_suggestion(segment, self.store.segment_history(segment_id))
        if found is None:
            raise WorkbenchError(
                f"segment {segment.index + 1} has no machine translation yet: translate the "
                "document on the Translate page first"
            )
        return self._save(segment_id, found[0], found[1], expected_version)

    def insert_term(
        self, segment_id: int, hit: TermHit, *, expected_version: int | None
    ) -> Segment:
        """Put a glossary hit's approved target into the segment (a draft by this user): in
        place of a forbidden variant of the term where the target has one, else at its end."""
        from workbench.glossary.hits import with_term

        matcher = self.matcher()
        if matcher is None:
            raise GlossaryError("the project has no glossary: set one on the Glossary page")
        segment = self.store.load_segment(segment_id)
        _, tgt = self.store.segment_languages(segment_id)
        text = with_term(segment.target, hit, tgt, matcher)
        return self._save(segment_id, text, Provenance.human(self.user), expected_version)

    def copy_source(self, segment_id: int, *, expected_version: int | None) -> Segment:
        """Copy the source into the target (for names, numbers, quotes left as they are)."""
        segment = self.store.load_segment(segment_id)
        return self._save(segment_id, segment.source, Provenance.human(self.user), expected_version)

    def revert(self, segment_id: int, version: int) -> Segment:
        """Bring back the target the segment had at ``version`` (recorded as a new change)."""
        return self.store.revert_segment(segment_id, version)

    def split(
        self, segment_id: int, at: int, *, expected_version: int | None
    ) -> tuple[Segment, Segment]:
        """Split a segment's source at character ``at``; the target stays with the first part."""
        return self.store.split_segment(segment_id, at, expected_version=expected_version)

    def merge(self, segment_id: int, *, expected_version: int | None) -> Segment:
        """Merge a segment with the next one of its paragraph."""
        return self.store.merge_segments(segment_id, expected_version=expected_version)

    def term_hits(self, source: str, src_lang: str, tgt_lang: str) -> list[TermHit]:
        """The project glossary's concepts in ``source`` with their approved ``tgt_lang`` terms."""
        from workbench.glossary.hits import glossary_hits

        return glossary_hits(source, src_lang, tgt_lang, self.matcher())

    def side_panel(
        self,
        segment_id: int,
        *,
        threshold: float | None = None,
        limit: int | None = None,
        semantic: bool = False,
        terms: bool = True,
    ) -> Panel:
        """The MT suggestion, TM matches (with their diff), glossary hits (unless not
        ``terms``) and history of one segment.  A glossary that cannot be read raises
        :class:`GlossaryError`."""
        from workbench.tm import DEFAULT_LIMIT, DEFAULT_THRESHOLD
        from workbench.tm.diff import diff_html

        segment = self.store.load_segment(segment_id)
        src, tgt = self.store.segment_languages(segment_id)
        history = self.store.segment_history(segment_id)
        previous, following = self.store.neighbours(segment_id)
        matches = self.tm.lookup(
            segment.source,
            src,
            tgt,
            previous=previous or "",
            following=following or "",
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            limit=limit or DEFAULT_LIMIT,
            semantic=semantic,
        )
        return Panel(
            segment=segment,
            src_lang=src,
            tgt_lang=tgt,
            mt=mt_suggestion(segment, history),
            matches=[ShownMatch(m, diff_html(m.source, segment.source, src)) for m in matches],
            terms=self.term_hits(segment.source, src, tgt) if terms else [],
            history=history,
        )

    # -- QA and effort ------------------------------------------------------------------

    def _terms(self, glossary: bool | str | os.PathLike[str]) -> TermMatcher | None:
        """The matcher QA checks terms with: ``True`` the project glossary, ``False`` none,
        a path that termbase."""
        if glossary is False:
            return None
        return self.matcher(None if glossary is True else glossary)

    def qa_document(
        self,
        doc_id: int,
        *,
        checks: Iterable[str] | None = None,
        glossary: bool | str | os.PathLike[str] = True,
    ) -> QAReport:
        """The QA report of a stored document (checks with the project glossary, and the
        post-editing effort)."""
        from workbench.qa.review import qa_report

        doc = self.load_document(doc_id, history=True)
        return qa_report(doc, terms=self._terms(glossary), checks=checks)

    def qa_file(
        self,
        path: str | os.PathLike[str],
        *,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        checks: Iterable[str] | None = None,
        glossary: bool | str | os.PathLike[str] = False,
    ) -> QAReport:
        """The QA report of a bilingual file (checks only: a file has no MT history).

        ``glossary``: ``False`` none (default: a file is not the project's), ``True``
        the project glossary, a path that termbase (TBX or CSV)."""
        from workbench.qa.review import qa_file

        return qa_file(
            path,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            terms=self._terms(glossary),
            checks=checks,
        )

    def qa_issues(self, doc_id: int) -> dict[int, list[str]]:
        """The QA findings of the document's translated segments, by segment id (for the
        Edit page's filter): the checks with the project glossary; an empty target is not
        a finding here (the status filter shows those)."""
        from workbench.qa.checks import check_names, run_checks

        doc = self.store.load_document(doc_id)
        try:
            terms = self.matcher()
        except GlossaryError as exc:
            log.warning("QA without the glossary: %s", exc)
            terms = None
        result = run_checks(
            [s for s in doc.segments if s.target.strip()],
            doc.src_lang,
            doc.tgt_lang,
            terms=terms,
            checks=[c for c in check_names() if c != "empty"],
        )
        by_index = {s.index: s.id for s in doc.segments}
        found: dict[int, list[str]] = {}
        for issue in result.issues:
            seg_id = by_index.get(issue.segment)
            if seg_id is not None:
                found.setdefault(seg_id, []).append(f"{issue.check}: {issue.message}")
        return found

    def effort_report(
        self, *, by: Literal["document", "user"], document_id: int | None = None
    ) -> list[EffortSummary]:
        """Post-editing effort per document or per translator."""
        from workbench.tm.effort import effort_report

        return effort_report(self.store.effort, by=by, document_id=document_id)

    # -- export -------------------------------------------------------------------------

    def export(self, doc_id: int, path: str | os.PathLike[str], *, scope: str = "all") -> Path:
        """Write the document to ``path`` in the format of its extension."""
        from workbench.formats import write_document

        out = Path(path)
        write_document(self.store.load_document(doc_id), out, scope=scope)
        return out

    def render(self, doc_id: int, format_name: str, *, scope: str = "all") -> bytes:
        """The document as the bytes of a file in ``format_name``."""
        from workbench.formats import render_document

        return render_document(self.store.load_document(doc_id), format_name, scope=scope)


def _detected(
    paragraphs: Sequence[Paragraph] | Sequence[str], culprit: str, *, fix: str | None = None
) -> str:
    """The language of an article's paragraphs, or an error naming ``culprit`` and ``fix``
    (by default: pass ``--src-lang``)."""
    from workbench.languages import detect_or_fail

    texts = [p.source if isinstance(p, Paragraph) else p for p in paragraphs]
    return detect_or_fail(texts, culprit, "--src-lang", fix=fix)


__all__ = ["SAMPLE_ARTICLE", "SAMPLE_PROJECT", "EngineSpec", "Project", "TranslateResult"]
