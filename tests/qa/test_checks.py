"""Every QA check on true positives and true negatives, per target language.

The case table is the specification: each row runs one check on a source/target
pair (or on several segments, for checks that compare segments) and says which
message fragment it must report, or ``None`` for "no issue".
``test_every_check_has_cases_per_language`` fails when a check or a language it
applies to lacks a positive or a negative case.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import CORPORA, GLOSSARIES
from workbench.errors import LanguageError
from workbench.glossary import Concept, Term, Termbase, TermStatus
from workbench.glossary.match import TermMatcher, load_matcher
from workbench.qa import (
    CHECKS,
    Issue,
    Pair,
    QAError,
    Severity,
    check_names,
    check_pair,
    get_checks,
    run_checks,
)


def _concept(
    ident: str, approved: dict[str, str], forbidden: dict[str, str] | None = None
) -> Concept:
    terms = [Term(text, lang) for lang, text in approved.items()]
    terms += [Term(text, lang, TermStatus.FORBIDDEN) for lang, text in (forbidden or {}).items()]
    return Concept(ident, terms)


#: the production matcher (the one MT and the Edit panel use) over a small termbase
TERMS = TermMatcher(
    Termbase(
        [
            _concept(
                "Xinhua News Agency",
                {"en": "Xinhua News Agency", "zh": "新华社", "ru": "агентство Синьхуа"},
                {"en": "New China News Agency", "zh": "新华新闻社", "ru": "Синхуа"},
            ),
            _concept("TASS", {"en": "TASS", "zh": "塔斯社", "ru": "ТАСС"}),
            _concept(
                "Beijing",
                {"en": "Beijing", "zh": "北京", "ru": "Пекин"},
                {"en": "Peking", "ru": "Бэйцзин"},
            ),
            _concept("journalist", {"en": "journalist", "zh": "记者", "ru": "журналист"}),
            _concept("Wi-Fi Alliance", {"en": "Wi-Fi Alliance", "ru": "Wi-Fi Alliance"}),
        ]
    )
)


@dataclass(frozen=True)
class Case:
    check: str
    src: str
    tgt: str
    source: str | tuple[str, ...]
    target: str | tuple[str, ...]
    #: a fragment of the expected message, or None when the check must find nothing
    expect: str | None

    @property
    def id(self) -> str:
        kind = "pos" if self.expect else "neg"
        text = self.target if isinstance(self.target, str) else " / ".join(self.target)
        return f"{self.check}-{self.src}-{self.tgt}-{kind}-{text[:24]}"


C = Case
CASES: list[Case] = [
    # -- empty ---------------------------------------------------------------------
    C("empty", "en", "zh", "Hello.", "", "the target is empty"),
    C("empty", "en", "ru", "Hello.", "   ", "translate the segment into Russian"),
    C("empty", "zh", "en", "你好。", "", "the target is empty"),
    C("empty", "en", "zh", "Hello.", "你好。", None),
    C("empty", "en", "ru", "   ", "", None),
    C("empty", "zh", "en", "你好。", "Hello.", None),
    # -- source copied -------------------------------------------------------------
    C("source-copied", "en", "zh", "The forum opened.", "The forum opened.", "copy of the source"),
    C("source-copied", "en", "ru", "The forum opened.", " the forum  opened. ", "into Russian"),
    C("source-copied", "zh", "en", "论坛开幕了。", "论坛开幕了。", "copy of the source"),
    C("source-copied", "en", "zh", "NATO", "NATO", None),
    C("source-copied", "en", "ru", "The forum opened.", "Форум открылся.", None),
    C("source-copied", "ru", "en", "2026", "2026", None),
    C("source-copied", "zh", "en", "论坛开幕了。", "The forum opened.", None),
    # -- untranslated --------------------------------------------------------------
    C(
        "untranslated",
        "en",
        "zh",
        "The forum opened today.",
        "The forum has opened today.",
        "the target is in English, not Chinese",
    ),
    C("untranslated", "en", "ru", "The forum opened.", "The forum has opened.", "not Russian"),
    C(
        "untranslated",
        "ru",
        "en",
        "Форум открылся в Москве.",
        "The forum opened in Москве.",
        "'Москве' is left in Russian",
    ),
    C(
        "untranslated",
        "zh",
        "ru",
        "论坛在北京开幕。",
        "Форум открылся в 北京.",
        "'北京' is left in Chinese",
    ),
    C("untranslated", "en", "zh", "The forum opened.", "论坛开幕了。", None),
    C("untranslated", "en", "ru", "The forum opened in Beijing.", "Форум открылся в Пекине.", None),
    C("untranslated", "ru", "en", "Форум открылся.", "The forum opened.", None),
    C("untranslated", "zh", "ru", "论坛开幕。", "Форум открылся.", None),
    # -- numbers and dates ---------------------------------------------------------
    C(
        "numbers",
        "en",
        "zh",
        "Xinhua reported 35,000 visitors.",
        "新华社报道有3万名访客。",
        "'35,000' of the source is missing",
    ),
    C(
        "numbers",
        "en",
        "zh",
        "The forum opened.",
        "论坛于2026年开幕。",
        "'2026' in the target is not in the source",
    ),
    C(
        "numbers",
        "en",
        "ru",
        "It cost $2.4 billion.",
        "Это стоило 2,5 млрд долларов.",
        "'2.4 billion' of the source is missing",
    ),
    C(
        "numbers",
        "ru",
        "en",
        "Форум закрылся 18 ноября 2026 года.",
        "The forum closed on December 18, 2026.",
        "the month 'ноября' (11)",
    ),
    C("numbers", "zh", "en", "2024年3月5日开幕。", "It opened on March 6, 2024.", "'5'"),
    C("numbers", "zh", "ru", "共有三百名记者。", "Было 200 журналистов.", "'200' in the target"),
    C("numbers", "en", "zh", "Xinhua reported 35,000 visitors.", "新华社报道有3.5万名访客。", None),
    C(
        "numbers",
        "en",
        "zh",
        "about 2.4 billion yuan ($330 million)",
        "约24亿元人民币（约合3.3亿美元）",
        None,
    ),
    C("numbers", "en", "zh", "On Nov. 18, 2026, at 4:40 pm", "2026年11月18日下午4点40分", None),
    C("numbers", "en", "zh", "10 years ago", "十年前", None),
    C("numbers", "en", "ru", "It cost $2.4 billion.", "Это стоило 2,4 млрд долларов.", None),
    C("numbers", "en", "ru", "1,234,567 people on March 5", "1 234 567 человек 5 марта", None),
    C("numbers", "en", "ru", "in the late 1990s", "в конце 1990-х годов", None),
    C("numbers", "zh", "en", "三百名记者，十年前", "300 journalists, ten years ago", None),
    C("numbers", "zh", "ru", "20世纪90年代末", "в конце 1990-х годов", None),
    C(
        "numbers",
        "ru",
        "en",
        "Более 300 журналистов, 1,5 млн читателей",
        "More than 300 journalists, 1.5 million readers",
        None,
    ),
    # -- number format -------------------------------------------------------------
    C(
        "number-format",
        "en",
        "ru",
        "It grew by 1.5 percent.",
        "Он вырос на 1.5 процента.",
        "Russian writes '1,5'",
    ),
    C(
        "number-format",
        "en",
        "ru",
        "1,234,567 people",
        "1,234,567 человек",
        "Russian writes '1 234 567'",
    ),
    C("number-format", "en", "ru", "1,234 people", "1,234 человек", "reads as '1,234'"),
    C("number-format", "ru", "en", "Рост на 1,5%.", "Growth of 1,5%.", "English writes '1.5'"),
    C("number-format", "ru", "zh", "Рост на 1,5%.", "增长1,5%。", "Chinese writes '1.5'"),
    C("number-format", "en", "zh", "The 2024 budget", "２０２４年预算", "full-width digits"),
    C("number-format", "en", "ru", "It grew by 1.5 percent.", "Он вырос на 1,5 процента.", None),
    C("number-format", "en", "ru", "1,234,567 people", "1 234 567 человек", None),
    C("number-format", "ru", "en", "1 234 567 человек", "1,234,567 people", None),
    C("number-format", "ru", "zh", "Рост на 1,5%.", "增长1.5%。", None),
    C("number-format", "en", "zh", "The 2024 budget", "2024年预算", None),
    # -- punctuation ---------------------------------------------------------------
    C("punctuation", "en", "zh", "Hello, world.", "你好,世界。", "use the full-width '，'"),
    C("punctuation", "en", "zh", "The forum opened.", "论坛开幕了.", "use the full-width '。'"),
    C("punctuation", "en", "zh", "Ready?", "准备好了。", "end it with '？'"),
    C("punctuation", "en", "zh", "Wait...", "等等...", "'……'"),
    C("punctuation", "en", "ru", "Moscow - the capital.", "Москва - столица.", "the dash ' — '"),
    C("punctuation", "en", "ru", "Hello, world.", "Привет，мир.", "Chinese punctuation '，'"),
    C("punctuation", "en", "ru", "Ready?", "Готово.", "end it with '?'"),
    C("punctuation", "ru", "en", "Привет, мир.", "Hello , world.", "a space before ','"),
    C("punctuation", "zh", "en", "论坛开幕了。", "The forum opened", "end it with '.'"),
    C("punctuation", "ru", "en", "Привет, мир.", "Hello,world.", "no space after ','"),
    C("punctuation", "en", "zh", "Hello, world.", "你好，世界。", None),
    C(
        "punctuation",
        "en",
        "zh",
        "Donald Trump said it cost 3.5 million.",
        "唐纳德·特朗普 (Donald Trump) 说花费了350万。",
        None,
    ),
    C("punctuation", "en", "zh", "Ready?", "准备好了吗？", None),
    C("punctuation", "en", "ru", "Moscow is the capital.", "Москва — столица.", None),
    C("punctuation", "en", "ru", "Ready?", "Готово?", None),
    C("punctuation", "ru", "en", "Привет, мир.", "Hello, world.", None),
    C("punctuation", "zh", "en", "他说：“好。”", "He said: “Good.”", None),
    # -- quotes --------------------------------------------------------------------
    C("quotes", "en", "zh", 'He said "yes".', '他说"是"。', "use '“ ”'"),
    C("quotes", "en", "zh", "He said “yes”.", "他说”是“。", "reversed"),
    C("quotes", "en", "zh", "He said «yes».", "他说«是»。", "'«' is not a Chinese quotation mark"),
    C("quotes", "en", "ru", 'He said "yes".', 'Он сказал "да".', "use '« »'"),
    C("quotes", "en", "ru", "He said “yes”.", "Он сказал “да”.", "Russian uses « »"),
    C("quotes", "en", "ru", "He said “yes”.", "Он сказал «да.", "unbalanced quotation marks"),
    C("quotes", "ru", "en", "Он сказал «да».", "He said «yes».", "use '“'"),
    C("quotes", "zh", "en", "他说“是”。", "He said “yes.", "unbalanced"),
    C("quotes", "en", "zh", "He said “yes”.", "他说“是”。", None),
    C("quotes", "en", "zh", "“The forum opened.", "“论坛开幕了。", None),
    C("quotes", "en", "zh", "O’Brien’s view", "奥布赖恩（O’Brien）的观点", None),
    C("quotes", "en", "ru", "He said “yes”.", "Он сказал «да».", None),
    C(
        "quotes",
        "en",
        "ru",
        "He said “the ‘Pravda’ agency”.",
        "Он сказал «агентство „Правда“».",
        None,
    ),
    C("quotes", "ru", "en", "Он сказал «да».", "He said “yes.”", None),
    # -- spacing -------------------------------------------------------------------
    C("spacing", "ru", "en", "Привет, мир.", "Hello,  world.", "double space"),
    C("spacing", "en", "ru", "Hello world.", "Привет  мир.", "double space"),
    C("spacing", "en", "zh", "Hello world.", "你好 世界。", "between Chinese characters"),
    C("spacing", "en", "zh", "He met AM members.", "他会见了 AM 议员。", None),
    C("spacing", "en", "ru", "Hello world.", "Привет мир.", None),
    C("spacing", "ru", "en", "Привет, мир.", "Hello, world.", None),
    # -- leading and trailing whitespace ---------------------------------------------
    C("edge-space", "en", "ru", "Hello.", " Привет.", "starts with whitespace"),
    C("edge-space", "en", "zh", "Hello.", "你好。\u3000", "ends with whitespace"),
    C("edge-space", "ru", "en", "Привет.", "Hello. ", "ends with whitespace"),
    C("edge-space", "en", "ru", "Hello. ", "Привет. ", None),
    C("edge-space", "en", "zh", "Hello.", "你好。", None),
    C("edge-space", "ru", "en", "Привет.", "Hello.", None),
    # -- length --------------------------------------------------------------------
    C(
        "length",
        "en",
        "zh",
        "The two-day meeting was held in Guangzhou's Tianhe district, the business centre.",
        "会议。",
        "unusually short",
    ),
    C(
        "length",
        "en",
        "ru",
        "The forum opened on Tuesday.",
        "Форум открылся во вторник. " * 4,
        "unusually long",
    ),
    C("length", "zh", "en", "为期两天的会议在广州市天河区举行。", "It met.", "unusually short"),
    C(
        "length",
        "en",
        "zh",
        "The two-day meeting was held in Guangzhou's Tianhe district, the business centre.",
        "为期两天的会议在广州市天河区举行，这里是商业中心。",
        None,
    ),
    C(
        "length",
        "en",
        "ru",
        "The forum opened on Tuesday in Guangzhou.",
        "Форум открылся во вторник в Гуанчжоу.",
        None,
    ),
    C(
        "length",
        "zh",
        "en",
        "为期两天的会议在广州市天河区举行。",
        "The two-day meeting was held in Guangzhou's Tianhe district.",
        None,
    ),
    C(
        "length", "en", "zh", "Hi.", "你好，很高兴见到你们大家，欢迎来到广州。", None
    ),  # too short to judge
    # -- glossary: missing -------------------------------------------------------------
    C(
        "glossary-missing",
        "en",
        "zh",
        "Xinhua News Agency reported.",
        "中国通讯社报道。",
        "'Xinhua News Agency' should be translated as '新华社'",
    ),
    C(
        "glossary-missing",
        "en",
        "ru",
        "TASS reported.",
        "Агентство сообщило.",
        "should be translated as 'ТАСС'",
    ),
    C(
        "glossary-missing",
        "zh",
        "en",
        "新华社报道。",
        "The agency reported.",
        "'新华社' should be translated as 'Xinhua News Agency'",
    ),
    C("glossary-missing", "en", "zh", "Xinhua News Agency reported.", "新华社报道。", None),
    C(
        "glossary-missing",
        "en",
        "ru",
        "Journalists from Xinhua News Agency came.",
        "Приехали журналисты агентства Синьхуа.",
        None,
    ),
    C("glossary-missing", "zh", "en", "记者来自北京。", "The journalists came from Beijing.", None),
    # -- glossary: forbidden ------------------------------------------------------------
    C(
        "glossary-forbidden",
        "en",
        "zh",
        "Xinhua News Agency reported.",
        "新华新闻社报道。",
        "'新华新闻社' is a forbidden term: use '新华社'",
    ),
    C(
        "glossary-forbidden",
        "en",
        "ru",
        "Xinhua News Agency reported.",
        "Синхуа сообщило.",
        "use 'агентство Синьхуа'",
    ),
    C("glossary-forbidden", "zh", "en", "在北京。", "In Peking.", "'Peking' is a forbidden term"),
    C("glossary-forbidden", "en", "zh", "Xinhua News Agency reported.", "新华社报道。", None),
    C(
        "glossary-forbidden",
        "en",
        "ru",
        "Xinhua News Agency reported.",
        "Агентство Синьхуа сообщило.",
        None,
    ),
    C("glossary-forbidden", "zh", "en", "在北京。", "In Beijing.", None),
    # -- consistency (compares segments) -------------------------------------------------
    C(
        "consistency",
        "en",
        "zh",
        ("The forum opened.", "The forum opened."),
        ("论坛开幕了。", "论坛开幕。"),
        "segment 1 has the same source",
    ),
    C(
        "consistency",
        "en",
        "ru",
        ("The forum opened.", "the forum  opened."),
        ("Форум открылся.", "Форум начался."),
        "use one translation for both",
    ),
    C(
        "consistency",
        "zh",
        "en",
        ("论坛开幕了。", "论坛开幕了。"),
        ("The forum opened.", "The forum began."),
        "segment 1 has the same source",
    ),
    C(
        "consistency",
        "en",
        "zh",
        ("The forum opened.", "The forum opened."),
        ("论坛开幕了。", "论坛开幕了。"),
        None,
    ),
    C(
        "consistency",
        "en",
        "ru",
        ("The forum opened.", "The forum closed."),
        ("Форум открылся.", "Форум открылся."),
        None,
    ),
    C(
        "consistency",
        "zh",
        "en",
        ("论坛开幕了。", "论坛开幕了。"),
        ("The forum opened.", "the forum  opened."),
        None,
    ),
    # -- markup and placeholders ----------------------------------------------------------
    C(
        "markup",
        "en",
        "zh",
        "<b>Hello</b> world",
        "你好世界",
        "the tag '<b>' of the source is missing",
    ),
    C("markup", "en", "ru", "{0} files from %s", "файлы из %s", "placeholder '{0}'"),
    C(
        "markup",
        "zh",
        "en",
        "{count}个文件",
        "{count} files from {site}",
        "'{site}' is not in the source",
    ),
    C(
        "markup",
        "en",
        "zh",
        "See https://example.org/a.",
        "见 https://example.org/b。",
        "the url 'https://example.org/a'",
    ),
    C("markup", "ru", "en", "<b>Привет</b> мир", "</b>Hello<b> world", "out of order"),
    C(
        "markup",
        "en",
        "zh",
        "<b>Hello</b> {name}, see https://x.org.",
        "<b>你好</b>{name}，见https://x.org。",
        None,
    ),
    C("markup", "en", "ru", "{0} files from %s", "{0} файлов из %s", None),
    C("markup", "zh", "en", "50%的人", "50% of people", None),
    C("markup", "ru", "en", "<i>Привет</i>", "<i>Hello</i>", None),
    # -- Latin words ------------------------------------------------------------------------
    C("latin-words", "en", "zh", "Xinhua reported.", "Xinhua报道了。", "'Xinhua' is left in Latin"),
    C(
        "latin-words",
        "en",
        "ru",
        "The Washington Examiner reported.",
        "Как сообщила Washington Examiner.",
        "'Washington Examiner' is left in Latin script",
    ),
    C("latin-words", "en", "zh", "GDP grew 5%.", "GDP增长了5%。", None),
    C("latin-words", "en", "zh", "Trump said.", "特朗普（Donald Trump）说。", None),
    C("latin-words", "en", "ru", "It is 5 km away.", "Это в 5 km отсюда.", None),
    C("latin-words", "en", "ru", "The Wi-Fi Alliance said.", "Как заявили в Wi-Fi Alliance.", None),
    C("latin-words", "en", "ru", "Xinhua reported.", "Синьхуа сообщило.", None),
]


def _issues(case: Case) -> list[Issue]:
    if isinstance(case.source, tuple):
        assert isinstance(case.target, tuple)
        pairs = [
            Pair(i, s, t) for i, (s, t) in enumerate(zip(case.source, case.target, strict=True))
        ]
        return list(run_checks(pairs, case.src, case.tgt, terms=TERMS, checks=[case.check]).issues)
    assert isinstance(case.target, str)
    return check_pair(
        case.source, case.target, case.src, case.tgt, terms=TERMS, checks=[case.check]
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_case(case: Case) -> None:
    issues = _issues(case)
    assert all(i.check == case.check for i in issues)
    if case.expect is None:
        assert issues == [], [i.message for i in issues]
    else:
        messages = [i.message for i in issues]
        assert any(case.expect in m for m in messages), messages
        assert all(": " in m for m in messages), "a message says what to do after a colon"


def test_every_check_has_cases_per_language() -> None:
    missing: list[str] = []
    for name, cls in CHECKS.items():
        for lang in sorted(cls.targets):
            rows = [c for c in CASES if c.check == name and c.tgt == lang]
            if not any(c.expect for c in rows):
                missing.append(f"{name}: no true positive for {lang} targets")
            if not any(c.expect is None for c in rows):
                missing.append(f"{name}: no true negative for {lang} targets")
    assert not missing, missing


def test_the_shipped_sample_article_has_no_issues_in_its_translations() -> None:
    terms = load_matcher(GLOSSARIES / "media.csv")
    en = (CORPORA / "media-forum.en.txt").read_text("utf-8").splitlines()
    for lang in ("zh", "ru"):
        other = (CORPORA / f"media-forum.{lang}.txt").read_text("utf-8").splitlines()
        pairs = [Pair(i, s, t) for i, (s, t) in enumerate(zip(en, other, strict=True))]
        checks = [n for n in check_names() if n != "glossary-missing"]  # derived forms
        result = run_checks(pairs, "en", lang, terms=terms, checks=checks)
        assert result.issues == (), [(i.number, i.message) for i in result.issues]


def test_a_wrong_number_in_the_sample_is_found() -> None:
    en = (CORPORA / "media-forum.en.txt").read_text("utf-8").splitlines()
    zh = (CORPORA / "media-forum.zh.txt").read_text("utf-8").splitlines()
    line = next(i for i, t in enumerate(zh) if "24亿元" in t)
    broken = zh[line].replace("24亿元", "42亿元")
    issues = check_pair(en[line], broken, "en", "zh", checks=["numbers"])
    assert {i.span for i in issues} >= {"42亿"}


def test_run_checks_sorts_by_segment_then_severity_and_signs_the_result() -> None:
    pairs = [Pair(0, "One, two.", "一,二"), Pair(1, "Hello.", ""), Pair(2, "3 cats.", "4只猫。")]
    result = run_checks(pairs, "en", "zh")
    assert [(i.segment, i.severity) for i in result.issues] == sorted(
        ((i.segment, i.severity) for i in result.issues), key=lambda x: (x[0], x[1].rank)
    )
    assert result.counts()[Severity.ERROR] == 3  # empty, and 3/4 both ways
    assert result.by_check()["numbers"] == 2
    assert set(result.by_segment()) == {0, 1, 2}
    assert "glossary-missing" in result.skipped  # no glossary given
    assert result.signature.startswith("checks:empty,") and "|src:en|tgt:zh|glossary:no|" in (
        result.signature
    )
    data = result.to_dict()
    assert data["issues"][0]["segment"] == 1 and data["counts"]["error"] == 3


def test_checks_only_run_for_their_target_languages() -> None:
    result = run_checks(
        [Pair(0, "Xinhua reported.", "Xinhua reported it.")], "zh", "en", checks=["latin-words"]
    )
    assert result.issues == () and result.checks == () and result.skipped == ("latin-words",)


def test_unknown_check_and_language_are_named() -> None:
    with pytest.raises(QAError, match="unknown check 'spelling': choose from empty, "):
        get_checks(["spelling"])
    with pytest.raises(LanguageError, match="unsupported language 'de'"):
        run_checks([], "en", "de")


def test_registry_lists_each_check_once_with_a_title_and_description() -> None:
    for name, cls in CHECKS.items():
        assert cls.name == name and cls.title and cls.description
        assert isinstance(cls.severity, Severity)
    with pytest.raises(ValueError, match="two checks are named 'empty'"):
        from workbench.qa.checks import register

        register(CHECKS["empty"])
