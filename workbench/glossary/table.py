"""A termbase as table rows (one per concept), for editing in the app.

Columns: ``id``, ``en``, ``zh``, ``ru`` (preferred terms), ``note``,
``forbidden_en``/``forbidden_zh``/``forbidden_ru`` and ``admitted_*`` (in every
term cell several terms separated by ``|``), ``subject``, ``pos`` (part of speech)
and ``case_sensitive``. Rows go back through the glossary CSV reader, so the app and
the CSV files share one set of rules.

>>> rows = termbase_rows(Termbase([Concept("tass", [Term("TASS", "en")])]))
>>> rows[0]["en"], rows_termbase(rows).concepts[0].id
('TASS', 'tass')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from workbench.glossary.csv import LANGUAGES, SEPARATOR, parse_glossary_csv
from workbench.glossary.model import Concept, Term, Termbase, TermStatus

COLUMNS = (
    "id",
    *LANGUAGES,
    "note",
    *(f"forbidden_{lang}" for lang in LANGUAGES),
    *(f"admitted_{lang}" for lang in LANGUAGES),
    "subject",
    "pos",
    "case_sensitive",
)


def termbase_rows(termbase: Termbase) -> list[dict[str, Any]]:
    """One row per concept (see the module docstring)."""
    rows: list[dict[str, Any]] = []
    for concept in termbase.concepts:
        row: dict[str, Any] = {
            "id": concept.id,
            "note": concept.note,
            "subject": concept.subject,
            "case_sensitive": concept.case_sensitive,
            "pos": next((t.part_of_speech for t in concept.terms if t.part_of_speech), ""),
        }
        for lang in LANGUAGES:
            for status, column in (
                (TermStatus.PREFERRED, lang),
                (TermStatus.FORBIDDEN, f"forbidden_{lang}"),
                (TermStatus.ADMITTED, f"admitted_{lang}"),
            ):
                row[column] = SEPARATOR.join(
                    t.text for t in concept.terms_in(lang) if t.status is status
                )
        rows.append(row)
    return rows


def rows_termbase(rows: Iterable[Mapping[str, Any]], title: str = "") -> Termbase:
    """The termbase of edited ``rows``; rows without any term are dropped."""

    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        cells = {k: "" if row.get(k) is None else row.get(k) for k in COLUMNS}
        cells["case_sensitive"] = "yes" if row.get("case_sensitive") in (True, "yes") else ""
        writer.writerow(cells)
    termbase = parse_glossary_csv(out.getvalue().encode(), "glossary table")
    termbase.title = title
    return termbase


def search(rows: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """The rows with ``query`` (case-insensitive) in any cell."""
    needle = query.strip().lower()
    if not needle:
        return rows
    return [r for r in rows if any(needle in str(v).lower() for v in r.values())]


__all__ = ["COLUMNS", "Concept", "Term", "rows_termbase", "search", "termbase_rows"]
