"""Per-segment QA checks: each a small class behind one protocol, found in a registry.

A check declares its ``name``, a short ``title``, its default ``severity`` and the
target languages it applies to, and fills in one hook: :meth:`Check._check` (one
source/target pair in, findings out) or, for checks that compare segments with
each other, :meth:`Check._findings`.  :meth:`Check.run` is written once.  Every
message says what is wrong *and* what to do about it.

>>> issues = check_pair("Xinhua reported 35,000 visitors.", "新华社报道了3.5万名访客.", "en", "zh")
>>> [(i.check, i.message) for i in issues]
[('punctuation', "'.' after Chinese text: use the full-width '。'")]
>>> issues = check_pair("TASS said 5 agencies.", "ТАСС сообщил о 6 агентствах", "en", "ru")
>>> [i.check for i in issues]
['numbers', 'numbers', 'punctuation']

:func:`run_checks` runs the registered checks over a document's segments and
returns a :class:`CheckResult` with its issues and a signature naming the checks
and languages, so that a report says how it was made.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from workbench import __version__
from workbench.languages import (
    CYRILLIC,
    HAN,
    LANGUAGES,
    detect_language,
    get_language,
    is_cjk,
    is_han,
)
from workbench.qa.base import Issue, Pair, QAError, SegmentLike, Severity
from workbench.qa.numbers import NumberToken, find_numbers, readings, unmatched
from workbench.qa.terms import TermIndex, TermOccurrence


@dataclass(frozen=True)
class CheckContext:
    """What every check may read besides the segment: the languages and the glossary."""

    src_lang: str
    tgt_lang: str
    terms: TermIndex | None = None

    _found: dict[tuple[str, str], Sequence[TermOccurrence]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def find_terms(self, text: str, lang: str) -> Sequence[TermOccurrence]:
        """The glossary hits of ``text`` (remembered: several checks ask for the same)."""
        if self.terms is None:
            return []
        key = (text, lang)
        if key not in self._found:
            self._found[key] = self.terms.find(text, lang)
        return self._found[key]

    @property
    def tgt_name(self) -> str:
        return get_language(self.tgt_lang).name

    @property
    def src_name(self) -> str:
        return get_language(self.src_lang).name


@dataclass(frozen=True)
class Finding:
    """One problem a check found in a pair, before it becomes an :class:`Issue`."""

    message: str
    span: str = ""
    severity: Severity | None = None


class Check:
    """The check protocol (see the module docstring)."""

    #: the registry key and the name shown in reports, e.g. ``"numbers"``
    name: ClassVar[str]
    #: a short label for charts and tables
    title: ClassVar[str]
    #: the severity of its issues unless a finding says otherwise
    severity: ClassVar[Severity]
    #: what it looks for, in one line
    description: ClassVar[str]
    #: the target languages it applies to
    targets: ClassVar[frozenset[str]] = frozenset(LANGUAGES)
    #: skip segments whose target is empty (the ``empty`` check reports those)
    needs_target: ClassVar[bool] = True
    #: run only with a glossary
    needs_terms: ClassVar[bool] = False

    def applies(self, ctx: CheckContext) -> bool:
        """Whether the check runs for ``ctx``'s languages and glossary."""
        if self.needs_terms and ctx.terms is None:
            return False
        return ctx.tgt_lang in self.targets

    def run(self, segments: Sequence[SegmentLike], ctx: CheckContext) -> list[Issue]:
        """The issues of ``segments``; none when the check does not apply to ``ctx``."""
        if not self.applies(ctx):
            return []
        return [
            Issue(seg.index, self.name, f.severity or self.severity, f.message, f.span)
            for seg, f in self._findings(segments, ctx)
        ]

    def _findings(
        self, segments: Sequence[SegmentLike], ctx: CheckContext
    ) -> Iterator[tuple[SegmentLike, Finding]]:
        for seg in segments:
            if self.needs_target and not seg.target.strip():
                continue
            for finding in self._check(seg.source, seg.target, ctx):
                yield seg, finding

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError


