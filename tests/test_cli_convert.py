"""``workbench convert`` and the bilingual ``workbench import``: conversions between every
format, imports with translations, and hostile files refused fast with a one-line error."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPORA, GLOSSARIES, ROOT
from tests.formats.hostile_files import XML_EXTENSIONS, junk_cases, xml_cases
from tests.formats.suite import INLINE, MIXED, NEWS_EN_ZH, NOTED, expected_rows
from workbench.cli import main
from workbench.formats import get_format, read_article, read_bilingual, write_document
from workbench.model import Status
from workbench.store import Store


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(CORPORA))
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path) -> list[tuple[str, str, Status, str]]:
    return [(r.source, r.target, r.status, r.note.strip()) for r in read_bilingual(path)]


# -- conversions ------------------------------------------------------------------------


def test_article_docx_to_xliff_for_translation_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.docx"
    write_document(NEWS_EN_ZH, article)  # a Chinese article with headings and a list
    out = tmp_path / "article.xlf"
    code, stdout, err = run(capsys, "convert", str(article), str(out), "--tgt-lang", "ru")
    assert (code, err) == (0, "")
    assert "wrote" in stdout and "(xliff)" in stdout and "zh->ru" in stdout
    content = get_format("xliff").read_bilingual_file(out)
    assert (content.src_lang, content.tgt_lang) == ("zh", "ru")
    assert {r.status for r in content.rows} == {Status.NEW}
    assert {r.target for r in content.rows} == {""}
    assert content.rows[0].style == "h1" and content.rows[0].source == "洪水袭击南方"
    from translate.storage import xliff

    assert len(xliff.xlifffile.parsestring(out.read_bytes()).units) == len(content.rows)


def test_xliff_to_tmx_to_xliff2_keeps_segments_statuses_and_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "job.xlf"
    write_document(INLINE, job)
    tmx, xlf2, again = tmp_path / "job.tmx", tmp_path / "job.xlf2", tmp_path / "again.xlf"
    for source, target in ((job, tmx), (tmx, xlf2), (xlf2, again)):
        code, _, err = run(capsys, "convert", str(source), str(target))
        assert (code, err) == (0, "")
        assert rows(target) == expected_rows(INLINE)
    # the same XLIFF after three conversions, but for the document name (the file's) and
    # the MT origin of drafts (state-qualifier), which XLIFF 2.0 has no place for
    same = re.compile(rb'original="[^"]*"| state-qualifier="leveraged-mt"')
    assert same.sub(b"", again.read_bytes()) == same.sub(b"", job.read_bytes())


def test_xliff_to_localized_article_keeps_structure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "job.xlf"
    write_document(INLINE, job)
    for name in ("article_zh.docx", "article_zh.html", "article_zh.md", "article_zh.txt"):
        out = tmp_path / name
        code, _, err = run(capsys, "convert", str(job), str(out))
        assert (code, err) == (0, "")
        got = [(p.style, p.source) for p in read_article(out)]
        styles = [s for s, _ in got] if not name.endswith(".txt") else ["h1", "p", "li", "p"]
        assert styles == ["h1", "p", "li", "p"]
        assert [t for _, t in got] == [
            "现在按保存",
            "换行了 & “引号” <b>literal</b>Untranslated yet.",
            "粗体和开",
            "塔斯社的报道有嵌套代码 & a < b。",
        ]


def test_scope_confirmed_keeps_only_confirmed_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "mixed.xlf"
    write_document(MIXED, job)
    out = tmp_path / "confirmed.tmx"
    assert run(capsys, "convert", str(job), str(out), "--scope", "confirmed")[0] == 0
    assert [r[1] for r in rows(out)] == [r[1] for r in expected_rows(MIXED, "confirmed")]


def test_glossary_tbx_to_csv_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.glossary import read_termbase

    csv, tbx = tmp_path / "media.csv", tmp_path / "media.tbx"
    code, out, _ = run(capsys, "convert", str(GLOSSARIES / "media.tbx"), str(csv))
    assert code == 0 and "55 concepts" in out
    assert run(capsys, "convert", str(csv), str(tbx))[0] == 0
    original = read_termbase(GLOSSARIES / "media.tbx")
    assert read_termbase(tbx).concepts == original.concepts


# -- import and export through the store ------------------------------------------------


def test_import_bilingual_file_takes_languages_targets_statuses_and_notes(
    tmp_path: Path, _isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "job.xlf"
    write_document(NOTED, job)
    code, out, err = run(capsys, "import", str(job), "--project", "P")
    assert (code, err) == (0, "")
    assert "3 segments, zh->ru, 1 confirmed" in out
    store = Store(_isolated)
    doc = store.load_document(store.document_id(store.project_id("P"), "job.xlf"))
    assert [(s.source, s.target, s.status, s.note) for s in doc.segments] == expected_rows(NOTED)
    assert [p.style for p in doc.paragraphs] == ["h1", "p", "p"]
    assert doc.segments[0].provenance.describe() == "import · job.xlf"
    for name in ("back.xlf", "back.xlf2", "back.tmx", "back.review.docx", "back.tsv"):
        out_path = tmp_path / name
        assert (
            run(capsys, "export", "--project", "P", "--document", "job.xlf", str(out_path))[0] == 0
        )
        assert rows(out_path) == expected_rows(NOTED)


@pytest.mark.parametrize("ext", [".tmx", ".csv", ".xlf2", ".review.docx"])
def test_import_every_bilingual_format(
    ext: str, tmp_path: Path, _isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / f"job{ext}"
    write_document(MIXED, job)
    extra = ["--src-lang", "en", "--tgt-lang", "ru"] if ext == ".csv" else []
    code, _, err = run(capsys, "import", str(job), "--project", "P", *extra)
    assert (code, err) == (0, ""), err
    store = Store(_isolated)
    doc = store.load_document(store.document_id(store.project_id("P"), job.name))
    assert [(s.source, s.target, s.status) for s in doc.segments] == [
        r[:3] for r in expected_rows(MIXED)
    ]


def test_import_refuses_languages_that_contradict_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    job = tmp_path / "job.xlf"
    write_document(NOTED, job)
    code, _, err = run(capsys, "import", str(job), "--tgt-lang", "en")
    assert code == 1
    assert "job.xlf: the file's target language is 'ru' but --tgt-lang en was given" in err


def test_import_article_still_needs_a_target_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "news.html"
    article.write_text("<h1>Floods</h1><p>Rain fell.</p>", "utf-8")
    code, _, err = run(capsys, "import", str(article))
    assert code == 1 and err.count("\n") == 1 and "news.html is an article: pass --tgt-lang" in err
    code, out, err = run(capsys, "import", str(article), "--tgt-lang", "ru")
    assert (code, err) == (0, "") and "2 paragraphs" in out


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "argv", "message"),
    [
        ("fake.docx", b"just text", [], r"fake\.docx: not a valid DOCX \(Word\) file \(not a ZIP"),
        ("fake.xlf", b"<html><body>hi</body></html>", [], r"fake\.xlf: not an XLIFF file"),
        ("fake.tmx", b"<xliff version='1.2'/>", [], r"fake\.tmx: not a TMX file"),
        ("job.pdf", b"%PDF-1.4", [], r"job\.pdf: the extension '\.pdf' is not supported"),
        ("news.txt", b"Plain English text.", [], r"news\.txt is an article: pass --tgt-lang"),
        ("news.txt", b"Plain English text.", ["OUT=out.rtf"], r"out\.rtf: the extension '\.rtf'"),
        ("news.txt", b"Plain English text.", ["OUT=news.txt"], r"the output is the input file"),
        ("g.tbx", b"<martif/>", ["OUT=g.xlf"], r"a glossary is written as \.tbx or \.csv"),
    ],
)
def test_convert_errors_are_one_line(
    name: str,
    data: bytes,
    argv: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / (argv[0][4:] if argv else "out.xlf")
    code, stdout, err = run(capsys, "convert", str(source), str(out))
    assert code == 1 and stdout == ""
    assert err.startswith("workbench: error: ") and err.count("\n") == 1
    assert re.search(message, err), err
    if out != source:
        assert not out.exists()


#: plain text is a valid HTML fragment, so those two cases are not bad HTML
HOSTILE = [(ext, case) for ext in XML_EXTENSIONS for case in xml_cases(ext)] + [
    (ext, case)
    for ext in (*XML_EXTENSIONS, ".docx", ".html", ".csv")
    for case in junk_cases()
    if not (ext == ".html" and case in ("not-xml", "json"))
]


def hostile_file(tmp_path: Path, ext: str, case: str) -> Path:
    data = {**(xml_cases(ext) if ext in XML_EXTENSIONS else {}), **junk_cases()}[case]
    path = tmp_path / f"hostile-{case}{ext}"
    path.write_bytes(data)
    return path


def refused(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[str, float]:
    started = time.perf_counter()
    code = main(list(argv))
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert out == "" and err.startswith("workbench: error: ") and err.count("\n") == 1, err
    assert path.name in err
    assert "root:" not in err
    return err, elapsed


@pytest.mark.parametrize(("ext", "case"), HOSTILE, ids=[f"{e}-{c}" for e, c in HOSTILE])
def test_hostile_files_are_refused_by_convert_within_a_second(
    ext: str, case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_file(tmp_path, ext, case)
    out = tmp_path / ("out.csv" if ext == ".tbx" else "out.tmx")
    _, elapsed = refused(capsys, path, "convert", str(path), str(out), "--tgt-lang", "zh")
    print(f"convert {path.name}: refused in {elapsed * 1000:.1f} ms")
    assert elapsed < 1.0
    assert not out.exists()


@pytest.mark.parametrize(
    ("ext", "case"),
    [h for h in HOSTILE if h[0] != ".tbx"],
    ids=[f"{e}-{c}" for e, c in HOSTILE if e != ".tbx"],
)
def test_hostile_files_are_refused_by_import_within_a_second(
    ext: str, case: str, tmp_path: Path, _isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_file(tmp_path, ext, case)
    args = ["--tgt-lang", "zh"] if ext in (".docx", ".html") else []
    _, elapsed = refused(capsys, path, "import", str(path), "--project", "Hostile", *args)
    print(f"import {path.name}: refused in {elapsed * 1000:.1f} ms")
    assert elapsed < 1.0
    assert [p.name for p in Store(_isolated).projects()] == []


@pytest.mark.parametrize("command", ["convert", "import"])
def test_oversized_file_is_refused_within_a_second(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.xlf"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    argv = [command, str(path), str(tmp_path / "out.tmx")] if command == "convert" else [
        command, str(path)
    ]  # fmt: skip
    err, elapsed = refused(capsys, path, *argv)
    assert "the file is 21 MB, over the 20 MB limit" in err
    assert elapsed < 1.0


@pytest.mark.parametrize(
    ("ext", "case", "command"),
    [
        (".xlf", "xxe-etc-passwd", "convert"),
        (".xlf", "billion-laughs", "import"),
        (".tmx", "quadratic-blowup", "convert"),
        (".xlf", "doctype-plain", "import"),
        (".tbx", "external-dtd-http", "convert"),
        (".docx", "binary-junk", "import"),
    ],
)
def test_hostile_files_are_refused_by_the_real_program(
    ext: str, case: str, command: str, tmp_path: Path, _isolated: Path
) -> None:
    path = hostile_file(tmp_path, ext, case)
    argv = [command, str(path)]
    argv += [str(tmp_path / "out.csv")] if command == "convert" else ["--tgt-lang", "zh"]
    probe = (
        "import sys, time; from workbench.cli import main; t = time.perf_counter(); "
        f"code = main({argv!r}); print(f'{{time.perf_counter() - t:.4f}}'); sys.exit(code)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    wall = time.perf_counter() - started
    print(
        f"{command} {path.name}: refused in {float(done.stdout) * 1000:.1f} ms ({wall:.2f} s "
        "with interpreter start)"
    )
    assert done.returncode == 1
    assert done.stderr.startswith("workbench: error: ") and done.stderr.count("\n") == 1
    assert path.name in done.stderr and "root:" not in done.stderr
    assert float(done.stdout) < 1.0
    # the installed console script says the same
    script = Path(sys.executable).with_name("workbench")
    if script.exists():
        again = subprocess.run([str(script), *argv], capture_output=True, text=True, timeout=60)
        assert (again.returncode, again.stderr) == (1, done.stderr)


def test_convert_does_not_load_torch(tmp_path: Path) -> None:
    job = tmp_path / "job.xlf"
    write_document(NEWS_EN_ZH, job)
    out = tmp_path / "article.docx"
    probe = (
        "import sys; from workbench.cli import main; "
        f"code = main(['convert', {str(job)!r}, {str(out)!r}]); "
        "heavy = [m for m in ('torch', 'transformers', 'streamlit') if m in sys.modules]; "
        "print(heavy, file=sys.stderr); sys.exit(code or len(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.exists()
