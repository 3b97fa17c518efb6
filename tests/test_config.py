"""The settings table: defaults, then the TOML file, then ``WORKBENCH_*`` variables."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from workbench.config import DEFAULTS, Settings, load_settings
from workbench.engines.models import models_dir
from workbench.errors import WorkbenchError
from workbench.resources import sample_articles


def test_defaults_fill_the_paths_left_empty() -> None:
    settings = load_settings(env={}, config_file=None)
    assert Path(settings.db).name == "workbench.db"
    assert Path(settings.glossary).name == "glossary.tbx"
    assert Path(settings.models_dir).name == "models"
    assert Path(settings.corpora) == sample_articles()
    assert settings.user == DEFAULTS.user


def test_the_file_overrides_the_defaults_and_the_environment_overrides_the_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'user = "boris"\nmodels_dir = "{tmp_path / "from-file"}"\n', "utf-8")
    from_file = load_settings(env={"WORKBENCH_CONFIG": str(config)})
    assert (from_file.user, from_file.models_dir) == ("boris", str(tmp_path / "from-file"))
    env = {"WORKBENCH_CONFIG": str(config), "WORKBENCH_MODELS_DIR": str(tmp_path / "from-env")}
    assert load_settings(env=env).models_dir == str(tmp_path / "from-env")
    assert load_settings(env=env).user == "boris"


def test_an_unknown_setting_names_the_valid_ones(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("batch_size = 8\n", "utf-8")
    with pytest.raises(WorkbenchError, match="unknown settings \\['batch_size'\\]") as info:
        load_settings(env={}, config_file=config)
    assert "models_dir" in str(info.value)


def test_every_setting_has_a_variable() -> None:
    # each field is read from WORKBENCH_<NAME>: a name that is not an identifier would break it
    for f in fields(Settings):
        assert f.name.isidentifier() and f.name == f.name.lower()
        env = {f"WORKBENCH_{f.name.upper()}": "from-env"}
        assert getattr(load_settings(env=env, config_file=None), f.name) == "from-env"


def test_models_dir_reads_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'models_dir = "{tmp_path / "m"}"\n', "utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    monkeypatch.delenv("WORKBENCH_MODELS_DIR", raising=False)
    assert models_dir() == tmp_path / "m"
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "env"))
    assert models_dir() == tmp_path / "env"
