"""The registry and the shared machinery of workbench.formats.base."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import workbench.formats as formats
from tests.formats.suite import MIXED, SCOPE_CASES
from workbench.errors import FormatError
from workbench.formats import FORMATS, Format, format_class, get_format
from workbench.formats.base import (
    atomic_write,
    check_scope,
    join_lines,
    one_line,
)
from workbench.model import Paragraph


def test_registry_entries_declare_their_own_name() -> None:
    seen: dict[str, str] = {}
    for name in FORMATS:
        cls = format_class(name)
        assert issubclass(cls, Format)
        assert cls.name == name
        for ext in cls.extensions:
            assert ext not in seen, f"{ext} claimed by {seen.get(ext)} and {name}"
            seen[ext] = name


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("news.txt", "text"),
        ("NEWS.TXT", "text"),
        ("a/b/news.zh.md", "markdown"),
        ("news.Markdown", "markdown"),
        ("news.DocX", "docx"),
        ("review.csv", "csv"),
        (Path("dir.with.dots") / "x.md", "markdown"),
    ],
)
def test_format_for_path(path: str | Path, name: str) -> None:
    assert formats.format_for_path(path).name == name


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("news.pdf", r"news\.pdf: the extension '\.pdf' is not supported; use one of \.csv, "),
        ("README", r"README: the file has no extension; use one of \.csv"),
        ("archive.tar.gz", r"archive\.tar\.gz: the extension '\.gz' is not supported"),
    ],
)
def test_unknown_extension_lists_supported_ones(path: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        formats.format_for_path(path)


def test_read_article_with_unknown_extension_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "news.rtf"
    path.write_text("x")
    supported = r"use one of \.docx, \.htm, \.html, \.markdown, \.md, \.txt, \.xhtml$"
    with pytest.raises(
        FormatError, match=rf"news\.rtf: the extension '\.rtf' is not supported; {supported}"
    ):
        formats.read_article(path)
    with pytest.raises(FormatError, match=r"news\.rtf.*use one of \.csv, \.docx"):
        formats.write_document(MIXED, path)


def test_explicit_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "news.out"
    formats.write_document(MIXED, path, format="markdown")
    assert path.read_text(encoding="utf-8").startswith("# Заголовок\n")
    assert formats.read_article(path, format="markdown")[0].style == "h1"


def test_unknown_format_name_lists_choices() -> None:
    with pytest.raises(
        FormatError,
        match=r"unknown format 'pdf': choose one of text, markdown, docx, html, csv, tsv, "
        r"xliff, xliff2, tmx, review$",
    ):
        get_format("pdf")


@pytest.mark.parametrize("bad", [0, -1])
def test_max_bytes_must_be_positive(bad: int) -> None:
    with pytest.raises(
        FormatError, match=f"max_bytes must be a positive number of bytes, not {bad}"
    ):
        get_format("text", max_bytes=bad)


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "ten.txt"
    path.write_bytes(b"0123456789")
    assert get_format("text", max_bytes=10).read_article(path)[0].source == "0123456789"
    with pytest.raises(
        FormatError, match=r"ten\.txt: the file is 10 bytes, over the 9 bytes limit"
    ):
        get_format("text", max_bytes=9).read_article(path)


def test_supported_extensions_by_capability() -> None:
    articles = [".docx", ".htm", ".html", ".markdown", ".md", ".txt", ".xhtml"]
    bilingual = [".csv", ".review.docx", ".tmx", ".tsv", ".xlf", ".xlf2", ".xliff", ".xliff2"]
    assert formats.supported_extensions("read") == articles
    assert formats.supported_extensions("bilingual") == bilingual
    assert formats.supported_extensions("write") == sorted(articles + bilingual)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("job.review.docx", "review"),
        ("JOB.Review.DOCX", "review"),
        ("news.zh.docx", "docx"),
        ("review.docx", "docx"),
        (".review.docx", "docx"),
        ("job.xlf", "xliff"),
        ("job.xlf2", "xliff2"),
        ("memory.tmx", "tmx"),
        ("page.htm", "html"),
    ],
)
def test_longest_extension_wins(path: str, name: str) -> None:
    assert formats.format_for_path(path).name == name


def test_parse_article_from_upload_bytes() -> None:
    paragraphs = formats.parse_article("# Заголовок\n\nТекст.".encode(), "upload.MD")
    assert paragraphs == [Paragraph(0, "Заголовок", "h1"), Paragraph(1, "Текст.", "p")]
    with pytest.raises(FormatError, match=r"upload\.md: the file is empty"):
        formats.parse_article(b"", "upload.md")


def test_read_article_normalises_paragraphs() -> None:
    class Loose(Format):
        name = "loose"
        extensions = (".loose",)
        can_read = True

        def _parse(self, data: bytes, source_name: str) -> list[Paragraph]:
            return [
                Paragraph(5, "  padded  ", "h2"),
                Paragraph(9, "   ", "p"),
                Paragraph(2, "odd style", "blockquote"),
            ]

    assert Loose().parse_article(b"x", "x.loose") == [
        Paragraph(0, "padded", "h2"),
        Paragraph(1, "odd style", "p"),
    ]


def test_write_only_and_read_only_formats_say_so() -> None:
    class ReadOnly(Format):
        name = "ro"
        can_read = True

    with pytest.raises(FormatError, match="the ro format cannot be written; it is import-only"):
        ReadOnly().render_document(MIXED)


@pytest.mark.parametrize("scope", ["all", "confirmed"])
def test_localized_matches_the_scope_table(scope: str) -> None:
    assert Format.localized(MIXED, scope) == SCOPE_CASES[scope]


@pytest.mark.parametrize("scope", ["", "ALL", "approved", "confirmed "])
def test_check_scope_refuses_others(scope: str) -> None:
    with pytest.raises(FormatError, match=r"choose one of 'all', 'confirmed'"):
        check_scope(scope)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["The news", "agency said."], "The news agency said."),
        (["中国新闻", "社报道。"], "中国新闻社报道。"),
        (["他说：", "“好”"], "他说：“好”"),
        (["使用", "Python"], "使用Python"),
        (["Москва", " сообщила "], "Москва сообщила"),
        (["", "  ", "one"], "one"),
    ],
)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb", "a b"),
        ("a \r\n b", "a b"),
        ("甲\n乙", "甲乙"),
        ("a\u2028b\u2029c\x85d\x0be\x0cf", "a b c d e f"),
        ("  no breaks  ", "no breaks"),
    ],
)
def test_one_line(text: str, expected: str) -> None:
    assert one_line(text) == expected


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "file.bin"
    atomic_write(path, b"one")
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["file.bin"]


def test_atomic_write_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "file.bin"
    atomic_write(path, b"good")

    def fail(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(FormatError, match=r"cannot write .*file\.bin: Permission denied; check"):
        atomic_write(path, b"bad")
    monkeypatch.undo()
    assert path.read_bytes() == b"good"
    assert os.listdir(tmp_path) == ["file.bin"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX, not root")
def test_atomic_write_into_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "old.txt").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(FormatError, match=r"old\.txt: Permission denied"):
            atomic_write(folder / "old.txt", b"new")
        assert (folder / "old.txt").read_bytes() == b"old"
        assert os.listdir(folder) == ["old.txt"]
    finally:
        folder.chmod(0o700)


def test_importing_formats_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, workbench.formats\n"
        "heavy = ('docx', 'lxml', 'workbench.formats.docx', 'workbench.formats.markdown')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
