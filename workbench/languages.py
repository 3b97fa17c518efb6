"""The languages the workbench supports, with their scripts and conventions.

>>> get_language("zh").name
'Chinese'
>>> detect_language("Агентство ИТАР-ТАСС сообщило")
'ru'
"""

from __future__ import annotations

import unicodedata
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


def _script_of(char: str) -> str | None:
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return "zh"
    if "\u0400" <= char <= "\u04ff":
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
        script = _script_of(char)
        if script is not None:
            counts[script] += 1
    counts["zh"] *= 2
    best = max(counts, key=lambda code: counts[code])
    if counts[best] < min_letters:
        return None
    return best
