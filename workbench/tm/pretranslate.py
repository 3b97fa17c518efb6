"""Pre-translate a document: translation-memory matches first, machine translation for the rest.

Each segment that no one has confirmed (and that has no target, unless
``overwrite``) gets its best TM match at or above ``threshold`` percent; the
ones left get machine translation when an engine is given.  What each target
came from is in its provenance (``tm`` with the match score and unit, or
``mt`` with the engine and model), and its status says how far to trust it:

* an in-context match (101%: same sentence, same neighbours) is ``translated``;
* an exact (100%) or fuzzy match, and machine translation, are ``draft``.

>>> from workbench.store import Store
>>> from workbench.workflow import add_article
>>> from workbench.tm import TranslationMemory
>>> store = Store("sqlite://")
>>> TranslationMemory(store.tm_units).add([("TASS agreed.", "塔斯社表示同意。")],
...                                        src_lang="en", tgt_lang="zh", origin="demo")
1
>>> doc = add_article(store, "P", "d", ["TASS agreed. It rained."], src_lang="en", tgt_lang="zh")
>>> pretranslate_document(store, doc)
PretranslateResult(context=0, exact=1, fuzzy=0, mt=0, untranslated=1, kept=0)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Provenance, Status
from workbench.store import Store
from workbench.tm.memory import TmMatch, TranslationMemory

if TYPE_CHECKING:
    from workbench.engines.base import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PretranslateResult:
    """How many segments got each kind of target, and how many were left alone."""

    context: int = 0
    exact: int = 0
    fuzzy: int = 0
    mt: int = 0
    #: segments still without a target (no match and no engine)
    untranslated: int = 0
    #: confirmed segments, and drafts kept without ``overwrite``
    kept: int = 0

    @property
    def from_tm(self) -> int:
        return self.context + self.exact + self.fuzzy


def pretranslate_document(
    store: Store,
    doc_id: int,
    *,
    threshold: float = 100.0,
    engine: Engine | Callable[[], Engine] | None = None,
    overwrite: bool = False,
    tm: TranslationMemory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PretranslateResult:
    """Fill the document's segments from the TM (matches ≥ ``threshold``), then from ``engine``.

    ``threshold`` is a percentage from 50 to 101 (101: in-context matches only).
    ``engine`` may be a function that returns one, called only when some
    segments are left for machine translation (so no model loads when the TM
    covers everything).
    """
    if not 50 <= threshold <= 101:
        raise WorkbenchError(
            f"the pre-translation threshold is a match percentage from 50 to 101, got "
            f"{threshold:g}: 100 takes exact matches, 101 only in-context ones"
        )
    tm = tm or TranslationMemory(store.tm_units)
    doc = store.load_document(doc_id)
    segments = doc.segments
    writes: list[tuple[int, str, Status, Provenance]] = []
    used: list[TmMatch] = []
    counts = {"context": 0, "exact": 0, "fuzzy": 0, "semantic": 0}
    left: list[int] = []
    kept = 0
    total = len(segments)
    for i, seg in enumerate(segments):
        if seg.id is None:
            continue
        if seg.status.is_confirmed or (seg.target.strip() and not overwrite):
            kept += 1
            continue
        match = tm.best(
            seg.source,
            doc.src_lang,
            doc.tgt_lang,
            previous=segments[i - 1].source if i > 0 else "",
            following=segments[i + 1].source if i + 1 < total else "",
            threshold=threshold,
        )
        if match is None:
            left.append(i)
        else:
            status = Status.TRANSLATED if match.kind == "context" else Status.DRAFT
            writes.append((seg.id, match.target, status, match.provenance()))
            used.append(match)
            counts[match.kind] += 1
        if progress is not None and i % 50 == 0:
            progress(i, total)
    machine = 0
    if left and engine is not None:
        from workbench.engines.base import Engine

        real = engine if isinstance(engine, Engine) else engine()
        if (real.src_lang, real.tgt_lang) != (doc.src_lang, doc.tgt_lang):
            raise WorkbenchError(
                f"the engine translates {real.src_lang}->{real.tgt_lang} but the document "
                f"{doc.name!r} is {doc.src_lang}->{doc.tgt_lang}: pick a model for that direction"
            )
        results = real.translate([segments[i].source for i in left], progress=progress)
        for i, result in zip(left, results, strict=True):
            seg_id = segments[i].id
            assert seg_id is not None
            writes.append((seg_id, result.text, Status.DRAFT, result.provenance))
        machine = len(left)
    store.save_translations(writes)
    tm.mark_used_many(m.unit.id for m in used)
    if progress is not None:
        progress(total, total)
    return PretranslateResult(
        context=counts["context"],
        exact=counts["exact"],
        fuzzy=counts["fuzzy"] + counts["semantic"],
        mt=machine,
        untranslated=len(left) - machine,
        kept=kept,
    )
