"""The engine protocol: a base class with one public ``translate`` over small hooks.

Each engine fills in :meth:`Engine._translate_batch` (texts in, texts out) and
:meth:`Engine._provenance`; the base class handles empty input, batching and
wrapping results with their provenance, once for all engines.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.languages import get_language
from workbench.model import Provenance

#: called with (done, total) after each batch
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Translation:
    """One machine translation and where it came from."""

    source: str
    text: str
    provenance: Provenance


class Engine(ABC):
    """A translation engine for one language direction.

    >>> engine = load_engine("marian", model="Helsinki-NLP/opus-mt-en-zh",
    ...                      src_lang="en", tgt_lang="zh")  # doctest: +SKIP
    >>> engine.translate(["Xinhua reported."])[0].text  # doctest: +SKIP
    '新华社报道。'
    """

    #: registry name, recorded in every result's provenance
    name: str = "engine"

    def __init__(self, src_lang: str, tgt_lang: str, *, batch_size: int = 16) -> None:
        get_language(src_lang)
        get_language(tgt_lang)
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.batch_size = max(1, batch_size)

    def translate(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Translation]:
        """Translate ``texts`` in batches; blank texts come back blank without a model call."""
        provenance = self._provenance()
        results = [Translation(t, "", provenance) for t in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        total = len(todo)
        for start in range(0, total, self.batch_size):
            chunk = todo[start : start + self.batch_size]
            outputs = self._translate_batch([texts[i].strip() for i in chunk])
            for i, out in zip(chunk, outputs, strict=True):
                results[i] = Translation(texts[i], out, provenance)
            if progress is not None:
                progress(min(start + len(chunk), total), total)
        return results

    def translate_one(self, text: str) -> Translation:
        """Translate a single text."""
        return self.translate([text])[0]

    @abstractmethod
    def _translate_batch(self, texts: list[str]) -> list[str]:
        """Translate non-blank ``texts``; return exactly one output per input."""

    @abstractmethod
    def _provenance(self) -> Provenance:
        """The provenance stamped on every result of this engine."""
