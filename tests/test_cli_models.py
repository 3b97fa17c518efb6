"""``workbench models list|pull|import|convert|remove`` on the fixture model, offline."""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from workbench.cli import main


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return tmp_path / "models"


def test_import_list_convert_translate_remove(
    fixture_model: Path,
    isolated: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert main(["models", "list"]) == 0
    assert "no models installed" in capsys.readouterr().out

    assert main(["models", "import", str(fixture_model), "--pair", "en-zh"]) == 0
    assert (isolated / "en-zh" / "model.safetensors").is_file()
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "en-zh" in out and "Helsinki-NLP/opus-mt-en-zh" in out and "transformers" in out
    assert "ct2-int8" not in out and ("kB" in out or "MB" in out)

    source = tmp_path / "in.txt"
    source.write_text("Xinhua reported on Monday.\n\nITAR-TASS stated on Friday.\n", "utf-8")
    assert main(["translate", "--src", "en", "--tgt", "zh", str(source)]) == 0
    assert capsys.readouterr().out == "新华社周一报道。\n\n塔斯社周五表示。\n"

    assert main(["models", "convert", "en-zh"]) == 0
    assert (isolated / "en-zh" / "ct2-int8" / "model.bin").is_file()
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    assert "transformers, ct2-int8" in capsys.readouterr().out

    # the converted model is used automatically, with the same outputs
    with caplog.at_level(logging.INFO, logger="workbench.engines.ct2"):
        assert main(["translate", "--src", "en", "--tgt", "zh", str(source)]) == 0
    assert capsys.readouterr().out == "新华社周一报道。\n\n塔斯社周五表示。\n"
    assert "CTranslate2 int8" in caplog.text
    assert (
        main(["translate", "--backend", "transformers", "--src", "en", "--tgt", "zh", str(source)])
        == 0
    )
    assert capsys.readouterr().out == "新华社周一报道。\n\n塔斯社周五表示。\n"

    assert main(["models", "import", str(fixture_model), "--pair", "en-zh"]) == 1
    assert "already installed" in capsys.readouterr().err

    assert main(["models", "remove", "en-zh"]) == 0
    assert not (isolated / "en-zh").exists()
    capsys.readouterr()
    assert main(["models", "remove", "en-zh"]) == 1
    assert "no en-zh model is installed" in capsys.readouterr().err


def test_import_rejects_a_folder_that_is_not_a_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "junk").mkdir()
    assert main(["models", "import", str(tmp_path / "junk"), "--pair", "en-zh"]) == 1
    assert "is not a Marian model folder" in capsys.readouterr().err
    assert main(["models", "import", str(tmp_path / "junk"), "--pair", "english"]) == 1
    assert "write it like en-zh" in capsys.readouterr().err


def test_convert_without_a_model_names_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "convert", "en-ru"]) == 1
    assert "workbench models pull en-ru" in capsys.readouterr().err


def test_pull_offline_fails_fast_with_a_clear_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.monotonic()
    assert main(["models", "pull", "en-zh"]) == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert "cannot download Helsinki-NLP/opus-mt-en-zh" in err
    assert "unreachable (HF_HUB_OFFLINE is set)" in err


def test_pull_with_an_unreachable_hub_gives_up_within_5_seconds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)

    def hanging(address: Any, timeout: float | None = None, *args: Any) -> socket.socket:
        # a network that swallows packets: nothing answers before the timeout
        time.sleep(timeout or 60)
        raise TimeoutError("timed out")

    monkeypatch.setattr(socket, "create_connection", hanging)
    started = time.monotonic()
    assert main(["models", "pull", "zh-en"]) == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert "the Hugging Face Hub is unreachable" in err
    assert "did not answer within 3 s" in err
