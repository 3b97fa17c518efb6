"""The project database: projects, documents, paragraphs, segments and their history.

SQLite in WAL mode by default, through SQLAlchemy so that a PostgreSQL URL works
too.  Every change is committed at once: nothing lives only in a browser session.
This package is the only one that knows SQLAlchemy: the translation memory's
units, the effort records and the MT cache are reached through the repositories
``Store.tm_units`` (:mod:`workbench.store.tm`), ``Store.effort``
(:mod:`workbench.store.effort`) and ``Store.mt_cache`` (:mod:`workbench.store.cache`).

>>> from workbench.model import Document, Paragraph, Segment
>>> store = Store("sqlite://")
>>> pid = store.create_project("Demo")
>>> doc = Document("a", "en", "zh", [Paragraph(0, "Hi.")], [Segment(0, 0, "Hi.")])
>>> did = store.add_document(pid, doc)
>>> store.load_document(did).segments[0].source
'Hi.'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Integer as Integer_
from sqlalchemy import case, create_engine, event, func, or_, select, update
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workbench.errors import ConflictError, NotFoundError, StoreError
from workbench.languages import get_language
from workbench.model import Document, HistoryEntry, Paragraph, Provenance, Segment, Status
from workbench.store.cache import MtCacheRepository
from workbench.store.effort import EffortRepository
from workbench.store.schema import (
    Base,
    DocumentRow,
    HistoryRow,
    ParagraphRow,
    ProjectRow,
    SegmentRow,
)
from workbench.store.tm import TmUnitRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    name: str
    created: datetime


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    project_id: int
    name: str
    src_lang: str
    tgt_lang: str
    segments: int
    confirmed: int
    updated: datetime


@dataclass(frozen=True)
class SegmentPage:
    """A page of a document's segments and how many segments pass the filters in all."""

    segments: list[Segment]
    total: int
    offset: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def database_url(location: str | Path) -> str:
    """A SQLAlchemy URL for ``location``: a URL is kept, a path becomes a SQLite file URL."""
    text = str(location)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class _LostRace(Exception):
    """Raised inside a transaction to roll it back when another writer saved first."""


def _to_segment(row: SegmentRow) -> Segment:
    return Segment(
        index=row.idx,
        paragraph=row.paragraph_idx,
        source=row.source,
        target=row.target,
        status=Status(row.status),
        provenance=Provenance.from_dict(row.provenance or {}),
        start=row.start,
        end=row.end,
        version=row.version,
        note=row.note,
        id=row.id,
    )


