from __future__ import annotations

import pytest

from workbench.errors import LanguageError
from workbench.model import Document, Origin, Paragraph, Provenance, Segment, Status


def test_status_values_and_confirmation() -> None:
    assert [s.value for s in Status] == [
        "new",
        "draft",
        "translated",
        "reviewed",
        "approved",
        "rejected",
    ]
    assert {s for s in Status if s.is_confirmed} == {
        Status.TRANSLATED,
        Status.REVIEWED,
        Status.APPROVED,
    }


@pytest.mark.parametrize(
    ("target", "status"),
    [
        ("新华社报道。", Status.DRAFT),
        (" x ", Status.DRAFT),
        ("", Status.NEW),
        (" \n\u3000", Status.NEW),
    ],
)
def test_an_unconfirmed_target_is_a_draft_unless_blank(target: str, status: Status) -> None:
    assert Status.for_target(target) is status


def test_set_target_keeps_history_and_counts_versions() -> None:
    seg = Segment(index=0, paragraph=0, source="Xinhua reported.")
    seg.set_target("新华社报道。", Provenance.machine("marian", "m", num_beams=1))
    assert seg.status is Status.DRAFT
    seg.set_target("新华社报道了。", Provenance.human("anna"), Status.TRANSLATED)
    assert seg.version == 2
    assert [h.target for h in seg.history] == ["", "新华社报道。"]
    assert seg.history[1].provenance.origin is Origin.MT
    seg.set_target("  ", Provenance.human("anna"))
    assert seg.status is Status.NEW


@pytest.mark.parametrize(
    "prov",
    [
        Provenance.machine("marian", "opus-mt-en-zh", num_beams=4, target_tag=">>cmn_Hans<<"),
        Provenance.memory(87.5, detail="tm:news"),
        Provenance.human("anna"),
        Provenance.aligner("usev3", 0.93),
        Provenance.imported("job.xlf"),
    ],
)
def test_provenance_round_trips_through_dict(prov: Provenance) -> None:
    assert Provenance.from_dict(prov.to_dict()) == prov


def test_provenance_describe_names_its_parts() -> None:
    text = Provenance.machine("marian", "opus-mt-en-zh").describe()
    assert "marian" in text and "opus-mt-en-zh" in text and text.startswith("mt")


def _doc(tgt: str) -> Document:
    return Document(
        "d",
        "en",
        tgt,
        [Paragraph(0, "A. B."), Paragraph(1, "C.")],
        [
            Segment(0, 0, "A.", target="甲。", status=Status.TRANSLATED),
            Segment(1, 0, "B."),
            Segment(2, 1, "C.", target="丙。", status=Status.DRAFT),
        ],
    )


def test_target_paragraphs_join_per_language_and_fall_back() -> None:
    assert _doc("zh").target_paragraphs() == ["甲。B.", "丙。"]
    assert _doc("zh").target_paragraphs(fallback_to_source=False) == ["甲。", "丙。"]
    ru = _doc("ru")
    assert ru.target_paragraphs() == ["甲。 B.", "丙。"]


def test_document_rejects_unknown_language() -> None:
    with pytest.raises(LanguageError, match="choose one of en, ru, zh"):
        Document("d", "en", "de")


def test_progress_counts_statuses() -> None:
    counts = _doc("zh").progress()
    assert counts[Status.TRANSLATED] == 1 and counts[Status.NEW] == 1 and counts[Status.DRAFT] == 1
