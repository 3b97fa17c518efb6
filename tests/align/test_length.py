"""The Gale-Church baseline: lengths only."""

from __future__ import annotations

from workbench.align import get_aligner


def test_lengths_find_a_merge_and_a_one_to_one() -> None:
    src = [
        "The minister arrived.",
        "He spoke briefly.",
        "The talks lasted well into the night and ended without any agreement on the key issues.",
    ]
    tgt = [
        "Министр прибыл и кратко выступил.",
        "Переговоры продолжались до поздней ночи и закончились без соглашения по ключевым "
        "вопросам.",
    ]
    result = get_aligner("length").align(src, tgt, src_lang="en", tgt_lang="ru")
    assert [(b.src, b.tgt) for b in result] == [((0, 1), (0,)), ((2,), (1,))]
    assert all(0.0 <= b.score <= 1.0 for b in result)
    assert result.settings == {"variance": 6.8}


def test_a_long_text_uses_a_band() -> None:
    src = [f"Sentence number {k} is {'long ' * (k % 7)}here." for k in range(400)]
    tgt = [f"Предложение номер {k} {'длинное ' * (k % 7)}здесь." for k in range(400)]
    result = get_aligner("length").align(src, tgt, src_lang="en", tgt_lang="ru")
    assert sum(1 for b in result if b.src == b.tgt) >= 390