#: check name -> class, in the order reports list them
CHECKS: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add ``cls`` to :data:`CHECKS` under its ``name``."""
    if cls.name in CHECKS:
        raise ValueError(f"two checks are named {cls.name!r}")
    CHECKS[cls.name] = cls
    return cls


def check_names() -> list[str]:
    """The registered check names, in report order."""
    return list(CHECKS)


def get_checks(names: Iterable[str] | None = None) -> list[Check]:
    """Instances of the checks called ``names`` (all when ``None``)."""
    if names is None:
        return [cls() for cls in CHECKS.values()]
    chosen: list[Check] = []
    for name in names:
        if name not in CHECKS:
            raise QAError(f"unknown check {name!r}: choose from {', '.join(CHECKS)}")
        chosen.append(CHECKS[name]())
    return chosen


# -- shared helpers ---------------------------------------------------------------------

_TAG = r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?\s*/?>"
_PLACEHOLDER = (
    r"\{\{\s*[\w.]+\s*\}\}|\{[\w.:]*\}|\$\{\w+\}|\[\[[^\[\]\s]+\]\]"
    r"|(?<![\d%])%(?:\(\w+\)|\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifgxXeEcr](?![A-Za-z])"
)
_URL = r"(?:https?://|www\.)[^\s<>\"'“”«»，。；）]*[^\s<>\"'“”«»，。；）.,;:!?)\]]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
MARKUP = re.compile(
    rf"(?P<tag>{_TAG})|(?P<placeholder>{_PLACEHOLDER})|(?P<url>{_URL})|(?P<email>{_EMAIL})"
)


def markup_tokens(text: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of each inline tag, placeholder, URL and e-mail address.

    >>> markup_tokens('Read <b>{name}</b> at https://x.org/a.')
    [('tag', '<b>'), ('placeholder', '{name}'), ('tag', '</b>'), ('url', 'https://x.org/a')]
    """
    return [(m.lastgroup or "", m.group()) for m in MARKUP.finditer(text)]


@lru_cache(maxsize=4096)
def masked(text: str) -> str:
    """``text`` with its markup, placeholders, URLs and e-mails blanked out (same length)."""
    return MARKUP.sub(lambda m: " " * len(m.group()), text)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _translatable(source: str) -> bool:
    """Whether ``source`` has words to translate (not only names in capitals, numbers...)."""
    for word in _WORD.findall(masked(source)):
        if any(is_han(c) for c in word):
            return True
        if len(word) >= 2 and not word.isupper():
            return True
    return False


# -- completeness ---------------------------------------------------------------------


@register
class EmptyTarget(Check):
    name = "empty"
    title = "Empty target"
    severity = Severity.ERROR
    description = "a segment with a source but no translation"
    needs_target = False

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        if source.strip() and not target.strip():
            yield Finding(f"the target is empty: translate the segment into {ctx.tgt_name}")


@register
class SourceCopied(Check):
    name = "source-copied"
    title = "Source copied"
    severity = Severity.ERROR
    description = "a target that repeats the source unchanged"

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        if _normal(source) == _normal(target) and _translatable(source):
            yield Finding(
                f"the target is a copy of the source: translate it into {ctx.tgt_name}",
                target.strip(),
            )


#: runs of words in one script (the source's, left in the target)
_RUN = {
    "zh": re.compile(f"[{HAN}]+(?:[\\s，、]*[{HAN}]+)*"),
    "ru": re.compile(f"[{CYRILLIC}]+(?:[\\s,-]+[{CYRILLIC}]+)*"),
}


