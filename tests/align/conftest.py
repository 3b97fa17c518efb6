"""Shared material for the alignment tests: the sample article's sentences in three
languages (written for the project, aligned one to one) and documents made from
them with merged and deleted sentences."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.conftest import CORPORA
from workbench.align.texts import read_side
from workbench.languages import get_language

#: (source sentences, target sentences, reference beads)
Case = tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]


@pytest.fixture(scope="session")
def sample() -> dict[str, list[str]]:
    """The 30 sentences of the sample media-forum.*.txt per language, line for line."""
    out = {}
    for lang in ("en", "zh", "ru"):
        side, _ = read_side(CORPORA / f"media-forum.{lang}.txt", lang)
        out[lang] = side.sentences
    assert len({len(v) for v in out.values()}) == 1
    return out


def build(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, plan: Sequence[str]
) -> Case:
    """A document from line-aligned sentences following ``plan``, one step per bead,
    each step taking the next sentences: ``"1-1"``, ``"1-2"`` (two target sentences
    translate one source line made by joining two), ``"2-1"``, ``"1-3"``, ``"3-1"``,
    ``"2-2"`` (three pairs A, B, C as "A B", "C" against "A", "B C"), ``"1-0"`` (the
    target sentence is dropped), ``"0-1"`` (the source sentence is dropped)."""
    sj = get_language(src_lang).sentence_joiner
    tj = get_language(tgt_lang).sentence_joiner
    out_src: list[str] = []
    out_tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    k = 0
    for step in plan:
        a, b = (int(x) for x in step.split("-"))
        size = 3 if step == "2-2" else max(a, b, 1)
        s_texts, t_texts = list(src[k : k + size]), list(tgt[k : k + size])
        k += size
        if step == "2-2":
            s_lines = [sj.join(s_texts[:2]), s_texts[2]]
            t_lines = [t_texts[0], tj.join(t_texts[1:])]
        else:
            s_lines = [] if a == 0 else ([sj.join(s_texts)] if a == 1 else s_texts)
            t_lines = [] if b == 0 else ([tj.join(t_texts)] if b == 1 else t_texts)
        s0, t0 = len(out_src), len(out_tgt)
        out_src += s_lines
        out_tgt += t_lines
        gold.append((tuple(range(s0, len(out_src))), tuple(range(t0, len(out_tgt)))))
    return out_src, out_tgt, gold
