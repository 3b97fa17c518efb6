"""How TM texts are normalized: what counts as the same sentence, what fuzzy matching compares.

>>> match_key("  Xinhua   reported ")
'Xinhua reported'
>>> fuzzy_key("ＴＡＳＳ  Agreed")
'tass agreed'
>>> context_key("Hi.", None) == context_key("Hi.", "")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """``text`` as stored: NFC, surrounding white space removed, runs of white space as one."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def match_key(text: str) -> str:
    """What an exact (100%) match compares: NFKC (full-width forms folded), spaces collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def fuzzy_key(text: str) -> str:
    """What a fuzzy match compares: :func:`match_key`, case-folded."""
    return match_key(text).casefold()


def digest(*parts: str) -> str:
    """A 40-character hex digest of ``parts`` (which are joined with a separator)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def unit_digest(src_lang: str, tgt_lang: str, source: str, target: str) -> str:
    """What makes a TM unit unique: its languages and the match keys of its texts."""
    return digest(src_lang, tgt_lang, match_key(source), match_key(target))


def context_key(previous: str | None, following: str | None) -> str:
    """The digest of a segment's neighbours, compared by in-context (101%) matches."""
    return digest("ctx", match_key(previous or ""), match_key(following or ""))
