"""Term lookup for the glossary checks, behind one small protocol.

A :class:`TermIndex` answers one question: where in ``text`` do glossary terms
occur, and is each occurrence an approved or a forbidden form?  The QA checks use
nothing else, so a smarter recogniser (lemmas, fuzzy matching) can replace
:class:`SimpleTermIndex` without touching them.

:class:`SimpleTermIndex` reads the trilingual CSV of ``glossaries/`` (columns
``en,zh,ru,note,forbidden_en,forbidden_zh,forbidden_ru``; ``|`` separates several
values in a cell) and matches:

* English: case-insensitively on word boundaries, with ``-``/``–`` and ``'``/``’``
  interchangeable; approved forms also match their plural (``journalists``);
* Chinese: as substrings; a one-character term (``元``) only after a number;
* Russian: case-insensitively on word boundaries.  Approved forms also accept up
  to three more letters after a stem (``Москва`` finds ``Москвы``, ``агентство
  Синьхуа`` finds ``агентства Синьхуа``); words ending in ``э``, ``у``, ``ю``,
  ``и`` (indeclinable transcriptions such as ``Тяньхэ``, ``Гуанчжоу``) match
  exactly.  In forbidden forms only the words they share with an approved form
  inflect (``районе Тяньхе`` is found, ``Тяньхе`` itself must match exactly), since
  several differ from an approved one by a letter (``Синхуа``/``Синьхуа``,
  ``Тяньхе``/``Тяньхэ``).  This is not lemmatisation:
  stem changes (``заём``/``займа``) and suppletive forms are missed.

Where matches overlap, the longest wins (``ИТАР-ТАСС`` over ``ТАСС``), and a
forbidden form wins a tie.

>>> index = SimpleTermIndex([TermEntry("xinhua", {"en": ("Xinhua News Agency",),
...     "ru": ("агентство Синьхуа",)}, {"ru": ("Синхуа",)})])
>>> [(h.text, h.forbidden) for h in index.find("Он работает в агентстве Синьхуа.", "ru")]
[('агентстве Синьхуа', False)]
>>> [(h.text, h.forbidden) for h in index.find("Корреспондент Синхуа", "ru")]
[('Синхуа', True)]
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from workbench.errors import GlossaryError
from workbench.languages import LANGUAGES, get_language

#: the columns a glossary CSV must have, besides the optional ``note`` and ``forbidden_*``
LANGUAGE_COLUMNS: tuple[str, ...] = ("en", "zh", "ru")
#: the largest glossary file read (5 MB)
MAX_GLOSSARY_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class TermEntry:
    """One concept: its approved and forbidden forms per language, and a note."""

    id: str
    approved: Mapping[str, tuple[str, ...]]
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def approved_in(self, lang: str) -> tuple[str, ...]:
        return self.approved.get(lang, ())

    def forbidden_in(self, lang: str) -> tuple[str, ...]:
        return self.forbidden.get(lang, ())

    def label(self, lang: str) -> str:
        """The first approved form in ``lang``, or the entry id."""
        forms = self.approved_in(lang)
        return forms[0] if forms else self.id


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary form in a text: ``text == full_text[start:end]``."""

    entry: TermEntry
    lang: str
    start: int
    end: int
    text: str
    forbidden: bool = False


class TermIndex(Protocol):
    """Finds glossary terms in a text; the QA glossary checks need nothing more."""

    def find(self, text: str, lang: str) -> list[TermHit]:
        """The non-overlapping term occurrences in ``text`` (language ``lang``), in order."""
        ...


# -- the simple implementation ---------------------------------------------------------

_RU_ADJECTIVE_ENDINGS = ("ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие")
_RU_SOFT_ENDINGS = "аяоеыйь"
_RU_LETTERS = "[а-яё]"


def _ru_word(word: str, *, inflect: bool) -> str:
    """A regex for one Russian word of a term, allowing case endings if ``inflect``."""
    if not inflect or not re.fullmatch(r"[А-Яа-яЁё-]+", word):
        return re.escape(word)
    lower = word.lower()
    stem = word
    if len(word) >= 5 and lower.endswith(_RU_ADJECTIVE_ENDINGS):
        stem = word[:-2]
    elif len(word) >= 4 and lower[-1] in _RU_SOFT_ENDINGS:
        stem = word[:-1]
    elif lower[-1] in "эуюи":  # indeclinable: Тяньхэ, Гуанчжоу
        return re.escape(word)
    return re.escape(stem) + _RU_LETTERS + "{0,3}"


def _en_word(word: str) -> str:
    escaped = re.escape(word)
    escaped = re.sub(r"\\?[-‐–]", "[-‐–]", escaped)
    return re.sub(r"['’]", "['’]", escaped)


def _en_plural(word: str) -> str:
    """A regex for an English word and its plural: journalist(s), agency/agencies."""
    if re.search(r"[^aeiou]y$", word, re.I):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.I):
        return re.escape(word) + "(?:es)?"
    return re.escape(word) + "s?"


def _pattern(
    form: str, lang: str, *, inflect: bool, shared: frozenset[str] = frozenset()
) -> re.Pattern[str] | None:
    """The regex of ``form``; with ``inflect`` every Russian word may take case endings,
    else only the words in ``shared`` (lower case)."""
    words = form.split()
    if not words:
        return None
    if lang == "ru":
        parts = [_ru_word(w, inflect=inflect or w.lower() in shared) for w in words]
    else:
        parts = [_en_word(w) for w in words]
        if inflect and re.fullmatch(r"[A-Za-z]+", words[-1]):
            parts[-1] = _en_plural(words[-1])
    body = r"\s+".join(parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


_ZH_NUMBER_END = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿多余]\s*$")


