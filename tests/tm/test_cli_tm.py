"""`workbench tm import|export|search` and `workbench pretranslate`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.model import Origin, Status
from workbench.project import Project
from workbench.store import Store
from workbench.tm import TranslationMemory

MEMORY = [("Xinhua reported on Monday.", "新华社周一报道。"), ("TASS agreed.", "塔斯社表示同意。")]
needs_tmx = pytest.mark.skipif(
    importlib.util.find_spec("workbench.formats.tmx") is None, reason="no TMX format"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    TranslationMemory(Store(path).tm_units).add(MEMORY, src_lang="en", tgt_lang="zh", origin="x")
    return path


@needs_tmx
def test_tm_export_then_import(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "m.tmx"
    assert main(["tm", "export", str(out), "--db", str(db)]) == 0
    assert "wrote 2 unit(s)" in capsys.readouterr().out
    other = tmp_path / "other.db"
    assert main(["tm", "import", str(out), "--db", str(other)]) == 0
    assert "2 new unit(s), 0 already in the memory" in capsys.readouterr().out
    assert TranslationMemory(Store(other).tm_units).count("en", "zh") == 2


def test_tm_search_prints_units(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "search", "同意", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["en->zh\tTASS agreed.\t塔斯社表示同意。\tx"]
    assert main(["tm", "search", "nothing like this", "--db", str(db)]) == 0
    assert "no unit contains" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["tm", "import", "missing.tmx"], "no such TMX file"),
        (["tm", "search", "  "], "word or phrase"),
        (["pretranslate", "--project", "P", "--document", "d", "--threshold", "30"], "50 to 101"),
        (["pretranslate", "--project", "Nope", "--document", "d"], "no project named"),
    ],
)
def test_errors_are_one_line_and_exit_1(
    db: Path, argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Project(Store(db)).add_article("P", "d", ["TASS agreed."], src_lang="en", tgt_lang="zh")
    assert main([*argv, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert words in err and err.startswith("workbench: error:")


def test_pretranslate_tm_only(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(db)
    doc = Project(store).add_article(
        "P", "d", ["TASS agreed. It rained."], src_lang="en", tgt_lang="zh"
    )
    argv = ["pretranslate", "--project", "P", "--document", "d", "--no-mt", "--db", str(db)]
    assert main(argv) == 0
    assert "1 exact" in capsys.readouterr().out
    segs = store.load_document(doc).segments
    assert [(s.target, s.status) for s in segs] == [
        ("塔斯社表示同意。", Status.DRAFT),
        ("", Status.NEW),
    ]


def test_pretranslate_tm_then_mt(
    db: Path, fixture_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.marian_fixture import FIXTURE_PAIRS

    store = Store(db)
    (en, zh), (other_en, other_zh) = FIXTURE_PAIRS[0], FIXTURE_PAIRS[1]
    TranslationMemory(store.tm_units).add(
        [(en, "记忆里的译文。")], src_lang="en", tgt_lang="zh", origin="x", with_context=False
    )
    doc = Project(store).add_article("P", "d", [f"{en} {other_en}"], src_lang="en", tgt_lang="zh")
    argv = ["pretranslate", "--project", "P", "--document", "d", "--model", str(fixture_model)]
    assert main([*argv, "--db", str(db)]) == 0
    assert "1 by MT" in capsys.readouterr().out
    first, second = store.load_document(doc).segments
    assert (first.target, first.provenance.origin) == ("记忆里的译文。", Origin.TM)
    assert (second.target, second.provenance.origin) == (other_zh, Origin.MT)
    assert zh != first.target
