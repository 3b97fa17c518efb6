"""Tables of the project database (SQLAlchemy 2 declarative mapping)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class ProjectRow(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created: Mapped[datetime] = mapped_column(default=_now)

    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="DocumentRow.id"
    )


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    src_lang: Mapped[str] = mapped_column(String(8))
    tgt_lang: Mapped[str] = mapped_column(String(8))
    created: Mapped[datetime] = mapped_column(default=_now)
    updated: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    project: Mapped[ProjectRow] = relationship(back_populates="documents")
    paragraphs: Mapped[list[ParagraphRow]] = relationship(
        cascade="all, delete-orphan", order_by="ParagraphRow.idx"
    )
    segments: Mapped[list[SegmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="SegmentRow.idx"
    )


class ParagraphRow(Base):
    __tablename__ = "paragraphs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    style: Mapped[str] = mapped_column(String(8), default="p")


class SegmentRow(Base):
    __tablename__ = "segments"
    __table_args__ = (Index("ix_segments_document_idx", "document_id", "idx"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    paragraph_idx: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="new")
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    start: Mapped[int] = mapped_column(Integer, default=0)
    end: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    updated: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class HistoryRow(Base):
    __tablename__ = "segment_history"
    __table_args__ = (Index("ix_history_segment", "segment_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created: Mapped[datetime] = mapped_column(default=_now)


class TmUnitRow(Base):
    """One translation-memory unit: a source and its target in a language pair.

    ``source_key``/``target_key`` are the texts normalized for matching
    (:func:`workbench.tm.normalize.match_key`); ``digest`` makes a pair unique.
    """

    __tablename__ = "tm_units"
    __table_args__ = (
        Index("ix_tm_units_pair_key", "src_lang", "tgt_lang", "source_key"),
        Index("ix_tm_units_pair_id", "src_lang", "tgt_lang", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    src_lang: Mapped[str] = mapped_column(String(8))
    tgt_lang: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(40), unique=True)
    origin: Mapped[str] = mapped_column(String(200), default="")
    creator: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[datetime] = mapped_column(default=_now)
    changed: Mapped[datetime] = mapped_column(default=_now)
    last_used: Mapped[datetime | None] = mapped_column(default=None)
    usage_count: Mapped[int] = mapped_column(Integer, default=0)


class TmContextRow(Base):
    """A context (previous and next source segment) a TM unit was seen in: for 101% matches."""

    __tablename__ = "tm_contexts"
    __table_args__ = (UniqueConstraint("unit_id", "context"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("tm_units.id", ondelete="CASCADE"))
    context: Mapped[str] = mapped_column(String(40))


class EffortRow(Base):
    """Post-editing effort on one confirm: time spent and edit distance from the MT suggestion."""

    __tablename__ = "segment_effort"
    __table_args__ = (Index("ix_effort_document", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    user: Mapped[str] = mapped_column(String(200), default="")
    seconds: Mapped[float] = mapped_column(default=0.0)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    suggestion_origin: Mapped[str] = mapped_column(String(16), default="none")
    final: Mapped[str] = mapped_column(Text, default="")
    #: HTER in [0, 1+]: edits / words (characters for Chinese); None without a suggestion
    hter: Mapped[float | None] = mapped_column(default=None)
    unit: Mapped[str] = mapped_column(String(8), default="word")
    edits: Mapped[float | None] = mapped_column(default=None)
    length: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(default=_now)


class TranslationCacheRow(Base):
    """A cached machine translation (:mod:`workbench.engines.cache`).

    ``key`` hashes engine, model, settings, glossary version, direction and source text.
    """

    __tablename__ = "mt_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    src_lang: Mapped[str] = mapped_column(String(8))
    tgt_lang: Mapped[str] = mapped_column(String(8))
    model: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created: Mapped[datetime] = mapped_column(default=_now)
