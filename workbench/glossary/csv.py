"""Glossary CSV: one row per concept, the shape of ``glossaries/media.csv``.

Columns: one per language with the preferred term (``en``, ``zh``, ``ru``...), ``note``,
and ``forbidden_LANG`` with the forbidden variants separated by ``|``.  The
optional ``admitted_LANG``, ``id``, ``subject``, ``pos`` (part of speech) and
``case_sensitive`` (``yes`` for terms matched with their exact capitals) columns
are written when the termbase has such data, and read when present.  UTF-8, with
or without a byte order mark.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from workbench.errors import GlossaryError
from workbench.formats.base import Format, atomic_write, encode_text, language_code
from workbench.glossary import Concept, Term, Termbase, TermStatus
from workbench.textio import decode_text

_SEPARATOR = "|"
_YES = frozenset({"yes", "true", "1", "y"})
_NOT_SLUG = re.compile(r"[^\w]+")


def read_glossary_csv(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Termbase:
    """The termbase in the glossary CSV ``path``."""
    data = Format(max_bytes=max_bytes).read_bytes(path)
    return parse_glossary_csv(data, str(path))


def parse_glossary_csv(data: bytes, source_name: str) -> Termbase:
    """Like :func:`read_glossary_csv` for bytes already in memory."""
    reader = csv.DictReader(io.StringIO(decode_text(data, source_name), newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    languages = [c for c in columns if language_code(c) == c]
    if not languages:
        raise GlossaryError(
            f"{source_name}: no language column (en, zh, ru) in the header row "
            f"{','.join(columns) or '(empty)'}; a glossary CSV has one column per language, "
            "note, and forbidden_LANG columns"
        )
    concepts: list[Concept] = []
    seen: set[str] = set()
    try:
        for row in reader:
            cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            terms: list[Term] = []
            pos = cells.get("pos", "")
            for lang in languages:
                if cells.get(lang):
                    terms.append(Term(cells[lang], lang, TermStatus.PREFERRED, pos))
                for status, prefix in (
                    (TermStatus.ADMITTED, "admitted_"),
                    (TermStatus.FORBIDDEN, "forbidden_"),
                ):
                    for text in cells.get(prefix + lang, "").split(_SEPARATOR):
                        if text.strip():
                            terms.append(Term(text.strip(), lang, status, pos))
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
            f"{source_name}: broken CSV at line {reader.line_num} ({exc})"
        ) from None
    return Termbase(concepts)


def render_glossary_csv(termbase: Termbase) -> bytes:
    """The bytes of ``termbase`` as a glossary CSV (UTF-8, no BOM, CRLF line ends)."""
    languages: list[str] = []
    for term in (t for c in termbase.concepts for t in c.terms):
        if term.lang not in languages:
            languages.append(term.lang)
    admitted = [
        lang
        for lang in languages
        if any(
            c.terms_in(lang) and any(t.status is TermStatus.ADMITTED for t in c.terms_in(lang))
            for c in termbase.concepts
        )
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
        }
        for lang in languages:
            preferred = concept.preferred(lang)
            row[lang] = (
                preferred.text if preferred and preferred.status is TermStatus.PREFERRED else ""
            )
            row[f"forbidden_{lang}"] = _SEPARATOR.join(t.text for t in concept.forbidden(lang))
            if lang in admitted:
                row[f"admitted_{lang}"] = _SEPARATOR.join(
                    t.text for t in concept.terms_in(lang) if t.status is TermStatus.ADMITTED
                )
        row["pos"] = next((t.part_of_speech for t in concept.terms if t.part_of_speech), "")
        writer.writerow({k: v for k, v in row.items() if k in columns})
    return encode_text(out.getvalue(), "glossary")


def write_glossary_csv(termbase: Termbase, path: str | os.PathLike[str]) -> None:
    """Write ``termbase`` to ``path`` as a glossary CSV, atomically."""
    atomic_write(Path(path), render_glossary_csv(termbase))


def _slug(text: str, seen: set[str]) -> str:
    base = _NOT_SLUG.sub("-", re.sub(r"['’.]", "", text.lower())).strip("-") or "concept"
    ident, n = base, 1
    while ident in seen:
        n += 1
        ident = f"{base}-{n}"
    return ident


__all__ = ["parse_glossary_csv", "read_glossary_csv", "render_glossary_csv", "write_glossary_csv"]