def _after_number(text: str, start: int) -> bool:
    """Whether a one-character Chinese term at ``start`` follows a number (3亿元, 十元):
    alone, 元 or 年 would match inside any word."""
    return _ZH_NUMBER_END.search(text[max(0, start - 3) : start]) is not None


class SimpleTermIndex:
    """A :class:`TermIndex` over a list of :class:`TermEntry` (see the module docstring)."""

    def __init__(self, entries: Iterable[TermEntry]) -> None:
        self.entries: list[TermEntry] = list(entries)
        #: lang -> [(form or its lowercase prefix, forbidden, entry, pattern or None
        #: for substring search)]; the prefix skips most patterns cheaply
        self._forms: dict[str, list[tuple[str, bool, TermEntry, re.Pattern[str] | None]]] = {}
        for lang in LANGUAGES:
            forms: list[tuple[str, bool, TermEntry, re.Pattern[str] | None]] = []
            for entry in self.entries:
                for forbidden, texts in (
                    (False, entry.approved_in(lang)),
                    (True, entry.forbidden_in(lang)),
                ):
                    for text in texts:
                        if not text.strip():
                            continue
                        if lang == "zh":
                            forms.append((text, forbidden, entry, None))
                            continue
                        shared = frozenset(
                            w.lower() for f in entry.approved_in(lang) for w in f.split()
                        )
                        pattern = _pattern(text, lang, inflect=not forbidden, shared=shared)
                        prefix = text.split()[0][:3].lower()
                        forms.append((prefix, forbidden, entry, pattern))
            self._forms[lang] = forms

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, lang: str) -> list[TermHit]:
        get_language(lang)
        candidates: list[TermHit] = []
        lowered = text.lower()
        for form, forbidden, entry, pattern in self._forms.get(lang, []):
            if pattern is not None and form not in lowered:
                continue
            if pattern is None:
                start = text.find(form)
                while start >= 0:
                    end = start + len(form)
                    if len(form) > 1 or _after_number(text, start):
                        candidates.append(TermHit(entry, lang, start, end, form, forbidden))
                    start = text.find(form, end)
            else:
                for m in pattern.finditer(text):
                    candidates.append(
                        TermHit(entry, lang, m.start(), m.end(), m.group(), forbidden)
                    )
        # longest first, forbidden before approved on a tie, then leftmost
        candidates.sort(key=lambda h: (-(h.end - h.start), not h.forbidden, h.start))
        taken: list[TermHit] = []
        for hit in candidates:
            if all(hit.end <= t.start or hit.start >= t.end for t in taken):
                taken.append(hit)
        return sorted(taken, key=lambda h: h.start)


def _values(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def parse_glossary_csv(text: str, source_name: str) -> SimpleTermIndex:
    """A term index from the text of a glossary CSV (see the module docstring)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        if not header:
            raise GlossaryError(
                f"{source_name}: the glossary is empty; it needs a header row "
                "en,zh,ru,note,forbidden_en,forbidden_zh,forbidden_ru"
            )
        if not any(lang in header for lang in LANGUAGE_COLUMNS):
            raise GlossaryError(
                f"{source_name}: the header row has none of the columns en, zh, ru (found "
                f"{','.join(reader.fieldnames or [])}); a glossary CSV has the columns "
                "en,zh,ru,note,forbidden_en,forbidden_zh,forbidden_ru"
            )
        entries: list[TermEntry] = []
        for row in reader:
            cells = {(k or "").strip().lower(): v for k, v in row.items()}
            approved = {lang: _values(cells.get(lang)) for lang in LANGUAGE_COLUMNS}
            forbidden = {lang: _values(cells.get(f"forbidden_{lang}")) for lang in LANGUAGE_COLUMNS}
            if not any(approved.values()):
                continue
            key = next(v[0] for v in approved.values() if v)
            entries.append(
                TermEntry(
                    id=key,
                    approved={k: v for k, v in approved.items() if v},
                    forbidden={k: v for k, v in forbidden.items() if v},
                    note=(cells.get("note") or "").strip(),
                )
            )
    except csv.Error as exc:
        raise GlossaryError(
            f"{source_name}: broken CSV at line {reader.line_num} ({exc}); check its quotes"
        ) from None
    return SimpleTermIndex(entries)


def load_glossary(path: str | os.PathLike[str]) -> TermIndex:
    """The term index of the glossary CSV at ``path``: :mod:`workbench.glossary`'s
    recognition (lemmas, jieba) behind :class:`TermIndex`; concepts are keyed by the
    termbase's ids (``xinhua-news-agency``).

    >>> load_glossary("glossaries/media.csv")  # doctest: +SKIP
    """
    file = Path(path)
    if not file.is_file():
        raise GlossaryError(f"no glossary at {file}: give the path of a glossary CSV")
    size = file.stat().st_size
    if size > MAX_GLOSSARY_BYTES:
        raise GlossaryError(
            f"{file} is {size // (1024 * 1024)} MB; a glossary CSV is read up to 5 MB: "
            "split it or trim it"
        )
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"{file} is not valid UTF-8 (byte {exc.start}): save it as UTF-8 and try again"
        ) from None
    parse_glossary_csv(text, str(file))  # the header and quotes, with the messages above
    from workbench.glossary import read_termbase
    from workbench.glossary.qa import MatcherTermIndex

    return MatcherTermIndex(read_termbase(file))


def entries_for(hits: Sequence[TermHit]) -> dict[str, TermEntry]:
    """The entries of ``hits`` by id."""
    return {h.entry.id: h.entry for h in hits}


__all__ = [
    "LANGUAGE_COLUMNS",
    "SimpleTermIndex",
    "TermEntry",
    "TermHit",
    "TermIndex",
    "entries_for",
    "load_glossary",
    "parse_glossary_csv",
]
