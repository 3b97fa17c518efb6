"""The embedding aligner on real text with real embeddings: every bead type, every
language pair, paragraph anchors, long input, confidences."""

from __future__ import annotations

import pytest

from tests.align.conftest import build
from workbench.align import align_texts, get_aligner
from workbench.align.embedding import EmbeddingAligner

PAIRS = [("en", "zh"), ("zh", "en"), ("en", "ru"), ("ru", "en"), ("zh", "ru"), ("ru", "zh")]

#: bead type -> a short document with one bead of that type among 1-1 beads
PLANS = {
    kind: ["1-1", "1-1", kind, "1-1", "1-1"]
    for kind in ("1-2", "2-1", "1-3", "3-1", "2-2", "1-0", "0-1")
}


@pytest.fixture(scope="module")
def aligner() -> EmbeddingAligner:
    return EmbeddingAligner()


@pytest.mark.parametrize("kind", sorted(PLANS))
@pytest.mark.parametrize(("src_lang", "tgt_lang"), PAIRS)
def test_each_bead_type_in_each_direction(
    aligner: EmbeddingAligner,
    sample: dict[str, list[str]],
    kind: str,
    src_lang: str,
    tgt_lang: str,
) -> None:
    src, tgt, gold = build(sample[src_lang], sample[tgt_lang], src_lang, tgt_lang, PLANS[kind])
    result = aligner.align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    assert [(b.src, b.tgt) for b in result] == gold
    assert kind in result.kinds()


def test_a_mixed_document(aligner: EmbeddingAligner, sample: dict[str, list[str]]) -> None:
    plan = ["1-1", "1-2", "1-0", "2-1", "1-1", "0-1", "1-3", "1-1", "3-1", "1-1", "1-1"]
    src, tgt, gold = build(sample["en"], sample["zh"], "en", "zh", plan)
    result = aligner.align(src, tgt, src_lang="en", tgt_lang="zh")
    assert [(b.src, b.tgt) for b in result] == gold
    pairs = result.pairs()
    assert len(pairs) == len([g for g in gold if g[0] and g[1]])
    assert all(0.0 <= b.score <= 1.0 for b in result)


def test_confidence_is_lower_for_a_wrong_pair(
    aligner: EmbeddingAligner, sample: dict[str, list[str]]
) -> None:
    # the same sentences, the third target replaced by an unrelated one
    src = sample["en"][:6]
    tgt = sample["ru"][:6]
    tgt[2] = sample["ru"][25]
    result = aligner.align(src, tgt, src_lang="en", tgt_lang="ru")
    scores = {b.src: b.score for b in result if b.is_pair}
    good = [s for k, s in scores.items() if k != (2,)]
    assert min(good) > 0.5
    assert scores.get((2,), 0.0) < min(good)


def test_paragraph_anchors_keep_beads_inside_paragraphs(
    aligner: EmbeddingAligner, sample: dict[str, list[str]]
) -> None:
    # paragraph 1 of the source lost its last sentence: without anchors the pairs
    # could slide across the boundary
    src = sample["en"][:10]
    tgt = sample["zh"][:10]
    src_paras = [0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    tgt_paras = list(src_paras)
    del src[3], src_paras[3]
    result = aligner.align(
        src,
        tgt,
        src_lang="en",
        tgt_lang="zh",
        src_paragraphs=src_paras,
        tgt_paragraphs=tgt_paras,
    )
    for bead in result:
        assert len({src_paras[i] for i in bead.src} | {tgt_paras[j] for j in bead.tgt}) == 1
    assert ((), (3,)) in [(b.src, b.tgt) for b in result]


def test_a_long_document_uses_a_band_and_stays_right(
    aligner: EmbeddingAligner, sample: dict[str, list[str]]
) -> None:
    # 300 x 300 sentences: past the full-matrix limit, so the coarse-to-fine band is used
    src = [f"{s} ({k})" for k in range(10) for s in sample["en"]]
    tgt = [f"{s}（{k}）" for k in range(10) for s in sample["zh"]]
    result = aligner.align(src, tgt, src_lang="en", tgt_lang="zh")
    right = sum(1 for b in result if b.src == b.tgt and len(b.src) == 1)
    assert right >= 0.97 * len(src)


def test_align_texts_uses_the_default_aligner(sample: dict[str, list[str]]) -> None:
    result = align_texts(sample["zh"][:3], sample["ru"][:3], "zh", "ru")
    assert result.method == "embedding" == get_aligner().name
    assert [b.kind for b in result] == ["1-1"] * 3
    assert result.settings["model"].startswith("USE multilingual v3")
