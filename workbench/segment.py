"""Sentence segmentation for English, Chinese and Russian, with exact character offsets.

The segmenter is rule based.  It finds every run of sentence-final punctuation
(with the closing quotes and brackets that belong to it) and decides, from the word
before it and the token after it, whether a sentence ends there:

* English and Russian need whitespace after the run, and a sentence never ends
  before a lowercase word (``"Yes!" she said``, ``«Готовы!» — сказал он``) nor
  between a closing quote and a dash (``«Кто?» — Путин ответил``).  After a
  period, abbreviations are looked up in tables: those that never end a sentence
  (``Mr.``, ``ул.``), those that do not end one before a number (``No. 5``,
  ``стр. 5``), "weak" ones (``U.S.``, ``Inc.``, ``им.``) that end a sentence only
  before a capitalised function word (``The``, ``Он``) or a quotation, and units
  and dates after a number (``в 2019 г.``, ``5 млн.``).  Single capitals are
  initials (``J. K. Rowling``, ``А. С. Пушкин``), with the same exception.
* Chinese ends sentences at ``。！？!?`` and ``…`` (``……``), spaced or not; closing
  quotes and brackets stay with the sentence, and a following comma, ``的`` or a
  short attribution (``”他说。``) keeps the quote inside the sentence, as does a
  《book title》.  An ASCII ``?`` between the syllables of a transliterated name is
  a lost ``·`` (``唐纳德?特朗普``), not a question mark.

sentencex was tried as a base: it splits ``т. е.``, misses ``。`` before a digit and
never splits inside quotation marks, so rules on top would have had to both merge
and split.  These rules stand alone and score above sentencex and blingfire on
every language in ``benchmarks/segment.py``; this module imports neither.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.languages import HAN, get_language

__all__ = ["Sentence", "split_paragraphs", "split_sentences"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph: ``paragraph[start:end] == text``."""

    text: str
    start: int
    end: int


# -- shared character classes -------------------------------------------------------

#: punctuation that may open a sentence before its first word
_OPENERS = "\"'“‘«„‹([{<「『（《〈【〔—–-―•*"
#: closing quotes and brackets that stay with the sentence before them (en, ru)
_CLOSERS = "\"'”’»›)]}"
_DASHES = "—–-―"
#: zero-width characters, skipped like whitespace after a boundary
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

# -- English and Russian --------------------------------------------------------------

#: what ends a sentence in English and Russian (the languages table's; both the same)
_ALPHA_TERMINATORS = re.escape(get_language("en").terminators + get_language("ru").terminators)
#: a run of terminators with its closing punctuation, followed by whitespace or the end
_ALPHA_RUN = re.compile(
    f"[{_ALPHA_TERMINATORS}][{_ALPHA_TERMINATORS}{re.escape(_CLOSERS)}]*(?=\\s|$)"
)
#: a closing quote set off by a space after the run: 'he said: "We will. "'
_LOOSE_CLOSER = re.compile(r"\s+[\"”»](?=\s|$)")
#: an ellipsis glued to the next word: "...В самой дальней комнате"
_LEADING_ELLIPSIS = re.compile(r"(?:\.{3}|…)(?=\w)")
#: a terminator after a closing bracket or quote: "(116 л.с.)."
_CLOSED_THEN_ENDED = re.compile(f"[{re.escape(_CLOSERS)}][{_ALPHA_TERMINATORS}]")
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d.,:/–-]*$")
_ROMAN = re.compile(r"[IVXLC]+$")
_QUOTES = "\"'“‘«„‹"


