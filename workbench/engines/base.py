"""The engine protocol: a base class with one public ``translate`` over small hooks.

Each engine fills in :meth:`Engine._translate_batch` (texts in, texts out) and
:meth:`Engine._provenance`; the base class handles empty input, batching and
wrapping results with their provenance, once for all engines.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.engines.split import join_pieces, split_to_fit
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

    #: the most (padded) tokens one batch may hold: short inputs go in larger batches
    max_batch_tokens: int = 4096

    def translate(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Translation]:
        """Translate ``texts``; blank texts come back blank without a model call.

        Inputs are sorted by length and batched under :attr:`batch_size` and
        :attr:`max_batch_tokens`, so that a batch wastes little on padding; a text
        longer than the model's input limit is split at clause boundaries and its
        pieces' translations joined (:mod:`workbench.engines.split`).  ``progress``
        is called with (texts done, texts to do) after each batch.
        """
        provenance = self._provenance()
        results = [Translation(t, "", provenance) for t in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        total = len(todo)
        if not total:
            return results
        pieces: list[str] = []
        owner: list[int] = []
        for i in todo:
            for piece in self._split(texts[i].strip()):
                pieces.append(piece)
                owner.append(i)
        lengths = self._lengths(pieces)
        order = sorted(range(len(pieces)), key=lambda k: lengths[k])
        outputs = [""] * len(pieces)
        left = {i: 0 for i in todo}
        for k in owner:
            left[k] += 1
        done = 0
        for batch in self._batches(order, lengths):
            translated = self._translate_batch([pieces[k] for k in batch])
            for k, out in zip(batch, translated, strict=True):
                outputs[k] = out
                left[owner[k]] -= 1
                if not left[owner[k]]:
                    done += 1
            if progress is not None:
                progress(done, total)
        joined: dict[int, list[str]] = {}
        for k, i in enumerate(owner):
            joined.setdefault(i, []).append(outputs[k])
        for i, outs in joined.items():
            text = outs[0] if len(outs) == 1 else join_pieces(outs, self.tgt_lang)
            results[i] = Translation(texts[i], text, provenance)
        return results

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """``order`` (sorted by length) cut into batches under both limits."""
        batches: list[list[int]] = []
        current: list[int] = []
        for k in order:
            longest = max(lengths[k], 1)
            if current and (
                len(current) >= self.batch_size
                or longest * (len(current) + 1) > self.max_batch_tokens
            ):
                batches.append(current)
                current = []
            current.append(k)
        if current:
            batches.append(current)
        return batches

    def _split(self, text: str) -> list[str]:
        """``text`` as pieces the model can take whole (itself when it fits)."""
        limit = self._max_input_length()
        if limit is None:
            return [text]
        return split_to_fit(text, lambda t: self._lengths([t])[0], limit) or [text]

    def _lengths(self, texts: list[str]) -> list[int]:
        """The length of each text in model tokens; a rough estimate unless overridden."""
        return [max(len(t.split()), len(t) // 4, 1) for t in texts]

    def _max_input_length(self) -> int | None:
        """The most tokens (per :meth:`_lengths`) one input may hold, or ``None`` for no limit."""
        return None

    def translate_one(self, text: str) -> Translation:
        """Translate a single text."""
        return self.translate([text])[0]

    @abstractmethod
    def _translate_batch(self, texts: list[str]) -> list[str]:
        """Translate non-blank ``texts``; return exactly one output per input."""

    @abstractmethod
    def _provenance(self) -> Provenance:
        """The provenance stamped on every result of this engine."""