class Store:
    """The project database at ``location`` (a file path or a SQLAlchemy URL)."""

    def __init__(self, location: str | Path) -> None:
        self.url = database_url(location)
        try:
            self.engine: Engine = create_engine(self.url)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"cannot open the project database {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            Base.metadata.create_all(self.engine)
        except OperationalError as exc:
            raise StoreError(
                f"cannot open the project database {self.url!r}: {exc.orig}; "
                "check that the folder exists and is writable, or set WORKBENCH_DB"
            ) from exc
        #: the translation memory's units (what :class:`workbench.tm.TranslationMemory` takes)
        self.tm_units = TmUnitRepository(self.engine, self._sessions)
        #: post-editing effort records (what :mod:`workbench.tm.effort` takes)
        self.effort = EffortRepository(self._sessions)
        #: the machine-translation cache (what :class:`workbench.engines.cache.CachedEngine` takes)
        self.mt_cache = MtCacheRepository(self._sessions)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # -- projects -------------------------------------------------------------------

    def create_project(self, name: str) -> int:
        """Create the project ``name`` and return its id; an existing name is an error."""
        name = name.strip()
        if not name:
            raise StoreError("a project needs a name")
        try:
            with self._session() as s:
                row = ProjectRow(name=name)
                s.add(row)
                s.flush()
                return row.id
        except IntegrityError:
            raise StoreError(
                f"a project named {name!r} already exists: pick another name or open it"
            ) from None

    def project_id(self, name: str, *, create: bool = False) -> int:
        """The id of the project ``name`` (created if ``create`` and missing)."""
        with self._session() as s:
            found = s.scalar(select(ProjectRow.id).where(ProjectRow.name == name))
        if found is not None:
            return found
        if create:
            return self.create_project(name)
        raise NotFoundError(f"no project named {name!r}: see `workbench projects` for the list")

    def projects(self) -> list[ProjectInfo]:
        with self._session() as s:
            rows = s.scalars(select(ProjectRow).order_by(ProjectRow.id)).all()
            return [ProjectInfo(r.id, r.name, r.created) for r in rows]

    # -- documents ------------------------------------------------------------------

    def add_document(self, project_id: int, doc: Document) -> int:
        """Store ``doc`` in project ``project_id``; set and return its id and its segments' ids."""
        try:
            with self._session() as s:
                if s.get(ProjectRow, project_id) is None:
                    raise NotFoundError(f"no project with id {project_id}")
                row = DocumentRow(
                    project_id=project_id,
                    name=doc.name,
                    src_lang=doc.src_lang,
                    tgt_lang=doc.tgt_lang,
                )
                row.paragraphs = [
                    ParagraphRow(idx=p.index, source=p.source, style=p.style)
                    for p in doc.paragraphs
                ]
                seg_rows = [
                    SegmentRow(
                        idx=seg.index,
                        paragraph_idx=seg.paragraph,
                        source=seg.source,
                        target=seg.target,
                        status=seg.status.value,
                        provenance=seg.provenance.to_dict(),
                        start=seg.start,
                        end=seg.end,
                        version=seg.version,
                        note=seg.note,
                    )
                    for seg in doc.segments
                ]
                row.segments = seg_rows
                s.add(row)
                s.flush()
                doc.id = row.id
                for seg, seg_row in zip(doc.segments, seg_rows, strict=True):
                    seg.id = seg_row.id
                return row.id
        except IntegrityError:
            raise StoreError(
                f"the project already has a document named {doc.name!r}: "
                "rename the file or delete the old document first"
            ) from None

    def documents(self, project_id: int) -> list[DocumentInfo]:
        """The documents of a project with their segment counts."""
        confirmed = [s.value for s in Status if s.is_confirmed]
        with self._session() as s:
            counts = (
                select(
                    SegmentRow.document_id,
                    func.count(SegmentRow.id).label("n"),
                    func.sum(SegmentRow.status.in_(confirmed).cast(Integer_)).label("c"),
                )
                .group_by(SegmentRow.document_id)
                .subquery()
            )
            rows = s.execute(
                select(DocumentRow, counts.c.n, counts.c.c)
                .outerjoin(counts, counts.c.document_id == DocumentRow.id)
                .where(DocumentRow.project_id == project_id)
                .order_by(DocumentRow.id)
            ).all()
            return [
                DocumentInfo(
                    d.id, d.project_id, d.name, d.src_lang, d.tgt_lang, n or 0, c or 0, d.updated
                )
                for d, n, c in rows
            ]

    def document_info(self, doc_id: int) -> DocumentInfo:
        """The document ``doc_id`` with its segment counts."""
        with self._session() as s:
            project_id = s.scalar(select(DocumentRow.project_id).where(DocumentRow.id == doc_id))
        if project_id is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return next(d for d in self.documents(project_id) if d.id == doc_id)

    def document_id(self, project_id: int, name: str) -> int:
        with self._session() as s:
            found = s.scalar(
                select(DocumentRow.id).where(
                    DocumentRow.project_id == project_id, DocumentRow.name == name
                )
            )
        if found is None:
            raise NotFoundError(f"no document named {name!r} in this project")
        return found

    def load_document(self, doc_id: int) -> Document:
        """The document ``doc_id`` with its paragraphs and segments (history not loaded)."""
        with self._session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                raise NotFoundError(f"no document with id {doc_id}")
            return Document(
                name=row.name,
                src_lang=row.src_lang,
                tgt_lang=row.tgt_lang,
                paragraphs=[Paragraph(p.idx, p.source, p.style) for p in row.paragraphs],
                segments=[_to_segment(r) for r in row.segments],
                id=row.id,
            )

    def delete_document(self, doc_id: int) -> None:
        with self._session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                raise NotFoundError(f"no document with id {doc_id}")
            s.delete(row)

    # -- segments -------------------------------------------------------------------

    def load_segment(self, segment_id: int) -> Segment:
        with self._session() as s:
            row = s.get(SegmentRow, segment_id)
            if row is None:
                raise NotFoundError(f"no segment with id {segment_id}")
            return _to_segment(row)

    def segment_languages(self, segment_id: int) -> tuple[str, str]:
        """The source and target languages of the segment's document."""
        with self._sessions() as s:  # a read: no transaction to commit
            found = s.execute(
                select(DocumentRow.src_lang, DocumentRow.tgt_lang)
                .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
                .where(SegmentRow.id == segment_id)
            ).first()
        if found is None:
            raise NotFoundError(f"no segment with id {segment_id}")
        return found[0], found[1]

    def document_stamp(self, doc_id: int) -> tuple[int, int]:
        """``(segments, sum of their versions)``: changes whenever a segment of the document
        is saved, split or merged (a cheap key for caches of whole-document results)."""
        with self._sessions() as s:  # a read: no transaction to commit
            count, versions = s.execute(
                select(func.count(SegmentRow.id), func.sum(SegmentRow.version)).where(
                    SegmentRow.document_id == doc_id
                )
            ).one()
        return int(count or 0), int(versions or 0)

    def save_segment(
        self,
        segment_id: int,
        target: str,
        *,
        status: Status,
        provenance: Provenance,
        expected_version: int | None = None,
    ) -> Segment:
        """Write a new target for a segment at once, keeping the old one in its history.

        With ``expected_version``, the save is refused with a :class:`ConflictError`
        when someone else saved the segment since it was read; nothing is lost, the
        error carries both texts.
        """
        try:
            return self._save_segment(segment_id, target, status, provenance, expected_version)
        except _LostRace:
            current = self.load_segment(segment_id)
            raise ConflictError(
                f"segment {current.index + 1} was changed elsewhere while saving: "
                "compare both texts and save again",
                mine=target,
                theirs=current.target,
                version=current.version,
            ) from None

    def _save_segment(
        self,
        segment_id: int,
        target: str,
        status: Status,
        provenance: Provenance,
        expected_version: int | None,
    ) -> Segment:
        with self._session() as s:
            row = self._row_for_change(
                s,
                segment_id,
                expected_version,
                mine=target,
                fix="compare both texts and save again",
            )
            if row.target == target and row.status == status.value:
                return _to_segment(row)
            self._record_history(s, row)
            result: CursorResult[Any] = s.execute(  # type: ignore[assignment]
                update(SegmentRow)
                .where(SegmentRow.id == segment_id, SegmentRow.version == row.version)
                .values(
                    target=target,
                    status=status.value,
                    provenance=provenance.to_dict(),
                    version=row.version + 1,
                )
            )
            if result.rowcount != 1:  # a concurrent writer saved first: roll this attempt back
                raise _LostRace
            s.refresh(row)
            return _to_segment(row)

    def save_translations(self, items: Iterable[tuple[int, str, Status, Provenance]]) -> int:
        """Write many ``(segment_id, target, status, provenance)`` in one transaction.

        Returns the number of segments changed.  History is kept as for single saves.
        """
        changed = 0
        with self._session() as s:
            for segment_id, target, status, provenance in items:
                row = s.get(SegmentRow, segment_id)
                if row is None:
                    raise NotFoundError(f"no segment with id {segment_id}")
                if row.target == target and row.status == status.value:
                    continue
                self._record_history(s, row)
                row.target = target
                row.status = status.value
                row.provenance = provenance.to_dict()
                row.version += 1
                changed += 1
        return changed

    def revert_segment(self, segment_id: int, version: int) -> Segment:
        """Bring back the target the segment had at ``version`` (recorded as a new change)."""
        entries = {e.version: e for e in self.segment_history(segment_id)}
        if version not in entries:
            raise NotFoundError(f"segment {segment_id} has no version {version} in its history")
        old = entries[version]
        current = self.load_segment(segment_id)
        return self.save_segment(
            segment_id,
            old.target,
            status=old.status,
            provenance=old.provenance,
            expected_version=current.version,
        )

    def segment_history(self, segment_id: int) -> list[HistoryEntry]:
        """Earlier states of a segment, oldest first."""
        with self._session() as s:
            rows = s.scalars(
                select(HistoryRow)
                .where(HistoryRow.segment_id == segment_id)
                .order_by(HistoryRow.version)
            ).all()
            return [
                HistoryEntry(
                    r.version, r.target, Status(r.status), Provenance.from_dict(r.provenance)
                )
                for r in rows
            ]

    # -- pages, split and merge ---------------------------------------------------

    def segment_page(
        self,
        doc_id: int,
        *,
        offset: int = 0,
        limit: int = 20,
        statuses: Iterable[Status] = (),
        search: str = "",
        below_score: float | None = None,
        ids: Iterable[int] | None = None,
    ) -> SegmentPage:
        """One page of a document's segments in order, filtered in the database.

        ``statuses`` keeps those statuses (all when empty); ``search`` keeps segments
        whose source or target contains it (case-insensitive for Latin and Cyrillic);
        ``below_score`` keeps unconfirmed segments whose target came with a score
        under that percentage (fuzzy TM matches, aligner pairs: a score of at most 1
        is read as a fraction); ``ids`` keeps only those segments.  Only the page's
        rows are read, so a page of a long document costs what a page of a short one does.
        """
        if offset < 0 or limit < 1:
            raise StoreError(f"a page needs offset >= 0 and limit >= 1, got {offset}, {limit}")
        where: list[Any] = [SegmentRow.document_id == doc_id]
        wanted = [s.value for s in statuses]
        if wanted:
            where.append(SegmentRow.status.in_(wanted))
        if search.strip():
            pattern = "%" + _escape_like(search.strip()) + "%"
            where.append(
                or_(
                    SegmentRow.source.ilike(pattern, escape="\\"),
                    SegmentRow.target.ilike(pattern, escape="\\"),
                )
            )
        if below_score is not None:
            score = SegmentRow.provenance["score"].as_float()
            percent = case((score <= 1, score * 100), else_=score)
            confirmed = [s.value for s in Status if s.is_confirmed]
            where += [
                score.is_not(None),
                percent < below_score,
                SegmentRow.status.not_in(confirmed),
            ]
        if ids is not None:
            where.append(SegmentRow.id.in_(list(ids)))
        with self._session() as s:
            if s.get(DocumentRow, doc_id) is None:
                raise NotFoundError(f"no document with id {doc_id}")
            total = s.scalar(select(func.count(SegmentRow.id)).where(*where)) or 0
            rows = s.scalars(
                select(SegmentRow)
                .where(*where)
                .order_by(SegmentRow.idx)
                .offset(offset)
                .limit(limit)
            ).all()
            return SegmentPage([_to_segment(r) for r in rows], int(total), offset)

    def neighbours(self, segment_id: int) -> tuple[str | None, str | None]:
        """The sources of the segments before and after ``segment_id`` (``None`` at the edges)."""
        with self._session() as s:
            row = s.get(SegmentRow, segment_id)
            if row is None:
                raise NotFoundError(f"no segment with id {segment_id}")
            found = dict(
                s.execute(
                    select(SegmentRow.idx, SegmentRow.source).where(
                        SegmentRow.document_id == row.document_id,
                        SegmentRow.idx.in_((row.idx - 1, row.idx + 1)),
                    )
                ).all()
            )
            return found.get(row.idx - 1), found.get(row.idx + 1)

    def split_segment(
        self, segment_id: int, at: int, *, expected_version: int | None = None
    ) -> tuple[Segment, Segment]:
        """Split a segment's source at character ``at``; the target stays with the first part.

        Both parts become drafts (or new, without a target): their sources changed.
        The segments after it move down by one.
        """
        with self._session() as s:
            row = self._row_for_change(s, segment_id, expected_version)
            head, tail = row.source[:at].rstrip(), row.source[at:].lstrip()
            if not 0 < at < len(row.source) or not head or not tail:
                raise StoreError(
                    f"cannot split segment {row.idx + 1} at character {at}: pick a place "
                    f"between two words of its {len(row.source)}-character source"
                )
            self._record_history(s, row)
            s.execute(
                update(SegmentRow)
                .where(SegmentRow.document_id == row.document_id, SegmentRow.idx > row.idx)
                .values(idx=SegmentRow.idx + 1)
            )
            tail_start = row.start + len(row.source) - len(tail)
            new = SegmentRow(
                document_id=row.document_id,
                idx=row.idx + 1,
                paragraph_idx=row.paragraph_idx,
                source=tail,
                target="",
                status=Status.NEW.value,
                provenance={},
                start=tail_start,
                end=row.end,
                version=0,
                note="",
            )
            s.add(new)
            row.source = head
            row.end = row.start + len(head)
            row.status = Status.for_target(row.target).value
            row.version += 1
            s.flush()
            return _to_segment(row), _to_segment(new)

    def merge_segments(self, segment_id: int, *, expected_version: int | None = None) -> Segment:
        """Merge a segment with the next one of its paragraph; the merged one is a draft.

        Sources and targets are joined as their languages join sentences; the
        segments after them move up by one.  The second segment and its history go.
        """
        with self._session() as s:
            row = self._row_for_change(s, segment_id, expected_version)
            nxt = s.scalar(
                select(SegmentRow).where(
                    SegmentRow.document_id == row.document_id, SegmentRow.idx == row.idx + 1
                )
            )
            if nxt is None or nxt.paragraph_idx != row.paragraph_idx:
                raise StoreError(
                    f"segment {row.idx + 1} is the last of its paragraph: merge it with the one "
                    "before it instead (segments of different paragraphs cannot be merged)"
                )
            doc = s.get(DocumentRow, row.document_id)
            assert doc is not None
            para = s.scalar(
                select(ParagraphRow.source).where(
                    ParagraphRow.document_id == row.document_id,
                    ParagraphRow.idx == row.paragraph_idx,
                )
            )
            src_join = get_language(doc.src_lang).sentence_joiner
            tgt_join = get_language(doc.tgt_lang).sentence_joiner
            if para is not None and para[row.start : nxt.end].startswith(row.source):
                source = para[row.start : nxt.end].strip()
            else:
                source = src_join.join((row.source, nxt.source))
            target = tgt_join.join(t for t in (row.target.strip(), nxt.target.strip()) if t)
            self._record_history(s, row)
            row.source, row.end, row.target = source, nxt.end, target
            row.status = Status.for_target(target).value
            row.provenance = Provenance.human().to_dict() if target else {}
            row.version += 1
            s.delete(nxt)
            s.flush()
            s.execute(
                update(SegmentRow)
                .where(SegmentRow.document_id == row.document_id, SegmentRow.idx > row.idx + 1)
                .values(idx=SegmentRow.idx - 1)
            )
            return _to_segment(row)

    @staticmethod
    def _row_for_change(
        s: Session,
        segment_id: int,
        expected_version: int | None,
        *,
        mine: str = "",
        fix: str = "reload the page and try again",
    ) -> SegmentRow:
        """The segment's row, or a :class:`ConflictError` (carrying ``mine`` and the stored
        text, and saying ``fix``) when it is no longer at ``expected_version``."""
        row = s.get(SegmentRow, segment_id)
        if row is None:
            raise NotFoundError(f"no segment with id {segment_id}")
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(
                f"segment {row.idx + 1} was changed elsewhere (now version {row.version}, "
                f"you edited version {expected_version}): {fix}",
                mine=mine,
                theirs=row.target,
                version=row.version,
            )
        return row

    @staticmethod
    def _record_history(s: Session, row: SegmentRow) -> None:
        s.add(
            HistoryRow(
                segment_id=row.id,
                version=row.version,
                target=row.target,
                status=row.status,
                provenance=row.provenance,
            )
        )


__all__ = ["DocumentInfo", "ProjectInfo", "SegmentPage", "Store", "database_url"]
