"""The bilingual review table (.review.docx): the shared bilingual suite plus Word details."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.suite import MIXED, NEWS_EN_ZH, BilingualSuite
from workbench.errors import FormatError
from workbench.formats import get_format, read_bilingual
from workbench.model import Status

docx = pytest.importorskip("docx")


class TestReviewTable(BilingualSuite):
    format_name = "review"
    keeps_styles = False


def test_table_has_headings_with_languages(tmp_path: Path) -> None:
    path = tmp_path / "news.review.docx"
    get_format("review").write_document(NEWS_EN_ZH, path)
    table = docx.Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "#", "¶", "Source (en-US)", "Target (zh-CN)", "Status", "Note"
    ]  # fmt: skip
    assert [c.text for c in table.rows[2].cells][:5] == [
        "2", "2", "Rain fell all night.", "大雨下了一整夜。", "translated"
    ]  # fmt: skip


def test_reviewer_edits_come_back(tmp_path: Path) -> None:
    path = tmp_path / "mixed.review.docx"
    get_format("review").write_document(MIXED, path)
    document = docx.Document(str(path))
    row = document.tables[0].rows[3].cells
    row[3].text = "Два (исправлено)."
    row[4].text = "Reviewed"
    row[5].text = "поправил"
    document.save(str(path))
    got = read_bilingual(path)[2]
    assert (got.target, got.status, got.note) == ("Два (исправлено).", Status.REVIEWED, "поправил")


def test_unknown_status_names_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.review.docx"
    get_format("review").write_document(MIXED, path)
    document = docx.Document(str(path))
    document.tables[0].rows[2].cells[4].text = "done"
    document.save(str(path))
    with pytest.raises(FormatError, match=r"bad\.review\.docx, table row 3: unknown status 'done'"):
        read_bilingual(path)


def test_a_word_article_is_not_a_review_table(tmp_path: Path) -> None:
    path = tmp_path / "article.review.docx"
    get_format("docx").write_document(NEWS_EN_ZH, path)
    with pytest.raises(FormatError, match=r"article\.review\.docx: no review table found"):
        read_bilingual(path)
