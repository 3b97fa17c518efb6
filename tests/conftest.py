"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.resources import sample_articles, shipped_glossary

ROOT = Path(__file__).resolve().parent.parent
#: the package data the tests read (``workbench/data``): the shipped glossary, the sample
GLOSSARIES = shipped_glossary().parent
CORPORA = sample_articles()
SHARED_DATA = ROOT.parent / "shared" / "data"
#: fixture models are cached here between test runs (ignored by git)
FIXTURE_CACHE = Path(os.environ.get("WORKBENCH_TEST_CACHE", ROOT / ".cache" / "test-fixtures"))


@pytest.fixture(scope="session")
def fixture_model() -> Path:
    """A small en->zh Marian model trained locally on template sentences.

    Built once and cached in ``.cache/test-fixtures``; rebuilt when the builder changes.
    """
    from tests.marian_fixture import build_fixture_model

    return build_fixture_model(FIXTURE_CACHE)


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; tests that need it are skipped where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: the real-corpus checks need ../shared/data")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's database, glossary or settings: the
    defaults point into the test's temporary folder (a test's own settings win)."""
    home = tmp_path / "user-data"
    monkeypatch.setenv("WORKBENCH_DB", str(home / "workbench.db"))
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(home / "glossary.tbx"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(home / "config.toml"))
