"""The CTranslate2 engine on the fixture model, and the automatic backend choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engines.suite import EngineSuite
from tests.marian_fixture import FIXTURE_PAIRS
from workbench.engines import engine_class, select_engine
from workbench.engines.ct2 import CT2Engine
from workbench.engines.manage import convert_resolved, import_model
from workbench.engines.marian import MarianEngine
from workbench.engines.models import ResolvedModel
from workbench.errors import EngineError, ModelNotFoundError

SOURCES = [source for source, _ in FIXTURE_PAIRS]


@pytest.fixture(scope="module")
def converted(fixture_model: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ct2")
    resolved = ResolvedModel(fixture_model, fixture_model.name)
    return {
        q: convert_resolved(resolved, quantization=q, out=out / f"ct2-{q}")
        for q in ("float32", "int8")
    }


@pytest.fixture(scope="module")
def greedy(fixture_model: Path) -> list[str]:
    """The transformers engine's greedy outputs for every fixture source."""
    return [r.text for r in MarianEngine(fixture_model, "en", "zh").translate(SOURCES)]


class TestCT2Engine(EngineSuite):
    @pytest.fixture(scope="class")
    @classmethod
    def engine(cls, fixture_model: Path, converted: dict[str, Path]) -> Iterator[CT2Engine]:
        yield CT2Engine(fixture_model, "en", "zh", converted=converted["int8"], threads=1)

    @pytest.fixture
    def pairs(self) -> list[tuple[str, str]]:
        return FIXTURE_PAIRS

    def test_registered(self) -> None:
        assert engine_class("ct2") is CT2Engine

    def test_provenance_settings(self, engine: CT2Engine) -> None:
        settings = dict(engine._provenance().settings)
        assert settings["compute_type"].startswith("int8")
        assert settings["target_tag"] == ">>cmn_Hans<<"
        assert settings["device"] == "cpu"

    def test_long_input_is_split_and_rejoined(self, engine: CT2Engine) -> None:
        long_text = " ".join(["ITAR-TASS stated on Friday."] * 50)
        assert engine._lengths([long_text])[0] > engine.max_input_tokens
        assert engine.translate_one(long_text).text == "塔斯社周五表示。" * 50


def test_float32_equals_transformers_greedy(
    fixture_model: Path, converted: dict[str, Path], greedy: list[str]
) -> None:
    engine = CT2Engine(fixture_model, "en", "zh", converted=converted["float32"], threads=1)
    assert engine.compute_type == "float32"
    assert [r.text for r in engine.translate(SOURCES)] == greedy


def test_int8_agrees_with_transformers_on_95_percent(
    fixture_model: Path, converted: dict[str, Path], greedy: list[str]
) -> None:
    engine = CT2Engine(fixture_model, "en", "zh", converted=converted["int8"], threads=1)
    outputs = [r.text for r in engine.translate(SOURCES)]
    same = sum(a == b for a, b in zip(outputs, greedy, strict=True))
    assert same >= 0.95 * len(SOURCES), same


def test_no_conversion_names_the_fix(fixture_model: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="workbench models convert en-zh"):
        CT2Engine(fixture_model, "en", "zh", converted=tmp_path / "none")


def test_bad_options(fixture_model: Path, converted: dict[str, Path]) -> None:
    with pytest.raises(EngineError, match="unknown device"):
        CT2Engine(fixture_model, "en", "zh", converted=converted["int8"], device="quantum")
    with pytest.raises(EngineError, match="num_beams must be at least 1"):
        CT2Engine(fixture_model, "en", "zh", converted=converted["int8"], num_beams=0)


def test_auto_backend_uses_a_conversion_when_there_is_one(
    fixture_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = import_model(fixture_model, "en-zh")
    assert isinstance(select_engine("en", "zh"), MarianEngine)
    convert_resolved(ResolvedModel(folder, "x"), quantization="int8")
    assert (folder / "ct2-int8" / "model.bin").is_file()
    auto = select_engine("en", "zh", threads=1)
    assert isinstance(auto, CT2Engine)
    assert auto.model_name == "Helsinki-NLP/opus-mt-en-zh"
    assert auto.translate_one("Xinhua reported on Monday.").text == "新华社周一报道。"
    forced = select_engine("en", "zh", backend="transformers")
    assert isinstance(forced, MarianEngine)
    with pytest.raises(EngineError, match="unknown backend"):
        select_engine("en", "zh", backend="onnx")
