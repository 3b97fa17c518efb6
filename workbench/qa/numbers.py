"""Numbers, dates and their spelling conventions in English, Chinese and Russian text.

:func:`find_numbers` returns every number of a text with the values it may stand
for, so that ``2.4 billion``, ``24亿``, ``2,4 млрд`` and ``2 400 000 000`` all meet
on 2400000000.  A token is *strict* (digits, or a month named next to a day or a
year) or *loose* (a number word: ``ten``, ``десять``, Chinese numerals such as
``三百五十`` or ``两千``).  The numbers check requires every strict number of the
source to be found in the target and reports strict numbers that the target adds;
loose tokens only help to match, since a translator may spell a number either way.

Conventions: English and Chinese write ``1,234.5``; Russian writes ``1 234,5`` (a
space, often non-breaking, between thousands and a decimal comma).  A number is
read with its language's convention first and, where the other reading is
possible (``1,234``; ``1.5`` in Russian), with that one too, so that a number in
the wrong convention is reported by the number-format check, not as missing.

>>> [sorted(t.values) for t in find_numbers("24亿元人民币（约合3.3亿美元）", "zh")]
[[2400000000.0], [330000000.0]]
>>> [sorted(t.values) for t in find_numbers("около 2,4 млрд юаней, 18 ноября", "ru")]
[[2400000000.0], [18.0], [11.0]]
>>> [(t.text, t.strict) for t in find_numbers("ten years ago, on Nov. 18", "en")]
[('ten', False), ('Nov.', True), ('18', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: thousands separators Russian uses between groups of three digits
RU_GROUP_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True)
class NumberToken:
    """A number found in a text: its span, the values it may mean and whether it is strict."""

    text: str
    start: int
    end: int
    values: frozenset[float]
    strict: bool = True
    kind: str = "number"  # "number", "month", "word"

    def matches(self, other: NumberToken) -> bool:
        return any(_close(a, b) for a in self.values for b in other.values)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# -- digits and separators ---------------------------------------------------------

_DIGITS = {
    "en": re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])"),
    "zh": re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])"),
    "ru": re.compile(
        r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])(?:,\d+)?|\d+(?:[.,]\d+)*)"
        r"(?![\d])"
    ),
}


def readings(text: str, lang: str) -> list[float]:
    """The values a digit string may stand for, its language's reading first.

    >>> readings("1,234", "en"), readings("1,234", "ru"), readings("1,5", "en")
    ([1234.0, 1.234], [1.234, 1234.0], [1.5])
    """
    s = text.strip()
    for space in RU_GROUP_SPACES:
        s = s.replace(space, "")
    commas, dots = s.count(","), s.count(".")
    decimal_first = "," if lang == "ru" else "."
    out: list[float] = []

    def add(value: str) -> None:
        try:
            number = float(value)
        except ValueError:
            return
        if number not in out:
            out.append(number)

    if not commas and not dots:
        add(s)
    elif commas and dots:
        # the later separator is the decimal one: 1,234.5 or 1.234,5
        if s.rfind(",") > s.rfind("."):
            add(s.replace(".", "").replace(",", "."))
        else:
            add(s.replace(",", ""))
    else:
        sep = "," if commas else "."
        groups = s.split(sep)
        thousands = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        as_decimal = s.replace(sep, ".") if len(groups) == 2 else None
        as_grouped = s.replace(sep, "") if thousands else None
        first, second = (
            (as_decimal, as_grouped) if sep == decimal_first else (as_grouped, as_decimal)
        )
        for candidate in (first, second):
            if candidate is not None:
                add(candidate)
    return out


# -- scale words -------------------------------------------------------------------

_SCALES: dict[str, list[tuple[re.Pattern[str], tuple[float, ...]]]] = {
    "en": [
        (re.compile(r"\s*(?:trillion|tn)\b", re.I), (1e12,)),
        (re.compile(r"\s*(?:billion|bn)\b", re.I), (1e9,)),
        (re.compile(r"\s*(?:million|mln)\b", re.I), (1e6,)),
        (re.compile(r"\s*thousand\b", re.I), (1e3,)),
        # £125m is 125 million, a 125m tower 125 metres
        (re.compile(r"m\b"), (1.0, 1e6)),
    ],
    "ru": [
        (re.compile(r"\s*(?:трлн\.?|триллион[а-я]*)", re.I), (1e12,)),
        (re.compile(r"\s*(?:млрд\.?|миллиард[а-я]*)", re.I), (1e9,)),
        (re.compile(r"\s*(?:млн\.?|миллион[а-я]*)", re.I), (1e6,)),
        (re.compile(r"\s*(?:тыс\.?|тысяч[а-я]*)", re.I), (1e3,)),
    ],
    "zh": [
        (re.compile(r"\s*万亿"), (1e12,)),
        (re.compile(r"\s*千万"), (1e7,)),
        (re.compile(r"\s*百万"), (1e6,)),
        (re.compile(r"\s*亿"), (1e8,)),
        (re.compile(r"\s*万"), (1e4,)),
        (re.compile(r"\s*千(?![米克瓦])"), (1e3,)),
    ],
}


def _scale(text: str, end: int, lang: str) -> tuple[tuple[float, ...], int]:
    for pattern, factors in _SCALES[lang]:
        m = pattern.match(text, end)
        if m:
            return factors, m.end()
    return (1.0,), end


# -- months next to a day or a year -------------------------------------------------

_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_RU_MONTH_STEMS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_RU_MONTH = r"(?:январ[ьяюе]|феврал[ьяюе]|март[аеу]?|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]|июл[ьяюе]|август[аеу]?|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|декабр[ьяюе])"  # noqa: E501

#: month names outside a date ("in June"): loose, since "May" may be a name
_MONTH_ALONE = {
    "en": re.compile(
        r"(?<![A-Za-z])(?:January|February|March|April|June|July|August|September|October|"
        r"November|December|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)(?![A-Za-z])"
    ),
    "ru": re.compile(rf"(?<![А-Яа-яЁё]){_RU_MONTH}(?![а-яё])"),
}
_MONTH_IN_DATE = {
    "en": re.compile(
        rf"(?<![A-Za-z]){_EN_MONTH}(?![A-Za-z])(?=\s+\d{{1,4}}(?!\d))"
        rf"|(?<=\d\s){_EN_MONTH}(?![A-Za-z])"
    ),
    "ru": re.compile(
        rf"(?<=\d\s){_RU_MONTH}(?![а-яё])|(?<![а-яё]){_RU_MONTH}(?![а-яё])(?=\s+\d{{4}})",
        re.I,
    ),
}


def _month_value(word: str, lang: str) -> int:
    lower = word.lower().rstrip(".")
    if lang == "en":
        return _EN_MONTHS[lower[:3]]
    for stem, value in sorted(_RU_MONTH_STEMS.items(), key=lambda kv: -len(kv[0])):
        if lower.startswith(stem):
            return value
    raise ValueError(word)


# -- number words and Chinese numerals ------------------------------------------------

_EN_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "half": 0.5,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "tenth": 10,
    "twice": 2,
    "double": 2,
    "triple": 3,
}
_EN_WORD = re.compile(r"(?<![A-Za-z])(?:" + "|".join(_EN_WORDS) + r")(?![A-Za-z])", re.I)
_RU_WORDS = {
    r"од(?:ин|на|но|ного|ной|ному|ним|ну)": 1,
    r"дв(?:а|е|ух|ум|умя)|оба|обе|дважды|двое": 2,
    r"тр(?:и|ех|ём|ем|емя|ёх|ёмя)|трижды|трое": 3,
    r"четыр(?:е|ех|ёх|ем|ём|ьмя)": 4,
    r"пят(?:ь|и|ью)": 5,
    r"шест(?:ь|и|ью)": 6,
    r"сем(?:ь|и|ью)": 7,
    r"вос(?:емь|ьми|емью|ьмью)": 8,
    r"девят(?:ь|и|ью)": 9,
    r"десят(?:ь|и|ью|ок|ка)": 10,
    r"двенадцат(?:ь|и|ью)": 12,
    r"двадцат(?:ь|и|ью)": 20,
    r"тридцат(?:ь|и|ью)": 30,
    r"сорок(?:а)?": 40,
    r"пятьдесят|пятидесяти": 50,
    r"сто|ста": 100,
    r"тысяч(?:а|и|у|ей|ью)": 1000,
    r"половин(?:а|ы|у|е|ой)": 0.5,
    r"перв(?:ый|ая|ое|ого|ой|ом|ую|ые|ых)": 1,
    r"втор(?:ой|ая|ое|ого|ом|ую|ые|ых)": 2,
    r"трет(?:ий|ья|ье|ьего|ьей|ьем|ью|ьи|ьих)": 3,
    r"дюжин(?:а|ы|у)": 12,
}
_RU_WORD = re.compile(
    r"(?<![а-яё])(?:"
    + "|".join(f"(?P<w{i}>{p})" for i, p in enumerate(_RU_WORDS))
    + r")(?![а-яё])",
    re.I,
)
_RU_WORD_VALUES = list(_RU_WORDS.values())

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
#: words written with numerals that are not numbers
_ZH_IDIOMS = (
    "一些",
    "一起",
    "一直",
    "一定",
    "一样",
    "一般",
    "统一",
    "唯一",
    "一切",
    "万一",
    "一致",
    "进一步",
    "一边",
    "一旦",
    "之一",
    "一道",
    "十分",
    "千万",
    "万物",
    "一贯",
)
_ZH_CENTURY = re.compile(r"(\d{1,2})\s*世纪\s*(\d0)\s*年代")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})(?::(\d{2})(?![\d:])(?:\s*([ap]\.?m\.?)(?![A-Za-z]))?"
    r"|\.(\d{2})\s*([ap]\.?m\.?)(?![A-Za-z]))",
    re.I,
)
_YEAR_RANGE = re.compile(r"(?<![\d.,])(1\d{3}|20\d{2})[-–](\d{2})(?![\d.,])")


def zh_numeral_value(text: str) -> float | None:
    """The value of a Chinese numeral such as ``三百五十``, ``两千``, ``一万二千``, ``二〇二六``.

    >>> zh_numeral_value("三百五十"), zh_numeral_value("十二"), zh_numeral_value("二〇二六")
    (350.0, 12.0, 2026.0)
    """
    if not text:
        return None
    if all(c in _ZH_DIGITS for c in text) and len(text) > 1:  # digit by digit: 二〇二六
        return float("".join(str(_ZH_DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit = 0
    seen_any = False
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
            seen_any = True
        elif char in _ZH_UNITS:
            section += (digit or 1) * _ZH_UNITS[char]
            digit = 0
            seen_any = True
        elif char in _ZH_BIG:
            section += digit
            if char == "亿":
                total = (total + section) * _ZH_BIG[char]
            else:
                total += section * _ZH_BIG[char]
            section = 0
            digit = 0
        else:
            return None
    if not seen_any:
        return None
    return float(total + section + digit)


# -- the scanner ----------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and end > s for s, e in spans)


def find_numbers(text: str, lang: str) -> list[NumberToken]:
    """The numbers of ``text`` in language ``lang`` (see the module docstring), in order."""
    text = text.translate(_FULLWIDTH_DIGITS)
    tokens: list[NumberToken] = []
    taken: list[tuple[int, int]] = []

    if lang == "zh":
        for m in _ZH_CENTURY.finditer(text):  # 20世纪90年代 = the 1990s
            year = float((int(m.group(1)) - 1) * 100 + int(m.group(2)))
            tokens.append(NumberToken(m.group(), m.start(), m.end(), frozenset({year})))
            taken.append(m.span())

    for m in _TIME.finditer(text):  # 16:00, 4.40 am, 7:55 p.m.
        colon = m.group(2) is not None
        minute_group = 2 if colon else 4
        hour, minute = int(m.group(1)), m.group(minute_group)
        suffix = (m.group(3 if colon else 5) or "").lower()
        hours = {float(hour)}
        if suffix.startswith("p") or (not suffix and hour <= 12):
            hours.add(float(hour + 12))
        if not suffix and hour > 12:
            hours.add(float(hour - 12))
        tokens.append(NumberToken(m.group(1), m.start(1), m.end(1), frozenset(hours)))
        tokens.append(
            NumberToken(
                minute,
                m.start(minute_group),
                m.end(minute_group),
                frozenset({float(minute)}),
                strict=minute != "00",
            )
        )
        taken.append(m.span())

    for m in _YEAR_RANGE.finditer(text):  # 1950-53
        first, second = m.group(1), m.group(2)
        full = float(first[:2] + second)
        tokens.append(NumberToken(first, m.start(1), m.end(1), frozenset({float(first)})))
        tokens.append(NumberToken(second, m.start(2), m.end(2), frozenset({float(second), full})))
        taken.append(m.span())

    for m in _DIGITS[lang].finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        values = readings(m.group(), lang)
        if not values:  # 18.11.2026, 2.6.0: each group on its own
            for part in re.finditer(r"\d+", m.group()):
                start = m.start() + part.start()
                tokens.append(
                    NumberToken(
                        part.group(),
                        start,
                        start + len(part.group()),
                        frozenset({float(part.group())}),
                    )
                )
            taken.append(m.span())
            continue
        factors, end = _scale(text, m.end(), lang)
        tokens.append(
            NumberToken(
                text[m.start() : end],
                m.start(),
                end,
                frozenset(v * f for v in values for f in factors),
            )
        )
        taken.append((m.start(), end))

    if lang in _MONTH_IN_DATE:
        for m in _MONTH_IN_DATE[lang].finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            value = float(_month_value(m.group(), lang))
            tokens.append(
                NumberToken(m.group(), m.start(), m.end(), frozenset({value}), kind="month")
            )
            taken.append(m.span())
        for m in _MONTH_ALONE[lang].finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            value = float(_month_value(m.group(), lang))
            tokens.append(
                NumberToken(
                    m.group(), m.start(), m.end(), frozenset({value}), strict=False, kind="month"
                )
            )
            taken.append(m.span())

    if lang == "en":
        for m in _EN_WORD.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            value = float(_EN_WORDS[m.group().lower()])
            factors, end = _scale(text, m.end(), lang)
            tokens.append(_word(text, m.start(), end, value * factors[-1]))
            taken.append((m.start(), end))
    elif lang == "ru":
        for m in _RU_WORD.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            group = next(i for i, v in enumerate(m.groups()) if v is not None)
            factors, end = _scale(text, m.end(), lang)
            tokens.append(_word(text, m.start(), end, _RU_WORD_VALUES[group] * factors[-1]))
            taken.append((m.start(), end))
    else:
        for m in re.finditer(r"百分之([零〇一二两三四五六七八九十百]+)", text):
            numeral = zh_numeral_value(m.group(1))
            if numeral is not None and not _overlaps(m.start(), m.end(), taken):
                tokens.append(_word(text, m.start(), m.end(), numeral))
                taken.append(m.span())
        for m in _ZH_NUMERAL.finditer(text):
            if _overlaps(m.start(), m.end(), taken) or _in_idiom(text, m.start(), m.end()):
                continue
            numeral = zh_numeral_value(m.group())
            if numeral is None:
                continue
            tokens.append(_word(text, m.start(), m.end(), numeral))
            taken.append(m.span())

    return sorted(tokens, key=lambda t: t.start)


def _word(text: str, start: int, end: int, value: float) -> NumberToken:
    return NumberToken(text[start:end], start, end, frozenset({value}), strict=False, kind="word")


def _in_idiom(text: str, start: int, end: int) -> bool:
    for idiom in _ZH_IDIOMS:
        at = text.find(idiom, max(0, start - len(idiom) + 1), end + len(idiom) - 1)
        while at >= 0 and at < end:
            if at < end and at + len(idiom) > start:
                return True
            at = text.find(idiom, at + 1, end + len(idiom) - 1)
    return False


def unmatched(
    source: list[NumberToken], target: list[NumberToken]
) -> tuple[list[NumberToken], list[NumberToken]]:
    """The strict source numbers that no target number matches, and the strict target
    numbers that no source number matches.

    Presence, not counts, is compared: a translation may say a repeated year once.
    """
    missing = [s for s in source if s.strict and not any(s.matches(t) for t in target)]
    extra = [t for t in target if t.strict and not any(t.matches(s) for s in source)]
    return missing, extra


__all__ = ["NumberToken", "find_numbers", "readings", "unmatched", "zh_numeral_value"]
