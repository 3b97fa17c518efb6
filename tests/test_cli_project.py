"""The CLI over the one Project: the project glossary by default, the same engine stack
for translate and pretranslate (issue 11).  Real store, real fixture model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.glossary import Concept, Term, Termbase, write_termbase
from workbench.model import Origin
from workbench.project import Project

APPROVED = "新华通讯社"


@pytest.fixture
def glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "project.tbx"
    write_termbase(
        Termbase([Concept("xinhua", [Term("Xinhua", "en"), Term(APPROVED, "zh")])]), path
    )
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(path))
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "wb.db"))
    return path


def _doc(tmp_path: Path, name: str, lines: list[str]) -> int:
    return Project(tmp_path / "wb.db").add_article("P", name, lines, src_lang="en", tgt_lang="zh")


def _targets(tmp_path: Path, doc: int) -> list[str]:
    return [s.target for s in Project(tmp_path / "wb.db").load_document(doc).segments]


def test_terms_reads_the_project_glossary_by_default(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "in.txt"
    text.write_text("Xinhua and TASS reported.\n", encoding="utf-8")
    assert main(["terms", "--lang", "en", str(text)]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(h["concept"], h["term"]) for h in hits] == [("xinhua", "Xinhua")]  # not TASS


def test_translate_a_document_enforces_the_project_glossary_unless_told_not_to(
    glossary: Path, tmp_path: Path, fixture_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc(tmp_path, "a", ["Xinhua reported on Monday."])
    args = ["translate", "--project", "P", "--document", "a", "--model", str(fixture_model)]
    assert main([*args, "--backend", "transformers"]) == 0
    assert "translated 1 segment(s)" in capsys.readouterr().out
    (target,) = _targets(tmp_path, doc)
    assert APPROVED in target
    assert main([*args, "--backend", "transformers", "--overwrite", "--no-glossary"]) == 0
    assert _targets(tmp_path, doc) == ["新华社周一报道。"]


def test_pretranslate_uses_the_glossary_and_the_mt_cache(
    glossary: Path, tmp_path: Path, fixture_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _doc(tmp_path, "a", ["Xinhua reported on Monday."])
    args = ["--model", str(fixture_model), "--backend", "transformers", "--threshold", "101"]
    assert main(["pretranslate", "--project", "P", "--document", "a", *args]) == 0
    assert "1 by MT" in capsys.readouterr().out
    assert APPROVED in _targets(tmp_path, first)[0]
    # the same sentence in another document comes from the MT cache (same glossary version)
    second = _doc(tmp_path, "b", ["Xinhua reported on Monday.", "Xinhua stated on Friday."])
    project = Project(tmp_path / "wb.db")
    size = project.store.mt_cache.size()
    assert main(["pretranslate", "--project", "P", "--document", "b", *args]) == 0
    assert project.store.mt_cache.size() == size + 1  # only the new sentence was translated
    segs = project.load_document(second).segments
    assert all(APPROVED in s.target and s.provenance.origin is Origin.MT for s in segs)
    assert segs[0].target == _targets(tmp_path, first)[0]
