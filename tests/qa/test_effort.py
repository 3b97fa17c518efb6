"""HTER of MT suggestions against post-edits: words for en/ru, characters for zh."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics.ter import TER

from workbench.model import Provenance, Segment, Status
from workbench.project import Project
from workbench.qa.base import QAError
from workbench.qa.effort import hter, is_post_edited, mt_suggestion, post_edit_effort
from workbench.qa.review import document_effort
from workbench.store import Store

MT = Provenance.machine("marian", "opus-mt-en-zh")


@pytest.mark.parametrize(
    ("lang", "mt", "post", "unit"),
    [
        (
            "en",
            ["The agency said on Monday.", "Hello"],
            ["The agency said on Tuesday.", "Hello!"],
            "word",
        ),
        (
            "ru",
            ["Агентство сообщило в понедельник."],
            ["Агентство ТАСС сообщило во вторник."],
            "word",
        ),
        ("zh", ["新华社周一报道。", "论坛开幕"], ["新华社周二报道了。", "论坛 开幕"], "character"),
    ],
)
def test_hter_equals_sacrebleu_ter_on_the_units(
    lang: str, mt: list[str], post: list[str], unit: str
) -> None:
    result = hter(mt, post, lang)
    if lang == "zh":  # each character a token, spaces dropped
        metric = TER(case_sensitive=True)
        hyps = [" ".join(c for c in t if not c.isspace()) for t in mt]
        refs = [" ".join(c for c in t if not c.isspace()) for t in post]
    else:
        metric = TER(normalized=True, case_sensitive=True)
        hyps, refs = mt, post
    assert result.unit == unit
    assert result.score == metric.corpus_score(hyps, [refs]).score
    for seg, h, r in zip(result.segments, hyps, refs, strict=True):
        assert seg.hter == metric.sentence_score(h, [r]).score
    assert result.signature.startswith(f"hter|unit:{unit}|nrefs:1|case:mixed|")


def test_case_and_punctuation_are_edits_and_chinese_counts_characters() -> None:
    assert hter(["the agency"], ["The agency"], "en").segments[0].edits == 1
    assert hter(["Moscow"], ["Moscow."], "ru").segments[0].edits == 1
    zh = hter(["新华社报道"], ["新华社今日报道"], "zh").segments[0]
    assert (zh.edits, zh.length) == (2, 7)


def test_hter_input_errors() -> None:
    with pytest.raises(QAError, match="2 MT suggestions but 1 post-edited texts"):
        hter(["a", "b"], ["a"], "en")
    assert hter([], [], "ru").score == 0.0


def test_mt_suggestion_and_post_edited_status() -> None:
    seg = Segment(0, 0, "Xinhua reported.")
    assert mt_suggestion(seg) is None and not is_post_edited(seg)
    seg.set_target("新华社报道", MT, Status.DRAFT)
    assert mt_suggestion(seg) == "新华社报道" and not is_post_edited(seg)  # untouched draft
    seg.status = Status.TRANSLATED
    assert is_post_edited(seg)  # MT confirmed as is
    seg.set_target("新华社报道了。", Provenance.human("anna"), Status.TRANSLATED)
    assert mt_suggestion(seg) == "新华社报道" and is_post_edited(seg)
    seg.set_target("新华社称。", Provenance.machine("marian", "other"), Status.DRAFT)
    assert mt_suggestion(seg) == "新华社称。"


def test_effort_of_a_stored_document_reads_the_history(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = Project(store).add_article(
        "P", "a", ["One. Two. Three."], src_lang="en", tgt_lang="zh"
    )
    segs = store.load_document(doc_id).segments
    store.save_translations(
        (s.id or 0, t, Status.DRAFT, MT)
        for s, t in zip(segs, ["一。", "二。", "三。"], strict=True)
    )
    store.save_segment(
        segs[0].id or 0, "第一。", status=Status.TRANSLATED, provenance=Provenance.human("a")
    )
    store.save_segment(
        segs[1].id or 0, "二。", status=Status.TRANSLATED, provenance=Provenance.human("a")
    )
    assert document_effort(store.load_document(doc_id)).segments == ()  # no history loaded
    result = document_effort(Project(store).load_document(doc_id, history=True))
    assert [(s.index, s.mt, s.post_edit) for s in result.segments] == [
        (0, "一。", "第一。"),
        (1, "二。", "二。"),
    ]
    assert result.edited == 1
    assert (
        result.score
        == post_edit_effort(Project(store).load_document(doc_id, history=True).segments, "zh").score
    )
    assert result.score == pytest.approx(100 * 1 / 5)
