"""Term recognition: where the terms of a termbase occur in a text, with character spans.

* English: case-insensitive unless the concept is case-sensitive; plurals
  (``journalists``, ``agencies``, ``chairmen``, ``editors-in-chief``) and
  possessives (``Xinhua's``, ``journalists'``); ``-``/``–`` and ``'``/``’`` are
  interchangeable and any run of spaces matches a space.
* Russian: every word of a term matches any inflected form of it, through the
  lemmas of pymorphy3 (``агентства Синьхуа``, ``агентством ИТАР-ТАСС``,
  ``в Экономической газете``); guillemets may stand between the words.
* Chinese: the longest term that covers whole words, segmenting with jieba with the
  glossary's terms added to its dictionary; no match inside a longer word
  (``中国`` is not found in ``中国人``), but a term after digits inside a numeric
  word is (``元`` in ``亿元``).

Forbidden terms are recognised too, flagged by :attr:`TermMatch.forbidden`. Where
matches overlap the longest wins, then the one spelled exactly as the glossary
spells it, then a forbidden one.  pymorphy3 and jieba load on first use, once per
process.

This one matcher serves machine translation (:mod:`workbench.glossary.enforce`),
the Edit panel (:mod:`workbench.glossary.hits`) and the QA glossary checks (a
:class:`TermMatcher` is a :class:`workbench.qa.terms.TermIndex`).

>>> from workbench.glossary import SHIPPED
>>> matcher = load_matcher(SHIPPED)
>>> [(m.concept.id, m.text) for m in matcher.find("Xinhua News Agency's journalists", "en")]
[('xinhua-news-agency', "Xinhua News Agency's"), ('journalist', 'journalists')]
>>> [(m.concept.id, m.text) for m in matcher.find("Он работает в агентстве Синьхуа.", "ru")]
[('xinhua-news-agency', 'агентстве Синьхуа')]
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary import Concept, Term, Termbase, TermStatus, read_termbase

SUPPORTED = ("en", "zh", "ru")


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary term: ``text == full_text[start:end]``."""

    concept: Concept
    term: Term
    start: int
    end: int
    text: str

    @property
    def forbidden(self) -> bool:
        return self.term.status is TermStatus.FORBIDDEN

    def as_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept.id,
            "term": self.term.text,
            "start": self.start,
            "end": self.end,
        }


def _check_lang(lang: str) -> None:
    if lang not in SUPPORTED:
        raise GlossaryError(
            f"term recognition knows no language {lang!r}: choose one of {', '.join(SUPPORTED)}"
        )


def load_matcher(path: str | os.PathLike[str]) -> TermMatcher:
    """A matcher over the termbase (TBX or glossary CSV) at ``path``: the one way the
    CLI, the pages and QA turn a glossary file into term recognition.  Problems are
    :class:`~workbench.errors.GlossaryError` naming the file."""
    return TermMatcher(read_termbase(path))


# -- shared resources, loaded once ------------------------------------------------------

_LOCK = threading.Lock()


