"""The translation cache: persisted in the project store, keyed by model, settings and text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines.suite import EngineSuite
from tests.marian_fixture import FIXTURE_PAIRS
from workbench.documents import new_document
from workbench.engines import Engine
from workbench.engines.cache import CachedEngine
from workbench.engines.marian import MarianEngine
from workbench.project import Project
from workbench.store import Store


@pytest.fixture(scope="module")
def marian(fixture_model: Path) -> MarianEngine:
    return MarianEngine(fixture_model, "en", "zh", device="cpu")


class Spy:
    """Records the texts that reach the model."""

    def __init__(self, engine: MarianEngine, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        real = engine._translate_batch

        def spy(texts: list[str]) -> list[str]:
            self.calls.extend(texts)
            return real(texts)

        monkeypatch.setattr(engine, "_translate_batch", spy)


class TestCachedEngine(EngineSuite):
    @pytest.fixture
    def engine(self, marian: MarianEngine, tmp_path: Path) -> Iterator[CachedEngine]:
        yield CachedEngine(marian, Store(tmp_path / "cache.db").mt_cache, batch_size=16)

    @pytest.fixture
    def pairs(self) -> list[tuple[str, str]]:
        return FIXTURE_PAIRS

    def model_of(self, engine: Engine) -> Engine:
        assert isinstance(engine, CachedEngine)
        return engine.engine

    def test_second_run_makes_no_model_call(
        self, engine: CachedEngine, marian: MarianEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        spy = Spy(marian, monkeypatch)
        sources = [source for source, _ in FIXTURE_PAIRS[:12]]
        first = engine.translate(sources)
        assert sorted(spy.calls) == sorted(sources)
        spy.calls.clear()
        again = engine.translate(sources)
        assert spy.calls == []
        assert [r.text for r in again] == [r.text for r in first]
        assert all(r.provenance.engine == "marian" for r in again)
        assert (engine.hits, engine.misses) == (12, 12)

    def test_persisted_in_the_store(
        self, marian: MarianEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        db = tmp_path / "project.db"
        CachedEngine(marian, Store(db).mt_cache).translate(["Xinhua reported on Monday."])
        assert Store(db).mt_cache.size() == 1
        spy = Spy(marian, monkeypatch)
        reopened = CachedEngine(marian, Store(db).mt_cache)
        assert reopened.translate_one("Xinhua reported on Monday.").text == "新华社周一报道。"
        assert spy.calls == []
        assert Store(db).mt_cache.clear() == 1
        assert Store(db).mt_cache.size() == 0

    def test_settings_and_glossary_version_are_in_the_key(
        self, marian: MarianEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        store = Store(tmp_path / "project.db")
        text = "Xinhua reported on Monday."
        CachedEngine(marian, store.mt_cache, glossary_version="v1").translate([text])
        spy = Spy(marian, monkeypatch)
        CachedEngine(marian, store.mt_cache, glossary_version="v1").translate([text])
        assert spy.calls == []
        CachedEngine(marian, store.mt_cache, glossary_version="v2").translate([text])
        assert len(spy.calls) == 1
        monkeypatch.setattr(marian, "num_beams", 2)
        CachedEngine(marian, store.mt_cache, glossary_version="v2").translate([text])
        assert len(spy.calls) == 2


def test_translating_a_document_again_only_translates_changed_segments(
    marian: MarianEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "project.db")
    app = Project(store)
    project = store.create_project("News")
    paragraphs = [
        "Xinhua reported on Monday. ITAR-TASS stated on Friday.",
        "RIA Novosti announced on Sunday.",
    ]
    first = store.add_document(project, new_document("v1", "en", "zh", paragraphs))
    spy = Spy(marian, monkeypatch)
    engine = CachedEngine(marian, store.mt_cache)
    assert app.translate_document(first, engine).mt == 3
    assert len(spy.calls) == 3
    spy.calls.clear()
    # the same document again, every draft replaced: no model call at all
    assert app.translate_document(first, engine, overwrite=True).written == 3
    assert spy.calls == []
    assert engine.hits == 3
    # a new version with one sentence changed: only that one goes to the model
    changed = [paragraphs[0], "Economic Daily confirmed on Tuesday."]
    second = store.add_document(project, new_document("v2", "en", "zh", changed))
    assert app.translate_document(second, engine).mt == 3
    assert spy.calls == ["Economic Daily confirmed on Tuesday."]
    targets = [s.target for s in store.load_document(second).segments]
    assert targets == ["新华社周一报道。", "塔斯社周五表示。", "经济日报周二证实。"]