@dataclass(frozen=True)
class _Rules:
    """Abbreviation tables and sentence starters of one alphabetic language.

    Abbreviations are written lowercase, without their final period.
    """

    #: abbreviations after which a sentence never ends (titles, "e.g.", "ул.")
    never_final: frozenset[str]
    #: abbreviations that do not end a sentence before a number ("No. 5")
    before_number: frozenset[str]
    #: abbreviations that end a sentence only before a sentence starter ("U.S.")
    weak: frozenset[str]
    #: capitalised function words that usually begin a sentence
    starters: frozenset[str]
    #: words that may follow "a.m."/"p.m." inside a sentence
    after_time: frozenset[str] = frozenset()
    #: initials of more than one letter ("Дж." for J.)
    initials: frozenset[str] = frozenset()
    #: units and dates that end a sentence after a number ("в 2019 г.", "100 м.")
    units: frozenset[str] = frozenset()
    #: capitals that are Roman numerals, not initials ("Петра I.")
    numerals: str = ""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN = _Rules(
    never_final=_words(
        """
        mr mrs ms messrs mmes mme mlle dr prof sen sens rep reps gov gen gens lt col maj
        brig sgt cpl pfc spc pvt capt cmdr adm rev revd hon pres supt insp det
        st ste mt ft vs v e.g i.e cf viz approx
        """
    ),
    before_number=_words(
        """
        no nos art arts vol vols p pp fig figs ch chap sec secs para paras op ed eq
        ex tel rt est
        jan feb mar apr jun jul aug sep sept oct nov dec
        """
    ),
    weak=_words("inc corp ltd co bros jr sr esq llc plc lp ave blvd rd dept univ assn al"),
    starters=_words(
        """
        A An The This That These Those There Here It Its He His Him She Her They Their
        Them We Our Us I My You Your Who What When Where Why How Which Whose
        But And Or So Yet Nor For If As At In On Of By To From With Without After
        Before Since Until While Although Though Because However Meanwhile Also
        Still Then Now Today Yesterday Tomorrow Some Many Most Much More Few All
        Both Each Every Any No Not None Other Another Such One Two Three Several
        According Last Next Earlier Later Instead Indeed Moreover Furthermore
        Despite During Under Over Among Between Asked Unlike Like Even Only Just
        Once Already Is Are Was Were Do Does Did Has Have Had Can Could Will Would
        Should May Might Must Let Please Yes Thank Thanks Nevertheless Otherwise
        """
    ),
    after_time=_words(
        """
        ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT BST UTC CET CEST MSK
        Eastern Central Pacific Mountain Moscow Beijing London local
        Monday Tuesday Wednesday Thursday Friday Saturday Sunday
        """
    ),
)

_RU = _Rules(
    never_final=_words(
        """
        т.е т.к т.н т.ч и.о ул см проф акад ген св пл пер просп наб тов напр рис табл
        mr mrs ms dr prof st
        англ франц фр лат греч кит араб исп ок прим зам пос дер ст гр
        р-н к.т.н д.т.н к.э.н д.э.н к.ф.н
        """
    ),
    before_number=_words(
        """
        пп гл стр № кв корп тел вып разд абз илл прил стт
        млн млрд трлн тыс руб долл коп
        """
    ),
    weak=_words("им пр обл ред изд"),
    starters=_words(
        """
        А И Но Да Или Однако Зато Тогда Потом Затем Теперь Сейчас Сегодня Вчера
        Завтра Он Она Оно Они Его Ее Её Их Ему Ей Им Мы Я Вы Ты Нас Нам Меня Мне Это
        Этот Эта Эти Этого Этой Тот Та Те То Там Тут Здесь Так Как Что Кто Где Когда
        Почему Зачем Куда Откуда Какой Какая Какие Который Которая В Во На С Со По
        К Ко У О Об Из За Для До От При После Перед Через Без Между Среди Против
        Также Кроме Еще Ещё Уже Все Всё Весь Вся Многие Некоторые Один Одна Одно
        Если Хотя Пока Поэтому Ведь Вот Впрочем Кстати Например Более Менее Не Ни
        Нет Был Была Было Были Будет По-видимому По-прежнему Согласно Напомним
        """
    ),
    initials=_words("дж"),
    units=_words(
        """
        г гг в вв м км см мм кг т л га с мин сек ч млн млрд трлн тыс руб долл коп
        д п
        """
    ),
    numerals="IVXLC",
)

_ALPHA_RULES = {"en": _EN, "ru": _RU}


@dataclass(frozen=True)
class _Next:
    """What follows a candidate boundary."""

    first: str  # first letter or digit (or other character) of the next token
    word: str  # the next word, "" when it does not start with a letter or digit
    lead: str  # the opening quotes, brackets, dashes or ellipsis before it
    dotted: bool  # the word is directly followed by a period ("A." in "A. A. Milne")

    @property
    def dashed(self) -> bool:
        """A dash comes first: "— сказал он", "- Gerkus wrote"."""
        return bool(self.lead) and self.lead[0] in _DASHES

    @property
    def quoted(self) -> bool:
        """An opening quote comes first: '"We ...'."""
        return bool(self.lead) and self.lead[0] in _QUOTES

    @property
    def numeric(self) -> bool:
        """It is a number: "5", "№ 842", "$2"."""
        return self.first.isdigit() or self.first in "№#$€£¥"


