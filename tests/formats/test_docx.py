"""DOCX: the shared suite plus Word styles, damaged files and zip bombs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.formats.suite import NEWS_EN_ZH, NEWS_ZH_RU, FormatSuite, T, build
from workbench.errors import FormatError
from workbench.formats import get_format

docx = pytest.importorskip("docx")


class TestDocx(FormatSuite):
    format_name = "docx"


def read(path: Path) -> list[tuple[str, str]]:
    return [(p.style, p.source) for p in get_format("docx").read_article(path)]


def test_word_styles_map_to_paragraph_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The Title", style="Title")
    document.add_heading("Level one", level=1)
    document.add_heading("Level three", level=3)
    document.add_heading("Level eight", level=8)
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("Bullet", style="List Bullet")
    document.add_paragraph("Numbered", style="List Number")
    document.add_paragraph("Listed", style="List Paragraph")
    para = document.add_paragraph("Soft")
    para.add_run().add_break()
    para.add_run("break\tand tab")
    document.add_paragraph("中文第一行").add_run().add_break()
    document.paragraphs[-1].add_run("第二行")
    document.add_paragraph("Quote", style="Quote")
    path = tmp_path / "styles.docx"
    document.save(str(path))
    assert read(path) == [
        ("h1", "The Title"),
        ("h1", "Level one"),
        ("h3", "Level three"),
        ("h6", "Level eight"),
        ("li", "Bullet"),
        ("li", "Numbered"),
        ("li", "Listed"),
        ("p", "Soft break and tab"),
        ("p", "中文第一行第二行"),
        ("p", "Quote"),
    ]


def test_directly_numbered_paragraph_is_a_list_item(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    document = docx.Document()
    para = document.add_paragraph("Numbered by hand")
    num_pr = OxmlElement("w:numPr")
    para._p.get_or_add_pPr().append(num_pr)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert read(path) == [("li", "Numbered by hand")]


@pytest.mark.parametrize(
    ("tgt", "lang"), [("zh", 'w:val="zh-CN" w:eastAsia="zh-CN"'), ("ru", 'w:val="ru-RU"')]
)
def test_export_sets_the_target_language(tgt: str, lang: str, tmp_path: Path) -> None:
    doc = build("en", tgt, [("p", [("Hello.", "Привет." if tgt == "ru" else "你好。", T)])])
    path = tmp_path / "lang.docx"
    get_format("docx").write_document(doc, path)
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert lang in styles
    assert docx.Document(str(path)).core_properties.language == lang.split('"')[1]


def test_export_uses_word_heading_and_list_styles(tmp_path: Path) -> None:
    path = tmp_path / "news.docx"
    get_format("docx").write_document(NEWS_EN_ZH, path)
    styles = [p.style.name for p in docx.Document(str(path)).paragraphs]
    assert styles == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Heading 2", "Normal"]


def test_export_drops_characters_xml_forbids(tmp_path: Path) -> None:
    doc = build("en", "en", [("p", [("A.", "bell\x07 and form\x0cfeed\x00", T)])])
    path = tmp_path / "ctrl.docx"
    get_format("docx").write_document(doc, path)
    assert read(path) == [("p", "bell and form feed")]


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"just some text, not a zip", "not a valid DOCX \\(Word\\) file \\(not a ZIP archive"),
        ("中文文本".encode(), "not a valid DOCX \\(Word\\) file"),
        (b"PK\x03\x04" + b"\x00" * 40, "not a valid DOCX \\(Word\\) file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Word 97-2003 \\(.doc\\)"),
        (
            _zip({"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}),
            "no word/document.xml",
        ),
        (
            _zip({"word/document.xml": b"<not-closed", "[Content_Types].xml": b"<Types/>"}),
            "not a valid DOCX \\(Word\\) file",
        ),
    ],
    ids=["text", "chinese-text", "truncated-zip", "ole-doc", "xlsx", "broken-xml"],
)
def test_corrupt_docx_is_named(data: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=rf"broken\.docx: .*{expected}.*"):
        get_format("docx").read_article(path)


def test_truncated_real_docx_is_named(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    get_format("docx").write_document(NEWS_ZH_RU, good)
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FormatError, match=r"cut\.docx: not a valid DOCX \(Word\) file"):
        get_format("docx").read_article(path)


def test_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    get_format("docx").write_document(NEWS_ZH_RU, good)
    with zipfile.ZipFile(good) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["word/media/padding.bin"] = b"\x00" * (4 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip(entries))
    size = path.stat().st_size
    assert size < 200 * 1024
    fmt = get_format("docx", max_bytes=256 * 1024)
    message = r"bomb\.docx: the DOCX archive unpacks to 4\.\d MB, over the 2\.5 MB limit"
    with pytest.raises(FormatError, match=message):
        fmt.read_article(path)
    assert get_format("docx").read_article(path)


def test_importing_docx_module_does_not_import_python_docx() -> None:
    import subprocess
    import sys

    code = (
        "import sys, workbench.formats as f\n"
        "f.format_for_path('a.docx'); f.supported_extensions()\n"
        "assert 'docx' not in sys.modules, 'python-docx imported too early'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("part", "doctype"),
    [
        ("word/document.xml", '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
        ("word/styles.xml", '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'),
        ("[Content_Types].xml", '<!DOCTYPE Types SYSTEM "http://127.0.0.1:9/evil.dtd">'),
    ],
)
def test_xml_parts_with_doctype_are_refused(part: str, doctype: str, tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    get_format("docx").write_document(NEWS_ZH_RU, good)
    with zipfile.ZipFile(good) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    xml = entries[part].decode()
    head, _, body = xml.partition("?>")
    entries[part] = (head + "?>" + doctype + body).encode()
    path = tmp_path / "xxe.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(FormatError, match=rf"xxe\.docx: refused: the DOCX part {re.escape(part)}"):
        get_format("docx").read_article(path)
