"""The checks every engine must pass, shared by subclassing.

An engine's tests subclass :class:`EngineSuite` and provide the ``engine`` and
``pairs`` fixtures.
"""

from __future__ import annotations

import math

import pytest

from workbench.engines import Engine, Translation
from workbench.model import Origin

# ----------------------------------------------------------------- the suite


class EngineSuite:
    """Checks shared by every engine.

    A subclass provides two fixtures: ``engine`` (an :class:`Engine`, built once per
    class) and ``pairs`` (source texts with the output the engine must give).
    """

    #: the share of ``pairs`` an engine must reproduce exactly
    min_exact = 0.95

    def model_of(self, engine: Engine) -> Engine:
        """The engine whose ``_translate_batch`` is the model call (a wrapper's inner one)."""
        return engine

    def test_is_an_engine(self, engine: Engine) -> None:
        assert isinstance(engine, Engine)
        assert engine.name != Engine.name

    def test_translates_the_references(self, engine: Engine, pairs: list[tuple[str, str]]) -> None:
        results = engine.translate([source for source, _ in pairs])
        assert [r.source for r in results] == [source for source, _ in pairs]
        wrong = [
            (source, result.text, reference)
            for (source, reference), result in zip(pairs, results, strict=True)
            if result.text != reference
        ]
        assert len(wrong) <= (1 - self.min_exact) * len(pairs), wrong[:10]

    def test_specific_sentences(self, engine: Engine, pairs: list[tuple[str, str]]) -> None:
        for source, reference in pairs[:3]:
            assert engine.translate_one(source).text == reference

    @pytest.mark.parametrize("batch_size", [1, 3, 64])
    def test_batching_gives_the_same_outputs(
        self,
        engine: Engine,
        pairs: list[tuple[str, str]],
        batch_size: int,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        # short and long sentences mixed, so that batches need padding
        sources = [source for source, _ in pairs[::37]][:8]
        one_by_one = [engine.translate_one(source).text for source in sources]
        monkeypatch.setattr(engine, "batch_size", batch_size)
        assert [r.text for r in engine.translate(sources)] == one_by_one

    def test_blank_inputs_come_back_blank_without_a_model_call(
        self, engine: Engine, pairs: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls: list[list[str]] = []
        model = self.model_of(engine)
        real = model._translate_batch

        def spy(texts: list[str]) -> list[str]:
            calls.append(list(texts))
            return real(texts)

        monkeypatch.setattr(model, "_translate_batch", spy)
        source, reference = pairs[0]
        results = engine.translate(["", "   ", source, "\n\t"])
        assert [r.text for r in results] == ["", "", reference, ""]
        assert [r.source for r in results] == ["", "   ", source, "\n\t"]
        assert calls == [[source]]
        calls.clear()
        blanks = engine.translate(["", " "])
        assert [(r.source, r.text) for r in blanks] == [("", ""), (" ", "")]
        assert all(isinstance(r, Translation) and r.provenance.engine for r in blanks)
        assert calls == []

    def test_empty_list(self, engine: Engine) -> None:
        assert engine.translate([]) == []

    def test_surrounding_whitespace_is_not_translated(
        self, engine: Engine, pairs: list[tuple[str, str]]
    ) -> None:
        source, reference = pairs[1]
        result = engine.translate_one(f"  {source}\n")
        assert result.text == reference
        assert result.source == f"  {source}\n"

    def test_provenance(self, engine: Engine, pairs: list[tuple[str, str]]) -> None:
        results = engine.translate([pairs[0][0], pairs[1][0]])
        provenance = results[0].provenance
        assert provenance is results[1].provenance
        assert provenance.origin is Origin.MT
        assert provenance.engine == engine.name
        assert provenance.model
        assert isinstance(provenance.settings, dict)
        assert provenance.describe().startswith(f"mt · {engine.name} · ")

    def test_progress(
        self, engine: Engine, pairs: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(engine, "batch_size", 4)
        sources = [source for source, _ in pairs[:10]]
        seen: list[tuple[int, int]] = []
        engine.translate(
            [*sources[:5], "", *sources[5:]], progress=lambda d, t: seen.append((d, t))
        )
        assert seen == [(4, 10), (8, 10), (10, 10)]
        assert len(seen) == math.ceil(len(sources) / 4)
