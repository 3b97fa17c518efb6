"""``workbench align``: every language pair both ways, the three formats, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPORA, ROOT
from workbench.align.output import parse_vecalign
from workbench.cli import main

DIRECTIONS = [("en", "zh"), ("zh", "en"), ("en", "ru"), ("ru", "en"), ("zh", "ru"), ("ru", "zh")]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def article(lang: str) -> str:
    return str(CORPORA / f"media-forum.{lang}.txt")


@pytest.mark.parametrize(("src", "tgt"), DIRECTIONS)
def test_articles_align_one_to_one_in_every_direction(
    capsys: pytest.CaptureFixture[str], src: str, tgt: str
) -> None:
    code, out, err = run(
        capsys, "align", article(src), article(tgt), "--src-lang", src, "--tgt-lang", tgt
    )
    assert (code, err) == (0, "")
    beads = parse_vecalign(out)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(30)]
    assert all(0.5 < b.score <= 1.0 for b in beads)


def test_languages_are_detected_when_not_given(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "align", article("ru"), article("zh"), "--format", "tsv")
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[0].startswith("Медиаменеджеры") and first[1].startswith("中俄媒体")


@pytest.fixture
def lines(tmp_path: Path) -> tuple[Path, Path]:
    """Presegmented files: the target joins sentences 2 and 3 and lacks sentence 5."""
    en = [
        "The vote was close.",
        "Nobody expected it.",
        "Turnout was high.",
        "Queues formed early.",
        "Results come on Monday.",
        "It rained in Moscow.",
    ]
    ru = [
        "Голосование было напряжённым.",
        "Никто этого не ожидал.",
        "Явка была высокой: очереди выстроились с раннего утра.",
        "Результаты объявят в понедельник.",
    ]
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("\n".join(en) + "\n", "utf-8")
    tgt.write_text("\n".join(ru) + "\n", "utf-8")
    return src, tgt


def test_presegmented_vecalign(
    capsys: pytest.CaptureFixture[str], lines: tuple[Path, Path]
) -> None:
    src, tgt = lines
    code, out, _ = run(
        capsys,
        "align",
        str(src),
        str(tgt),
        "--src-lang",
        "en",
        "--tgt-lang",
        "ru",
        "--presegmented",
    )
    assert code == 0
    assert [line.rsplit(":", 1)[0] for line in out.splitlines()] == [
        "[0]:[0]",
        "[1]:[1]",
        "[2,3]:[2]",
        "[4]:[3]",
        "[5]:[]",
    ]


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("vecalign", lambda data: data.decode().startswith("[0]:[0]:")),
        ("tsv", lambda data: data.decode().split("\n")[2].startswith("Turnout was high. Queues")),
        ("tmx", lambda data: b'<tmx version="1.4">' in data and data.count(b"<tu ") == 4),
    ],
)
def test_each_format_to_a_file(
    capsys: pytest.CaptureFixture[str], lines: tuple[Path, Path], fmt: str, check: object
) -> None:
    src, tgt = lines
    out = src.parent / f"out.{fmt}"
    code, stdout, err = run(
        capsys, "align", str(src), str(tgt), "--presegmented", "--format", fmt, "-o", str(out)
    )
    assert (code, stdout) == (0, "")
    assert f"wrote {out}: 5 beads (4 1-1, 1 1-0" in err or f"wrote {out}: 5 beads" in err
    assert check(out.read_bytes())  # type: ignore[operator]


def test_the_length_method(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "align", article("en"), article("ru"), "--method", "length")
    assert code == 0 and len(out.splitlines()) >= 28


def test_an_empty_target_leaves_every_sentence_unaligned(
    capsys: pytest.CaptureFixture[str], lines: tuple[Path, Path]
) -> None:
    src, tgt = lines
    tgt.write_text("", "utf-8")
    code, out, _ = run(
        capsys,
        "align",
        str(src),
        str(tgt),
        "--presegmented",
        "--src-lang",
        "en",
        "--tgt-lang",
        "zh",
    )
    assert code == 0
    assert out.splitlines() == [f"[{k}]:[]:1.0000" for k in range(6)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--src-lang", "en", "--tgt-lang", "zh"],
            "the target text looks Russian (ru), not Chinese (zh): pass --tgt-lang ru",
        ),
        (
            ["--src-lang", "zh", "--tgt-lang", "ru"],
            "the source text looks English (en), not Chinese (zh): pass --src-lang en",
        ),
    ],
)
def test_mismatched_languages_fail_with_the_fix(
    capsys: pytest.CaptureFixture[str], lines: tuple[Path, Path], argv: list[str], message: str
) -> None:
    src, tgt = lines
    code, out, err = run(capsys, "align", str(src), str(tgt), "--presegmented", *argv)
    assert (code, out) == (1, "")
    assert err.startswith("workbench: error: ") and message in err


def test_a_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "align", str(tmp_path / "nope.txt"), article("zh"))
    assert code == 1 and "nope.txt: no such file" in err


def test_align_runs_as_a_program(lines: tuple[Path, Path]) -> None:
    src, tgt = lines
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench.cli",
            "align",
            str(src),
            str(tgt),
            "--presegmented",
            "--format",
            "tsv",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        proc.stdout.splitlines()[0]
        == "The vote was close.\tГолосование было напряжённым.\t"
        + (proc.stdout.splitlines()[0].rsplit("\t", 1)[1])
    )
