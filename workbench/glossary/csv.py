"""Glossary CSV: one row per concept, the shape of the shipped ``media.csv``.

Columns: one per language with the preferred term (``en``, ``zh``, ``ru``), ``note``,
and ``forbidden_LANG`` with the forbidden variants.  The optional ``admitted_LANG``,
``id``, ``subject``, ``pos`` (part of speech) and ``case_sensitive`` (``yes`` for
terms matched with their exact capitals) columns are written when the termbase has
such data, and read when present.  In the language, ``forbidden_*`` and
``admitted_*`` cells ``|`` separates several terms (synonyms) of the concept:
``Xinhua|Xinhua News Agency`` is two preferred English terms, the first the one
machine translation puts in; TBX keeps them as separate terms and writing CSV joins
them back.  UTF-8, with or without a byte order mark.

The header rule, the same for every reader (files, uploads, the Glossary page's
table): column names are matched case-insensitively with surrounding spaces
ignored (``EN``, `` zh ``); blank column names are skipped; at least one language
column is required; any other name, or a column given twice, is a
:class:`~workbench.errors.GlossaryError` naming the file and the valid columns.

>>> data = "EN,ru,Forbidden_RU\\nXinhua|Xinhua News Agency,Синьхуа,Синхуа\\n".encode()
>>> tb = parse_glossary_csv(data, "g.csv")
>>> [(t.text, t.lang, t.status.value) for t in tb.concepts[0].terms]
[('Xinhua', 'en', 'preferred'), ('Xinhua News Agency', 'en', 'preferred'), \
('Синьхуа', 'ru', 'preferred'), ('Синхуа', 'ru', 'forbidden')]
>>> render_glossary_csv(tb).decode().splitlines()[1]
'Xinhua|Xinhua News Agency,Синьхуа,,,Синхуа'
"""

from __future__ import annotations

import csv
import io
import re

from workbench.errors import GlossaryError
from workbench.formats.base import encode_text
from workbench.glossary.model import Concept, Term, Termbase, TermStatus
from workbench.textio import decode_text

#: the languages a glossary CSV has columns for
LANGUAGES = ("en", "zh", "ru")
#: what separates several terms in one cell
SEPARATOR = "|"
#: the column prefix of each status (a preferred term's column is the language code)
_PREFIXES = {
    TermStatus.PREFERRED: "",
    TermStatus.ADMITTED: "admitted_",
    TermStatus.FORBIDDEN: "forbidden_",
}
#: every column a glossary CSV may have, in the order they are written
COLUMNS = (
    *LANGUAGES,
    "note",
    *(f"forbidden_{lang}" for lang in LANGUAGES),
    *(f"admitted_{lang}" for lang in LANGUAGES),
    "id",
    "subject",
    "pos",
    "case_sensitive",
)
_YES = frozenset({"yes", "true", "1", "y"})
_NOT_SLUG = re.compile(r"[^\w]+")
_VALID = (
    "at least one of en, zh, ru; then any of note, forbidden_en, forbidden_zh, forbidden_ru, "
    "admitted_en, admitted_zh, admitted_ru, id, subject, pos, case_sensitive"
)


def header_columns(fieldnames: list[str] | None, source_name: str) -> list[str | None]:
    """The glossary column of each header cell (``None`` for a blank one), by the header
    rule of the module docstring.

    >>> header_columns([" EN", "Forbidden_RU ", ""], "g.csv")
    ['en', 'forbidden_ru', None]
    >>> header_columns(["term", "meaning"], "g.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbench.errors.GlossaryError: g.csv: no language column in the header row term,meaning; ...
    """
    found = ",".join(fieldnames or []) or "(empty)"
    names = [(name or "").strip().lower() or None for name in fieldnames or []]
    if not any(name in LANGUAGES for name in names):
        raise GlossaryError(
            f"{source_name}: no language column in the header row {found}; a glossary CSV "
            f"has the columns {_VALID} (any case)"
        )
    unknown = [
        raw
        for raw, name in zip(fieldnames or [], names, strict=True)
        if name and name not in COLUMNS
    ]
    if unknown:
        raise GlossaryError(
            f"{source_name}: unknown column{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(u) for u in unknown)} in the header row {found}; a glossary CSV "
            f"has the columns {_VALID} (any case)"
        )
    twice = sorted({n for n in names if n and names.count(n) > 1})
    if twice:
        raise GlossaryError(
            f"{source_name}: the column {', '.join(twice)} appears twice in the header row "
            f"{found} (names are read in any case); keep one"
        )
    return names


