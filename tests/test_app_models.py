"""The Models page, headless through AppTest, on the fixture model."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.engines.manage import import_model

PAGE = str(Path(__file__).resolve().parents[1] / "app_pages" / "models.py")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "models"


def test_empty_then_pull_offline_shows_the_error(models: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "No models installed" in at.info[0].value
    at.button(key="pull").click().run()
    assert "the Hugging Face Hub is unreachable" in at.error[0].value


def test_lists_converts_and_removes(models: Path, fixture_model: Path) -> None:
    import_model(fixture_model, "en-zh")
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Direction"]) == ["en-zh"]
    assert list(table["Backends"]) == ["transformers"]
    at.selectbox(key="convert_pair").set_value("en-zh")
    at.button(key="convert").click().run()
    assert not at.error, [e.value for e in at.error]
    assert (models / "en-zh" / "ct2-int8" / "model.bin").is_file()
    assert "Converted en-zh" in at.success[0].value
    at.run()  # the table of the next run shows the conversion
    assert list(at.dataframe[0].value["Backends"]) == ["transformers, ct2-int8"]
    at.selectbox(key="remove_pair").set_value("en-zh")
    at.button(key="remove").click().run()
    assert not (models / "en-zh").exists()
