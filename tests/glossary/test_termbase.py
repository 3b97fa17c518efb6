"""Termbases: the model, TBX and CSV read and written, the shipped glossary, translate-toolkit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import GlossaryError
from workbench.glossary import (
    Concept,
    Term,
    Termbase,
    TermStatus,
    parse_termbase,
    read_termbase,
    write_termbase,
)
from workbench.glossary.tbx import parse_tbx, render_tbx

P, A, F = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN

SAMPLE = Termbase(
    [
        Concept(
            "xinhua",
            [
                Term("Xinhua News Agency", "en", P, "properNoun"),
                Term("New China News Agency", "en", F, "properNoun"),
                Term("新华社", "zh", P, "properNoun"),
                Term("新华通讯社", "zh", A, "properNoun"),
                Term("新华新闻社", "zh", F, "properNoun"),
                Term("агентство Синьхуа", "ru", P, "properNoun"),
                Term("Синхуа", "ru", F, "properNoun"),
            ],
            note="State agency; «Синьхуа» is indeclinable & takes no <quotes>.\nSecond line.",
            subject="journalism",
        ),
        Concept("think-tank", [Term("think tank", "en", P, "noun"), Term("智库", "zh", P, "noun")]),
    ],
    title="Test «glossary» & <more>",
)


def test_model_lookups() -> None:
    concept = SAMPLE.concepts[0]
    assert concept.preferred("zh") == Term("新华社", "zh", P, "properNoun")
    assert [t.text for t in concept.forbidden("ru")] == ["Синхуа"]
    assert concept.preferred("de") is None
    assert SAMPLE.languages == ["en", "ru", "zh"]
    only_admitted = Concept("x", [Term("a", "en", A), Term("b", "en", F)])
    assert only_admitted.preferred("en") == Term("a", "en", A)


@pytest.mark.parametrize("suffix", [".tbx", ".csv"])
def test_write_then_read_keeps_every_term(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"glossary{suffix}"
    write_termbase(SAMPLE, path)
    back = read_termbase(path)
    assert back.concepts == SAMPLE.concepts
    if suffix == ".tbx":
        assert back.title == SAMPLE.title


def test_shipped_tbx_and_csv_hold_the_same_55_concepts() -> None:
    tbx = read_termbase(GLOSSARIES / "media.tbx")
    csv = read_termbase(GLOSSARIES / "media.csv")
    assert len(tbx.concepts) == len(csv.concepts) == 55
    for a, b in zip(tbx.concepts, csv.concepts, strict=True):
        assert a.id == b.id and a.note == b.note
        assert {(t.text, t.lang, t.status) for t in a.terms} == {
            (t.text, t.lang, t.status) for t in b.terms
        }
    xinhua = next(c for c in tbx.concepts if c.id == "xinhua-news-agency")
    assert xinhua.preferred("ru") == Term("агентство Синьхуа", "ru", P, "properNoun")
    assert {t.text for t in xinhua.forbidden("ru")} == {"Синхуа", "агентство Новый Китай"}
    assert xinhua.subject == "journalism"


def test_shipped_csv_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    original = GLOSSARIES / "media.csv"
    path = tmp_path / "media.csv"
    write_termbase(read_termbase(original), path)
    assert path.read_bytes().replace(b"\r\n", b"\n") == original.read_bytes()


def test_translate_toolkit_reads_the_written_tbx() -> None:
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(render_tbx(SAMPLE))
    assert [u.getid() for u in store.units] == ["xinhua", "think-tank"]
    assert store.units[0].source == "Xinhua News Agency"


def test_tbx_v3_is_read() -> None:
    text = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><titleStmt><title>v3</title></titleStmt></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>press conference</term>
        <termNote type="partOfSpeech">noun</termNote>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="zh-CN"><termSec><term>记者会</term>
        <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
        <termSec><term>新闻发布会</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    termbase = parse_tbx(text.encode(), "v3.tbx")
    assert termbase.title == "v3"
    assert termbase.concepts == [
        Concept(
            "c1",
            [
                Term("press conference", "en", P, "noun"),
                Term("记者会", "zh", F),
                Term("新闻发布会", "zh", P),
            ],
        )
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("g.tbx", b"<html/>", r"g\.tbx: not a TBX file: its root element is <html>"),
        ("g.tbx", b"", r"g\.tbx: the file is empty"),
        ("g.csv", b" \r\n", r"g\.csv: the file is empty"),
        (
            "g.tbx",
            b'<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>',
            r"g\.tbx: refused",
        ),
        ("g.csv", b"term,meaning\na,b\n", r"g\.csv: no language column"),
        ("g.csv", "en,ru\nа,б\n".encode("cp1251"), r"g\.csv: not valid UTF-8"),
        ("g.csv", b'en,zh\n"broken,x\n', r"g\.csv: broken CSV at line \d"),
        ("g.txt", b"x", r"g\.txt: a glossary is a \.tbx or \.csv file"),
    ],
)
def test_bad_glossaries_are_named(name: str, data: bytes, message: str, tmp_path: Path) -> None:
    # one error class for every glossary problem, so that every caller catches one
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(GlossaryError, match=message):
        read_termbase(path)
    with pytest.raises(GlossaryError, match=message):
        parse_termbase(data, name)


def test_a_missing_or_oversized_glossary_is_named(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"nope\.tbx: no such glossary; check the path"):
        read_termbase(tmp_path / "nope.tbx")
    big = tmp_path / "big.csv"
    big.write_bytes(b"en\n" + b"term\n" * 100)
    with pytest.raises(GlossaryError, match=r"big\.csv: the file is .* over the .* limit"):
        read_termbase(big, max_bytes=100)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("term,meaning", r"no language column in the header row term,meaning"),
        ("en,zh,forbiden_ru", r"unknown column 'forbiden_ru' in the header row"),
        ("en,zh,source,target", r"unknown columns 'source', 'target'"),
        ("en,EN ,zh", r"the column en appears twice"),
    ],
)
def test_the_header_rule_names_the_file_and_the_valid_columns(header: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as caught:
        parse_termbase(f"{header}\nTASS,塔斯社,x\n".encode(), "terms.csv")
    text = str(caught.value)
    assert text.startswith("terms.csv: ")
    if "twice" not in text:
        assert "at least one of en, zh, ru" in text and "forbidden_ru" in text


def test_header_names_in_any_case_and_spacing_and_blank_columns() -> None:
    data = "\ufeff EN ,Zh,RU,Note,FORBIDDEN_ru,\n,,,just a note,,\nTASS,塔斯社,ТАСС,,Тасс,\n"
    termbase = parse_termbase(data.encode(), "g.csv")
    (concept,) = termbase.concepts  # the row without terms is skipped, the BOM dropped
    assert concept.id == "tass"
    assert [(t.text, t.lang, t.status) for t in concept.terms] == [
        ("TASS", "en", P),
        ("塔斯社", "zh", P),
        ("ТАСС", "ru", P),
        ("Тасс", "ru", F),
    ]


def test_synonyms_split_in_csv_stay_separate_terms_in_tbx_and_join_back(tmp_path: Path) -> None:
    data = (
        "en,zh,ru,note,forbidden_en,admitted_zh\n"
        "Xinhua|Xinhua News Agency,新华社,агентство Синьхуа| Синьхуа ,,New China News Agency|NCNA,"
        "新华通讯社\n"
    ).encode()
    termbase = parse_termbase(data, "g.csv")
    (concept,) = termbase.concepts
    assert [t.text for t in concept.terms_in("en") if t.status is P] == [
        "Xinhua",
        "Xinhua News Agency",
    ]
    assert concept.preferred("en") == Term("Xinhua", "en", P)  # the first is the one MT uses
    assert [t.text for t in concept.forbidden("en")] == ["New China News Agency", "NCNA"]
    assert [t.text for t in concept.approved("ru")] == ["агентство Синьхуа", "Синьхуа"]
    assert [t.text for t in concept.approved("zh")] == ["新华社", "新华通讯社"]
    write_termbase(termbase, tmp_path / "g.tbx")
    tbx_text = (tmp_path / "g.tbx").read_text("utf-8")
    assert "<term>Xinhua</term>" in tbx_text and "<term>Xinhua News Agency</term>" in tbx_text
    assert read_termbase(tmp_path / "g.tbx").concepts == termbase.concepts
    write_termbase(read_termbase(tmp_path / "g.tbx"), tmp_path / "back.csv")
    lines = (tmp_path / "back.csv").read_text("utf-8").splitlines()
    assert lines[1].startswith("Xinhua|Xinhua News Agency,新华社,агентство Синьхуа|Синьхуа,")
    assert read_termbase(tmp_path / "back.csv").concepts == termbase.concepts


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (Term("Pressekonferenz", "de"), r"columns for en, zh, ru only.*'de' term"),
        (Term("A|B", "en"), r"the term 'A\|B' .* has a '\|'"),
    ],
)
def test_a_termbase_the_csv_cannot_hold_is_refused(
    term: Term, message: str, tmp_path: Path
) -> None:
    termbase = Termbase([Concept("c", [Term("press conference", "en"), term])])
    with pytest.raises(GlossaryError, match=message):
        write_termbase(termbase, tmp_path / "g.csv")
    assert not (tmp_path / "g.csv").exists()
    write_termbase(termbase, tmp_path / "g.tbx")  # TBX holds it
    assert read_termbase(tmp_path / "g.tbx").concepts == termbase.concepts


def test_writing_to_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"written as \.tbx or \.csv"):
        write_termbase(SAMPLE, tmp_path / "g.xlsx")


def test_tbx_ids_are_made_valid_and_unique() -> None:
    termbase = Termbase(
        [Concept("1 bad id", [Term("a", "en")]), Concept("1 bad id", [Term("b", "en")])]
    )
    data = render_tbx(termbase).decode()
    assert 'id="c-1-bad-id"' in data and 'id="c-1-bad-id-2"' in data


@pytest.mark.parametrize("name", ["media.tbx", "media.csv"])
def test_shipped_glossary_round_trips_through_tbx(name: str, tmp_path: Path) -> None:
    from translate.storage import tbx

    original = read_termbase(GLOSSARIES / name)
    path = tmp_path / "out.tbx"
    write_termbase(original, path)
    back = read_termbase(path)
    assert back.concepts == original.concepts
    write_termbase(back, tmp_path / "again.tbx")
    assert (tmp_path / "again.tbx").read_bytes() == path.read_bytes()
    store = tbx.tbxfile.parsestring(path.read_bytes())
    assert [u.getid() for u in store.units] == [c.id for c in original.concepts]
    assert [u.source for u in store.units] == [c.terms_in("en")[0].text for c in original.concepts]
