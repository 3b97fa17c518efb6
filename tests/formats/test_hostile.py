"""Hostile files refused by every XML reader, fast, with the file named; and no
entity, DTD, XInclude or network access ever happens."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.formats.hostile_files import SHELLS, XML_EXTENSIONS, junk_cases, xml_cases
from workbench.errors import WorkbenchError
from workbench.formats import read_bilingual
from workbench.formats.xmlsafe import check_xml
from workbench.glossary import read_termbase

CASES = [(ext, name) for ext in XML_EXTENSIONS for name in xml_cases(ext)] + [
    (ext, name) for ext in XML_EXTENSIONS for name in junk_cases()
]


def read(path: Path) -> object:
    return read_termbase(path) if path.suffix == ".tbx" else read_bilingual(path)


@pytest.mark.parametrize(("ext", "case"), CASES, ids=[f"{e}-{c}" for e, c in CASES])
def test_hostile_file_is_refused_fast_with_its_name(ext: str, case: str, tmp_path: Path) -> None:
    data = {**xml_cases(ext), **junk_cases()}[case]
    path = tmp_path / f"hostile-{case}{ext}"
    path.write_bytes(data)
    started = time.perf_counter()
    with pytest.raises(WorkbenchError) as info:
        read(path)
    elapsed = time.perf_counter() - started
    message = str(info.value)
    assert path.name in message
    assert "root:" not in message and "\n" not in message
    assert elapsed < 1.0, f"{case}: {elapsed:.3f} s"


@pytest.mark.parametrize("ext", XML_EXTENSIONS)
def test_oversized_file_is_refused_before_reading(ext: str, tmp_path: Path) -> None:
    path = tmp_path / f"big{ext}"
    with path.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    started = time.perf_counter()
    with pytest.raises(
        WorkbenchError, match=rf"big\{ext}: the file is 20 MB, over the 20 MB limit"
    ):
        read(path)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("ext", [".xlf", ".tmx"])
def test_xinclude_is_never_processed(ext: str, tmp_path: Path) -> None:
    _, shell = SHELLS[ext]
    include = (
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
        'parse="text"/>'
    )
    path = tmp_path / f"xinclude{ext}"
    path.write_text(shell.replace("TEXT", f"safe{include}"), encoding="utf-8")
    rows = read_bilingual(path)
    assert [(r.source, r.target) for r in rows] == [("safe", "safe")]


def test_standard_dtd_lines_are_allowed_but_never_loaded(tmp_path: Path) -> None:
    _, shell = SHELLS[".tmx"]
    path = tmp_path / "memory.tmx"
    path.write_text('<!DOCTYPE tmx SYSTEM "tmx14.dtd">' + shell.replace("TEXT", "ok"), "utf-8")
    assert read_bilingual(path)[0].target == "ok"
    # the same line is not allowed in XLIFF, which has no DTD
    with pytest.raises(WorkbenchError, match="refused"):
        check_xml(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd"><xliff/>', "a.xlf")


def test_the_sample_tbx_passes_the_gate() -> None:
    from tests.conftest import GLOSSARIES

    data = (GLOSSARIES / "media.tbx").read_bytes()
    assert check_xml(data, "media.tbx").startswith("<?xml")
