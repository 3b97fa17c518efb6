"""Building documents from article paragraphs: segmentation into the domain model.

>>> doc = new_document("note", "en", "zh", ["Dr. Li spoke. Then he left."])
>>> [s.source for s in doc.segments]
['Dr. Li spoke.', 'Then he left.']
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Document, Paragraph, Segment
from workbench.segment import split_sentences


def new_document(
    name: str, src_lang: str, tgt_lang: str, paragraphs: Sequence[str | Paragraph]
) -> Document:
    """A document of ``paragraphs`` in ``src_lang``, segmented into sentences, all ``new``.

    Blank paragraphs are dropped and the others renumbered from 0.
    """
    doc = Document(name, src_lang, tgt_lang)
    for para in paragraphs:
        text, style = (para.source, para.style) if isinstance(para, Paragraph) else (para, "p")
        if not text.strip():
            continue
        p_index = len(doc.paragraphs)
        doc.paragraphs.append(Paragraph(p_index, text, style))
        for sentence in split_sentences(text, src_lang):
            doc.segments.append(
                Segment(
                    index=len(doc.segments),
                    paragraph=p_index,
                    source=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                )
            )
    return doc
