"""The domain: documents, paragraphs, segments, statuses and provenance.

Plain objects with no I/O.  The store persists them, the formats read and write
them, the engines fill their targets.  The records the store keeps beside them
(translation-memory units, post-editing effort, cached machine translations)
are here too, so that the store hands out plain values and imports no other package.

>>> seg = Segment(index=0, paragraph=0, source="Hello.")
>>> seg.set_target("你好。", Provenance.human("anna"), Status.TRANSLATED)
>>> seg.status, seg.version, len(seg.history)
(<Status.TRANSLATED: 'translated'>, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from workbench.languages import get_language


class Status(StrEnum):
    """The workflow state of one segment, defined once for the whole workbench.

    Formats map these to their own vocabularies (XLIFF ``state``, CSV columns).
    """

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def is_confirmed(self) -> bool:
        """Whether a person has confirmed the target (it may enter the TM)."""
        return self in (Status.TRANSLATED, Status.REVIEWED, Status.APPROVED)

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @classmethod
    def for_target(cls, target: str) -> Status:
        """The status of an unconfirmed ``target``: ``draft`` when it has text, else ``new``.

        >>> Status.for_target("你好。"), Status.for_target("  ")
        (<Status.DRAFT: 'draft'>, <Status.NEW: 'new'>)
        """
        return cls.DRAFT if target.strip() else cls.NEW


class Origin(StrEnum):
    """What produced a segment's target."""

    NONE = "none"
    MT = "mt"
    TM = "tm"
    HUMAN = "human"
    ALIGNER = "aligner"
    IMPORT = "import"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Provenance:
    """Who or what produced a target, with the settings that matter to reproduce it.

    Build one with the named constructors: :meth:`machine`, :meth:`memory`,
    :meth:`human`, :meth:`aligner`, :meth:`imported`.
    """

    origin: Origin = Origin.NONE
    engine: str | None = None
    model: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    score: float | None = None
    user: str | None = None
    detail: str | None = None
    created: datetime = field(default_factory=_now)

    @classmethod
    def machine(cls, engine: str, model: str, **settings: Any) -> Provenance:
        """A machine translation by ``engine`` with ``model`` under ``settings``."""
        return cls(Origin.MT, engine=engine, model=model, settings=dict(settings))

    @classmethod
    def memory(cls, score: float, detail: str | None = None) -> Provenance:
        """A translation-memory match of ``score`` percent."""
        return cls(Origin.TM, score=score, detail=detail)

    @classmethod
    def human(cls, user: str | None = None) -> Provenance:
        """A person's edit."""
        return cls(Origin.HUMAN, user=user)

    @classmethod
    def aligner(cls, method: str, score: float) -> Provenance:
        """A pair found by the aligner ``method`` with confidence ``score``."""
        return cls(Origin.ALIGNER, engine=method, score=score)

    @classmethod
    def imported(cls, detail: str) -> Provenance:
        """A target that came with an imported file."""
        return cls(Origin.IMPORT, detail=detail)

    def describe(self) -> str:
        """A short human-readable summary, e.g. ``mt: marian opus-mt-en-zh``."""
        parts: list[str] = [self.origin.value]
        for value in (self.engine, self.model, self.user, self.detail):
            if value:
                parts.append(str(value))
        if self.score is not None:
            parts.append(f"{self.score:g}")
        return " · ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; :meth:`from_dict` reads it back."""
        return {
            "origin": self.origin.value,
            "engine": self.engine,
            "model": self.model,
            "settings": dict(self.settings),
            "score": self.score,
            "user": self.user,
            "detail": self.detail,
            "created": self.created.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        created = data.get("created")
        return cls(
            origin=Origin(data.get("origin", "none")),
            engine=data.get("engine"),
            model=data.get("model"),
            settings=dict(data.get("settings") or {}),
            score=data.get("score"),
            user=data.get("user"),
            detail=data.get("detail"),
            created=datetime.fromisoformat(created) if created else _now(),
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier state of a segment's target, kept when the target changes."""

    version: int
    target: str
    status: Status
    provenance: Provenance


@dataclass
class Segment:
    """One sentence (or a few) of a document: source, target and their state.

    ``start`` and ``end`` are character offsets of the source in its paragraph.
    ``version`` counts the saved changes; the store uses it to refuse a save
    based on a stale read.
    """

    index: int
    paragraph: int
    source: str
    target: str = ""
    status: Status = Status.NEW
    provenance: Provenance = field(default_factory=Provenance)
    history: list[HistoryEntry] = field(default_factory=list)
    start: int = 0
    end: int = -1
    version: int = 0
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = self.start + len(self.source)

    def set_target(self, target: str, provenance: Provenance, status: Status | None = None) -> None:
        """Replace the target, keeping the previous state in :attr:`history`.

        Without ``status`` a non-empty target becomes ``draft`` and an empty one ``new``.
        """
        self.history.append(HistoryEntry(self.version, self.target, self.status, self.provenance))
        self.target = target
        self.provenance = provenance
        self.status = Status.for_target(target) if status is None else status
        self.version += 1


@dataclass
class Paragraph:
    """A block of the source article: its text and the kind of block it is."""

    index: int
    source: str
    style: str = "p"  # "p", "h1".."h6", "li"


@dataclass
class Document:
    """An article in ``src_lang`` being translated into ``tgt_lang``."""

    name: str
    src_lang: str
    tgt_lang: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    id: int | None = None

    def __post_init__(self) -> None:
        get_language(self.src_lang)
        get_language(self.tgt_lang)

    def paragraph_segments(self, paragraph: int) -> list[Segment]:
        """The segments of paragraph number ``paragraph``, in order."""
        return [s for s in self.segments if s.paragraph == paragraph]

    def iter_paragraphs(self) -> Iterator[tuple[Paragraph, list[Segment]]]:
        """Each paragraph with its segments."""
        by_paragraph: dict[int, list[Segment]] = {}
        for seg in self.segments:
            by_paragraph.setdefault(seg.paragraph, []).append(seg)
        for para in self.paragraphs:
            yield para, by_paragraph.get(para.index, [])

    def target_paragraphs(self, *, fallback_to_source: bool = True) -> list[str]:
        """The translated article, one string per paragraph.

        Segments are joined with the target language's sentence joiner (a space
        for English and Russian, nothing for Chinese).  An untranslated segment
        contributes its source when ``fallback_to_source`` is true and is left
        out otherwise.
        """
        joiner = get_language(self.tgt_lang).sentence_joiner
        out: list[str] = []
        for _, segs in self.iter_paragraphs():
            parts = [
                s.target if s.target.strip() else (s.source if fallback_to_source else "")
                for s in segs
            ]
            out.append(joiner.join(p for p in parts if p))
        return out

    def progress(self) -> dict[Status, int]:
        """How many segments are in each status."""
        counts = dict.fromkeys(Status, 0)
        for seg in self.segments:
            counts[seg.status] += 1
        return counts


# -- records the store keeps beside the documents: TM units, effort, MT cache ----------


@dataclass(frozen=True)
class TmUnit:
    """One unit of the translation memory: a source and its target in a language pair."""

    id: int
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str
    creator: str
    created: datetime
    changed: datetime
    last_used: datetime | None
    usage_count: int


@dataclass(frozen=True)
class UnitMeta:
    """What another tool recorded about a unit (TMX ``<tu>`` attributes); ``None``: unknown."""

    created: datetime | None = None
    changed: datetime | None = None
    creator: str | None = None
    origin: str | None = None
    usage_count: int | None = None
    last_used: datetime | None = None

    def values(self) -> dict[str, Any]:
        """The known fields by name (``changed`` defaults to ``created``).

        >>> UnitMeta(creator="anna", usage_count=3).values()
        {'creator': 'anna', 'usage_count': 3}
        """
        found = {
            "created": self.created,
            "changed": self.changed or self.created,
            "creator": self.creator,
            "origin": self.origin,
            "usage_count": self.usage_count,
            "last_used": self.last_used,
        }
        return {k: v for k, v in found.items() if v is not None}


@dataclass(frozen=True)
class NewUnit:
    """A distinct pair to put into the memory, as the TM prepared it.

    ``source_key`` is what exact matches compare and ``digest`` what makes the
    unit unique (both from :mod:`workbench.tm.normalize`); ``count`` is how many
    times the pair was given, ``contexts`` the digests of the neighbours it was
    seen between, ``meta`` what another tool recorded about it.
    """

    source: str
    target: str
    source_key: str
    digest: str
    count: int = 1
    contexts: frozenset[str] = frozenset()
    meta: UnitMeta | None = None


#: what post-editing effort is counted in: words, or characters for Chinese
EffortUnit = Literal["word", "char"]


@dataclass(frozen=True)
class EffortRecord:
    """One confirm: who, how long, the suggestion and the final text and their distance."""

    segment_id: int
    document_id: int
    user: str
    seconds: float
    suggestion: str
    suggestion_origin: Origin
    final: str
    hter: float | None
    unit: EffortUnit
    edits: float | None
    length: int
    created: datetime


@dataclass(frozen=True)
class CacheEntry:
    """A machine translation to keep in the MT cache under ``key``."""

    key: str
    src_lang: str
    tgt_lang: str
    model: str
    source: str
    target: str
    settings: Mapping[str, Any] = field(default_factory=dict)
