"""The term matcher behind the QA checks' :class:`workbench.qa.terms.TermIndex` protocol.

>>> index = MatcherTermIndex(read_termbase("glossaries/media.tbx"))  # doctest: +SKIP
>>> [(h.text, h.forbidden) for h in index.find("в Экономической газете", "ru")]  # doctest: +SKIP
[('Экономической газете', True)]
"""

from __future__ import annotations

from workbench.glossary import Concept, Termbase, TermStatus
from workbench.glossary.match import SUPPORTED, TermMatcher
from workbench.qa.terms import TermEntry, TermHit


def _entry(concept: Concept) -> TermEntry:
    approved = {
        lang: tuple(t.text for t in concept.terms_in(lang) if t.status is not TermStatus.FORBIDDEN)
        for lang in SUPPORTED
    }
    forbidden = {lang: tuple(t.text for t in concept.forbidden(lang)) for lang in SUPPORTED}
    return TermEntry(
        concept.id,
        {k: v for k, v in approved.items() if v},
        {k: v for k, v in forbidden.items() if v},
        concept.note,
    )


class MatcherTermIndex:
    """A QA :class:`~workbench.qa.terms.TermIndex` that recognises by lemma and by word."""

    def __init__(self, termbase: Termbase) -> None:
        self.matcher = TermMatcher(termbase)
        self.entries = {c.id: _entry(c) for c in termbase.concepts}

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, lang: str) -> list[TermHit]:
        return [
            TermHit(self.entries[m.concept.id], lang, m.start, m.end, m.text, m.forbidden)
            for m in self.matcher.find(text, lang)
        ]


__all__ = ["MatcherTermIndex"]
