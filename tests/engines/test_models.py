"""Where models come from: the default table and the lookup order of ``resolve_model``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from workbench.engines import models
from workbench.engines.models import (
    DEFAULT_MODELS,
    ModelSpec,
    ResolvedModel,
    default_model,
    default_model_id,
    hf_cache_dir,
    hub_reachable,
    models_dir,
    resolve_model,
    supported_pairs,
)
from workbench.errors import EngineError, LanguageError, ModelNotFoundError

ROOT = Path(__file__).resolve().parents[2]
REAL_CREATE_CONNECTION = socket.create_connection


def fake_marian(
    folder: Path, *, model_type: str = "marian", weights: str = "model.safetensors"
) -> Path:
    """A folder with the files of a Marian model (resolve_model never loads them)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({"model_type": model_type}), encoding="utf-8")
    for name in ("source.spm", "target.spm", "vocab.json", weights):
        (folder / name).write_bytes(b"")
    return folder


def fake_hf_cache(cache: Path, hub_id: str, revision: str = "0123abcd") -> Path:
    repo = cache / f"models--{hub_id.replace('/', '--')}"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    return fake_marian(repo / "snapshots" / revision)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty models dir and Hugging Face cache, offline, and no socket may be opened."""
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    for name in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def no_network(*args: Any, **kwargs: Any) -> socket.socket:
        raise AssertionError(f"network access in a test: {args}")

    monkeypatch.setattr(socket, "create_connection", no_network)
    return tmp_path


# -------------------------------------------------------------- the table


def test_default_table() -> None:
    assert supported_pairs() == ["en-ru", "en-zh", "ru-en", "zh-en"]
    assert default_model("en", "zh") == ModelSpec(
        "en-zh", "Helsinki-NLP/opus-mt-en-zh", ">>cmn_Hans<<"
    )
    for pair in ("zh-en", "en-ru", "ru-en"):
        spec = DEFAULT_MODELS[pair]
        assert spec.hub_id == f"Helsinki-NLP/opus-mt-{pair}"
        assert spec.target_tag is None
        assert f"{spec.src_lang}-{spec.tgt_lang}" == pair


def test_default_model_id() -> None:
    assert default_model_id("en", "zh") == "Helsinki-NLP/opus-mt-en-zh"
    assert default_model_id("zh", "ru") is None


def test_unsupported_direction_lists_the_choices() -> None:
    with pytest.raises(
        EngineError,
        match=r"no default translation model for zh-ru: supported "
        r"directions are en-ru, en-zh, ru-en, zh-en",
    ):
        resolve_model(None, "zh", "ru")


def test_same_language_and_unknown_language() -> None:
    with pytest.raises(EngineError, match="both 'en'"):
        resolve_model(None, "en", "en")
    with pytest.raises(LanguageError, match="'fr'"):
        resolve_model(None, "en", "fr")


# ---------------------------------------------------------- explicit folder


def test_explicit_folder_wins(isolated: Path) -> None:
    fake_marian(isolated / "models" / "en-zh")
    mine = fake_marian(isolated / "mine")
    for given in (mine, str(mine)):
        found = resolve_model(given, "en", "zh")
        assert found == ResolvedModel(mine, "mine", None, None, "folder")


def test_explicit_folder_for_a_direction_without_default(isolated: Path) -> None:
    folder = fake_marian(isolated / "opus-mt-zh-ru")
    assert resolve_model(folder, "zh", "ru").path == folder


def test_a_folder_in_the_hf_cache_is_named_by_its_hub_id(isolated: Path) -> None:
    snapshot = fake_hf_cache(isolated / "elsewhere", "Helsinki-NLP/opus-mt-en-ru")
    assert resolve_model(snapshot, "en", "ru").name == "Helsinki-NLP/opus-mt-en-ru"


def test_relative_folder_named_like_a_hub_id(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_marian(isolated / "Helsinki-NLP" / "opus-mt-en-zh")
    monkeypatch.chdir(isolated)
    found = resolve_model("Helsinki-NLP/opus-mt-en-zh", "en", "zh")
    assert found.origin == "folder"
    assert found.path == Path("Helsinki-NLP/opus-mt-en-zh")


@pytest.mark.parametrize("given", ["./missing", "/no/such/model", "missing-model", "~/no-such-m"])
def test_explicit_path_that_does_not_exist(given: str) -> None:
    with pytest.raises(ModelNotFoundError, match=r"does not exist: pass --model PATH") as err:
        resolve_model(given, "en", "zh")
    assert str(Path(given).expanduser()) in str(err.value)


def test_folder_that_is_not_a_marian_model(isolated: Path) -> None:
    empty = isolated / "empty"
    empty.mkdir()
    with pytest.raises(
        EngineError,
        match=rf"{empty} is not a Marian model folder: it lacks "
        r"config.json, source.spm, target.spm, vocab.json, model.safetensors "
        r"or pytorch_model.bin",
    ):
        resolve_model(empty, "en", "zh")
    bert = fake_marian(isolated / "bert", model_type="bert")
    with pytest.raises(EngineError, match=r"holds a 'bert' model, not a Marian one"):
        resolve_model(bert, "en", "zh")
    (bert / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EngineError, match=r"cannot read .*config\.json"):
        resolve_model(bert, "en", "zh")


def test_pytorch_weights_and_separate_vocabularies_are_accepted(isolated: Path) -> None:
    folder = fake_marian(isolated / "old", weights="pytorch_model.bin")
    (folder / "vocab.json").rename(folder / "target_vocab.json")
    assert models.missing_model_files(folder) == []
    assert resolve_model(folder, "en", "zh").path == folder


# --------------------------------------------------------------- models dir


def test_models_dir_from_the_environment(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert models_dir() == isolated / "models"
    monkeypatch.delenv("WORKBENCH_MODELS_DIR")
    assert models_dir().name == "models"
    assert "workbench" in str(models_dir())


@pytest.mark.parametrize(("pair", "tag"), [("en-zh", ">>cmn_Hans<<"), ("ru-en", None)])
def test_default_model_found_in_the_models_dir(isolated: Path, pair: str, tag: str | None) -> None:
    folder = fake_marian(isolated / "models" / pair)
    src, tgt = pair.split("-")
    found = resolve_model(None, src, tgt)
    hub_id = f"Helsinki-NLP/opus-mt-{pair}"
    assert found == ResolvedModel(folder, hub_id, hub_id, tag, "models-dir")
    # naming the default model by its Hub id finds the same folder
    assert resolve_model(hub_id, src, tgt) == found


def test_other_hub_models_have_their_own_folder(isolated: Path) -> None:
    folder = fake_marian(isolated / "models" / "someone--opus-mt-tc-big-en-zh")
    found = resolve_model("someone/opus-mt-tc-big-en-zh", "en", "zh")
    assert (found.path, found.origin, found.target_tag) == (folder, "models-dir", None)


def test_incomplete_folder_in_the_models_dir_is_skipped(
    isolated: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = isolated / "models" / "en-zh"
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelNotFoundError):
        resolve_model(None, "en", "zh")
    assert f"ignoring {folder}: it lacks source.spm" in caplog.text


# ----------------------------------------------------------------- HF cache


def test_found_in_the_hf_cache(isolated: Path) -> None:
    snapshot = fake_hf_cache(isolated / "hf" / "hub", "Helsinki-NLP/opus-mt-en-zh")
    found = resolve_model(None, "en", "zh")
    assert found == ResolvedModel(
        snapshot,
        "Helsinki-NLP/opus-mt-en-zh",
        "Helsinki-NLP/opus-mt-en-zh",
        ">>cmn_Hans<<",
        "hf-cache",
    )


def test_models_dir_comes_before_the_hf_cache(isolated: Path) -> None:
    fake_hf_cache(isolated / "hf" / "hub", "Helsinki-NLP/opus-mt-zh-en")
    folder = fake_marian(isolated / "models" / "zh-en")
    assert resolve_model(None, "zh", "en").path == folder


def test_incomplete_hf_snapshot_is_not_used(isolated: Path) -> None:
    snapshot = fake_hf_cache(isolated / "hf" / "hub", "Helsinki-NLP/opus-mt-en-zh")
    (snapshot / "model.safetensors").unlink()
    with pytest.raises(ModelNotFoundError):
        resolve_model(None, "en", "zh")


def test_hf_cache_dir_follows_the_environment(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert hf_cache_dir() == isolated / "hf" / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(isolated / "hub-cache"))
    assert hf_cache_dir() == isolated / "hub-cache"
    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.delenv("HF_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated / "xdg"))
    assert hf_cache_dir() == isolated / "xdg" / "huggingface" / "hub"


# ------------------------------------------------------------ offline, online


def test_offline_fails_fast_and_says_how_to_get_a_model(isolated: Path) -> None:
    started = time.monotonic()
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model(None, "en", "zh")
    assert time.monotonic() - started < 5
    message = str(err.value)
    assert "no en-zh translation model Helsinki-NLP/opus-mt-en-zh" in message
    assert str(isolated / "models" / "en-zh") in message
    assert str(isolated / "hf" / "hub") in message
    assert "HF_HUB_OFFLINE is set" in message
    assert "`workbench models pull en-zh` on a machine with internet" in message
    assert "--model PATH" in message
    assert "config.json, source.spm, target.spm, vocab.json" in message


def test_offline_with_a_hub_id(isolated: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"pull en-zh --model someone/opus-mt-x"):
        resolve_model("someone/opus-mt-x", "en", "zh")


def test_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")

    def black_hole(address: tuple[str, int], timeout: float | None = None) -> socket.socket:
        time.sleep(10)
        raise OSError("timed out")

    monkeypatch.setattr(socket, "create_connection", black_hole)
    monkeypatch.setattr(models, "HUB_TIMEOUT", 0.3)
    started = time.monotonic()
    assert not hub_reachable(0.3)
    with pytest.raises(ModelNotFoundError, match=r"huggingface.co did not answer within 0.3 s"):
        resolve_model(None, "zh", "en")
    assert time.monotonic() - started < 5


def test_refused_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real socket, to an endpoint on this machine that refuses at once
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(socket, "create_connection", REAL_CREATE_CONNECTION)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    started = time.monotonic()
    assert not hub_reachable()
    assert time.monotonic() - started < 4


def test_downloads_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    with pytest.raises(ModelNotFoundError, match="downloads are turned off"):
        resolve_model(None, "en", "ru", allow_download=False)


def test_online_downloads_into_the_models_dir(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(models, "hub_reachable", lambda timeout=3.0: True)
    fetched: list[tuple[str, Path]] = []

    def fake_download(hub_id: str, dest: Path) -> Path:
        fetched.append((hub_id, dest))
        return fake_marian(dest)

    monkeypatch.setattr(models, "download_model", fake_download)
    found = resolve_model(None, "en", "zh")
    dest = isolated / "models" / "en-zh"
    assert fetched == [("Helsinki-NLP/opus-mt-en-zh", dest)]
    assert found == ResolvedModel(
        dest, "Helsinki-NLP/opus-mt-en-zh", "Helsinki-NLP/opus-mt-en-zh", ">>cmn_Hans<<", "download"
    )
    # the next lookup finds it on disk
    assert resolve_model(None, "en", "zh").origin == "models-dir"
    assert len(fetched) == 1


def test_pull_offline() -> None:
    with pytest.raises(
        ModelNotFoundError,
        match=r"cannot download Helsinki-NLP/opus-mt-ru-en.*"
        r"HF_HUB_OFFLINE is set",
    ):
        models.pull_model("ru", "en")


def test_probe_goes_through_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    assert models._probe_target() == ("huggingface.co", 443)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.local:3128")
    assert models._probe_target() == ("proxy.local", 3128)
    monkeypatch.setenv("NO_PROXY", "localhost,.huggingface.co")
    assert models._probe_target() == ("huggingface.co", 443)


def test_no_heavy_imports() -> None:
    code = (
        "import sys, workbench.engines, workbench.engines.models; "
        "heavy = {'torch', 'transformers', 'huggingface_hub', 'sentencepiece'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
