"""Russian term inflection with pymorphy3: put an approved term into the case its context fixes.

The head of a term is its first noun; the adjectives before it agree with it, the
words after it (genitive complements, indeclinable names, titles in guillemets)
stay as they are: «агентство Синьхуа» -> «агентства Синьхуа», «Российская газета»
-> «Российской газете», «Международное радио Китая» -> «Международного радио
Китая».  Indeclinable words (pymorphy3's ``Fixd``) never change.

>>> inflect_ru("агентство Синьхуа", "gent")
'агентства Синьхуа'
>>> case_from_context("Корреспондент работает в", "")
'loct'
"""

from __future__ import annotations

import re
from typing import Any

from workbench.glossary.match import known, morph

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_PREPOSITIONS = {
    **dict.fromkeys(("в", "во", "на", "о", "об", "обо", "при"), "loct"),
    **dict.fromkeys(
        (
            "из",
            "от",
            "до",
            "у",
            "без",
            "для",
            "после",
            "около",
            "вокруг",
            "среди",
            "кроме",
            "со стороны",
            "из-за",
            "возле",
            "против",
            "вместо",
        ),
        "gent",
    ),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно"), "datv"),
    **dict.fromkeys(("с", "со", "за", "под", "над", "перед", "между"), "ablt"),
    **dict.fromkeys(("про", "через", "сквозь"), "accs"),
}
_WORD = re.compile(r"[\w-]+")
_NAMES = {"Name", "Surn", "Patr"}


def _nominative(word: str) -> Any | None:
    """The parse of ``word`` as a nominative noun or adjective, if pymorphy3 knows one."""
    if word.isupper() and len(word) > 1:  # abbreviations: ТАСС, США
        return None
    for parse in morph().parse(word):
        if (
            known(parse)
            and parse.tag.case == "nomn"
            and parse.tag.POS in ("NOUN", "ADJF", "PRTF")
            and "Abbr" not in parse.tag
        ):
            return parse
    return None


def _restore(original: str, inflected: str) -> str:
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    if original[:1].isupper():
        return inflected[:1].upper() + inflected[1:]
    return inflected


def inflect_ru(term: str, case: str) -> str:
    """``term`` (a nominative Russian term) in grammatical ``case`` (``gent``, ``loct``...)."""
    if case == "nomn" or case not in CASES:
        return term
    words = term.split(" ")
    parses: list[Any] = [None if _quoted(words, i) else _nominative(w) for i, w in enumerate(words)]
    head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    if head is None:
        return term
    head_parse = parses[head]
    out = list(words)
    head_is_name = bool(_NAMES & set(head_parse.tag.grammemes))
    for i, (word, parse) in enumerate(zip(words, parses, strict=True)):
        if parse is None or "Fixd" in parse.tag:
            continue
        wanted: set[str] = {case}
        if i < head and parse.tag.POS in ("ADJF", "PRTF"):
            if head_parse.tag.number == "plur" or parse.tag.number == "plur":
                wanted.add("plur")
            else:
                wanted.add(head_parse.tag.gender or "masc")
                if case == "accs" and head_parse.tag.animacy:
                    wanted.add(head_parse.tag.animacy)
        elif i == head or (i > head and head_is_name and _NAMES & set(parse.tag.grammemes)):
            pass
        else:
            continue
        inflected = parse.inflect(wanted)
        if inflected is not None:
            out[i] = _restore(word, inflected.word)
    return " ".join(out)


def _quoted(words: list[str], i: int) -> bool:
    before = " ".join(words[: i + 1])
    return before.count("«") > before.count("»") or words[i].startswith("«")


def case_of(surface: str, term: str) -> str:
    """The case of ``surface``, an inflected occurrence of the nominative ``term``."""
    words = term.split(" ")
    parses: list[Any] = [None if _quoted(words, i) else _nominative(w) for i, w in enumerate(words)]
    head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    found = surface.replace("«", " ").replace("»", " ").split()
    if head is None or head >= len(found):
        return "nomn"
    lemma = parses[head].normal_form
    for parse in morph().parse(found[head]):
        if parse.normal_form == lemma and parse.tag.case:
            return str(parse.tag.case)
    return "nomn"


def case_from_context(before: str, after: str = "") -> str:
    """The case a Russian noun phrase takes after ``before`` (a preposition, a noun...)."""
    words = _WORD.findall(before.lower())
    if not words or re.search(r"[.!?:;]\s*$", before):
        return "nomn"
    last = words[-1]
    if last in _PREPOSITIONS:
        return _PREPOSITIONS[last]
    parse = morph().parse(last)[0]
    if parse.tag.POS == "NOUN" and not re.search(r"[,—–-]\s*$", before):
        return "gent"
    return "nomn"


__all__ = ["CASES", "case_from_context", "case_of", "inflect_ru"]
