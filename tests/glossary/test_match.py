"""Term recognition: inflected, cased and forbidden forms per language; the annotated set."""

from __future__ import annotations

import pytest

from tests.conftest import GLOSSARIES, ROOT
from workbench.errors import GlossaryError
from workbench.glossary import Concept, Term, Termbase, TermStatus, read_termbase
from workbench.glossary.gold import parse_annotated, precision_recall, read_annotated
from workbench.glossary.match import TermMatcher


@pytest.fixture(scope="module")
def matcher() -> TermMatcher:
    return TermMatcher(read_termbase(GLOSSARIES / "media.tbx"))


CASES = [
    ("en", "[Xinhua News Agency's|xinhua-news-agency] [bureau|bureau]"),
    ("en", "two [editors-in-chief|editor-in-chief] and [chairmen|chairman]"),
    ("en", "[think tanks'|think-tank] [NEWS AGENCIES|news-agency]"),
    ("en", "[ITAR–TASS|itar-tass], not [TASS|tass]; [New China News Agency|xinhua-news-agency]"),
    ("en", "Chinese media and mediation"),
    ("ru", "в [Экономической газете|economic-daily]"),
    ("ru", "[агентства Синьхуа|xinhua-news-agency] и агентством [ИТАР-ТАСС|itar-tass]"),
    ("ru", "[районе Тяньхэ|tianhe-district] и [районе Тяньхе|tianhe-district]"),
    ("ru", "слово [Чэнь Вэйминю|chen-weimin], [Синхуа|xinhua-news-agency]"),
    ("ru", "российский и китайский"),
    ("zh", "[新华社|xinhua-news-agency][记者|journalist]在[广州|guangzhou]"),
    ("zh", "中国人和人民日报社"),
    ("zh", "3亿[元|yuan]和[中国|china][网民|internet-user]"),
    ("zh", "[伊塔尔-塔斯社|itar-tass]"),
]


@pytest.mark.parametrize(("lang", "annotated"), CASES)
def test_cases(matcher: TermMatcher, lang: str, annotated: str) -> None:
    text, gold = parse_annotated(annotated)
    hits = matcher.find(text, lang)
    assert [(h.start, h.end, h.concept.id) for h in hits] == gold
    assert all(text[h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize(
    ("lang", "text", "forbidden"),
    [
        ("ru", "в Экономической газете", True),
        ("ru", "в газете «Цзинцзи жибао»", False),
        ("zh", "新华新闻社", True),
        ("en", "Radio China International", True),
    ],
)
def test_forbidden_terms_are_flagged(
    matcher: TermMatcher, lang: str, text: str, forbidden: bool
) -> None:
    [hit] = matcher.find(text, lang)
    assert hit.forbidden is forbidden


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_annotated_set_precision_and_recall(matcher: TermMatcher, lang: str) -> None:
    data = read_annotated(ROOT / "benchmarks" / "data" / f"terms.{lang}.txt")
    assert len(data) >= 50
    found = [[(h.start, h.end, h.concept.id) for h in matcher.find(t, lang)] for t, _ in data]
    precision, recall, *_ = precision_recall([g for _, g in data], found)
    assert precision >= 0.97 and recall >= 0.97


def test_case_sensitive_concept() -> None:
    termbase = Termbase(
        [
            Concept("aid", [Term("AID", "en")], case_sensitive=True),
            Concept("aid-help", [Term("help", "en")]),
        ]
    )
    hits = TermMatcher(termbase).find("AID gives aid and HELP", "en")
    assert [h.text for h in hits] == ["AID", "HELP"]


def test_unseen_glossary_generalises() -> None:
    termbase = Termbase(
        [
            Concept(
                "fm",
                [
                    Term("foreign minister", "en"),
                    Term("外交部长", "zh"),
                    Term("министр иностранных дел", "ru"),
                    Term("外长", "zh", TermStatus.ADMITTED),
                ],
            ),
            Concept(
                "kremlin", [Term("Kremlin", "en"), Term("克里姆林宫", "zh"), Term("Кремль", "ru")]
            ),
        ]
    )
    m = TermMatcher(termbase)
    assert [h.text for h in m.find("The foreign ministers' talks at the kremlin", "en")] == [
        "foreign ministers'",
        "kremlin",
    ]
    ru = m.find("Встреча министров иностранных дел в Кремле", "ru")
    assert [h.concept.id for h in ru] == ["fm", "kremlin"]
    zh = m.find("外长在克里姆林宫会见外交部长", "zh")
    assert [h.text for h in zh] == ["外长", "克里姆林宫", "外交部长"]


def test_unknown_language_is_named(matcher: TermMatcher) -> None:
    with pytest.raises(GlossaryError, match="choose one of en, zh, ru"):
        matcher.find("x", "de")
