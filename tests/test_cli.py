"""The ``workbench`` command line, run in-process through ``main(argv)`` and as a program."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPORA, ROOT
from workbench.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "cli.db"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))


# -- segment ----------------------------------------------------------------------------


def test_segment_prints_sentences_with_a_blank_line_per_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Mr. Smith went to Washington. He met Dr. Li.\n\nSecond paragraph.\n", "utf-8")
    code, out, _ = run(capsys, "segment", "--lang", "en", str(src))
    assert code == 0
    assert out == "Mr. Smith went to Washington.\nHe met Dr. Li.\n\nSecond paragraph.\n\n"


def test_segment_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("新华社报道。塔斯社也报道了！\n"))
    code, out, _ = run(capsys, "segment", "--lang", "zh", "-")
    assert (code, out) == (0, "新华社报道。\n塔斯社也报道了！\n\n")


def test_segment_russian_keeps_initials(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "ru.txt"
    src.write_text("Поэт А. С. Пушкин родился в Москве. Это было давно.\n", "utf-8")
    code, out, _ = run(capsys, "segment", "--lang", "ru", str(src))
    assert code == 0
    assert out.splitlines() == ["Поэт А. С. Пушкин родился в Москве.", "Это было давно.", ""]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["segment", "--lang", "de", "x"], 2, "invalid choice: 'de'"),
        (["segment", "--lang", "en", "missing.txt"], 1, "missing.txt: no such file"),
    ],
)
def test_segment_errors(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err
    else:
        got, _, err = run(capsys, *argv)
        assert got == code and message in err and err.count("\n") == 1


def test_segment_names_a_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cp1251.txt"
    bad.write_bytes("Привет, мир.".encode("cp1251"))
    code, _, err = run(capsys, "segment", "--lang", "ru", str(bad))
    assert code == 1 and "cp1251.txt: not valid UTF-8" in err and "save it as UTF-8" in err


def test_segment_does_not_load_torch(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("One. Two.\n", "utf-8")
    probe = (
        "import sys; from workbench.cli import main; "
        f"code = main(['segment', '--lang', 'en', {str(src)!r}]); "
        "heavy = [m for m in ('torch', 'transformers', 'streamlit') if m in sys.modules]; "
        "print(heavy, file=sys.stderr); sys.exit(code or len(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "One.\nTwo.\n\n"


# -- translate --------------------------------------------------------------------------


def test_translate_prints_one_line_per_input_line(
    fixture_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.marian_fixture import FIXTURE_PAIRS

    pairs = FIXTURE_PAIRS[:4]
    src = tmp_path / "in.txt"
    src.write_text("\n".join([pairs[0][0], "", *(en for en, _ in pairs[1:])]) + "\n", "utf-8")
    code, out, _ = run(
        capsys, "translate", "--src", "en", "--tgt", "zh", "--model", str(fixture_model), str(src)
    )
    assert code == 0
    assert out.splitlines() == [pairs[0][1], "", *(zh for _, zh in pairs[1:])]


def test_translate_without_a_model_says_how_to_get_one_and_fails_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    src = tmp_path / "in.txt"
    src.write_text("Hello.\n", "utf-8")
    started = time.monotonic()
    code, out, err = run(capsys, "translate", "--src", "en", "--tgt", "zh", str(src))
    assert time.monotonic() - started < 5
    assert code == 1 and out == ""
    assert "en-zh" in err or "opus-mt-en-zh" in err
    assert "--model" in err


def test_translate_with_a_missing_model_folder_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Hello.\n", "utf-8")
    missing = tmp_path / "no-such-model"
    code, _, err = run(
        capsys, "translate", "--src", "en", "--tgt", "zh", "--model", str(missing), str(src)
    )
    assert code == 1 and str(missing) in err


# -- the store --------------------------------------------------------------------------


def test_import_translate_export_a_stored_document(
    fixture_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.marian_fixture import FIXTURE_PAIRS

    pairs = FIXTURE_PAIRS[:3]
    article = tmp_path / "news.txt"
    article.write_text(f"{pairs[0][0]} {pairs[1][0]}\n{pairs[2][0]}\n", "utf-8")
    code, out, err = run(capsys, "import", str(article), "--project", "P", "--tgt-lang", "zh")
    assert code == 0, err
    assert "2 paragraphs, 3 segments, en->zh" in out
    code, out, err = run(
        capsys,
        "translate",
        "--project",
        "P",
        "--document",
        "news.txt",
        "--model",
        str(fixture_model),
    )
    assert code == 0, err
    assert "translated 3 segment(s)" in out
    target = tmp_path / "news_zh.txt"
    code, _, err = run(capsys, "export", "--project", "P", "--document", "news.txt", str(target))
    assert code == 0, err
    assert target.read_text("utf-8").splitlines() == [pairs[0][1] + pairs[1][1], pairs[2][1]]
    code, out, _ = run(capsys, "projects")
    assert "news.txt\ten->zh\t0/3 confirmed" in out


def test_import_twice_is_refused_and_keeps_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("One sentence here.\n", "utf-8")
    assert run(capsys, "import", str(article), "--tgt-lang", "ru")[0] == 0
    code, _, err = run(capsys, "import", str(article), "--tgt-lang", "ru")
    assert code == 1 and "already has a document named 'a.txt'" in err


def test_sample_creates_the_sample_project(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sample")
    assert code == 0
    code, out, _ = run(capsys, "projects")
    assert "media-forum (en→zh)" in out and "media-forum (en→ru)" in out
