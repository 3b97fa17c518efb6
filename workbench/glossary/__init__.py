"""Termbases: concepts with their preferred and forbidden terms in each language.

A minimal model, shared by the TBX and CSV readers and writers
(:mod:`workbench.glossary.tbx`, :mod:`workbench.glossary.csv`); term recognition
and enforcement build on it.

>>> tb = Termbase([Concept("xinhua", [Term("Xinhua News Agency", "en"),
...     Term("新华社", "zh"), Term("新华新闻社", "zh", TermStatus.FORBIDDEN)])])
>>> tb.concepts[0].preferred("zh").text, [t.text for t in tb.concepts[0].forbidden("zh")]
('新华社', ['新华新闻社'])
>>> tb.languages
['en', 'zh']
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from workbench.errors import GlossaryError


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


def read_termbase(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Termbase:
    """The termbase in ``path``: TBX (``.tbx``) or the glossary CSV (``.csv``)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".tbx":
        from workbench.glossary.tbx import read_tbx

        return read_tbx(path, max_bytes=max_bytes)
    if suffix == ".csv":
        from workbench.glossary.csv import read_glossary_csv

        return read_glossary_csv(path, max_bytes=max_bytes)
    raise GlossaryError(f"{path}: a glossary is a .tbx or .csv file, not {suffix or 'this'}")


def write_termbase(termbase: Termbase, path: str | os.PathLike[str]) -> None:
    """Write ``termbase`` to ``path`` atomically as TBX (``.tbx``) or CSV (``.csv``)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".tbx":
        from workbench.glossary.tbx import write_tbx

        write_tbx(termbase, path)
    elif suffix == ".csv":
        from workbench.glossary.csv import write_glossary_csv

        write_glossary_csv(termbase, path)
    else:
        raise GlossaryError(
            f"{path}: a glossary is written as .tbx or .csv, not {suffix or 'this'}"
        )


__all__ = ["Concept", "Term", "TermStatus", "Termbase", "read_termbase", "write_termbase"]
