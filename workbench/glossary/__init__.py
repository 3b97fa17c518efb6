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
from workbench.resources import shipped_glossary


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


#: the glossary shipped with the workbench (package data), the project glossary's starting point
SHIPPED = shipped_glossary()


def project_glossary(
    path: str | os.PathLike[str], shipped: str | os.PathLike[str] = SHIPPED
) -> Path:
    """The project glossary at ``path`` (the ``glossary`` setting), created from ``shipped``
    the first time: a copy of the file, converted when the formats differ.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     made = project_glossary(Path(tmp) / "g.tbx")
    ...     len(read_termbase(made).concepts) == len(read_termbase(SHIPPED).concepts)
    True
    """
    target = Path(path).expanduser()
    if target.is_file():
        return target
    if target.exists():
        raise GlossaryError(
            f"the glossary path {target} is not a file: set WORKBENCH_GLOSSARY (or glossary "
            "in the settings file) to a .tbx or .csv file"
        )
    source = Path(shipped)
    if not source.is_file():
        raise GlossaryError(
            f"no glossary at {target}, and no shipped glossary at {source} to start it from: "
            "import one on the Glossary page or set WORKBENCH_GLOSSARY to an existing file"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == source.suffix.lower():
            partial = target.with_name(f".{target.name}.part")
            partial.write_bytes(source.read_bytes())
            partial.replace(target)
        else:
            write_termbase(read_termbase(source), target)
    except OSError as exc:
        raise GlossaryError(
            f"cannot create the glossary {target} ({exc.strerror or exc}): set "
            "WORKBENCH_GLOSSARY to a writable .tbx or .csv path"
        ) from exc
    return target


__all__ = [
    "SHIPPED",
    "Concept",
    "Term",
    "TermStatus",
    "Termbase",
    "project_glossary",
    "read_termbase",
    "write_termbase",
]
