"""The Marian engine, on the small en->zh model trained by ``tests.marian_fixture``."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

from tests.engines.suite import EngineSuite
from tests.marian_fixture import FIXTURE_PAIRS, FIXTURE_TARGET_TAGS
from workbench.engines import engine_class, load_engine
from workbench.engines.marian import MarianEngine, choose_device
from workbench.errors import EngineError, ModelNotFoundError

# ------------------------------------------------------------ Marian engine


class _RecordingTokenizer:
    """Wraps a tokenizer and records the texts it is called with."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str], **kwargs: Any) -> Any:
        self.calls.append(list(texts))
        return self.tokenizer(texts, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


class TestMarianEngine(EngineSuite):
    @pytest.fixture(scope="class")
    @classmethod
    def engine(cls, fixture_model: Path) -> Iterator[MarianEngine]:
        yield MarianEngine(fixture_model, "en", "zh", device="cpu")

    @pytest.fixture
    def pairs(self) -> list[tuple[str, str]]:
        return FIXTURE_PAIRS

    def test_all_training_pairs_exact(self, engine: MarianEngine) -> None:
        # the fixture is built until greedy decoding reproduces every pair
        results = engine.translate([source for source, _ in FIXTURE_PAIRS])
        assert [r.text for r in results] == [reference for _, reference in FIXTURE_PAIRS]

    def test_provenance_settings(self, engine: MarianEngine, fixture_model: Path) -> None:
        provenance = engine.translate_one("Xinhua reported on Monday.").provenance
        assert provenance.engine == "marian"
        assert provenance.model == fixture_model.name
        assert dict(provenance.settings) == {
            "num_beams": 1,
            "max_new_tokens": 127,  # 256 asked for, capped by the fixture's 128 positions
            "device": "cpu",
            "target_tag": ">>cmn_Hans<<",
        }

    def test_registry_loads_it(self, fixture_model: Path) -> None:
        assert engine_class("marian") is MarianEngine
        engine = load_engine("marian", model=str(fixture_model), src_lang="en", tgt_lang="zh")
        assert isinstance(engine, MarianEngine)
        assert engine.translate_one("ITAR-TASS stated on Friday.").text == "塔斯社周五表示。"

    def test_target_tag_found_in_the_vocabulary_and_prepended(
        self, engine: MarianEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert engine.target_tag == FIXTURE_TARGET_TAGS["en-zh"] == ">>cmn_Hans<<"
        recorder = _RecordingTokenizer(engine._tokenizer)
        monkeypatch.setattr(engine, "_tokenizer", recorder)
        result = engine.translate(
            ["  Xinhua reported on Monday. ", "", "RIA Novosti stated on Sunday."]
        )
        # measured for sorting (one call each), then translated together
        assert recorder.calls[-1] == [
            ">>cmn_Hans<< Xinhua reported on Monday.",
            ">>cmn_Hans<< RIA Novosti stated on Sunday.",
        ]
        assert all(text.startswith(">>cmn_Hans<< ") for call in recorder.calls for text in call)
        assert [r.text for r in result] == ["新华社周一报道。", "", "俄新社周日表示。"]

    def test_explicit_tags(self, fixture_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        bare = MarianEngine(fixture_model, "en", "zh", target_tag="")
        assert bare.target_tag is None
        assert bare._provenance().settings["target_tag"] is None
        recorder = _RecordingTokenizer(bare._tokenizer)
        monkeypatch.setattr(bare, "_tokenizer", recorder)
        # the fixture learned every pair with and without the tag
        assert (
            bare.translate_one("Economic Daily confirmed on Tuesday.").text == "经济日报周二证实。"
        )
        assert recorder.calls[-1] == ["Economic Daily confirmed on Tuesday."]
        assert all(call == recorder.calls[-1] for call in recorder.calls)
        assert MarianEngine(fixture_model, "en", "zh", target_tag="cmn_Hans").target_tag == (
            ">>cmn_Hans<<"
        )

    def test_unknown_target_tag(self, fixture_model: Path) -> None:
        with pytest.raises(EngineError, match=r"'>>rus<<' is not in the vocabulary.*>>cmn_Hans<<"):
            MarianEngine(fixture_model, "en", "zh", target_tag=">>rus<<")

    def test_beam_search(self, fixture_model: Path) -> None:
        engine = MarianEngine(fixture_model, "en", "zh", num_beams=3)
        assert engine._provenance().settings["num_beams"] == 3
        sources = [source for source, _ in FIXTURE_PAIRS[::50]]
        assert [r.text for r in engine.translate(sources)] == [
            reference for _, reference in FIXTURE_PAIRS[::50]
        ]

    def test_max_new_tokens_bounds_the_output(self, fixture_model: Path) -> None:
        engine = MarianEngine(fixture_model, "en", "zh", max_new_tokens=2)
        text = engine.translate_one(
            "China Radio International published an article on Monday."
        ).text
        assert text and "中国国际广播电台周一发表了一篇文章。".startswith(text)
        assert len(text) < len("中国国际广播电台周一发表了一篇文章。")

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"num_beams": 0}, "num_beams must be at least 1"),
            ({"max_new_tokens": 0}, "max_new_tokens must be at least 1"),
            ({"device": "quantum"}, "unknown device 'quantum'"),
        ],
    )
    def test_bad_options(self, fixture_model: Path, options: dict[str, Any], message: str) -> None:
        with pytest.raises(EngineError, match=message):
            MarianEngine(fixture_model, "en", "zh", **options)

    @pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
    def test_cuda_without_a_gpu(self, fixture_model: Path) -> None:
        with pytest.raises(EngineError, match="CUDA is not available: use cpu"):
            MarianEngine(fixture_model, "en", "zh", device="cuda")

    def test_default_device(self) -> None:
        assert choose_device(None) == ("cuda" if torch.cuda.is_available() else "cpu")
        assert choose_device("cpu") == "cpu"

    def test_long_input_is_split_and_rejoined(
        self, engine: MarianEngine, caplog: pytest.LogCaptureFixture
    ) -> None:
        long_text = " ".join(["Xinhua reported on Monday."] * 60)
        assert engine._lengths([long_text])[0] > engine.max_input_tokens == 128
        with caplog.at_level(logging.WARNING):
            result = engine.translate_one(long_text)
        assert result.text == "新华社周一报道。" * 60
        assert "cut" not in caplog.text

    def test_long_sentence_split_at_clauses_never_truncated(
        self, engine: MarianEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        clauses = [f"{source.rstrip('.')}" for source, _ in FIXTURE_PAIRS[:40]]
        long_text = ", ".join(clauses) + "."
        seen: list[str] = []
        real = engine._translate_batch

        def spy(texts: list[str]) -> list[str]:
            seen.extend(texts)
            return real(texts)

        monkeypatch.setattr(engine, "_translate_batch", spy)
        result = engine.translate_one(long_text)
        assert len(seen) > 1
        assert all(n <= engine.max_input_tokens for n in engine._lengths(seen))
        # every character of the input went to the model (sorted by length), cut at commas
        pieces = engine._split(long_text)
        assert " ".join(pieces) == long_text
        assert sorted(seen) == sorted(pieces)
        assert all(piece.endswith((",", ".")) for piece in pieces)
        assert result.text and result.source == long_text

    def test_default_model_from_the_models_dir(
        self, fixture_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "en-zh").symlink_to(fixture_model, target_is_directory=True)
        monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path))
        engine = MarianEngine(src_lang="en", tgt_lang="zh")
        assert engine.resolved.origin == "models-dir"
        assert engine.model_name == "Helsinki-NLP/opus-mt-en-zh"
        assert engine.target_tag == ">>cmn_Hans<<"
        result = engine.translate_one("People's Daily announced on Wednesday.")
        assert result.text == "人民日报周三宣布。"
        assert result.provenance.model == "Helsinki-NLP/opus-mt-en-zh"

    # ------------------------------------------------------------ load errors

    def test_missing_folder(self, tmp_path: Path) -> None:
        missing = tmp_path / "no-such-model"
        with pytest.raises(ModelNotFoundError, match=f"{missing} does not exist"):
            MarianEngine(missing, "en", "zh")
        with pytest.raises(ModelNotFoundError, match="does not exist"):
            MarianEngine(str(missing), "en", "zh")

    def test_folder_that_is_not_a_model(self, tmp_path: Path) -> None:
        (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
        with pytest.raises(EngineError, match=rf"{tmp_path} is not a Marian model folder") as err:
            MarianEngine(tmp_path, "en", "zh")
        assert "config.json" in str(err.value) and "model.safetensors" in str(err.value)
        assert not isinstance(err.value, ModelNotFoundError)

    def test_file_instead_of_folder(self, fixture_model: Path) -> None:
        with pytest.raises(EngineError, match="is a file, not a model folder"):
            MarianEngine(fixture_model / "config.json", "en", "zh")

    def test_corrupt_weights(self, fixture_model: Path, tmp_path: Path) -> None:
        broken = tmp_path / "broken"
        shutil.copytree(fixture_model, broken)
        (broken / "model.safetensors").write_bytes(b"these are not weights")
        with pytest.raises(EngineError, match=rf"cannot load the Marian model from {broken}"):
            MarianEngine(broken, "en", "zh")

    def test_broken_vocabulary(self, fixture_model: Path, tmp_path: Path) -> None:
        broken = tmp_path / "broken"
        shutil.copytree(fixture_model, broken)
        (broken / "vocab.json").write_text('{"a": 0}', encoding="utf-8")
        with pytest.raises(EngineError, match=rf"cannot load the Marian tokenizer from {broken}"):
            MarianEngine(broken, "en", "zh")


# ------------------------------------------------------------------ the fixture


def test_fixture_folder_holds_an_opus_mt_layout(fixture_model: Path) -> None:
    for name in (
        "config.json",
        "source.spm",
        "target.spm",
        "vocab.json",
        "tokenizer_config.json",
        "model.safetensors",
        "fixture.json",
    ):
        assert (fixture_model / name).is_file(), name
    assert (fixture_model / "source.spm").read_bytes() == (
        fixture_model / "target.spm"
    ).read_bytes()


def test_fixture_pairs() -> None:
    sources = [source for source, _ in FIXTURE_PAIRS]
    assert len(set(sources)) == len(sources) >= 200
    assert ("Xinhua reported on Monday.", "新华社周一报道。") in FIXTURE_PAIRS
    assert (
        "RIA Novosti quoted a report by ITAR-TASS on Tuesday.",
        "俄新社周二引用了塔斯社的报道。",
    ) in FIXTURE_PAIRS


def test_fixture_is_cached(fixture_model: Path) -> None:
    from tests.marian_fixture import build_fixture_model

    assert build_fixture_model(fixture_model.parent) == fixture_model
