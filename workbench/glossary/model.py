"""The termbase model: concepts with their preferred, admitted and forbidden terms in
each language (TBX-Basic's shape).  No I/O: :mod:`workbench.glossary` reads and writes
it (TBX, glossary CSV); term recognition and enforcement build on it.

>>> tb = Termbase([Concept("xinhua", [Term("Xinhua News Agency", "en"),
...     Term("新华社", "zh"), Term("新华新闻社", "zh", TermStatus.FORBIDDEN)])])
>>> tb.concepts[0].preferred("zh").text, [t.text for t in tb.concepts[0].forbidden("zh")]
('新华社', ['新华新闻社'])
>>> tb.languages
['en', 'zh']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TermStatus(StrEnum):
    """How a term may be used (TBX-Basic ``administrativeStatus``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True)
class Term:
    """One term of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    #: ``noun``, ``properNoun``, ``verb``... (TBX ``partOfSpeech``); empty when unknown
    part_of_speech: str = ""


@dataclass
class Concept:
    """One entry of a termbase: the terms that name one concept, with a note."""

    id: str
    terms: list[Term] = field(default_factory=list)
    note: str = ""
    #: the subject field (``journalism``...); empty when unknown
    subject: str = ""
    #: match the terms with their exact capitals (recognition is case-insensitive otherwise)
    case_sensitive: bool = False

    def terms_in(self, lang: str) -> list[Term]:
        return [t for t in self.terms if t.lang == lang]

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang`` (else the first admitted one), or ``None``."""
        usable = [t for t in self.terms_in(lang) if t.status is not TermStatus.FORBIDDEN]
        first = next((t for t in usable if t.status is TermStatus.PREFERRED), None)
        return first or (usable[0] if usable else None)

    def approved(self, lang: str) -> list[Term]:
        """The terms to use in ``lang``: the preferred ones, then the admitted ones."""
        usable = [t for t in self.terms_in(lang) if t.status is not TermStatus.FORBIDDEN]
        return sorted(usable, key=lambda t: t.status is not TermStatus.PREFERRED)

    def forbidden(self, lang: str) -> list[Term]:
        """The terms not to use in ``lang``."""
        return [t for t in self.terms_in(lang) if t.status is TermStatus.FORBIDDEN]


@dataclass
class Termbase:
    """A glossary: concepts in file order."""

    concepts: list[Concept] = field(default_factory=list)
    title: str = ""

    @property
    def languages(self) -> list[str]:
        """The languages with at least one term, sorted."""
        return sorted({t.lang for c in self.concepts for t in c.terms})


__all__ = ["Concept", "Term", "TermStatus", "Termbase"]
