"""The QA checks' term protocol, served by the production matcher over the shipped glossary."""

from __future__ import annotations

import pytest

from tests.conftest import GLOSSARIES
from workbench.glossary.match import load_matcher
from workbench.qa.terms import TermIndex


@pytest.fixture(scope="module", params=["media.csv", "media.tbx"])
def media(request: pytest.FixtureRequest) -> TermIndex:
    index: TermIndex = load_matcher(GLOSSARIES / request.param)
    return index


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        (
            "en",
            "People’s Daily and people's daily",
            [("People’s Daily", False), ("people's daily", False)],
        ),
        (
            "en",
            "the China–Russia Internet Media Forum",
            [("China–Russia Internet Media Forum", False)],
        ),
        ("en", "300 journalists met", [("journalists", False)]),
        ("en", "the New China News Agency said", [("New China News Agency", True)]),
        ("en", "Chinatown", []),
        ("zh", "俄通社-塔斯社和塔斯社", [("俄通社-塔斯社", False), ("塔斯社", False)]),
        ("zh", "伊塔-塔斯社报道", [("伊塔-塔斯社", True)]),
        ("zh", "24亿元人民币，单元楼", [("元", False)]),
        ("ru", "в агентстве Синьхуа и в Москве", [("агентстве Синьхуа", False), ("Москве", False)]),
        ("ru", "корреспондент Синхуа", [("Синхуа", True)]),
        ("ru", "в районе Тяньхе", [("районе Тяньхе", True)]),
        ("ru", "провинции Гуандонг", [("провинции Гуандонг", True)]),
        ("ru", "в районе Тяньхэ", [("районе Тяньхэ", False)]),
        ("ru", "ИТАР-ТАСС и ТАСС", [("ИТАР-ТАСС", False), ("ТАСС", False)]),
    ],
)
def test_find(media: TermIndex, lang: str, text: str, found: list[tuple[str, bool]]) -> None:
    hits = media.find(text, lang)
    assert [(h.text, h.forbidden) for h in hits] == found
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_forbidden_spelling_close_to_an_approved_one_is_not_taken_for_it(media: TermIndex) -> None:
    # район Тяньхе is forbidden, район Тяньхэ approved: recognising the approved term by
    # lemma must not swallow the forbidden spelling
    hits = media.find("в районе Тяньхе", "ru")
    assert [(h.concept.id, h.forbidden) for h in hits] == [("tianhe-district", True)]
    hits = media.find("в районе Тяньхэ", "ru")
    assert [(h.concept.id, h.forbidden) for h in hits] == [("tianhe-district", False)]


def test_a_hit_names_its_concept_and_the_terms_to_use(media: TermIndex) -> None:
    (hit,) = media.find("Корреспондент Синхуа", "ru")
    assert hit.concept.id == "xinhua-news-agency" and hit.forbidden
    assert [t.text for t in hit.concept.approved("zh")] == ["新华社"]
    assert [t.text for t in hit.concept.approved("ru")] == ["агентство Синьхуа"]
    assert list(hit.concept.approved("de")) == []
