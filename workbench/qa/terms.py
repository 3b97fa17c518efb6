"""What the glossary checks need from term recognition, as small protocols.

A :class:`TermIndex` answers one question: where in ``text`` do glossary terms
occur, and is each occurrence an approved or a forbidden term of its concept?
The checks read nothing else, so the QA package stays a library that knows no
termbase file and no recogniser.  The workbench's own recogniser,
:class:`workbench.glossary.match.TermMatcher` (lemmas for Russian, jieba for
Chinese, plurals for English), is a :class:`TermIndex` as it stands: its
:class:`~workbench.glossary.match.TermMatch` is a :class:`TermOccurrence` and its
:class:`~workbench.glossary.Concept` a :class:`TermConcept`.  Whoever runs QA (the
CLI, the QA page, the Project) builds it from the termbase
(:func:`workbench.glossary.match.load_matcher`) and passes it in.

>>> from dataclasses import dataclass
>>> @dataclass
... class Form:
...     text: str
>>> @dataclass
... class Concept:
...     id: str
...     def approved(self, lang: str) -> list[Form]:
...         return [Form("TASS")]
>>> @dataclass
... class Hit:
...     concept: Concept
...     start: int
...     end: int
...     text: str
...     forbidden: bool = False
>>> class Tass:
...     def find(self, text: str, lang: str) -> list[Hit]:
...         at = text.find("ТАСС")
...         return [Hit(Concept("tass"), at, at + 4, "ТАСС")] if at >= 0 else []
>>> from workbench.qa.checks import check_pair
>>> [i.message for i in check_pair("ТАСС сообщил.", "It said.", "ru", "en",
...     terms=Tass(), checks=["glossary-missing"])]
["glossary: 'ТАСС' should be translated as 'TASS'"]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class TermForm(Protocol):
    """One term of a concept, as the checks name it in their messages."""

    @property
    def text(self) -> str: ...


class TermConcept(Protocol):
    """A glossary concept: its id and the terms to use in a language."""

    @property
    def id(self) -> str: ...

    def approved(self, lang: str) -> Sequence[TermForm]:
        """The terms to use in ``lang``, the preferred one first (may be empty)."""
        ...


class TermOccurrence(Protocol):
    """One occurrence of a glossary term in a text: ``text == full_text[start:end]``."""

    @property
    def concept(self) -> TermConcept: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def forbidden(self) -> bool:
        """Whether the term found is one the glossary forbids."""
        ...


class TermIndex(Protocol):
    """Finds glossary terms in a text; the QA glossary checks need nothing more."""

    def find(self, text: str, lang: str) -> Sequence[TermOccurrence]:
        """The non-overlapping term occurrences in ``text`` (language ``lang``), in order."""
        ...


__all__ = ["TermConcept", "TermForm", "TermIndex", "TermOccurrence"]
