"""Workbench: a translation and localization workbench for en, zh and ru news.

The library in a few lines per task, in memory, with no database.  Importing
``workbench`` loads nothing heavy: each function imports what it needs when
called, and the classes named below are loaded on first access.  (The functions are
not named after the subpackages, ``workbench.segment`` and ``workbench.align``, which
would replace them once imported.)

Segment a text (each line a paragraph):

>>> import workbench as wb
>>> wb.segment_text("Dr. Li spoke. Then he left.\\n\\nMr. Smith stayed.", "en")
['Dr. Li spoke.', 'Then he left.', 'Mr. Smith stayed.']
>>> wb.segment_text("新华社报道。塔斯社也报道了！", "zh")
['新华社报道。', '塔斯社也报道了！']

Read an article into a segmented document, and write its translation (the
format follows the extension: ``.txt``, ``.md``, ``.docx``, ``.html``, ...):

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "news.md").write_text("# Floods\\n\\nRain fell. Roads closed.\\n", "utf-8")
>>> doc = wb.read_document(folder / "news.md", "en", "ru")
>>> [(s.paragraph, s.source) for s in doc.segments]
[(0, 'Floods'), (1, 'Rain fell.'), (1, 'Roads closed.')]

Translate it with an engine: a real one is ``wb.load_engine("marian", model=...,
src_lang="en", tgt_lang="ru")`` (see ``workbench models``); any :class:`Engine`
subclass fills in two hooks:

>>> class Shouting(wb.Engine):
...     name = "shouting"
...     def _translate_batch(self, texts): return [t.upper() for t in texts]
...     def _provenance(self): return wb.Provenance.machine(self.name, "none")
>>> wb.translate(doc, Shouting("en", "ru"))
3
>>> doc.segments[1].target, doc.segments[1].status.value, doc.segments[1].provenance.engine
('RAIN FELL.', 'draft', 'shouting')
>>> wb.write_document(doc, folder / "news.ru.md")
>>> print((folder / "news.ru.md").read_text("utf-8"))
# FLOODS
<BLANKLINE>
RAIN FELL. ROADS CLOSED.
<BLANKLINE>

Align a text with its translation (``method="embedding"``, the default, is
more accurate and loads a sentence encoder):

>>> alignment = wb.align_translation("One. Two.\\nThree.", "Один. Два.\\nТри.", "en", "ru",
...                                  method="length")
>>> [(src, tgt) for src, tgt, _ in alignment.pairs()]
[('One.', 'Один.'), ('Two.', 'Два.'), ('Three.', 'Три.')]

Score a system against a reference with sacrebleu (BLEU, chrF++, TER, each
with its signature):

>>> scores = wb.score(["The cat sat on a mat."], ["The cat sat on the mat."], "en")
>>> round(scores.bleu.score, 1), round(scores.chrf.score, 2), round(scores.ter.score, 2)
(48.9, 68.44, 16.67)

Run the QA checks, optionally against a termbase (the shipped one here):

>>> termbase = wb.load_termbase()
>>> len(termbase.concepts) > 50
True
>>> result = wb.check([("Xinhua News Agency reported on 18 May.", "Агентство сообщило 19 мая.")],
...                   "en", "ru", termbase=termbase)
>>> for issue in result.issues:
...     print(issue.check, "|", issue.message)
numbers | '18' of the source is missing from the target: check the number
numbers | '19' in the target is not in the source: check the number
glossary-missing | glossary: 'Xinhua News Agency' should be translated as 'агентство Синьхуа'
>>> matcher = wb.TermMatcher(termbase)
>>> [(m.concept.id, m.text) for m in matcher.find("Xinhua News Agency's editors", "en")]
[('xinhua-news-agency', "Xinhua News Agency's"), ('editor', 'editors')]

Look up a translation memory (kept in memory until the object goes):

>>> tm = wb.translation_memory()
>>> tm.add([("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="demo")
1
>>> [(m.kind, m.score, m.target) for m in tm.lookup("TASS agreed!", "en", "zh")]
[('fuzzy', 92.0, '塔斯社表示同意。')]

The data shipped with the package: :func:`shipped_glossary` (``media.tbx``, or
``media.csv``) and :func:`sample_articles` (``media-forum.{en,zh,ru}.txt``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

__version__ = "0.1.0"

if TYPE_CHECKING:
    from workbench.align.beads import Alignment
    from workbench.documents import new_document
    from workbench.engines import load_engine
    from workbench.engines.base import Engine, Translation
    from workbench.errors import WorkbenchError
    from workbench.glossary import Concept, Term, Termbase
    from workbench.glossary.match import TermMatcher
    from workbench.model import Document, Paragraph, Provenance, Segment, Status
    from workbench.qa.checks import CheckResult
    from workbench.qa.metrics import Scorer, SystemScores
    from workbench.resources import sample_articles, shipped_glossary
    from workbench.tm.memory import TmMatch, TranslationMemory

#: name -> the module it lives in, imported on first access (PEP 562)
_LAZY: dict[str, str] = {
    "Alignment": "workbench.align.beads",
    "CheckResult": "workbench.qa.checks",
    "Concept": "workbench.glossary",
    "Document": "workbench.model",
    "Engine": "workbench.engines.base",
    "Paragraph": "workbench.model",
    "Provenance": "workbench.model",
    "Scorer": "workbench.qa.metrics",
    "Segment": "workbench.model",
    "Status": "workbench.model",
    "SystemScores": "workbench.qa.metrics",
    "Term": "workbench.glossary",
    "TermMatcher": "workbench.glossary.match",
    "Termbase": "workbench.glossary",
    "TmMatch": "workbench.tm.memory",
    "Translation": "workbench.engines.base",
    "TranslationMemory": "workbench.tm.memory",
    "WorkbenchError": "workbench.errors",
    "load_engine": "workbench.engines",
    "new_document": "workbench.documents",
    "sample_articles": "workbench.resources",
    "shipped_glossary": "workbench.resources",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


def segment_text(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` in ``lang`` (``en``, ``zh``, ``ru``); each line is a paragraph
    and blank lines are skipped.  For offsets, see :func:`workbench.segment.split_sentences`."""
    from workbench.segment import split_paragraphs

    return [s.text for para in split_paragraphs(text.splitlines(), lang) for s in para]


