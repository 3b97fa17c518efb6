"""The languages the workbench supports, with their scripts and conventions.

>>> get_language("zh").name
'Chinese'
>>> detect_language("Агентство ИТАР-ТАСС сообщило")
'ru'
>>> is_han("中"), is_cjk("。"), is_han("。"), script_of("я")
(True, True, False, 'ru')

The script predicates and the character classes for regular expressions are
defined here once: :data:`HAN`, :data:`CJK`, :data:`CJK_PUNCTUATION` and
:data:`CYRILLIC` are the insides of a ``[...]`` class.

>>> import re
>>> re.findall(f"[{HAN}]+", "Xinhua 新华社 said")
['新华社']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.errors import LanguageError


@dataclass(frozen=True)
class Language:
    """One supported language and the conventions the workbench needs for it."""

    code: str
    name: str
    script: str
    #: the string put between two sentences of one paragraph
    sentence_joiner: str
    #: characters that end a sentence
    terminators: str
    #: opening and closing quotes, outermost first
    quotes: tuple[tuple[str, str], ...]


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "Latin", " ", ".!?…", (("“", "”"), ("‘", "’"), ('"', '"'))),
    "zh": Language("zh", "Chinese", "Han", "", "。！？!?…", (("“", "”"), ("‘", "’"), ("「", "」"))),
    "ru": Language("ru", "Russian", "Cyrillic", " ", ".!?…", (("«", "»"), ("„", "“"))),
}


def get_language(code: str) -> Language:
    """Return the language for ``code`` or raise a :class:`LanguageError` listing the choices."""
    try:
        return LANGUAGES[code]
    except KeyError:
        choices = ", ".join(sorted(LANGUAGES))
        raise LanguageError(f"unsupported language {code!r}: choose one of {choices}") from None


def language_codes() -> list[str]:
    """The supported language codes, sorted."""
    return sorted(LANGUAGES)


#: Han ideographs (Chinese characters), as the inside of a regex ``[...]`` class: the
#: unified ideographs, extension A, the compatibility ideographs, extensions B to G
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: full-width CJK punctuation and symbols (``，。、「」（）``, the ideographic space),
#: full-width forms and vertical forms, as the inside of a regex class
CJK_PUNCTUATION = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"
#: everything written as CJK text: Han, kana, radicals and CJK punctuation
CJK = f"\u2e80-\u2fdf\u3040-\u30ff{CJK_PUNCTUATION}{HAN}"
#: the Cyrillic letters (Russian and its neighbours)
CYRILLIC = "\u0400-\u04ff"

_HAN_CHAR = re.compile(f"[{HAN}]")
_CJK_CHAR = re.compile(f"[{CJK}]")
_CYRILLIC_CHAR = re.compile(f"[{CYRILLIC}]")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han ideograph (a Chinese character, not punctuation)."""
    return _HAN_CHAR.match(char) is not None


def is_cjk(char: str) -> bool:
    """Whether ``char`` is written as CJK text: a Han ideograph, kana, a radical or
    full-width CJK punctuation (text around it needs no spaces)."""
    return _CJK_CHAR.match(char) is not None


def script_of(char: str) -> str | None:
    """The code of the supported language whose script ``char`` is a letter of: ``zh``
    for Han, ``ru`` for Cyrillic, ``en`` for Latin letters (accented too); else ``None``."""
    if _HAN_CHAR.match(char):
        return "zh"
    if _CYRILLIC_CHAR.match(char):
        return "ru"
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return "en"
    return None


def detect_language(text: str, *, min_letters: int = 3) -> str | None:
    """Guess which of en, zh and ru ``text`` is written in, from its letters' scripts.

    Returns ``None`` when the text has fewer than ``min_letters`` letters of these
    scripts.  Han characters weigh double, since a Chinese article often quotes
    Latin names.
    """
    counts = {"en": 0, "zh": 0, "ru": 0}
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    counts["zh"] *= 2
    best = max(counts, key=lambda code: counts[code])
    if counts[best] < min_letters:
        return None
    return best


#: how much of a text :func:`detect_or_fail` reads
DETECT_SAMPLE = 20_000


def detect_or_fail(
    text: str | Iterable[str], culprit: str, flag: str = "--src-lang", *, fix: str | None = None
) -> str:
    """The language of ``text``, read from ``culprit`` (a file's name), or a
    :class:`LanguageError` naming the culprit and how to give the language instead:
    ``fix``, by default passing ``flag`` (``--src-lang``, or ``--tgt-lang`` for a
    target text).

    ``text`` may be a file's pieces (paragraphs, segments): the first
    :data:`DETECT_SAMPLE` characters are read.

    >>> detect_or_fail(["新华社报道。", "论坛开幕。"], "news.txt")
    'zh'
    >>> detect_or_fail("12 345", "n.csv", "--tgt-lang")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbench.errors.LanguageError: cannot tell the target language of n.csv (...): pass --tgt...
    """
    found = detect_language(_sample(text))
    if found is not None:
        return found
    side = "target" if flag == "--tgt-lang" else "source"
    if fix is None:
        codes = list(LANGUAGES)
        fix = f"pass {flag} {', '.join(codes[:-1])} or {codes[-1]}"
    raise LanguageError(f"cannot tell the {side} language of {culprit} (too few letters): {fix}")


def _sample(text: str | Iterable[str]) -> str:
    if isinstance(text, str):
        return text[:DETECT_SAMPLE]
    parts: list[str] = []
    size = 0
    for piece in text:
        parts.append(piece)
        size += len(piece) + 1
        if size >= DETECT_SAMPLE:
            break
    return " ".join(parts)[:DETECT_SAMPLE]
