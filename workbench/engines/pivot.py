"""Translate through a pivot language: one engine composed of two (zh -> en -> ru).

>>> engine = PivotEngine(load_engine("marian", src_lang="zh", tgt_lang="en"),
...                      load_engine("marian", src_lang="en", tgt_lang="ru"))  # doctest: +SKIP
>>> engine.translate_one("新华社周一报道。").provenance.settings["pivot"]  # doctest: +SKIP
'en'
"""

from __future__ import annotations

from workbench.engines.base import Engine
from workbench.errors import EngineError
from workbench.model import Provenance


class PivotEngine(Engine):
    """``first`` (src -> pivot) then ``second`` (pivot -> tgt); provenance records both hops.

    Each hop sorts, batches and splits long input itself.
    """

    name = "pivot"

    def __init__(self, first: Engine, second: Engine, *, batch_size: int | None = None) -> None:
        if first.tgt_lang != second.src_lang:
            raise EngineError(
                f"cannot chain {first.src_lang}->{first.tgt_lang} with "
                f"{second.src_lang}->{second.tgt_lang}: the first engine's target language "
                "must be the second's source language"
            )
        if first.src_lang == second.tgt_lang:
            raise EngineError(f"a pivot from {first.src_lang} back to itself translates nothing")
        super().__init__(
            first.src_lang, second.tgt_lang, batch_size=batch_size or 4 * first.batch_size
        )
        self.first = first
        self.second = second
        self.pivot = first.tgt_lang

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.first!r}, {self.second!r})"

    def _translate_batch(self, texts: list[str]) -> list[str]:
        middle = [t.text for t in self.first.translate(texts)]
        return [t.text for t in self.second.translate(middle)]

    def _provenance(self) -> Provenance:
        hops = []
        for engine in (self.first, self.second):
            p = engine._provenance()
            hops.append(
                {
                    "engine": p.engine,
                    "model": p.model,
                    "src_lang": engine.src_lang,
                    "tgt_lang": engine.tgt_lang,
                    "settings": dict(p.settings),
                }
            )
        model = " → ".join(str(h["model"]) for h in hops)
        return Provenance.machine(self.name, model, pivot=self.pivot, hops=hops)


__all__ = ["PivotEngine"]
