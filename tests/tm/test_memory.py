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
    memory = TranslationMemory(store.tm_units)
    memory.add(NEWS, src_lang="en", tgt_lang="zh", origin="aligner:dp", creator="anna")
    return memory


def test_add_counts_new_units_and_updates_duplicates(tm: TranslationMemory) -> None:
    assert tm.count("en", "zh") == 4
    again = tm.add_pairs(
        [*NEWS[:2], ("TASS  agreed. ", "塔斯社表示同意。")],
        src_lang="en",
        tgt_lang="zh",
        origin="aligner:dp",
    )
    assert (again.added, again.updated) == (0, 2)
    assert tm.count() == 4
    unit = next(u for u in tm.units() if u.source == "TASS agreed.")
    assert unit.usage_count == 2 and unit.origin == "aligner:dp" and unit.creator == "anna"
    assert unit.changed >= unit.created


def test_a_new_target_for_a_known_source_is_a_second_unit(tm: TranslationMemory) -> None:
    assert (
        tm.add([("TASS agreed.", "塔斯社同意。")], src_lang="en", tgt_lang="zh", origin="tmx:x")
        == 1
    )
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
    tm = TranslationMemory(store.tm_units)
    with pytest.raises(error, match=words):
        tm.add(pairs, src_lang=src, tgt_lang=tgt, origin="x")  # type: ignore[arg-type]
    assert tm.count() == 0
    assert issubclass(error, WorkbenchError)


def test_empty_sides_are_skipped(store: Store) -> None:
    tm = TranslationMemory(store.tm_units)
    result = tm.add_pairs(
        [("", "x"), ("a.", " "), ("b.", "乙。")], src_lang="en", tgt_lang="zh", origin="x"
    )
    assert (result.added, result.skipped) == (1, 2)


def test_the_memory_persists_in_the_store(tm: TranslationMemory, store: Store) -> None:
    again = TranslationMemory(Store(store.url).tm_units)
    assert again.count() == 4


def test_a_match_carries_tm_provenance(tm: TranslationMemory) -> None:
    match = tm.lookup("TASS agreed.", "en", "zh")[0]
    prov = match.provenance()
    assert prov.origin is Origin.TM and prov.score == 100.0
    assert f"unit {match.unit.id}" in (prov.detail or "")


@pytest.mark.parametrize(
    ("query", "kind", "score"),
    [
        ("TASS agreed.", "exact", 100.0),
        ("  TASS   agreed. ", "exact", 100.0),
        ("ＴＡＳＳ agreed.", "exact", 100.0),
        ("tass agreed.", "fuzzy", 99.0),
        ("TASS agreed!", "fuzzy", 92.0),
        ("Xinhua reported on Tuesday.", "fuzzy", 87.0),
    ],
)
def test_lookup_kinds_and_scores(
    tm: TranslationMemory, query: str, kind: str, score: float
) -> None:
    best = tm.lookup(query, "en", "zh")[0]
    assert (best.kind, best.score) == (kind, score)


def test_in_context_match_needs_the_same_neighbours(tm: TranslationMemory) -> None:
    # NEWS was added in order: "TASS agreed." sits between these two
    prev, nxt = NEWS[0][0], NEWS[2][0]
    best = tm.lookup("TASS agreed.", "en", "zh", previous=prev, following=nxt)[0]
    assert (best.kind, best.score, best.label) == ("context", 101.0, "101%")
    other = tm.lookup("TASS agreed.", "en", "zh", previous="Something else.", following=nxt)[0]
    assert (other.kind, other.score) == ("exact", 100.0)


def test_fuzzy_threshold_and_limit(tm: TranslationMemory) -> None:
    tm.add(
        [(f"The forum opened in city number {i}.", f"论坛在第{i}号城市开幕。") for i in range(10)],
        src_lang="en",
        tgt_lang="zh",
        origin="x",
    )
    found = tm.lookup("The forum opened in city number 3!", "en", "zh")
    assert len(found) == 5
    assert found[0].target == "论坛在第3号城市开幕。"
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(m.score >= 70 for m in found)
    assert tm.lookup("Completely unrelated words here.", "en", "zh") == []
    assert len(tm.lookup("The forum opened in city number 3!", "en", "zh", limit=2)) == 2


@pytest.mark.parametrize(("threshold", "limit"), [(-1, 5), (101, 5), (70, 0)])
def test_lookup_refuses_bad_settings(tm: TranslationMemory, threshold: float, limit: int) -> None:
    with pytest.raises(TMError):
        tm.lookup("TASS agreed.", "en", "zh", threshold=threshold, limit=limit)


def test_the_fuzzy_index_follows_additions_and_deletions(tm: TranslationMemory) -> None:
    assert tm.lookup("Moscow hosted the summit.", "en", "zh") == []
    tm.add(
        [("Moscow hosted the summit.", "莫斯科主办了峰会。")],
        src_lang="en",
        tgt_lang="zh",
        origin="x",
    )
    found = tm.lookup("Moscow hosted the summit!", "en", "zh")
    assert [m.target for m in found] == ["莫斯科主办了峰会。"]
    tm.delete(found[0].unit.id)
    assert tm.lookup("Moscow hosted the summit!", "en", "zh") == []


