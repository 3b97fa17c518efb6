"""The embedding aligner on real news from ../shared/data (skipped where it is absent):
documents of consecutive newstest sentences with merges and deletions, as in
benchmarks/align.py, scored strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.align.conftest import build
from workbench.align import get_aligner
from workbench.align.score import score_alignments

FILES = {
    ("en", "zh"): ("eng-zho/newstest2017.eng", "eng-zho/newstest2017.zho"),
    ("en", "ru"): ("eng-rus/newstest2015.eng", "eng-rus/newstest2015.rus"),
    ("zh", "ru"): ("ntrex128/newstest2019-ref.zho_Hans.txt", "ntrex128/newstest2019-ref.rus.txt"),
}
PLAN = ["1-1", "1-2", "1-1", "1-1", "1-0", "1-1", "2-1", "1-1", "1-1", "0-1", "1-1", "1-1"] * 2


@pytest.mark.parametrize("pair", sorted(FILES), ids="-".join)
def test_real_news_documents(shared_data: Path, pair: tuple[str, str]) -> None:
    src_file, tgt_file = FILES[pair]
    src = (shared_data / "parallel" / src_file).read_text("utf-8").splitlines()
    tgt = (shared_data / "parallel" / tgt_file).read_text("utf-8").splitlines()
    aligner = get_aligner("embedding")
    gold, found = [], []
    for start in (300, 900, 1500):
        s, t, g = build(src[start:], tgt[start:], pair[0], pair[1], PLAN)
        found.append(aligner.align(s, t, src_lang=pair[0], tgt_lang=pair[1]).beads)
        gold.append(g)
    scores = score_alignments(gold, found)
    assert scores.strict.f1 >= 0.9
    assert scores.lax.f1 >= 0.97
