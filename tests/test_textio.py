"""Reading text: one decoder and one file reader, with errors that name the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.errors import FormatError, WorkbenchError
from workbench.qa.base import QAError
from workbench.textio import check_size, decode_text, format_size, read_bytes, read_text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (20 * 1024 * 1024, "20 MB"),
        (25 * 1024 * 1024 + 300 * 1024, "25.3 MB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfa\r\nb\rc\n", "a\nb\nc\n"),
        ("Москва\n".encode(), "Москва\n"),
        (b"", ""),
        (codecs.BOM_UTF8 + "中国".encode(), "中国"),
    ],
)
def test_decode_text_drops_the_bom_and_normalises_line_ends(data: bytes, text: str) -> None:
    assert decode_text(data, "x.txt") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("hi".encode("utf-16"), r"x\.txt: the file is UTF-16 encoded .*re-save it as UTF-8"),
        ("hi".encode("utf-32"), r"x\.txt: the file is UTF-32 encoded"),
        (b"PK\x03\x04\x00\x00", r"x\.txt: binary data \(a NUL byte at byte offset 4\)"),
        (
            "ok\nМосква".encode("cp1251"),
            r"x\.txt: not valid UTF-8 at byte offset 3 \(line 2, bytes cc ee f1 ea\).*"
            "Windows-1251.*re-save it as UTF-8",
        ),
        (
            codecs.BOM_UTF8 + "中".encode("gbk"),
            r"x\.txt: not valid UTF-8 at byte offset 3 \(line 1",
        ),
    ],
)
def test_decode_text_names_the_file_and_the_fix(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        decode_text(data, "x.txt")


def test_decode_text_raises_the_callers_error() -> None:
    with pytest.raises(QAError, match=r"ref\.txt: not valid UTF-8"):
        decode_text(b"caf\xe9", "ref.txt", error=QAError)


def test_check_size_is_inclusive_and_says_the_fix() -> None:
    check_size(10, "a.txt", 10)
    with pytest.raises(
        FormatError, match=r"a\.txt: the file is 11 bytes, over the 10 bytes limit; trim"
    ):
        check_size(11, "a.txt", 10, hint="trim it")


def test_read_text_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Привет\r\nмир\r\n".encode())
    assert read_text(path) == "Привет\nмир\n"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, r"a\.txt: no such reference; check the path"),
        (lambda p: p.mkdir(), r"a\.txt: is a folder, not a file; give the path of the reference"),
        (
            lambda p: p.write_bytes(b"x" * 11),
            r"a\.txt: the file is 11 bytes, over the 10 bytes limit",
        ),
        (lambda p: p.write_bytes(b"caf\xe9"), r"a\.txt: not valid UTF-8 at byte offset 3"),
    ],
)
def test_read_text_refuses_bad_files_with_the_callers_error(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "a.txt"
    make(path)  # type: ignore[operator]
    with pytest.raises(QAError, match=message):
        read_text(path, what="reference", max_bytes=10, error=QAError)


def test_read_bytes_reads_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 10)
    assert read_bytes(path, max_bytes=10) == b"x" * 10
    with pytest.raises(WorkbenchError, match="over the 9 bytes limit"):
        read_bytes(path, max_bytes=9)


def test_read_text_without_a_limit_reads_any_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("строка\n" * 5000, "utf-8")
    assert read_text(path, max_bytes=None).count("\n") == 5000
    with pytest.raises(FormatError, match="over the 10 KB limit"):
        read_text(path, max_bytes=10 * 1024)