def _next_token(text: str, pos: int) -> _Next | None:
    """Describe the token after ``pos``, skipping whitespace and opening punctuation."""
    n = len(text)
    while pos < n and (text[pos].isspace() or text[pos] in _INVISIBLE):
        pos += 1
    if pos == n:
        return None
    lead_start = pos
    ellipsis = _LEADING_ELLIPSIS.match(text, pos)
    if ellipsis:
        pos = ellipsis.end()
    while pos < n and pos - lead_start < 6 and (text[pos] in _OPENERS or text[pos].isspace()):
        pos += 1
    lead = text[lead_start:pos]
    if pos == n:
        return _Next("", "", lead, False)
    match = _WORD.match(text, pos)
    word = match.group() if match else ""
    end = pos + len(word)
    return _Next(text[pos], word, lead, end < n and text[end] == ".")


def _has_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a letter or a digit (searched from the end)."""
    return any(text[i].isalnum() for i in range(end - 1, start - 1, -1))


def _token_before(text: str, end: int) -> tuple[int, str]:
    """The whitespace-delimited token that ends at ``end``, with its start."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, text[start:end]


def _is_starter(nxt: _Next, rules: _Rules) -> bool:
    """Whether ``nxt`` clearly begins a new sentence (a function word or a quotation)."""
    return (nxt.word in rules.starters and not nxt.dotted) or (nxt.quoted and nxt.first.isupper())


def _split_after_period(
    text: str, sentence_start: int, start: int, nxt: _Next, rules: _Rules
) -> bool:
    """Whether a single period at ``text[start]`` ends a sentence before ``nxt``.

    ``sentence_start`` is where the sentence that the period might end begins.
    """
    token_start, token = _token_before(text, start)
    if token and token[-1] in _CLOSERS:  # «готовы». / (AP). : the word is closed
        return True
    word = token.lstrip(_OPENERS)
    if not word:
        return True
    if word[-1].isdigit():  # "in 2019. The" ends; "US$2. 4 trillion" is a broken number
        return not nxt.numeric
    key = word.lower()
    if len(word) == 1 and word.isupper():
        if word in rules.numerals:
            return True  # "Петра I.": a numeral, not an initial
        return _is_starter(nxt, rules)  # an initial, unless a new sentence clearly starts
    if key in rules.initials:
        return _is_starter(nxt, rules)
    if key in rules.units and _number_before(text, token_start):
        return _ends_after_number(text, sentence_start, token_start, nxt)
    if len(word) == 1 and word.isalpha():
        if rules is _RU:  # т. е., с. Ивановка, и т. д.
            return key in "дп" and _token_before(text, max(token_start - 1, 0))[1] == "т."
        return key not in rules.never_final and not (key in rules.before_number and nxt.numeric)
    if len(word) > 1 and word.isupper() and "." not in word:  # an acronym: "СМ.", "US."
        return not (key in rules.before_number and nxt.numeric)
    if "-" in key and key not in rules.never_final:  # Missouri-St. Louis
        key = key.rsplit("-", 1)[1]
    if key in rules.never_final:
        return False
    if key in rules.before_number:
        return not nxt.numeric
    if key in rules.weak:
        return _is_starter(nxt, rules)
    if "." in key:
        return _split_after_dotted(key, nxt, rules)
    return True


def _split_after_dotted(key: str, nxt: _Next, rules: _Rules) -> bool:
    """A period after a dotted word: "U.S.", "a.m.", "т.д.", "В.В.", "Lenta.ru"."""
    parts = key.split(".")
    if not all(part.isalpha() and len(part) <= 2 for part in parts):
        return True  # a domain name or a number, not an abbreviation
    if key in ("a.m", "p.m"):
        return nxt.word not in rules.after_time
    if key in ("т.д", "т.п"):
        return True
    return _is_starter(nxt, rules)


def _number_before(text: str, token_start: int) -> int | None:
    """The start of the number just before ``text[token_start]``, if there is one."""
    before_start, before = _token_before(text, max(token_start - 1, 0))
    before = before.strip('(«"')
    if before and (_NUMBER.match(before) or _ROMAN.match(before)):
        return before_start
    return None


def _ends_after_number(text: str, sentence_start: int, token_start: int, nxt: _Next) -> bool:
    """Whether a unit or a date after a number ("5 млн.", "в 2019 г.") ends the sentence.

    Not before another number ("в 2015 г. 3,5 тыс."), nor when the sentence so far
    is only the date: "В 2019 г. Путин ..." goes on.
    """
    number_start = _number_before(text, token_start)
    if number_start is None or nxt.numeric:
        return False
    return len(text[sentence_start:number_start].split()) > 2


