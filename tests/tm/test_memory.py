"""The translation memory: adding units, lookups of each kind, concordance."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import LanguageError, WorkbenchError
from workbench.model import Origin
from workbench.store import Store
from workbench.tm import TMError, TranslationMemory

NEWS = [
    ("Xinhua reported on Monday.", "新华社周一报道。"),
    ("TASS agreed.", "塔斯社表示同意。"),
    ("The forum opened in Guangzhou.", "论坛在广州开幕。"),
    ("Journalists from both countries attended.", "两国记者出席。"),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "tm.db")


@pytest.fixture
def tm(store: Store) -> TranslationMemory:
    memory = TranslationMemory(store)
    memory.add(NEWS, src_lang="en", tgt_lang="zh", origin="aligner:dp", creator="anna")
    return memory


def test_add_counts_new_units_and_updates_duplicates(tm: TranslationMemory) -> None:
    assert tm.count("en", "zh") == 4
    again = tm.add_pairs([*NEWS[:2], ("TASS  agreed. ", "塔斯社表示同意。")],
                         src_lang="en", tgt_lang="zh", origin="aligner:dp")
    assert (again.added, again.updated) == (0, 2)
    assert tm.count() == 4
    unit = next(u for u in tm.units() if u.source == "TASS agreed.")
    assert unit.usage_count == 2 and unit.origin == "aligner:dp" and unit.creator == "anna"
    assert unit.changed >= unit.created


def test_a_new_target_for_a_known_source_is_a_second_unit(tm: TranslationMemory) -> None:
    assert tm.add([("TASS agreed.", "塔斯社同意。")], src_lang="en", tgt_lang="zh",
                  origin="tmx:x") == 1
    assert {m.target for m in tm.lookup("TASS agreed.", "en", "zh")} == {
        "塔斯社表示同意。",
        "塔斯社同意。",
    }


def test_language_pairs_are_kept_apart(tm: TranslationMemory) -> None:
    tm.add([("TASS agreed.", "ТАСС согласилось.")], src_lang="en", tgt_lang="ru", origin="x")
    assert tm.language_pairs() == [("en", "ru", 1), ("en", "zh", 4)]
    assert [m.target for m in tm.lookup("TASS agreed.", "en", "ru")] == ["ТАСС согласилось."]


@pytest.mark.parametrize(
    ("pairs", "src", "tgt", "error", "words"),
    [
        ([("a", "b")], "en", "en", TMError, "twice"),
        ([("a", "b")], "en", "xx", LanguageError, "xx"),
        (["just a string"], "en", "zh", TMError, "pair 1"),
        ([("a", None)], "en", "zh", TMError, "pair 1"),
    ],
)
def test_add_refuses_bad_input_naming_it(
    store: Store, pairs: list[object], src: str, tgt: str, error: type[Exception], words: str
) -> None:
    tm = TranslationMemory(store)
    with pytest.raises(error, match=words):
        tm.add(pairs, src_lang=src, tgt_lang=tgt, origin="x")  # type: ignore[arg-type]
    assert tm.count() == 0
    assert issubclass(error, WorkbenchError)


def test_empty_sides_are_skipped(store: Store) -> None:
    tm = TranslationMemory(store)
    result = tm.add_pairs([("", "x"), ("a.", " "), ("b.", "乙。")], src_lang="en", tgt_lang="zh",
                          origin="x")
    assert (result.added, result.skipped) == (1, 2)


def test_the_memory_persists_in_the_store(tm: TranslationMemory, store: Store) -> None:
    again = TranslationMemory(Store(store.url))
    assert again.count() == 4


def test_a_match_carries_tm_provenance(tm: TranslationMemory) -> None:
    match = tm.lookup("TASS agreed.", "en", "zh")[0]
    prov = match.provenance()
    assert prov.origin is Origin.TM and prov.score == 100.0
    assert f"unit {match.unit.id}" in (prov.detail or "")