def read_document(
    path: str | os.PathLike[str],
    src_lang: str,
    tgt_lang: str,
    *,
    name: str | None = None,
    format: str | None = None,
) -> Document:
    """The article in ``path`` (format from its extension, or ``format``) as a document
    to translate into ``tgt_lang``, segmented into sentences and named after the file."""
    from pathlib import Path

    from workbench.documents import new_document
    from workbench.formats import read_article

    paragraphs = read_article(path, format=format)
    return new_document(name or Path(path).name, src_lang, tgt_lang, paragraphs)


def write_document(
    doc: Document,
    path: str | os.PathLike[str],
    *,
    scope: Literal["all", "confirmed"] = "all",
    format: str | None = None,
) -> None:
    """Write ``doc``'s translation to ``path`` (format from its extension, or ``format``);
    ``scope="confirmed"`` leaves out segments no person has confirmed, ``"all"`` falls
    back to the source where there is no target."""
    from workbench.formats import write_document as write

    write(doc, path, scope=scope, format=format)


def translate(doc: Document, engine: Engine, *, overwrite: bool = False) -> int:
    """Machine-translate ``doc``'s segments in place as drafts with their provenance;
    return how many were written.

    Confirmed segments are never touched, and segments with a target only with
    ``overwrite``.  The engine's direction must be the document's.
    """
    from workbench.errors import WorkbenchError
    from workbench.project.editing import needs_translation

    if (engine.src_lang, engine.tgt_lang) != (doc.src_lang, doc.tgt_lang):
        raise WorkbenchError(
            f"the engine translates {engine.src_lang}->{engine.tgt_lang} but the document "
            f"{doc.name!r} is {doc.src_lang}->{doc.tgt_lang}: pick an engine for that direction"
        )
    todo = [s for s in doc.segments if needs_translation(s, overwrite=overwrite)]
    results = engine.translate([s.source for s in todo])
    for seg, result in zip(todo, results, strict=True):
        seg.set_target(result.text, result.provenance)
    return len(todo)