def _alphabetic_ends(text: str, rules: _Rules) -> list[int]:
    ends: list[int] = []
    for match in _ALPHA_RUN.finditer(text):
        start, end = match.span()
        sentence_start = ends[-1] if ends else 0
        if not _has_word(text, sentence_start, start):
            continue  # nothing but punctuation since the last boundary
        run = match.group()
        loose = _LOOSE_CLOSER.match(text, end)
        if loose:
            end = loose.end()
            run += loose.group().strip()
        nxt = _next_token(text, end)
        if nxt is None:
            ends.append(end)
            continue
        if nxt.first.islower() or nxt.first in _CLOSERS + ".!?…,;:":
            continue  # the sentence goes on: "he said", "ready ... ."
        if nxt.lead == "-" and nxt.first.isalpha():
            continue  # a word broken at its hyphen: "the new U.S. -Mexico-Canada deal"
        if nxt.dashed and run[-1] in _CLOSERS:
            continue  # direct speech and its author: «Готовы!» — Путин сказал
        head = run[: len(run) - len(run.lstrip(".!?…"))]  # the terminators before any closer
        if "?" in head or "!" in head or _CLOSED_THEN_ENDED.search(run):
            split = True  # "?", "!", "?!", or a period after a closer: "(116 л.с.)."
        elif len(head) > 1 or head == "…":  # an ellipsis: "left... It", not "for... 1.6"
            split = not nxt.numeric
        else:
            split = _split_after_period(text, sentence_start, start, nxt, rules)
        if split:
            ends.append(end)
    return ends


# -- Chinese --------------------------------------------------------------------------

_ZH_TERMINATORS = get_language("zh").terminators
_ZH_CLOSERS = "”’」』）)》〉】〕］\"'"
#: terminators and the closing quotes and brackets after them, even set off by spaces
_ZH_RUN = re.compile(
    f"(?:[{_ZH_TERMINATORS}]|(?<=[{HAN}])\\.(?![A-Za-z0-9.]))"
    f"(?:\\s*[{_ZH_TERMINATORS}{re.escape(_ZH_CLOSERS)}])*"
)
#: punctuation after a run that keeps the sentence going: ”，他说
_ZH_CONTINUES = "，、,；;：:"
#: question words and particles: an ASCII "?" after one of them is a question mark
_ZH_QUESTION = re.compile(
    "吗|嗎|呢|吧|么|麼|哪|谁|誰|怎|为何|為何|如何|何时|何時|何处|何處|多少|是否|难道|難道"
    "|能否|可否|有没有|有沒有|是不是"
)
#: characters of transliterated foreign names (Xinhua table): "唐纳德·特朗普" is often
#: mangled to "唐纳德?特朗普", a "?" that ends no sentence
_ZH_NAME_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼宾波伯勃博布查达戴黛丹道德迪蒂丁东杜顿多厄恩尔"
    "法凡范菲斐费芬丰冯弗福夫盖甘冈戈哥格贡古瓜圭哈海汉豪赫亨洪侯胡华霍基吉加贾杰金津"
    "卡凯坎康考柯科克肯孔库奎昆拉莱赖兰朗劳勒雷蕾里利莉丽连林琳龙隆卢鲁路伦罗洛马玛迈"
    "麦曼芒梅门蒙米密缪莫默姆穆纳娜南内尼妮宁纽诺欧帕潘庞佩彭皮珀普奇齐恰乔琼丘屈萨塞"
    "桑瑟森沙莎尚舍什圣施史斯松苏索塔泰坦汤唐陶特提托瓦万旺威韦维温文翁沃乌伍西希锡夏"
    "谢辛休雅亚扬耶伊英尤于约泽扎詹朱兹佐茨翰逊思赛蔡李瑞"
)
#: punctuation that ends the clause a question word is looked for in
_ZH_CLAUSE_END = "，。；：！？,;:!?\n"
#: a short attribution after a quotation: ”他说。 ”她回忆道。
_ZH_ATTRIBUTION = re.compile(
    r"[^。！？!?，,；;“”\"]{0,12}?"
    r"(?:说|說|道|问|問|表示|指出|称|稱|喊|答|强调|強調|透露|介绍|介紹|补充|補充|解释|解釋"
    r"|坦言|感叹|感嘆|回忆|回憶|写|寫)"
    r"[说說道了]{0,2}[。！？!?]"
)