@register
class Untranslated(Check):
    name = "untranslated"
    title = "Untranslated"
    severity = Severity.ERROR
    description = (
        "a target written in the source language, or with source-language words in Chinese "
        "or Cyrillic script left in it"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        if _normal(source) == _normal(target):
            return  # source-copied reports it
        if ctx.src_lang == ctx.tgt_lang:
            return
        if detect_language(target) == ctx.src_lang:
            yield Finding(
                f"the target is in {ctx.src_name}, not {ctx.tgt_name}: translate it",
                target.strip()[:80],
            )
            return
        # words in the source's script left in the target (Latin is latin-words' job)
        script = ctx.src_lang if ctx.src_lang in _RUN else None
        if script is None or script == ctx.tgt_lang:
            return
        for m in _RUN[script].finditer(masked(target)):
            yield Finding(
                f"{m.group()!r} is left in {ctx.src_name}: translate it into {ctx.tgt_name}",
                m.group(),
            )


# -- numbers ----------------------------------------------------------------------------


def _describe(token: NumberToken) -> str:
    if token.kind == "month":
        value = int(next(iter(token.values)))
        return f"the month {token.text!r} ({value})"
    return repr(token.text)


@register
class Numbers(Check):
    name = "numbers"
    title = "Numbers and dates"
    severity = Severity.ERROR
    description = (
        "numbers and dates that differ between source and target, with Chinese numerals, "
        "万/亿, million/млн scales and each language's separators understood"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        src = find_numbers(masked(source), ctx.src_lang)
        tgt = find_numbers(masked(target), ctx.tgt_lang)
        missing, extra = unmatched(src, tgt)
        for token in missing:
            what = "date" if token.kind == "month" else "number"
            yield Finding(
                f"{_describe(token)} of the source is missing from the target: check the {what}",
                token.text,
            )
        for token in extra:
            what = "date" if token.kind == "month" else "number"
            yield Finding(
                f"{_describe(token)} in the target is not in the source: check the {what}",
                token.text,
            )


def format_number(value: float, lang: str) -> str:
    """``value`` written the way ``lang`` writes numbers.

    >>> format_number(1234567.5, "en"), format_number(1234567.5, "ru"), format_number(1.5, "ru")
    ('1,234,567.5', '1 234 567,5', '1,5')
    """
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    if lang == "ru":
        whole, _, decimals = text.partition(".")
        if len(whole.replace(",", "")) <= 4:  # Russian groups 4-digit numbers rarely
            whole = whole.replace(",", "")
        text = whole.replace(",", " ") + ("," + decimals if decimals else "")
    return text


_RU_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])")
_RU_COMMA_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])")
_EN_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d,.])")
_FULLWIDTH_DIGITS = re.compile(r"[０-９][０-９，．]*")


