"""QA of bilingual files and stored documents, and references matched to documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import FormatError, LanguageError
from workbench.glossary.match import load_matcher
from workbench.model import Provenance, Status
from workbench.project import Project
from workbench.qa.base import QAError
from workbench.qa.review import (
    CURRENT,
    MACHINE,
    check_file,
    parse_reference,
    qa_file,
    reference_set,
)
from workbench.store import Store

CSV_TEXT = (
    "id,paragraph,source,target,status,origin,note\r\n"
    "1,1,Xinhua reported 35000 visitors.,新华新闻社报道有3万名访客。,draft,mt,\r\n"
    "2,1,The forum opened.,论坛开幕了。,translated,human,\r\n"
    "3,2,The forum opened.,论坛开幕。,translated,human,\r\n"
)


@pytest.fixture
def review_csv(tmp_path: Path) -> Path:
    path = tmp_path / "review.csv"
    path.write_text(CSV_TEXT, "utf-8")
    return path


def test_check_file_reads_a_bilingual_csv_and_detects_its_languages(review_csv: Path) -> None:
    found, result = check_file(review_csv)
    assert (found.name, found.src_lang, found.tgt_lang) == ("review.csv", "en", "zh")
    assert {(i.number, i.check) for i in result.issues} == {
        (1, "numbers"),
        (3, "consistency"),
    }


@pytest.mark.parametrize("name", ["media.tbx", "media.csv"])
def test_qa_file_with_a_glossary(review_csv: Path, name: str) -> None:
    report = qa_file(review_csv, terms=load_matcher(GLOSSARIES / name))
    assert ("glossary-forbidden", 1) in {(i.check, i.number) for i in report.checks.issues}
    assert report.effort is None and report.checks.glossary


@pytest.mark.parametrize(
    ("content", "name", "error", "message"),
    [
        (CSV_TEXT, "review.pdf", FormatError, "is not supported"),
        (
            "id,source,target\r\n1,12345,67890\r\n",
            "n.csv",
            LanguageError,
            r"cannot tell the source language of n\.csv \(too few letters\): pass --src-lang",
        ),
        ("id,source,target\r\n", "e.csv", QAError, "has no segments to check"),
        (
            "id,source,target\r\n1,Hello there.,Hi there.\r\n",
            "s.csv",
            QAError,
            "source and target are both 'en'",
        ),
    ],
)
def test_bad_bilingual_files_are_named(
    tmp_path: Path, content: str, name: str, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(error, match=message):
        check_file(path)


def test_languages_can_be_given(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("id,source,target\r\n1,12345,67890\r\n", "utf-8")
    found, result = check_file(path, src_lang="en", tgt_lang="ru")
    assert (found.src_lang, found.tgt_lang) == ("en", "ru")
    assert [i.check for i in result.issues] == ["numbers", "numbers"]
    with pytest.raises(QAError, match="no such file"):
        check_file(tmp_path / "missing.csv")


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Store, int]:
    store = Store(tmp_path / "wb.db")
    doc_id = Project(store).add_article(
        "P",
        "news",
        ["Xinhua reported. TASS agreed.", "The forum closed."],
        src_lang="en",
        tgt_lang="zh",
    )
    segs = store.load_document(doc_id).segments
    mt = Provenance.machine("marian", "opus-mt-en-zh")
    store.save_translations(
        (s.id or 0, t, Status.DRAFT, mt)
        for s, t in zip(segs, ["新华社报道。", "塔斯社同意", "论坛闭幕了。"], strict=True)
    )
    store.save_segment(
        segs[0].id or 0,
        "新华社报道了。",
        status=Status.TRANSLATED,
        provenance=Provenance.human("a"),
    )
    return store, doc_id


def test_qa_document_checks_and_measures_effort(stored: tuple[Store, int]) -> None:
    store, _ = stored
    project = Project(store)  # no glossary
    doc_id = project.document_id("P", "news")
    report = project.qa_document(doc_id)
    assert [(i.number, i.check) for i in report.checks.issues] == [(2, "punctuation")]
    assert report.effort is not None and [s.index for s in report.effort.segments] == [0]
    with pytest.raises(QAError):
        project.qa_document(doc_id, checks=["nope"])


def test_reference_by_segment_and_by_paragraph(stored: tuple[Store, int]) -> None:
    store, doc_id = stored
    doc = Project(store).load_document(doc_id, history=True)
    by_segment = reference_set(doc, ["新华社报道。", "塔斯社表示同意。", "论坛闭幕。"])
    assert by_segment.level == "segment" and by_segment.units == [0, 1, 2]
    assert by_segment.systems[CURRENT] == ["新华社报道了。", "塔斯社同意", "论坛闭幕了。"]
    assert by_segment.systems[MACHINE] == ["新华社报道。", "塔斯社同意", "论坛闭幕了。"]
    by_paragraph = reference_set(
        doc, ["新华社报道。塔斯社表示同意。", "论坛闭幕。"], extra={"other": ["甲", "乙"]}
    )
    assert by_paragraph.level == "paragraph"
    assert by_paragraph.systems[CURRENT] == ["新华社报道了。塔斯社同意", "论坛闭幕了。"]
    assert by_paragraph.systems["other"] == ["甲", "乙"]
    with pytest.raises(QAError, match="has 4 lines but 'news' has 3 segments and 2 paragraphs"):
        reference_set(doc, ["a", "b", "c", "d"])
    with pytest.raises(QAError, match="other has 1 lines but the reference has 2"):
        reference_set(doc, ["a", "b"], extra={"other": ["x"]})


def test_a_document_without_mt_has_only_the_current_system(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = Project(store).add_article("P", "n", ["One."], src_lang="en", tgt_lang="ru")
    refs = reference_set(Project(store).load_document(doc_id, history=True), ["Один."])
    assert list(refs.systems) == [CURRENT]


def test_parse_reference() -> None:
    assert parse_reference(b"\xef\xbb\xbfa\r\nb\n\n") == ["a", "b"]
    assert parse_reference("a\n\nb") == ["a", "", "b"]
    with pytest.raises(QAError, match=r"ref\.txt: not valid UTF-8"):
        parse_reference("я".encode("cp1251"), "ref.txt")
    with pytest.raises(QAError, match="is empty"):
        parse_reference("\n\n")