def test_another_process_writing_is_seen(tm: TranslationMemory, store: Store) -> None:
    tm.lookup("TASS agreed!", "en", "zh")  # builds the index
    other = TranslationMemory(Store(store.url).tm_units)  # another engine: another "process"
    other.add(
        [("Beijing hosted the summit.", "北京主办了峰会。")],
        src_lang="en",
        tgt_lang="zh",
        origin="x",
    )
    assert tm.lookup("Beijing hosted the summit!", "en", "zh")[0].target == "北京主办了峰会。"


def test_chinese_and_russian_sources_match_by_characters(store: Store) -> None:
    tm = TranslationMemory(store.tm_units)
    tm.add(
        [("新华社周一报道了论坛。", "Xinhua reported on the forum on Monday.")],
        src_lang="zh",
        tgt_lang="en",
        origin="x",
    )
    tm.add(
        [("Форум открылся в Гуанчжоу.", "The forum opened in Guangzhou.")],
        src_lang="ru",
        tgt_lang="en",
        origin="x",
    )
    assert tm.lookup("新华社周二报道了论坛。", "zh", "en")[0].score >= 85
    assert tm.lookup("Форум открылся в Пекине.", "ru", "en")[0].score >= 70


def test_mark_used_counts_uses(tm: TranslationMemory) -> None:
    unit = tm.lookup("TASS agreed.", "en", "zh")[0].unit
    tm.mark_used(unit.id)
    again = tm.get([unit.id])[unit.id]
    assert again.usage_count == unit.usage_count + 1 and again.last_used is not None


# -- concordance ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected", "where"),
    [
        ("guangzhou", ["The forum opened in Guangzhou."], (True, False)),
        ("广州", ["The forum opened in Guangzhou."], (False, True)),
        ("表示同意", ["TASS agreed."], (False, True)),
        ("report", ["Xinhua reported on Monday."], (True, False)),
        ("100%_x", [], (False, False)),
    ],
)
def test_concordance_finds_words_in_either_language(
    tm: TranslationMemory, phrase: str, expected: list[str], where: tuple[bool, bool]
) -> None:
    hits = tm.concordance(phrase)
    assert [h.unit.source for h in hits] == expected
    if hits:
        assert (hits[0].in_source, hits[0].in_target) == where


def test_concordance_in_russian_filters_by_language(store: Store) -> None:
    tm = TranslationMemory(store.tm_units)
    tm.add(
        [
            ("Форум открылся в Гуанчжоу.", "The forum opened in Guangzhou."),
            ("Корреспондент ТАСС сообщил.", "A TASS correspondent reported."),
        ],
        src_lang="ru",
        tgt_lang="en",
        origin="x",
    )
    tm.add([("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="x")
    assert [h.unit.source for h in tm.concordance("тасс")] == ["Корреспондент ТАСС сообщил."]
    assert [h.unit.source for h in tm.concordance("TASS", src_lang="ru")] == [
        "Корреспондент ТАСС сообщил."
    ]
    assert len(tm.concordance("TASS")) == 2


def test_concordance_refuses_an_empty_phrase(tm: TranslationMemory) -> None:
    with pytest.raises(TMError, match="word or phrase"):
        tm.concordance("  ")


def test_concordance_index_is_rebuilt_for_units_added_before_it(tmp_path: Path) -> None:
    import sqlite3

    store = Store(tmp_path / "old.db")
    TranslationMemory(store.tm_units).add(NEWS, src_lang="en", tgt_lang="zh", origin="x")
    with sqlite3.connect(tmp_path / "old.db") as conn:  # an older database without the index
        for name in ("tm_units_fts_ai", "tm_units_fts_ad", "tm_units_fts_au"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE tm_fts")
    assert [
        h.unit.source for h in TranslationMemory(Store(store.url).tm_units).concordance("Guangzhou")
    ]


def test_memories_over_one_store_share_their_in_memory_state(store: Store) -> None:
    one, two = TranslationMemory(store.tm_units), TranslationMemory(store.tm_units)
    assert one.embedding_cache("e") is two.embedding_cache("e")
    one.add(NEWS, src_lang="en", tgt_lang="zh", origin="x")
    one.lookup("TASS agreed!", "en", "zh")  # builds the fuzzy index
    found = two.lookup("TASS agreed!", "en", "zh")  # through the same index
    assert [m.target for m in found] == ["塔斯社表示同意。"]
    two.delete(found[0].unit.id)  # forgotten by both
    assert one.lookup("TASS agreed!", "en", "zh") == []
    other = TranslationMemory(Store(store.url).tm_units)  # another connection pool
    assert other.embedding_cache("e") is not one.embedding_cache("e")
