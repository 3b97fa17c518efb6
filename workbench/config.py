"""Settings: one table of defaults, overridden by a TOML file, then ``WORKBENCH_*`` variables.

Command-line flags override the result in the CLI.  Nothing is read on import.

>>> load_settings(env={"WORKBENCH_USER": "anna"}, config_file=None).user
'anna'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from workbench.errors import WorkbenchError


def _data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("workbench"))


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("workbench"))


def _config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("workbench")) / "config.toml"


@dataclass(frozen=True)
class Settings:
    """Where the workbench keeps its data and who is working."""

    #: the project database: a file path or a SQLAlchemy URL
    db: str = ""
    #: the folder with the sample articles loaded on first run; default: the ones
    #: shipped in the package (:func:`workbench.resources.sample_articles`)
    corpora: str = ""
    #: the name recorded on edits made by a person
    user: str = "translator"
    #: where translation models live, one folder per direction (``workbench models pull``
    #: puts them there); default: the ``models`` folder of the user cache
    models_dir: str = ""
    #: the project glossary (TBX or CSV) that the app edits and the Edit page,
    #: QA and MT enforcement use; default: glossary.tbx in the user data folder,
    #: copied from the shipped glossary (package data) on first use
    glossary: str = ""


DEFAULTS = Settings()
_ENV_PREFIX = "WORKBENCH_"


def _coerce(name: str, value: object, source: str) -> object:
    wanted = type(getattr(DEFAULTS, name))
    if isinstance(value, wanted):
        return value
    try:
        return wanted(value)
    except (TypeError, ValueError):
        raise WorkbenchError(
            f"setting {name!r} from {source} must be a {wanted.__name__}, got {value!r}"
        ) from None


def load_settings(
    *, env: Mapping[str, str] | None = None, config_file: Path | str | None = "default"
) -> Settings:
    """Defaults, then the TOML file (``WORKBENCH_CONFIG`` or the user config folder), then env."""
    env = os.environ if env is None else env
    settings = DEFAULTS
    known = {f.name for f in fields(Settings)}
    path: Path | None
    if config_file == "default":
        path = Path(env["WORKBENCH_CONFIG"]) if "WORKBENCH_CONFIG" in env else _config_file()
    else:
        path = Path(config_file) if config_file else None
    if path is not None and path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise WorkbenchError(f"cannot read the settings file {path}: {exc}") from exc
        unknown = set(data) - known
        if unknown:
            raise WorkbenchError(
                f"unknown settings {sorted(unknown)} in {path}: valid ones are {sorted(known)}"
            )
        settings = replace(
            settings,
            **{k: _coerce(k, v, str(path)) for k, v in data.items()},  # type: ignore[arg-type]
        )
    overrides = {
        name: _coerce(name, env[_ENV_PREFIX + name.upper()], _ENV_PREFIX + name.upper())
        for name in known
        if _ENV_PREFIX + name.upper() in env
    }
    settings = replace(settings, **overrides)  # type: ignore[arg-type]
    if not settings.db:
        settings = replace(settings, db=str(_data_dir() / "workbench.db"))
    if not settings.glossary:
        settings = replace(settings, glossary=str(_data_dir() / "glossary.tbx"))
    if not settings.models_dir:
        settings = replace(settings, models_dir=str(_cache_dir() / "models"))
    if not settings.corpora:
        from workbench.resources import sample_articles

        settings = replace(settings, corpora=str(sample_articles()))
    return settings
