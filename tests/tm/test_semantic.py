"""Semantic TM lookup: near-paraphrases through sentence embeddings (fake and real)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest

from workbench.store import Store
from workbench.tm import TranslationMemory

UNITS = [
    ("The president met journalists in Moscow on Monday.", "总统周一在莫斯科会见了记者。"),
    ("Heavy rain flooded the south of the country.", "暴雨淹没了该国南部。"),
]


class WordEmbedder:
    """A fake embedder: bag of known words, so that synonyms map to one axis."""

    name = "fake-words"
    AXES: ClassVar[dict[str, int]] = {
        "president": 0,
        "leader": 0,
        "met": 1,
        "talked": 1,
        "journalists": 2,
        "reporters": 2,
        "moscow": 3,
        "rain": 4,
        "flooded": 5,
    }

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> Any:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                if word in self.AXES:
                    out[row, self.AXES[word]] += 1
            out[row, 7] += 0.1
            out[row] /= np.linalg.norm(out[row])
        return out


def test_semantic_lookup_finds_a_paraphrase_fuzzy_misses(tmp_path: Path) -> None:
    embedder = WordEmbedder()
    tm = TranslationMemory(Store(tmp_path / "s.db").tm_units, embedder=embedder)
    tm.add(UNITS, src_lang="en", tgt_lang="zh", origin="x")
    query = "Reporters talked with the leader in Moscow."
    assert tm.lookup(query, "en", "zh") == []
    found = tm.lookup(query, "en", "zh", semantic=True)
    assert [(m.kind, m.target) for m in found] == [("semantic", UNITS[0][1])]
    assert found[0].label.startswith("≈") and found[0].score < 100
    # vectors of units are kept: a second lookup embeds only the query
    tm.lookup(query, "en", "zh", semantic=True)
    assert embedder.calls[-1] == 1


def test_semantic_lookup_is_not_run_unless_asked(tmp_path: Path) -> None:
    embedder = WordEmbedder()
    tm = TranslationMemory(Store(tmp_path / "s.db").tm_units, embedder=embedder)
    tm.add(UNITS, src_lang="en", tgt_lang="zh", origin="x")
    tm.lookup("The leader talked to reporters in Moscow.", "en", "zh")
    assert embedder.calls == []


@pytest.mark.slow
def test_the_real_multilingual_encoder_ranks_a_paraphrase_first(tmp_path: Path) -> None:
    tm = TranslationMemory(Store(tmp_path / "s.db").tm_units)
    tm.add(UNITS, src_lang="en", tgt_lang="zh", origin="x")
    found = tm.lookup(
        "On Monday the president held a meeting with reporters in Moscow.",
        "en",
        "zh",
        semantic=True,
    )
    assert found and found[0].target == UNITS[0][1]


def test_the_default_embedder_is_the_aligners_encoder() -> None:
    from workbench.align.embedding import get_encoder
    from workbench.tm.semantic import default_embedder

    # one model per process: the TM's semantic lookup and the aligner share it
    assert default_embedder() is get_encoder()
