"""The three output formats: vecalign, TSV, TMX; and reading vecalign back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.align.beads import Alignment, Bead
from workbench.align.output import OUTPUT_FORMATS, alignment_document, parse_vecalign, render
from workbench.errors import FormatError
from workbench.model import Origin, Status

SRC = ['He said: "Yes."', "Tab\there.", "Unmatched.", "Four.", "Five."]
TGT = ["他说：“是。”", "这里。", "四。五。", "多余的。"]


@pytest.fixture
def alignment() -> Alignment:
    beads = [
        Bead((0,), (0,), 0.93),
        Bead((1,), (1,), 0.5),
        Bead((2,), (), 1.0),
        Bead((3, 4), (2,), 0.81234),
        Bead((), (3,), 0.7),
    ]
    return Alignment(SRC, TGT, beads, "en", "zh", "embedding")


def test_vecalign_lines(alignment: Alignment) -> None:
    assert render(alignment, "vecalign").decode() == (
        "[0]:[0]:0.9300\n[1]:[1]:0.5000\n[2]:[]:1.0000\n[3,4]:[2]:0.8123\n[]:[3]:0.7000\n"
    )
    back = parse_vecalign(render(alignment, "vecalign").decode())
    assert [(b.src, b.tgt) for b in back] == [(b.src, b.tgt) for b in alignment]
    assert [b.score for b in back] == pytest.approx([b.score for b in alignment], abs=1e-4)


def test_tsv_rows(alignment: Alignment) -> None:
    rows = [line.split("\t") for line in render(alignment, "tsv").decode().splitlines()]
    assert rows == [
        ['He said: "Yes."', "他说：“是。”", "0.9300"],
        ["Tab here.", "这里。", "0.5000"],
        ["Unmatched.", "", "1.0000"],
        ["Four. Five.", "四。五。", "0.8123"],
        ["", "多余的。", "0.7000"],
    ]


def test_tmx_holds_the_pairs_with_their_languages(alignment: Alignment, tmp_path: Path) -> None:
    from lxml import etree

    from workbench.formats import read_bilingual

    data = render(alignment, "tmx")
    root = etree.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "en-US"
    units = root.findall("body/tu")
    assert len(units) == 3  # pairs only
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [tuv.get(lang) for tuv in units[0].findall("tuv")] == ["en-US", "zh-CN"]
    assert "confidence 0.81" in units[2].findtext("note")
    path = tmp_path / "pairs.tmx"
    path.write_bytes(data)
    rows = read_bilingual(path)
    assert [(r.source, r.target) for r in rows] == [
        ('He said: "Yes."', "他说：“是。”"),
        ("Tab\there.", "这里。"),
        ("Four. Five.", "四。五。"),
    ]
    assert {r.status for r in rows} == {Status.TRANSLATED}


def test_alignment_document_records_the_aligner(alignment: Alignment) -> None:
    doc = alignment_document(alignment)
    assert [s.source for s in doc.segments] == [SRC[0], SRC[1], "Four. Five."]
    seg = doc.segments[2]
    assert seg.provenance.origin is Origin.ALIGNER
    assert (seg.provenance.engine, seg.provenance.score) == ("embedding", 0.8123)


def test_every_format_is_listed_and_unknown_ones_are_refused(alignment: Alignment) -> None:
    assert OUTPUT_FORMATS.choices() == ["vecalign", "tsv", "tmx"]
    assert all(render(alignment, name) for name in OUTPUT_FORMATS)
    with pytest.raises(FormatError, match="unknown alignment format 'json': choose one of"):
        render(alignment, "json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[0]:[0]:0.5\n0-0\n", "line 2: '0-0' is not a vecalign bead"),
        ("[1,0]:[0]:0.5\n", "line 1: bead sentences must be consecutive"),
        ("[]:[]:0.5\n", "line 1: a bead needs at least one"),
    ],
)
def test_bad_vecalign_is_refused(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        parse_vecalign(text)
