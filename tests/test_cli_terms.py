"""``workbench terms`` and ``workbench translate --glossary``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.cli import main

GLOSSARY = str(GLOSSARIES / "media.tbx")


@pytest.mark.parametrize(
    ("lang", "lines", "expected"),
    [
        (
            "ru",
            "Без терминов.\nКорреспондент агентства Синьхуа в Экономической газете\n",
            [
                {
                    "line": 1,
                    "concept": "xinhua-news-agency",
                    "term": "агентство Синьхуа",
                    "start": 14,
                    "end": 31,
                },
                {
                    "line": 1,
                    "concept": "economic-daily",
                    "term": "Экономическая газета",
                    "start": 34,
                    "end": 54,
                },
            ],
        ),
        (
            "en",
            "Xinhua News Agency's journalists\n",
            [
                {
                    "line": 0,
                    "concept": "xinhua-news-agency",
                    "term": "Xinhua News Agency",
                    "start": 0,
                    "end": 20,
                },
                {"line": 0, "concept": "journalist", "term": "journalist", "start": 21, "end": 32},
            ],
        ),
        (
            "zh",
            "新华社记者\n",
            [
                {
                    "line": 0,
                    "concept": "xinhua-news-agency",
                    "term": "新华社",
                    "start": 0,
                    "end": 3,
                },
                {"line": 0, "concept": "journalist", "term": "记者", "start": 3, "end": 5},
            ],
        ),
    ],
)
def test_terms_prints_one_json_object_per_hit(
    lang: str,
    lines: str,
    expected: list[dict[str, object]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "in.txt"
    path.write_text(lines, encoding="utf-8")
    assert main(["terms", "--glossary", GLOSSARY, "--lang", lang, str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out == expected
    text = lines.splitlines()
    for hit in out:
        assert text[hit["line"]][hit["start"] : hit["end"]]


def test_terms_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("TASS\n"))
    assert main(["terms", "--glossary", GLOSSARY, "--lang", "en", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["concept"] == "tass"


def test_terms_names_a_bad_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "g.txt"
    bad.write_text("x")
    assert main(["terms", "--glossary", str(bad), "--lang", "en", "-"]) == 1
    assert "a glossary is a .tbx or .csv file" in capsys.readouterr().err


@pytest.mark.slow
def test_translate_with_glossary(
    fixture_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.txt"
    path.write_text("ITAR-TASS reported on Monday.\n", encoding="utf-8")
    args = ["translate", "--src", "en", "--tgt", "zh", "--model", str(fixture_model), str(path)]
    assert main(args) == 0
    plain = capsys.readouterr().out
    assert main([*args, "--glossary", GLOSSARY]) == 0
    enforced = capsys.readouterr().out
    assert "俄通社-塔斯社" not in plain and enforced.startswith("俄通社-塔斯社")