def _asks(text: str, start: int) -> bool:
    """Whether the clause before ``text[start]`` asks something (has a question word)."""
    clause_start = start
    while clause_start > max(0, start - 40) and text[clause_start - 1] not in _ZH_CLAUSE_END:
        clause_start -= 1
    return _ZH_QUESTION.search(text, clause_start, start) is not None


def _lost_character(text: str, start: int) -> bool:
    """Whether the "?" at ``text[start]`` replaces a lost character inside a name.

    As in "肖恩?芬克" (a lost "·") or "R?tts" (a lost "ä"), unless the clause asks
    something.
    """
    before, after = text[start - 1], text[start + 1]
    in_name = (
        (before in _ZH_NAME_CHARS and after in _ZH_NAME_CHARS)
        or (before.isascii() and before.isalpha() and after.isascii() and after.isalpha())
        or "¤" in (before, after)
        or "\ufffd" in (before, after)
    )
    return in_name and not _asks(text, start)


def _in_title(text: str, start: int, run: str, end: int) -> bool:
    """Whether the run at ``start`` belongs to a 《book title》 (《摔跤吧！爸爸》)."""
    opening = text.rfind("《", max(0, start - 60), start)
    if opening == -1 or "》" in text[opening:start]:
        return False
    if "》" in run:  # 《你好吗？》 ends the title; 《你好吗？》。 ends the sentence too
        return not any(ch in _ZH_TERMINATORS for ch in run[run.index("》") :])
    return "》" in text[end : end + 30]


def _chinese_ends(text: str) -> list[int]:
    ends: list[int] = []
    quotes = [i for i, ch in enumerate(text) if ch == '"'] if '"' in text else []
    for match in _ZH_RUN.finditer(text):
        start, end = match.span()
        # a straight quote closes only an open quote; an even count before it opens one
        for i in range(start, end):
            if text[i] == '"' and bisect.bisect_left(quotes, i) % 2 == 0:
                end = i
                break
        while text[end - 1].isspace():
            end -= 1
        run = text[start:end]
        if not _has_word(text, ends[-1] if ends else 0, start):
            continue
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt == len(text):
            ends.append(end)
            continue
        following = text[nxt]
        if following in _ZH_CONTINUES or (following == "的" and run[-1] in _ZH_CLOSERS + "…"):
            continue  # ”，他说 / “谁的街道？”的主题 / 比赛……的上半场
        if run in ("?", "!"):  # ASCII marks are also used inside names and English text
            if following.isascii() and following.islower():
                continue  # "Yahoo! search"
            if nxt == end and run == "?" and _lost_character(text, start):
                continue  # 肖恩?芬克, R?tts: a "?" standing in for a lost character
            if nxt == end and run == "!" and text[start - 1].isascii():
                continue  # Yahoo!公司
        if _in_title(text, start, run, end):
            continue
        if run[-1] in _ZH_CLOSERS and _ZH_ATTRIBUTION.match(text, nxt):
            continue
        ends.append(end)
    return ends


# -- public API -------------------------------------------------------------------------


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Split one paragraph into sentences with their character offsets.

    ``lang`` is ``"en"``, ``"zh"`` or ``"ru"``; any other code raises
    :class:`~workbench.errors.LanguageError`.  Each sentence is stripped of
    surrounding whitespace and ``text[s.start:s.end] == s.text``.

    >>> [s.text for s in split_sentences("Mr. Smith left at 5 p.m. He was tired.", "en")]
    ['Mr. Smith left at 5 p.m.', 'He was tired.']
    >>> split_sentences("好。走吧！", "zh")[1]
    Sentence(text='走吧！', start=2, end=5)
    """
    get_language(lang)
    if not text or text.isspace():
        return []
    ends = _chinese_ends(text) if lang == "zh" else _alphabetic_ends(text, _ALPHA_RULES[lang])
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    sentences: list[Sentence] = []
    start = 0
    for end in ends:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            offset = start + len(piece) - len(piece.lstrip())
            sentences.append(Sentence(stripped, offset, offset + len(stripped)))
        start = end
    logger.debug("split %d characters of %s into %d sentences", len(text), lang, len(sentences))
    return sentences


def split_paragraphs(paragraphs: Sequence[str], lang: str) -> list[list[Sentence]]:
    """Split each paragraph into sentences; offsets are relative to each paragraph.

    >>> [[s.text for s in p] for p in split_paragraphs(["A b. C d.", ""], "en")]
    [['A b.', 'C d.'], []]
    """
    get_language(lang)
    return [split_sentences(paragraph, lang) for paragraph in paragraphs]
