"""The glossary term index: matching per language, overlaps, forbidden forms, CSV errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import GlossaryError
from workbench.qa.terms import TermIndex, load_glossary, parse_glossary_csv

GLOSSARY = GLOSSARIES / "media.csv"


@pytest.fixture(scope="module")
def media() -> TermIndex:
    return load_glossary(GLOSSARY)


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
        assert text[hit.start : hit.end] == hit.text and hit.lang == lang


def test_forbidden_spelling_close_to_an_approved_one_is_not_taken_for_it(media: TermIndex) -> None:
    # район Тяньхе is forbidden, район Тяньхэ approved: the inflection allowance of the
    # approved form must not swallow the forbidden spelling
    hits = media.find("в районе Тяньхе", "ru")
    assert [(h.entry.id, h.forbidden) for h in hits] == [("tianhe-district", True)]
    hits = media.find("в районе Тяньхэ", "ru")
    assert [(h.entry.id, h.forbidden) for h in hits] == [("tianhe-district", False)]


def test_shipped_glossary_loads_every_entry(media: TermIndex) -> None:
    assert len(media) == 55  # type: ignore[arg-type]
    entry = media.entries["xinhua-news-agency"]  # type: ignore[attr-defined]
    assert entry.approved_in("zh") == ("新华社",)
    assert entry.forbidden_in("ru") == ("Синхуа", "агентство Новый Китай")
    assert "Синьхуа" in entry.note


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the glossary is empty"),
        ("term,translation\nA,B\n", "has none of the columns en, zh, ru"),
        ('en,zh\n"broken,x\n', "broken CSV"),
    ],
)
def test_bad_glossary_csv_is_named(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        parse_glossary_csv(text, "g.csv")


def test_missing_and_undecodable_glossary_files(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"no glossary at .*nope\.csv: give the path"):
        load_glossary(tmp_path / "nope.csv")
    bad = tmp_path / "cp1251.csv"
    bad.write_bytes("en,ru\nMoscow,Москва\n".encode("cp1251"))
    with pytest.raises(GlossaryError, match=r"cp1251\.csv is not valid UTF-8"):
        load_glossary(bad)


def test_rows_without_terms_are_skipped_and_a_bom_is_read() -> None:
    index = parse_glossary_csv("\ufeffEN,ZH,RU,note\n,,,just a note\nTASS,塔斯社,ТАСС,\n", "g.csv")
    assert [e.id for e in index.entries] == ["TASS"]
