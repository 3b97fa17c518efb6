"""Bilingual CSV: export columns, statuses, scope, quoting; reading a reviewed file back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import workbench.formats as formats
from tests.formats.suite import ESCAPES, MIXED, NEWS_EN_ZH, BilingualSuite, T, build
from workbench.errors import FormatError
from workbench.formats import BilingualRow, get_format
from workbench.formats.csv import COLUMNS, protect_formula, unprotect_formula
from workbench.model import Document, Origin, Status


def export(doc: Document, tmp_path: Path, scope: str = "all") -> tuple[bytes, list[dict[str, str]]]:
    path = tmp_path / "out.csv"
    formats.write_document(doc, path, scope=scope)
    data = path.read_bytes()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return data, list(csv.DictReader(fh))


def test_declarations() -> None:
    fmt = get_format("csv")
    assert (fmt.can_read, fmt.can_write, fmt.can_read_bilingual) == (False, True, True)
    assert formats.format_for_path("Review.CSV").name == "csv"


def test_columns_bom_and_line_ends(tmp_path: Path) -> None:
    data, rows = export(NEWS_EN_ZH, tmp_path)
    assert data.startswith(b"\xef\xbb\xbfid,paragraph,source,target,status,origin,note\r\n")
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(NEWS_EN_ZH.segments)
    assert rows[1] == {
        "id": "2",
        "paragraph": "2",
        "source": "Rain fell all night.",
        "target": "大雨下了一整夜。",
        "status": "translated",
        "origin": "human",
        "note": "",
    }


@pytest.mark.parametrize(
    ("scope", "targets"),
    [
        ("all", ["Заголовок", "Один.", "Два.", "", "Черновик.", "Отклонено.", "Одобрено."]),
        ("confirmed", ["Заголовок", "Один.", "", "", "", "", "Одобрено."]),
    ],
)
def test_scope_empties_unconfirmed_targets(scope: str, targets: list[str], tmp_path: Path) -> None:
    _, rows = export(MIXED, tmp_path, scope)
    assert [r["target"] for r in rows] == targets
    assert [r["source"] for r in rows] == [s.source for s in MIXED.segments]
    assert [r["status"] for r in rows] == [
        "translated",
        "translated",
        "draft",
        "new",
        "draft",
        "rejected",
        "approved",
    ]
    assert [r["origin"] for r in rows] == ["human", "human", "mt", "none", "mt", "mt", "human"]
    assert [r["paragraph"] for r in rows] == ["1", "2", "2", "2", "3", "4", "4"]


def test_unknown_scope_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        FormatError, match=r"unknown export scope 'draft': choose one of 'all', 'confirmed'"
    ):
        formats.write_document(MIXED, tmp_path / "x.csv", scope="draft")
    assert not (tmp_path / "x.csv").exists()


def test_quoting_keeps_commas_quotes_and_newlines(tmp_path: Path) -> None:
    doc = build(
        "en",
        "ru",
        [
            (
                "p",
                [
                    ('He said, "yes"', 'Он сказал: «да», "ок"', T),
                    ("Two\nlines", "Две\r\nстроки", T),
                ],
            )
        ],
    )
    doc.segments[0].note = "check, please"
    _, rows = export(doc, tmp_path)
    assert [(r["source"], r["target"], r["note"]) for r in rows] == [
        ('He said, "yes"', 'Он сказал: «да», "ок"', "check, please"),
        ("Two\nlines", "Две\r\nстроки", ""),
    ]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+7 495", "'+7 495"),
        ("-5 °C", "'-5 °C"),
        ("@user", "'@user"),
        ("\tTab", "'\tTab"),
        ("'=quoted", "''=quoted"),
        ("'plain", "'plain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_formula_like_cells_are_protected_and_restored(text: str, written: str) -> None:
    assert protect_formula(text) == written
    assert unprotect_formula(written) == text


def test_export_then_read_bilingual_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "review.csv"
    formats.write_document(ESCAPES, path)
    formats.write_document(MIXED, tmp_path / "mixed.csv")
    rows = formats.read_bilingual(path)
    assert [(r.index, r.paragraph, r.source, r.target, r.status) for r in rows] == [
        (s.index, s.paragraph, s.source, s.target, s.status) for s in ESCAPES.segments
    ]
    mixed = formats.read_bilingual(tmp_path / "mixed.csv")
    assert [r.origin for r in mixed] == [s.provenance.origin for s in MIXED.segments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no BOM, only the two required columns, in another order, with a blank row
        (
            "target,source\n你好,Hello\n\n,Bye\n",
            [
                BilingualRow(0, "Hello", "你好", Status.DRAFT),
                BilingualRow(1, "Bye", "", Status.NEW),
            ],
        ),
        # BOM, upper-case header and status, CRLF
        (
            "\ufeffID,Source,Target,Status,Origin\r\n7,A,Б,Reviewed,HUMAN\r\n",
            [BilingualRow(6, "A", "Б", Status.REVIEWED, origin=Origin.HUMAN)],
        ),
        # short rows are padded
        ("source,target,note\nOnly source\n", [BilingualRow(0, "Only source", "", Status.NEW)]),
    ],
)
def test_read_bilingual_accepts_hand_made_files(
    text: str, expected: list[BilingualRow], tmp_path: Path
) -> None:
    path = tmp_path / "hand.csv"
    path.write_bytes(text.encode())
    assert get_format("csv").read_bilingual(path) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"hand\.csv: the file is empty"),
        (b"\xef\xbb\xbf", r"hand\.csv: the file is empty"),
        (b"id,text\n1,a\n", r"hand\.csv: the header row lacks the column\(s\) source, target"),
        (b"source,target,status\na,b,done\n", r"hand\.csv, line 2: unknown status 'done'; use one"),
        (b"source,target,origin\na,b,robot\n", r"hand\.csv, line 2: unknown origin 'robot'"),
        (b"id,source,target\nx,a,b\n", r"hand\.csv, line 2: the id column holds 'x'"),
        (b"id,source,target\n0,a,b\n", r"hand\.csv, line 2: the id column holds '0'"),
        ("source,target\nа,б\n".encode("cp1251"), r"hand\.csv: not valid UTF-8 at byte offset 14"),
        (b"source,target\na,\x00b\n", r"hand\.csv: binary data"),
    ],
)
def test_read_bilingual_errors_name_file_and_line(
    data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "hand.csv"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message):
        formats.read_bilingual(path)


def test_read_bilingual_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    formats.write_document(NEWS_EN_ZH, path)
    with pytest.raises(FormatError, match=r"big\.csv: the file is .* limit"):
        formats.read_bilingual(path, max_bytes=100)


def test_csv_is_not_an_article_format(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    formats.write_document(NEWS_EN_ZH, path)
    message = r"out\.csv: Bilingual CSV files \(\.csv\) cannot be imported as articles; use one of"
    articles = r"\.docx, \.htm, \.html, \.markdown, \.md, \.txt, \.xhtml$"
    with pytest.raises(FormatError, match=rf"{message} {articles}"):
        formats.read_article(path)
    with pytest.raises(FormatError, match=r"csv format \(\.csv\) cannot be imported as an article"):
        get_format("csv").read_article(path)


def test_parse_bilingual_from_memory() -> None:
    data = io.BytesIO("source,target,status\nA,Б,approved\n".encode()).getvalue()
    rows = get_format("csv").parse_bilingual(data, "upload.csv")
    assert rows == [BilingualRow(0, "A", "Б", Status.APPROVED)]


class TestCsvBilingual(BilingualSuite):
    format_name = "csv"
    keeps_styles = False
    keeps_languages = False


class TestTsvBilingual(BilingualSuite):
    format_name = "tsv"
    keeps_styles = False
    keeps_languages = False


def test_tsv_is_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "job.tsv"
    formats.write_document(NEWS_EN_ZH, path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "\t".join(COLUMNS)
    assert lines[1].split("\t")[2:5] == ["Floods hit the south", "洪水袭击南方", "translated"]