@functools.cache
def morph() -> Any:
    """The pymorphy3 analyser for Russian (loaded on first use)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.cache
def _jieba_base() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _jieba_with(words: Iterable[str]) -> Any:
    """A jieba tokenizer sharing the default dictionary, with ``words`` added."""
    import jieba

    base = _jieba_base()
    with _LOCK:
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = dict(base.FREQ)
        tokenizer.total = base.total
        tokenizer.initialized = True
    for word in words:
        # only new words: a dictionary word keeps its frequency, so that longer words
        # that contain a term (中国人 for 中国) stay whole
        if word.strip() and not tokenizer.FREQ.get(word):
            tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1))
    return tokenizer


# -- Russian ----------------------------------------------------------------------------

_RU_TOKEN = re.compile(r"\w+(?:[-‐–]\w+)*")
_CLOSING = frozenset('»”"')
_OPENING = frozenset('«„“"')
_RU_GAP = re.compile(r"[\s«»\"“”„‘’']*\s[\s«»\"“”„‘’']*|[\s«»\"“”„]+")


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е").replace("‐", "-").replace("–", "-")


@functools.lru_cache(maxsize=65536)
def ru_lemmas(word: str) -> frozenset[str]:
    """The lowercase word and every lemma pymorphy3 gives it (``ё`` read as ``е``).

    Guesses for words outside the dictionary are left out, so that near-spellings
    (``Синхуа``/``Синьхуа``) stay apart; such words match themselves.
    """
    lowered = _norm(word)
    lemmas = {lowered}
    for parse in morph().parse(word):
        if known(parse):
            lemmas.add(_norm(parse.normal_form))
    if len(lemmas) == 1 and re.fullmatch(r"[а-я]+", lowered):
        # outside the dictionary (Вэйминь, Вэйминя): compare stems without the case ending
        stem = _RU_ENDING.sub("", lowered)
        if len(stem) >= 2:
            lemmas.add("~" + stem)
    return frozenset(lemmas)


_RU_ENDING = re.compile(r"(?:ем|ём|ом|ой|ей|ью|ию|ия|ю|я|а|е|у|и|ь|й|ы|о)$")


def known(parse: Any) -> bool:
    """Whether pymorphy3 found the word in its dictionary (not a guess by its ending)."""
    methods = parse.methods_stack
    return bool(methods) and all(type(m[0]).__name__ in _RELIABLE for m in methods)


#: pymorphy3 analysers that read a word from the dictionary (not guesses by ending)
_RELIABLE = frozenset(
    {
        "DictionaryAnalyzer",
        "HyphenatedWordsAnalyzer",
        "HyphenAdverbAnalyzer",
        "KnownPrefixAnalyzer",
        "HyphenSeparatedParticleAnalyzer",
    }
)


# -- English ----------------------------------------------------------------------------


def _en_word(word: str) -> str:
    escaped = re.escape(word)
    escaped = re.sub(r"(?:\\-|‐|–)", "[-‐–]", escaped)
    return re.sub(r"['’]", "['’]", escaped)


def _en_plural(word: str) -> str:
    """A regex for an English word and its plural: journalist(s), agency/agencies, chairman."""
    if re.fullmatch(r"[A-Z0-9.]+", word):  # acronyms: TASS, U.S.
        return _en_word(word)
    if re.search(r"man$", word, re.I):
        return re.escape(word[:-3]) + "m(?:a|e)n"
    if re.search(r"[^aeiou]y$", word, re.I):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", word, re.I):
        return re.escape(word) + "(?:es)?"
    return re.escape(word) + "s?"


def _en_pattern(text: str, case_sensitive: bool) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    parts = [_en_word(w) for w in words]
    last = words[-1]
    compound = re.fullmatch(r"([A-Za-z]+)((?:-(?:in|of|at|on)-[A-Za-z]+)+)", last)
    if compound:  # editor-in-chief -> editors-in-chief
        parts[-1] = _en_plural(compound.group(1)) + _en_word(compound.group(2))
    elif re.fullmatch(r"[A-Za-z]+", last):
        parts[-1] = _en_plural(last)
    body = r"\s+".join(parts)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?:['’]s\b|(?<=s)['’](?!\w))?(?![\w])", flags)


#: one-character suffixes that make a place or name into another word (中国人, 俄罗斯籍)
_ZH_SUFFIXES = frozenset("人籍裔族式化性型语话")
_ZH_NUMBER = re.compile(r"[\d０-９.,零〇一二两三四五六七八九十百千万亿]+")


# -- the matcher ------------------------------------------------------------------------


@dataclass
class _Candidate:
    match: TermMatch
    #: how many words are spelled as in the glossary (more wins a tie)
    exact: int


class TermMatcher:
    """Finds the terms of a :class:`~workbench.glossary.Termbase` in texts (module docstring).

    Its :meth:`find` is the QA checks' :class:`workbench.qa.terms.TermIndex`: a
    :class:`TermMatch` carries what they read (its concept's id and approved terms,
    the span, whether the term is forbidden).
    """

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self._prepared: dict[str, Any] = {}
        self._lock = threading.Lock()

    def terms(self, lang: str) -> list[tuple[Concept, Term]]:
        return [(c, t) for c in self.termbase.concepts for t in c.terms_in(lang) if t.text.strip()]

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """The non-overlapping term occurrences in ``text`` (language ``lang``), in order."""
        _check_lang(lang)
        if not text:
            return []
        if lang == "en":
            candidates = self._find_en(text)
        elif lang == "ru":
            candidates = self._find_ru(text)
        else:
            candidates = self._find_zh(text)
        return _resolve(candidates)

    # -- per language

    def _prepare(self, lang: str) -> Any:
        with self._lock:
            if lang not in self._prepared:
                if lang == "en":
                    self._prepared[lang] = [
                        (c, t, p)
                        for c, t in self.terms("en")
                        if (p := _en_pattern(t.text, c.case_sensitive)) is not None
                    ]
                elif lang == "ru":
                    index: dict[str, list[tuple[Concept, Term, list[frozenset[str]]]]] = {}
                    for c, t in self.terms("ru"):
                        tokens = [m.group() for m in _RU_TOKEN.finditer(t.text)]
                        if not tokens:
                            continue
                        sets = [ru_lemmas(w) for w in tokens]
                        for lemma in sets[0]:
                            index.setdefault(lemma, []).append((c, t, sets))
                    self._prepared[lang] = index
                else:
                    terms = self.terms("zh")
                    by_text: dict[str, list[tuple[Concept, Term]]] = {}
                    for c, t in terms:
                        by_text.setdefault(t.text.strip(), []).append((c, t))
                    tokenizer = _jieba_with(by_text)
                    self._prepared[lang] = (tokenizer, by_text, max(map(len, by_text), default=0))
            return self._prepared[lang]

    def _find_en(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        lowered = text.lower()
        for concept, term, pattern in self._prepare("en"):
            first = term.text.split()[0][:3].lower()
            if first.isalpha() and first not in lowered:
                continue
            for m in pattern.finditer(text):
                exact = int(m.group() == term.text)
                found.append(
                    _Candidate(TermMatch(concept, term, m.start(), m.end(), m.group()), exact)
                )
        return found

    def _find_ru(self, text: str) -> list[_Candidate]:
        index = self._prepare("ru")
        tokens = list(_RU_TOKEN.finditer(text))
        lemmas = [ru_lemmas(t.group()) for t in tokens]
        found: list[_Candidate] = []
        for i, first in enumerate(lemmas):
            seen: set[int] = set()
            for lemma in first:
                for concept, term, sets in index.get(lemma, ()):
                    if id(term) in seen or i + len(sets) > len(tokens):
                        continue
                    seen.add(id(term))
                    if not all(sets[k] & lemmas[i + k] for k in range(1, len(sets))):
                        continue
                    if not all(
                        _RU_GAP.fullmatch(text[tokens[i + k - 1].end() : tokens[i + k].start()])
                        for k in range(1, len(sets))
                    ):
                        continue
                    start, end = tokens[i].start(), tokens[i + len(sets) - 1].end()
                    if term.text[-1:] in _CLOSING and text[end : end + 1] == term.text[-1]:
                        end += 1
                    if term.text[:1] in _OPENING and text[start - 1 : start] == term.text[0]:
                        start -= 1
                    surface = text[start:end]
                    if concept.case_sensitive and not _same_caps(surface, term.text):
                        continue
                    term_words = [_norm(w.group()) for w in _RU_TOKEN.finditer(term.text)]
                    alike = sum(_norm(tokens[i + k].group()) == w for k, w in enumerate(term_words))
                    alike = 2 * alike + int(_norm(surface) == _norm(term.text))
                    found.append(_Candidate(TermMatch(concept, term, start, end, surface), alike))
        return found

    def _find_zh(self, text: str) -> list[_Candidate]:
        tokenizer, by_text, longest = self._prepare("zh")
        if not by_text:
            return []
        bounds: list[int] = [0]
        pos = 0
        for word in tokenizer.cut(text, HMM=True):
            numeric = _ZH_NUMBER.match(word)
            if numeric and numeric.end() < len(word) and word[numeric.end() :] in by_text:
                bounds.append(pos + numeric.end())
            else:
                # a dictionary compound made only of glossary terms (中国网民) is split
                bounds.extend(pos + cut for cut in _split_terms(word, by_text)[:-1])
            pos += len(word)
            bounds.append(pos)
        bounds = sorted(set(bounds))
        found: list[_Candidate] = []
        for a, start in enumerate(bounds):
            for end in bounds[a + 1 :]:
                if end - start > longest:
                    break
                piece = text[start:end]
                if text[end : end + 1] in _ZH_SUFFIXES and end + 1 in bounds:
                    continue  # 中国人, 俄罗斯籍: the term is the stem of a longer word
                for concept, term in by_text.get(piece, ()):
                    found.append(_Candidate(TermMatch(concept, term, start, end, piece), 1))
        return found


def _split_terms(word: str, terms: dict[str, Any]) -> list[int]:
    """The end offsets of the glossary terms that make up ``word`` exactly, else ``[len]``."""
    if len(word) < 4 or word in terms:
        return [len(word)]
    for cut in range(2, len(word) - 1):
        if word[:cut] in terms:
            rest = _split_terms(word[cut:], terms)
            if word[cut:] in terms or rest != [len(word) - cut]:
                return [cut, *(cut + r for r in rest)]
    return [len(word)]


def _same_caps(surface: str, term: str) -> bool:
    return [w[:1].isupper() for w in surface.split()] == [w[:1].isupper() for w in term.split()]


def _resolve(candidates: list[_Candidate]) -> list[TermMatch]:
    """Longest first, then exact spelling, then forbidden, then leftmost; no overlaps."""
    candidates.sort(
        key=lambda c: (
            -(c.match.end - c.match.start),
            -c.exact,
            not c.match.forbidden,
            c.match.start,
        )
    )
    taken: list[TermMatch] = []
    for cand in candidates:
        m = cand.match
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


__all__ = [
    "SUPPORTED",
    "TermMatch",
    "TermMatcher",
    "find_in_lines",
    "known",
    "load_matcher",
    "morph",
    "ru_lemmas",
]


def find_in_lines(termbase: Termbase, lines: Iterable[str], lang: str) -> Iterable[dict[str, Any]]:
    """One dict per hit, ``{"line", "concept", "term", "start", "end"}`` (0-based line).

    >>> from workbench.glossary import SHIPPED, read_termbase
    >>> hits = find_in_lines(read_termbase(SHIPPED), ["Xinhua News Agency's editor"], "en")
    >>> [(h["line"], h["concept"], h["start"], h["end"]) for h in hits]
    [(0, 'xinhua-news-agency', 0, 20), (0, 'editor', 21, 27)]
    """
    _check_lang(lang)
    matcher = TermMatcher(termbase)
    for n, line in enumerate(lines):
        for hit in matcher.find(line, lang):
            yield {"line": n, **hit.as_dict()}
