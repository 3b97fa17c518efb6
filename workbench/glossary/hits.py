"""Glossary hits for the Edit page's side panel: which termbase concepts a source sentence uses.

Recognition is :mod:`workbench.glossary.match`'s (lemmas for Russian, jieba for
Chinese, plurals and possessives for English); this module only turns its
matches into what the panel shows, one :class:`TermHit` per concept, and finds
where the approved target goes in a translation (:func:`with_term`).

>>> from workbench.glossary import Concept, Term, Termbase
>>> matcher = TermMatcher(Termbase([Concept("agency", [Term("news agency", "en"),
...     Term("通讯社", "zh"), Term("информационное агентство", "ru")])]))
>>> [(h.text, h.target) for h in glossary_hits("Two news agencies agreed.", "en", "zh", matcher)]
[('news agencies', '通讯社')]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.glossary.match import SUPPORTED, TermMatcher
from workbench.languages import get_language


@dataclass(frozen=True)
class TermHit:
    """A glossary concept found in a source sentence, with its approved translation: the
    panel's view of the :class:`~workbench.glossary.match.TermMatch` occurrences of one
    concept (several occurrences, one entry)."""

    concept: str
    #: the glossary's source term that matched
    source: str
    #: the approved target term
    target: str
    note: str
    #: the target terms not to use
    forbidden: tuple[str, ...]
    #: the character spans of its occurrences in the source
    spans: tuple[tuple[int, int], ...]
    #: the first occurrence as the source spells it (``агентства Синьхуа``)
    text: str


def glossary_hits(
    source: str, src_lang: str, tgt_lang: str, glossary: TermMatcher | None
) -> list[TermHit]:
    """The concepts of ``glossary`` in ``source`` that have a ``tgt_lang`` term, in order
    of first occurrence (a forbidden source variant identifies its concept too)."""
    if glossary is None or src_lang not in SUPPORTED or tgt_lang not in SUPPORTED:
        return []
    found: dict[str, TermHit] = {}
    for m in glossary.find(source, src_lang):
        target = m.concept.preferred(tgt_lang)
        if target is None:
            continue
        hit = found.get(m.concept.id)
        if hit is None:
            found[m.concept.id] = TermHit(
                concept=m.concept.id,
                source=m.term.text,
                target=target.text,
                note=m.concept.note,
                forbidden=tuple(t.text for t in m.concept.forbidden(tgt_lang)),
                spans=((m.start, m.end),),
                text=m.text,
            )
        else:
            found[m.concept.id] = replace(hit, spans=(*hit.spans, (m.start, m.end)))
    return list(found.values())


def with_term(target: str, hit: TermHit, tgt_lang: str, glossary: TermMatcher) -> str:
    """``target`` with ``hit``'s approved term: in place of the first forbidden variant
    of its concept where there is one (in Russian, in that variant's case), else added
    at the end.

    >>> from workbench.glossary import Concept, Term, Termbase, TermStatus
    >>> tb = Termbase([Concept("x", [Term("Xinhua", "en"), Term("Синьхуа", "ru"),
    ...     Term("Синхуа", "ru", TermStatus.FORBIDDEN)])])
    >>> hit = glossary_hits("Xinhua said", "en", "ru", TermMatcher(tb))[0]
    >>> with_term("Агентство Синхуа сообщило", hit, "ru", TermMatcher(tb))
    'Агентство Синьхуа сообщило'
    >>> with_term("Сообщило", hit, "ru", TermMatcher(tb))
    'Сообщило Синьхуа'
    """
    if tgt_lang in SUPPORTED:
        for m in glossary.find(target, tgt_lang):
            if m.concept.id == hit.concept and m.forbidden:
                term = hit.target
                if tgt_lang == "ru":  # in the case of the variant it replaces
                    from workbench.glossary.inflect import case_of, inflect_ru

                    term = inflect_ru(term, case_of(m.text, m.term.text))
                return target[: m.start] + term + target[m.end :]
    joiner = get_language(tgt_lang).sentence_joiner
    if not target or target[-1].isspace() or not joiner:
        return target + hit.target
    return target + " " + hit.target


__all__ = ["TermHit", "glossary_hits", "with_term"]
