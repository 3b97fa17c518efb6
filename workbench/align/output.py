"""Alignment output: vecalign lines, TSV, TMX; and the vecalign reader.

* ``vecalign``: one bead per line, ``[i,j]:[k]:score`` with 0-based sentence
  indices, ``[]`` for a side with no sentence, the score a confidence in [0, 1]
  (the format of vecalign and bertalign, which their scorers read);
* ``tsv``: source text, target text, score; one bead per line, an empty cell for
  a side with no sentence; tabs and line breaks inside a text become spaces;
* ``tmx``: TMX 1.4b through the workbench's TMX format
  (:mod:`workbench.formats.tmx`), one ``<tu>`` per pair of the alignment, the
  aligner and its confidence in the unit's note; unaligned sentences are left out.

>>> from workbench.align.beads import Alignment, Bead
>>> a = Alignment(["A.", "B."], ["甲。"], [Bead((0, 1), (0,), 0.9)], "en", "zh", "embedding")
>>> render(a, "vecalign").decode()
'[0,1]:[0]:0.9000\\n'
>>> parse_vecalign("[0,1]:[0]:0.9\\n[]:[1]:1\\n")
[Bead(src=(0, 1), tgt=(0,), score=0.9), Bead(src=(), tgt=(1,), score=1.0)]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from workbench.align.beads import Alignment, Bead
from workbench.errors import FormatError, WorkbenchError
from workbench.model import Document, Paragraph, Segment, Status
from workbench.registry import Choices

__all__ = ["OUTPUT_FORMATS", "alignment_document", "parse_vecalign", "render"]

_SPACES = re.compile(r"[\t\r\n\v\f\x85\u2028\u2029]+")
_VECALIGN_LINE = re.compile(r"^\[([\d,\s]*)\]:\[([\d,\s]*)\](?::\s*([-+0-9.eE]+))?$")


def _indices(beads: tuple[int, ...]) -> str:
    return "[" + ",".join(str(i) for i in beads) + "]"


def render_vecalign(alignment: Alignment) -> bytes:
    lines = [f"{_indices(b.src)}:{_indices(b.tgt)}:{b.score:.4f}\n" for b in alignment.beads]
    return "".join(lines).encode("utf-8")


def _cell(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def render_tsv(alignment: Alignment) -> bytes:
    rows = [
        f"{_cell(alignment.src_text(b))}\t{_cell(alignment.tgt_text(b))}\t{b.score:.4f}\n"
        for b in alignment.beads
    ]
    return "".join(rows).encode("utf-8")


def alignment_document(alignment: Alignment, name: str = "alignment") -> Document:
    """The pairs of ``alignment`` as a confirmed bilingual document (for TMX and the store).

    Each pair bead is one segment whose target carries the aligner's provenance.
    """
    doc = Document(name, alignment.src_lang, alignment.tgt_lang)
    for bead in alignment.beads:
        if not bead.is_pair:
            continue
        index = len(doc.segments)
        source = alignment.src_text(bead)
        doc.paragraphs.append(Paragraph(index, source))
        seg = Segment(index=index, paragraph=index, source=source)
        seg.set_target(alignment.tgt_text(bead), alignment.provenance(bead), Status.TRANSLATED)
        seg.note = f"aligned by {alignment.method}, confidence {bead.score:.2f}"
        doc.segments.append(seg)
    return doc


def render_tmx(alignment: Alignment) -> bytes:
    from workbench.formats import get_format

    return get_format("tmx").render_document(alignment_document(alignment), scope="all")


_RENDERERS: dict[str, Callable[[Alignment], bytes]] = {
    "vecalign": render_vecalign,
    "tsv": render_tsv,
    "tmx": render_tmx,
}
#: the output formats of ``workbench align``, with their labels
OUTPUT_FORMATS = Choices(
    "alignment format",
    {
        "vecalign": "[i,j]:[k]:score lines, 0-based",
        "tsv": "source, target, score",
        "tmx": "TMX 1.4b",
    },
    error=FormatError,
)


def render(alignment: Alignment, format: str = "vecalign") -> bytes:
    """The bytes of ``alignment`` in ``format`` (one of :data:`OUTPUT_FORMATS`)."""
    return _RENDERERS[OUTPUT_FORMATS.check(format)](alignment)


def parse_vecalign(text: str, source_name: str = "alignment") -> list[Bead]:
    """Beads from vecalign lines (a missing score reads as 1)."""
    beads: list[Bead] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _VECALIGN_LINE.match(line)
        if not match:
            raise FormatError(
                f"{source_name}, line {number}: {line[:60]!r} is not a vecalign bead; "
                "expected [i,j]:[k]:score"
            )
        src, tgt, score = match.groups()
        try:
            beads.append(
                Bead(
                    tuple(int(x) for x in src.split(",") if x.strip()),
                    tuple(int(x) for x in tgt.split(",") if x.strip()),
                    min(1.0, max(0.0, float(score))) if score else 1.0,
                )
            )
        except (ValueError, WorkbenchError) as exc:
            raise FormatError(f"{source_name}, line {number}: {exc}") from None
    return beads