@register
class NumberFormat(Check):
    name = "number-format"
    title = "Number format"
    severity = Severity.WARNING
    description = (
        "decimal and thousands separators in the target language's convention (1,234.5 in "
        "English and Chinese, 1 234,5 in Russian), half-width digits in Chinese"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        text = masked(target)
        lang = ctx.tgt_lang
        seen: set[str] = set()

        def once(finding: Finding) -> Iterator[Finding]:
            if finding.span not in seen:
                seen.add(finding.span)
                yield finding

        if lang == "ru":
            for m in _RU_DECIMAL_POINT.finditer(text):
                fixed = m.group().replace(".", ",")
                yield from once(
                    Finding(
                        f"{m.group()!r} has a decimal point: Russian writes {fixed!r}", m.group()
                    )
                )
            for m in _RU_COMMA_GROUPS.finditer(text):
                fixed = format_number(float(m.group().replace(",", "")), "ru")
                yield from once(
                    Finding(
                        f"{m.group()!r} separates thousands with commas: Russian writes {fixed!r}",
                        m.group(),
                    )
                )
        else:
            for m in _EN_DECIMAL_COMMA.finditer(text):
                fixed = m.group().replace(",", ".")
                yield from once(
                    Finding(
                        f"{m.group()!r} has a decimal comma: {ctx.tgt_name} writes {fixed!r}",
                        m.group(),
                    )
                )
        if lang == "zh":
            for m in _FULLWIDTH_DIGITS.finditer(target):
                fixed = unicodedata.normalize("NFKC", m.group())
                yield from once(
                    Finding(f"{m.group()!r} has full-width digits: write {fixed!r}", m.group())
                )
        # the same digits as in the source, read differently in the target language:
        # "1,234" (one thousand...) copied into Russian reads as 1.234
        src_tokens = {t.text: t for t in find_numbers(masked(source), ctx.src_lang)}
        for token in find_numbers(text, lang):
            if token.kind != "number" or token.text not in src_tokens:
                continue
            src_values = readings(token.text, ctx.src_lang)
            tgt_values = readings(token.text, lang)
            if not src_values or not tgt_values or src_values[0] == tgt_values[0]:
                continue
            if not any(c in token.text for c in ",."):
                continue
            fixed = format_number(src_values[0], lang)
            yield from once(
                Finding(
                    f"{token.text!r} reads as {format_number(tgt_values[0], lang)!r} in "
                    f"{ctx.tgt_name} but means {format_number(src_values[0], ctx.src_lang)!r} in "
                    f"the source: write {fixed!r}",
                    token.text,
                )
            )


# -- punctuation, quotes and spaces -----------------------------------------------------

_ZH_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK_PUNCT = "，。；：？！、（）【】《》「」『』“”‘’…"
_CLOSERS = "\"'”’»)）」』》]】"
_TERMINAL = {"?": "?？", "!": "!！"}


def _end_mark(text: str) -> str:
    """The last punctuation mark of ``text`` before closing quotes and brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped[-1:] if stripped else ""


@register
class Punctuation(Check):
    name = "punctuation"
    title = "Punctuation"
    severity = Severity.WARNING
    description = (
        "punctuation in the target language's convention: full-width ，。；：？！ in Chinese, "
        "the dash — in Russian, no Chinese punctuation in English or Russian, no space before "
        "a comma or full stop, final ? and ! kept"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        text = masked(target)
        if ctx.tgt_lang == "zh":
            yield from self._chinese(text)
        else:
            yield from self._western(text, ctx)
        yield from self._final(source, target, ctx)

    def _chinese(self, text: str) -> Iterator[Finding]:
        reported: set[str] = set()
        for i, char in enumerate(text):
            if char not in _ZH_FULLWIDTH and char != ".":
                continue
            before = text[:i].rstrip()[-1:]
            after = text[i + 1 :].lstrip()[:1]
            if char == ".":
                if text[i : i + 3] == "..." or text[max(0, i - 2) : i + 1] in ("...", ".."):
                    continue
                if (
                    before
                    and is_cjk(before)
                    and (not after or is_cjk(after))
                    and "." not in reported
                ):
                    reported.add(".")
                    yield Finding("'.' after Chinese text: use the full-width '。'", ".")
                continue
            if char == "(":
                near = after  # judged by what they enclose: (Donald Trump) is fine
            elif char == ")":
                near = before
            else:
                near = before if before and is_cjk(before) else after
            if near and is_cjk(near) and char not in reported:
                reported.add(char)
                wide = _ZH_FULLWIDTH[char]
                yield Finding(f"{char!r} next to Chinese text: use the full-width {wide!r}", char)
        if "..." in text or re.search(r"(?<!…)…(?!…)", text):
            yield Finding("a Chinese ellipsis is two full-width marks: write '……'", "...")
        for m in re.finditer(r"([，。；：？！、])\1+", text):
            yield Finding(f"{m.group()!r}: remove the repeated punctuation", m.group())

    def _western(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        found = sorted({c for c in text if c in _CJK_PUNCT and c not in "“”‘’…"})
        for char in found:
            yield Finding(
                f"Chinese punctuation {char!r} in a {ctx.tgt_name} target: use "
                f"{ctx.tgt_name} punctuation",
                char,
            )
        for m in re.finditer(r"(?<=[^\W\d_]) +([,.;:!?])(?![.\d])", text):
            yield Finding(f"a space before {m.group(1)!r}: remove it", m.group())
        for m in re.finditer(r"(?<=[^\W\d_])([,;])(?=[^\W\d_])", text):
            yield Finding(f"no space after {m.group(1)!r}: add one", m.group())
        if ctx.tgt_lang == "ru":
            for m in re.finditer(r"(?<=\S) (-|–|--) (?=\S)", text):
                yield Finding(
                    f"{m.group(1)!r} between words: Russian uses the dash ' — ' (U+2014)",
                    m.group(1),
                )

    def _final(self, source: str, target: str, ctx: CheckContext) -> Iterator[Finding]:
        src_end, tgt_end = _end_mark(source), _end_mark(target)
        for mark, accepted in _TERMINAL.items():
            if src_end in accepted and tgt_end not in accepted:
                want = "？" if ctx.tgt_lang == "zh" and mark == "?" else mark
                want = "！" if ctx.tgt_lang == "zh" and mark == "!" else want
                yield Finding(
                    f"the source ends with {src_end!r} but the target does not: end it with "
                    f"{want!r}",
                    tgt_end,
                )
                return
        full_stop = "。" if ctx.tgt_lang == "zh" else "."
        if src_end in ".。" and tgt_end and (tgt_end.isalnum() or is_han(tgt_end)):
            yield Finding(
                f"the source ends with a full stop but the target does not: end it with "
                f"{full_stop!r}",
                tgt_end,
            )


_QUOTE_PAIRS = {
    "zh": [("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》")],
    "ru": [("«", "»"), ("„", "“")],
    "en": [("“", "”")],
}
_WRONG_QUOTES = {
    "zh": [("«", "“"), ("»", "”"), ('"', "“ ”"), ("„", "“")],
    "ru": [('"', "« »"), ("”", "»"), ("「", "«"), ("」", "»")],
    "en": [("«", "“"), ("»", "”"), ("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"), ("„", "“")],
}


def _closes_first(text: str, left: str, right: str) -> bool:
    depth = 0
    for char in text:
        if char == left:
            depth += 1
        elif char == right:
            depth -= 1
            if depth < 0:
                return True
    return False


def _quotes_balanced(text: str, lang: str) -> bool:
    """Whether every double quotation in ``text`` is closed (straight quotes in pairs)."""
    if text.count('"') % 2:
        return False
    pairs = [p for p in _QUOTE_PAIRS[lang] if p[0] not in "‘"]
    return all(text.count(left) == text.count(right) for left, right in pairs)


@register
class Quotes(Check):
    name = "quotes"
    title = "Quotation marks"
    severity = Severity.WARNING
    description = (
        "quotation marks of the target language (“ ” in Chinese and English, « » and „ “ in "
        "Russian), in pairs"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        text = masked(target)
        lang = ctx.tgt_lang
        for wrong, right in _WRONG_QUOTES[lang]:
            if wrong in text:
                yield Finding(
                    f"{wrong!r} is not a {ctx.tgt_name} quotation mark: use {right!r}", wrong
                )
        if lang == "zh":
            for m in re.finditer(r"(?<![A-Za-z])'|'(?![A-Za-z])", text):
                yield Finding("a straight quote ' in Chinese: use ‘ ’", m.group())
                break
        if lang == "ru" and "“" in text and "„" not in text:
            yield Finding("'“' opens a quotation in English style: Russian uses « »", "“")
        if lang == "ru" and "«" not in text and "„" not in text:
            return
        if not _quotes_balanced(source, ctx.src_lang):
            return  # a quotation that spans several segments
        for left, right in _QUOTE_PAIRS[lang]:
            if left == "‘":  # ’ is also the apostrophe: O’Brien
                continue
            opened, closed = text.count(left), text.count(right)
            if opened == closed and opened and _closes_first(text, left, right):
                yield Finding(
                    f"{right!r} comes before {left!r}: the quotation marks are reversed; "
                    f"open with {left!r} and close with {right!r}",
                    right,
                )
            elif opened != closed:
                yield Finding(
                    f"unbalanced quotation marks: {opened} {left!r} and {closed} {right!r}; "
                    "close every quotation",
                    left if opened > closed else right,
                )


_HAN_SPACE_HAN = re.compile(f"[{HAN}，。；：？！、）”] +[{HAN}，。；：？！、（“]")


@register
class Spacing(Check):
    name = "spacing"
    title = "Double spaces"
    severity = Severity.INFO
    description = "double spaces inside the target; spaces between Chinese characters"

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        inner = target.strip()
        if re.search(r"[ \u00a0\u3000]{2,}", inner):
            yield Finding("double space: remove the extra space", "  ")
        if ctx.tgt_lang == "zh":
            m = _HAN_SPACE_HAN.search(inner)
            if m and "  " not in m.group():
                yield Finding(
                    "a space between Chinese characters: remove it (Chinese is written "
                    "without spaces)",
                    m.group(),
                )


@register
class EdgeSpace(Check):
    name = "edge-space"
    title = "Leading/trailing space"
    severity = Severity.INFO
    description = "leading or trailing whitespace in the target that the source does not have"

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        if target[:1].isspace() and not source[:1].isspace():
            yield Finding("the target starts with whitespace: remove it", target[:1])
        if target[-1:].isspace() and not source[-1:].isspace():
            yield Finding("the target ends with whitespace: remove it", target[-1:])


# -- length -----------------------------------------------------------------------------

#: median target/source length ratios (characters other than spaces), measured on
#: WMT newstest2019 and NTREX-128 references in ../shared/data (about 2,000 pairs each)
LENGTH_RATIOS: dict[tuple[str, str], float] = {
    ("en", "zh"): 0.415,
    ("zh", "en"): 3.61,
    ("en", "ru"): 1.11,
    ("ru", "en"): 1.02,
    ("ru", "zh"): 0.35,
    ("zh", "ru"): 2.84,
}
#: a ratio more than this factor away from the median is an outlier (about 0.3% of
#: human reference translations in that data)
LENGTH_FACTOR = 2.5
#: sources shorter than this many characters (other than spaces) are not judged
MIN_LENGTH = {"en": 20, "ru": 20, "zh": 8}


def _length(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


@register
class LengthRatio(Check):
    name = "length"
    title = "Length outlier"
    severity = Severity.WARNING
    description = (
        f"a target much longer or shorter than usual for the language pair (over "
        f"{LENGTH_FACTOR}× from the median ratio)"
    )

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        expected = LENGTH_RATIOS.get((ctx.src_lang, ctx.tgt_lang))
        src_len, tgt_len = _length(source), _length(target)
        if expected is None or src_len < MIN_LENGTH[ctx.src_lang] or tgt_len == 0:
            return
        ratio = tgt_len / src_len
        if abs(math.log(ratio / expected)) <= math.log(LENGTH_FACTOR):
            return
        usual = round(expected * src_len)
        if ratio > expected:
            advice = "check for added or repeated text"
            how = "long"
        else:
            advice = "check for missing text"
            how = "short"
        yield Finding(
            f"the target is unusually {how} ({tgt_len} characters for {src_len}; about "
            f"{usual} is usual): {advice}"
        )


# -- glossary ---------------------------------------------------------------------------


@register
class GlossaryMissing(Check):
    name = "glossary-missing"
    title = "Glossary term missing"
    severity = Severity.WARNING
    description = "a glossary term of the source whose approved translation is not in the target"
    needs_terms = True

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        assert ctx.terms is not None
        wanted = {h.concept.id: h for h in ctx.find_terms(source, ctx.src_lang)}
        if not wanted:
            return
        present = {h.concept.id for h in ctx.find_terms(target, ctx.tgt_lang) if not h.forbidden}
        for concept_id, hit in wanted.items():
            forms = [f.text for f in hit.concept.approved(ctx.tgt_lang)]
            if concept_id in present or not forms:
                continue
            choices = " or ".join(repr(f) for f in forms)
            yield Finding(f"glossary: {hit.text!r} should be translated as {choices}", hit.text)


@register
class GlossaryForbidden(Check):
    name = "glossary-forbidden"
    title = "Forbidden term"
    severity = Severity.ERROR
    description = "a translation the glossary forbids"
    needs_terms = True

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        assert ctx.terms is not None
        for hit in ctx.find_terms(target, ctx.tgt_lang):
            if not hit.forbidden:
                continue
            forms = [f.text for f in hit.concept.approved(ctx.tgt_lang)]
            fix = f"use {' or '.join(repr(f) for f in forms)}" if forms else "rephrase it"
            yield Finding(f"glossary: {hit.text!r} is a forbidden term: {fix}", hit.text)


# -- consistency ------------------------------------------------------------------------


@register
class Consistency(Check):
    name = "consistency"
    title = "Inconsistent translation"
    severity = Severity.WARNING
    description = "the same source translated differently in one document"

    def _findings(
        self, segments: Sequence[SegmentLike], ctx: CheckContext
    ) -> Iterator[tuple[SegmentLike, Finding]]:
        groups: dict[str, list[SegmentLike]] = defaultdict(list)
        for seg in segments:
            if seg.target.strip() and _translatable(seg.source):
                groups[_normal(seg.source)].append(seg)
        for group in groups.values():
            first = group[0]
            for seg in group[1:]:
                if _normal(seg.target) != _normal(first.target):
                    yield (
                        seg,
                        Finding(
                            f"segment {first.index + 1} has the same source but translates it as "
                            f"{first.target.strip()[:60]!r}: use one translation for both",
                            seg.target.strip()[:60],
                        ),
                    )


# -- markup ----------------------------------------------------------------------------


def _balanced(tags: list[str]) -> bool:
    stack: list[str] = []
    for tag in tags:
        if tag.endswith("/>"):
            continue
        name = re.match(r"</?([\w:.-]+)", tag)
        if name is None:
            continue
        if tag.startswith("</"):
            if not stack or stack.pop() != name.group(1):
                return False
        else:
            stack.append(name.group(1))
    return not stack


@register
class Markup(Check):
    name = "markup"
    title = "Tags and placeholders"
    severity = Severity.ERROR
    description = "inline tags, placeholders ({0}, %s, {{name}}), URLs and e-mails kept intact"

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        src = Counter(markup_tokens(source))
        tgt = Counter(markup_tokens(target))
        for (kind, text), count in (src - tgt).items():
            times = f" ({count}×)" if count > 1 else ""
            yield Finding(
                f"the {kind} {text!r}{times} of the source is missing from the target: "
                "copy it unchanged",
                text,
            )
        for (kind, text), count in (tgt - src).items():
            times = f" ({count}×)" if count > 1 else ""
            yield Finding(
                f"the {kind} {text!r}{times} is not in the source: remove it or match the source",
                text,
                Severity.WARNING,
            )
        src_tags = [t for k, t in markup_tokens(source) if k == "tag"]
        tgt_tags = [t for k, t in markup_tokens(target) if k == "tag"]
        if src == tgt and _balanced(src_tags) and not _balanced(tgt_tags):
            yield Finding(
                "the tags are out of order: close each tag after the text it opens", tgt_tags[0]
            )


# -- Latin words ------------------------------------------------------------------------

#: Latin-script words accepted in Chinese and Russian news without a glossary entry
ALLOWED_LATIN: frozenset[str] = frozenset(
    {
        "km",
        "kg",
        "cm",
        "mm",
        "kw",
        "mw",
        "gw",
        "kwh",
        "mb",
        "gb",
        "tb",
        "mhz",
        "ghz",
        "ml",
        "mg",
        "ha",
        "ph",
        "vs",
        "am",
        "pm",
        "wi-fi",
        "e-mail",
        "x",
    }
)
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’.-][A-Za-z\u00c0-\u024f]+)*")


@register
class LatinWords(Check):
    name = "latin-words"
    title = "Latin words left"
    severity = Severity.WARNING
    description = (
        "Latin-script words in a Chinese or Russian target that the glossary does not list "
        "(Chinese also keeps acronyms such as GDP)"
    )
    targets = frozenset({"zh", "ru"})

    def _check(self, source: str, target: str, ctx: CheckContext) -> Iterable[Finding]:
        text = masked(target)
        covered: list[tuple[int, int]] = []
        if ctx.terms is not None:
            covered = [(h.start, h.end) for h in ctx.find_terms(target, ctx.tgt_lang)]
        covered += [m.span() for m in _GLOSS.finditer(text)]
        words: list[re.Match[str]] = []
        for m in _LATIN_WORD.finditer(text):
            word = m.group()
            if any(s <= m.start() and m.end() <= e for s, e in covered):
                continue
            if word.lower() in ALLOWED_LATIN:
                continue
            if ctx.tgt_lang == "zh" and _acronym(word):
                continue
            words.append(m)
        seen: set[str] = set()
        for phrase in _phrases(text, words):
            if phrase in seen:
                continue
            seen.add(phrase)
            how = "transliterate it" if ctx.tgt_lang == "ru" else "translate or transcribe it"
            yield Finding(
                f"{phrase!r} is left in Latin script: {how}, or add it to the glossary", phrase
            )


#: an original name given in brackets after its translation: 特朗普（Donald Trump）
_GLOSS = re.compile(r"[(（][^()（）]*[A-Za-z][^()（）]*[)）]")


def _phrases(text: str, words: list[re.Match[str]]) -> list[str]:
    """Runs of ``words`` separated only by spaces, as one phrase each."""
    phrases: list[str] = []
    start = end = -1
    for m in words:
        if start >= 0 and not text[end : m.start()].strip():
            end = m.end()
            continue
        if start >= 0:
            phrases.append(text[start:end])
        start, end = m.start(), m.end()
    if start >= 0:
        phrases.append(text[start:end])
    return phrases


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


# -- running ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """The issues of a run of checks over ``segments`` segments, with how it was made."""

    src_lang: str
    tgt_lang: str
    segments: int
    issues: tuple[Issue, ...]
    checks: tuple[str, ...]
    glossary: bool = False
    skipped: tuple[str, ...] = field(default=())

    @property
    def signature(self) -> str:
        """``checks:…|src:en|tgt:zh|glossary:yes|version:…``: what produced the issues."""
        return (
            f"checks:{','.join(self.checks)}|src:{self.src_lang}|tgt:{self.tgt_lang}|"
            f"glossary:{'yes' if self.glossary else 'no'}|version:{__version__}"
        )

    def counts(self) -> dict[Severity, int]:
        """How many issues of each severity."""
        counts = dict.fromkeys(Severity, 0)
        for issue in self.issues:
            counts[issue.severity] += 1
        return counts

    def by_check(self) -> dict[str, int]:
        """How many issues each check found (checks with none included), in report order."""
        counts = dict.fromkeys(self.checks, 0)
        for issue in self.issues:
            counts[issue.check] = counts.get(issue.check, 0) + 1
        return counts

    def by_segment(self) -> dict[int, list[Issue]]:
        """The issues of each segment (0-based index) that has any."""
        out: dict[int, list[Issue]] = defaultdict(list)
        for issue in self.issues:
            out[issue.segment].append(issue)
        return dict(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
            "segments": self.segments,
            "signature": self.signature,
            "counts": {s.value: n for s, n in self.counts().items()},
            "by_check": self.by_check(),
            "issues": [i.to_dict() for i in self.issues],
        }


def run_checks(
    segments: Sequence[SegmentLike],
    src_lang: str,
    tgt_lang: str,
    *,
    terms: TermIndex | None = None,
    checks: Iterable[str] | None = None,
) -> CheckResult:
    """Run ``checks`` (all by default) over ``segments``; issues sorted by segment, then
    severity.

    >>> from workbench.qa.base import Pair
    >>> result = run_checks([Pair(0, "Hello.", "")], "en", "ru")
    >>> [(i.check, i.severity.value) for i in result.issues]
    [('empty', 'error')]
    """
    get_language(src_lang)
    get_language(tgt_lang)
    ctx = CheckContext(src_lang, tgt_lang, terms)
    chosen = get_checks(checks)
    issues: list[Issue] = []
    ran: list[str] = []
    skipped: list[str] = []
    for check in chosen:
        if check.applies(ctx):
            ran.append(check.name)
            issues.extend(check.run(segments, ctx))
        else:
            skipped.append(check.name)
    order = {name: i for i, name in enumerate(ran)}
    issues.sort(key=lambda i: (i.segment, i.severity.rank, order[i.check]))
    return CheckResult(
        src_lang,
        tgt_lang,
        len(segments),
        tuple(issues),
        tuple(ran),
        glossary=terms is not None,
        skipped=tuple(skipped),
    )


def check_pair(
    source: str,
    target: str,
    src_lang: str,
    tgt_lang: str,
    *,
    terms: TermIndex | None = None,
    checks: Iterable[str] | None = None,
) -> list[Issue]:
    """The issues of one source/target pair (see :func:`run_checks`)."""
    return list(
        run_checks([Pair(0, source, target)], src_lang, tgt_lang, terms=terms, checks=checks).issues
    )


__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "CheckResult",
    "Finding",
    "check_names",
    "check_pair",
    "format_number",
    "get_checks",
    "markup_tokens",
    "masked",
    "register",
    "run_checks",
]
