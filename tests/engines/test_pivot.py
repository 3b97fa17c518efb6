"""zh <-> ru through English: a pivot engine composed of two fixture engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CACHE
from tests.engines.suite import EngineSuite
from tests.marian_fixture import build_fixture_model, fixture_pairs
from workbench.engines import select_engine
from workbench.engines.manage import import_model
from workbench.engines.marian import MarianEngine
from workbench.engines.pivot import PivotEngine
from workbench.errors import EngineError


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A models dir with the zh-en and en-ru fixture models, as `models import` leaves it."""
    root = tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WORKBENCH_MODELS_DIR", str(root))
        mp.setenv("HF_HUB_OFFLINE", "1")
        for pair in ("zh-en", "en-ru"):
            src, tgt = pair.split("-")
            import_model(build_fixture_model(FIXTURE_CACHE, src, tgt), pair)
        yield root


@pytest.fixture(autouse=True)
def _use_models_dir(models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


class TestPivotEngine(EngineSuite):
    min_exact = 0.9

    @pytest.fixture(scope="class")
    @classmethod
    def engine(cls, models_dir: Path) -> Iterator[PivotEngine]:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("WORKBENCH_MODELS_DIR", str(models_dir))
            mp.setenv("HF_HUB_OFFLINE", "1")
            engine = select_engine("zh", "ru")
        assert isinstance(engine, PivotEngine)
        yield engine

    @pytest.fixture
    def pairs(self) -> list[tuple[str, str]]:
        return fixture_pairs("zh", "ru")[::3]

    def test_provenance_records_both_hops(self, engine: PivotEngine) -> None:
        provenance = engine.translate_one("新华社周一报道。").provenance
        assert provenance.engine == "pivot"
        settings = dict(provenance.settings)
        assert settings["pivot"] == "en"
        hops = settings["hops"]
        assert [(h["src_lang"], h["tgt_lang"]) for h in hops] == [("zh", "en"), ("en", "ru")]
        assert [h["model"] for h in hops] == [
            "Helsinki-NLP/opus-mt-zh-en",
            "Helsinki-NLP/opus-mt-en-ru",
        ]
        assert all(h["engine"] == "marian" for h in hops)
        assert provenance.model == "Helsinki-NLP/opus-mt-zh-en → Helsinki-NLP/opus-mt-en-ru"

    def test_translates_through_english(self, engine: PivotEngine) -> None:
        assert engine.translate_one("新华社周一报道。").text == (
            "Агентство Синьхуа сообщило в понедельник."
        )


def test_a_direct_model_wins_when_the_user_adds_one(models_dir: Path) -> None:
    folder = import_model(build_fixture_model(FIXTURE_CACHE, "zh", "ru"), "zh-ru")
    try:
        engine = select_engine("zh", "ru")
        assert isinstance(engine, MarianEngine)
        assert engine.resolved.path == folder
        assert engine.translate_one("新华社周一报道。").text == (
            "Агентство Синьхуа сообщило в понедельник."
        )
    finally:
        import shutil

        shutil.rmtree(folder)
    assert isinstance(select_engine("zh", "ru"), PivotEngine)


def test_hops_must_chain(models_dir: Path) -> None:
    zh_en = select_engine("zh", "en")
    with pytest.raises(EngineError, match="must be the second's source"):
        PivotEngine(zh_en, zh_en)
