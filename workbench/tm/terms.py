"""Glossary hits for the Edit page's side panel: which termbase entries a source sentence uses.

A deliberately simple lookup over a termbase CSV with one column per language
code (``en``, ``zh``, ``ru``; ``note``; ``forbidden_<lang>`` with ``|``-separated
terms), as ``glossaries/media.csv`` is.  English matches whole words ignoring
case, Russian matches each word by its stem (so ``агентства Синьхуа`` finds
``агентство Синьхуа``), Chinese matches characters.  Term recognition with
lemmas and enforcement in MT belong to :mod:`workbench.glossary`.

>>> entries = [GlossaryEntry({"en": "news agency", "zh": "通讯社",
...                            "ru": "информационное агентство"})]
>>> [h.target for h in glossary_hits("Two news agencies agreed.", "en", "zh", entries)]
['通讯社']
>>> [h.target for h in glossary_hits("Два информационных агентства.", "ru", "zh", entries)]
['通讯社']
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from workbench.errors import GlossaryError
from workbench.languages import get_language


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its term per language, a note and forbidden variants per language."""

    terms: Mapping[str, str]
    note: str = ""
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TermHit:
    """A source term found in a sentence and its translation."""

    source: str
    target: str
    note: str
    forbidden: tuple[str, ...]


def parse_glossary_csv(text: str, name: str) -> list[GlossaryEntry]:
    """Entries of a termbase CSV; a file without language columns is a :class:`GlossaryError`."""
    reader = csv.DictReader(io.StringIO(text))
    langs = [c for c in (reader.fieldnames or []) if c in ("en", "zh", "ru")]
    if len(langs) < 2:
        raise GlossaryError(
            f"{name} has no columns for two languages: its header must name at least two "
            "of en, zh, ru"
        )
    entries = []
    for row in reader:
        terms = {lang: (row.get(lang) or "").strip() for lang in langs}
        forbidden = {
            lang: tuple(t.strip() for t in (row.get(f"forbidden_{lang}") or "").split("|") if t)
            for lang in langs
        }
        entries.append(
            GlossaryEntry(
                {k: v for k, v in terms.items() if v}, (row.get("note") or "").strip(), forbidden
            )
        )
    return entries


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[GlossaryEntry, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"cannot read the glossary {path}: {exc}") from exc
    return tuple(parse_glossary_csv(text, path))


def load_glossary_csv(path: str | Path) -> Sequence[GlossaryEntry]:
    """The entries of the CSV termbase at ``path``, read again only when the file changes."""
    p = Path(path)
    if not p.is_file():
        raise GlossaryError(f"no glossary at {p}: check the path")
    return _load(str(p), p.stat().st_mtime)


def _word(word: str, lang: str) -> str:
    if lang == "ru":  # a stem: the ending inflects
        return (
            re.escape(word[: max(3, len(word) - 2)]) + r"\w*" if len(word) > 3 else re.escape(word)
        )
    if word.endswith("y") and len(word) > 2:  # agency, agencies
        return re.escape(word[:-1]) + r"(?:y|ies)"
    return re.escape(word) + (r"(?:s|es)?" if word[-1:].isalpha() else "")


@lru_cache(maxsize=4096)
def _pattern(term: str, lang: str) -> re.Pattern[str]:
    if not get_language(lang).sentence_joiner:  # Chinese: characters
        return re.compile(re.escape(term))
    body = r"\s+".join(_word(w, lang) for w in term.split())
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def glossary_hits(
    source: str, src_lang: str, tgt_lang: str, entries: Sequence[GlossaryEntry]
) -> list[TermHit]:
    """The entries whose ``src_lang`` term occurs in ``source``, longest term first."""
    hits: list[TermHit] = []
    for entry in entries:
        term, target = entry.terms.get(src_lang), entry.terms.get(tgt_lang)
        if not term or not target:
            continue
        if _pattern(term, src_lang).search(source):
            hits.append(TermHit(term, target, entry.note, entry.forbidden.get(tgt_lang, ())))
    hits.sort(key=lambda h: -len(h.source))
    # a term inside a longer one found too ("TASS" in "ITAR-TASS") is left out
    kept: list[TermHit] = []
    for hit in hits:
        if not any(hit.source.casefold() in k.source.casefold() for k in kept):
            kept.append(hit)
    return kept