def align_translation(
    src_text: str,
    tgt_text: str,
    src_lang: str,
    tgt_lang: str,
    *,
    method: str = "embedding",
    presegmented: bool = False,
) -> Alignment:
    """Align a text with its translation, sentence by sentence within paragraphs (lines);
    ``presegmented``: one sentence per line, blank lines between paragraphs.

    ``method`` is ``embedding`` (multilingual sentence embeddings; the encoder loads on
    first use) or ``length`` (Gale and Church).  ``.pairs()`` lists the aligned texts.
    """
    from workbench.align import align_texts
    from workbench.align.texts import split_text

    src = split_text(src_text, src_lang, presegmented=presegmented)
    tgt = split_text(tgt_text, tgt_lang, presegmented=presegmented)
    return align_texts(
        src.sentences,
        tgt.sentences,
        src_lang,
        tgt_lang,
        method=method,
        src_paragraphs=src.paragraphs,
        tgt_paragraphs=tgt.paragraphs,
    )


def score(hypotheses: Sequence[str], references: Sequence[str], tgt_lang: str) -> SystemScores:
    """BLEU, chrF++ and TER of ``hypotheses`` against one line-for-line reference, with the
    settings sacrebleu recommends for ``tgt_lang``.  Several references, sentence scores
    and significance tests: :class:`workbench.qa.metrics.Scorer`."""
    from workbench.qa.metrics import Scorer

    return Scorer([references], tgt_lang).score(hypotheses)


def check(
    segments: Document | Sequence[tuple[str, str]],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    termbase: Termbase | None = None,
    checks: Sequence[str] | None = None,
) -> CheckResult:
    """Run the QA checks (all, or those named in ``checks``) over a document's segments
    or over ``(source, target)`` pairs in ``src_lang`` -> ``tgt_lang``; with ``termbase``
    the glossary checks run too."""
    from workbench.errors import WorkbenchError
    from workbench.model import Document
    from workbench.qa.base import Pair, SegmentLike
    from workbench.qa.checks import run_checks

    rows: Sequence[SegmentLike]
    if isinstance(segments, Document):
        src_lang = src_lang or segments.src_lang
        tgt_lang = tgt_lang or segments.tgt_lang
        rows = segments.segments
    else:
        rows = [Pair(i, source, target) for i, (source, target) in enumerate(segments)]
    if src_lang is None or tgt_lang is None:
        raise WorkbenchError("give src_lang and tgt_lang to check pairs (en, zh or ru)")
    terms = None
    if termbase is not None:
        from workbench.glossary.match import TermMatcher

        terms = TermMatcher(termbase)
    return run_checks(rows, src_lang, tgt_lang, terms=terms, checks=checks)


def load_termbase(path: str | os.PathLike[str] | None = None) -> Termbase:
    """The termbase in ``path`` (TBX or CSV); without one, the glossary shipped with the
    workbench."""
    from workbench.glossary import read_termbase
    from workbench.resources import shipped_glossary

    return read_termbase(shipped_glossary() if path is None else path)


def translation_memory() -> TranslationMemory:
    """An empty translation memory that lives in this process only (an in-memory SQLite
    database behind it); :meth:`~workbench.tm.TranslationMemory.add` pairs, then
    :meth:`~workbench.tm.TranslationMemory.lookup` exact and fuzzy matches."""
    from workbench.store import Store
    from workbench.tm.memory import TranslationMemory

    return TranslationMemory(Store("sqlite://").tm_units)


__all__ = [
    "Alignment",
    "CheckResult",
    "Concept",
    "Document",
    "Engine",
    "Paragraph",
    "Provenance",
    "Scorer",
    "Segment",
    "Status",
    "SystemScores",
    "Term",
    "TermMatcher",
    "Termbase",
    "TmMatch",
    "Translation",
    "TranslationMemory",
    "WorkbenchError",
    "__version__",
    "align_translation",
    "check",
    "load_engine",
    "load_termbase",
    "new_document",
    "read_document",
    "sample_articles",
    "score",
    "segment_text",
    "shipped_glossary",
    "translate",
    "translation_memory",
    "write_document",
]