def split_terms(cell: str) -> list[str]:
    """The terms of a cell: ``|`` between synonyms, spaces around each dropped."""
    return [t.strip() for t in cell.split(SEPARATOR) if t.strip()]


def parse_glossary_csv(data: bytes, source_name: str) -> Termbase:
    """The termbase in the glossary CSV ``data`` (read files with
    :func:`workbench.glossary.read_termbase`)."""
    text = decode_text(data, source_name, error=GlossaryError)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    concepts: list[Concept] = []
    seen: set[str] = set()
    try:
        columns = header_columns(next(reader, None), source_name)
        for row in reader:
            cells: dict[str, str] = {}
            for name, value in zip(columns, row, strict=False):
                if name is not None:
                    cells[name] = value.strip()
            pos = cells.get("pos", "")
            terms: list[Term] = []
            for lang in LANGUAGES:
                for status, prefix in _PREFIXES.items():
                    for text in split_terms(cells.get(prefix + lang, "")):
                        terms.append(Term(text, lang, status, pos))
            if not terms:
                continue
            ident = cells.get("id") or _slug(terms[0].text, seen)
            seen.add(ident)
            concepts.append(
                Concept(
                    ident,
                    terms,
                    cells.get("note", ""),
                    cells.get("subject", ""),
                    cells.get("case_sensitive", "").lower() in _YES,
                )
            )
    except csv.Error as exc:
        raise GlossaryError(
            f"{source_name}: broken CSV at line {reader.line_num} ({exc}); check its quotes"
        ) from None
    return Termbase(concepts)


def render_glossary_csv(termbase: Termbase, target_name: str = "the glossary CSV") -> bytes:
    """The bytes of ``termbase`` as a glossary CSV (UTF-8, no BOM, CRLF line ends).

    Several terms of a status in a language go into one cell, joined by ``|``.  A
    termbase the CSV cannot hold (terms in a language other than en, zh, ru, or a
    term with ``|`` in it) is a :class:`~workbench.errors.GlossaryError` naming
    ``target_name``: keep such a termbase as TBX.
    """
    languages: list[str] = []
    for concept in termbase.concepts:
        for term in concept.terms:
            if term.lang not in LANGUAGES:
                raise GlossaryError(
                    f"{target_name}: the glossary CSV has columns for {', '.join(LANGUAGES)} "
                    f"only, and concept {concept.id!r} has the {term.lang!r} term "
                    f"{term.text!r}: write the glossary as .tbx"
                )
            if SEPARATOR in term.text:
                raise GlossaryError(
                    f"{target_name}: the term {term.text!r} of concept {concept.id!r} has a "
                    f"{SEPARATOR!r}, which the glossary CSV puts between synonyms: write the "
                    "glossary as .tbx or remove it from the term"
                )
            if term.lang not in languages:
                languages.append(term.lang)
    admitted = [
        lang
        for lang in languages
        if any(t.status is TermStatus.ADMITTED for c in termbase.concepts for t in c.terms_in(lang))
    ]
    columns = [*languages, "note", *(f"forbidden_{lang}" for lang in languages)]
    columns += [f"admitted_{lang}" for lang in admitted]
    extra = {
        "id": any(c.id != _slug(c.terms[0].text, set()) for c in termbase.concepts if c.terms),
        "subject": any(c.subject for c in termbase.concepts),
        "pos": any(t.part_of_speech for c in termbase.concepts for t in c.terms),
        "case_sensitive": any(c.case_sensitive for c in termbase.concepts),
    }
    columns += [name for name, wanted in extra.items() if wanted]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    for concept in termbase.concepts:
        row = {
            "note": concept.note,
            "id": concept.id,
            "subject": concept.subject,
            "case_sensitive": "yes" if concept.case_sensitive else "",
            "pos": next((t.part_of_speech for t in concept.terms if t.part_of_speech), ""),
        }
        for lang in languages:
            for status, prefix in _PREFIXES.items():
                row[prefix + lang] = _joined(concept, lang, status)
        writer.writerow({k: v for k, v in row.items() if k in columns})
    return encode_text(out.getvalue(), target_name)


def _joined(concept: Concept, lang: str, status: TermStatus) -> str:
    return SEPARATOR.join(t.text for t in concept.terms_in(lang) if t.status is status)


def _slug(text: str, seen: set[str]) -> str:
    base = _NOT_SLUG.sub("-", re.sub(r"['’.]", "", text.lower())).strip("-") or "concept"
    ident, n = base, 1
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    return ident


__all__ = [
    "COLUMNS",
    "LANGUAGES",
    "SEPARATOR",
    "header_columns",
    "parse_glossary_csv",
    "render_glossary_csv",
    "split_terms",
]
