"""The library API of ``workbench/__init__.py``: light to import, lazy names, in-memory uses.

The docstring of ``workbench`` shows each use as a doctest (run by ``make test``);
these tests cover what the doctests do not: the rules and errors of each function.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import workbench as wb
from tests.conftest import ROOT
from workbench.model import Provenance, Status

HEAVY = ("torch", "transformers", "streamlit", "sqlalchemy", "sacrebleu", "numpy")


class Echo(wb.Engine):
    """Returns each source as its translation, counting the texts it was given."""

    name = "echo"

    def __init__(self, src_lang: str, tgt_lang: str) -> None:
        super().__init__(src_lang, tgt_lang)
        self.seen: list[str] = []

    def _translate_batch(self, texts: list[str]) -> list[str]:
        self.seen.extend(texts)
        return [f"[{t}]" for t in texts]

    def _provenance(self) -> Provenance:
        return Provenance.machine(self.name, "none")


def _probe(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_and_every_public_name_load_nothing_heavy() -> None:
    loaded = _probe(
        "import sys, workbench as wb\n"
        "for name in wb.__all__: getattr(wb, name)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == "[]"


def test_workbench_segment_starts_in_well_under_a_second(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("workbench")
    assert script.is_file(), "the console script comes with the package install"
    started = time.monotonic()
    done = subprocess.run(
        [str(script), "segment", "--lang", "en", "-"],
        input="One. Two.\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout == "One.\nTwo.\n\n"
    # typically ~0.3 s; the bound leaves room for a loaded machine
    assert elapsed < 1.5, f"workbench segment took {elapsed:.2f} s"


def test_every_name_in_all_resolves_and_unknown_names_fail() -> None:
    for name in wb.__all__:
        assert getattr(wb, name) is not None
    assert set(wb.__all__) <= set(dir(wb))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        wb.nothing_here  # noqa: B018


def test_importing_subpackages_does_not_replace_api_functions() -> None:
    import workbench.align
    import workbench.segment  # noqa: F401

    assert callable(wb.segment_text) and callable(wb.align_translation)
    assert wb.segment_text("One. Two.", "en") == ["One.", "Two."]


def test_segment_text_skips_blank_lines_and_keeps_paragraph_order() -> None:
    assert wb.segment_text("  \nДа. Нет.\n\nА. С. Пушкин пришёл.", "ru") == [
        "Да.",
        "Нет.",
        "А. С. Пушкин пришёл.",
    ]


def test_translate_skips_confirmed_and_kept_targets_unless_overwrite() -> None:
    doc = wb.new_document("d", "en", "zh", ["One. Two. Three."])
    doc.segments[0].set_target("一。", Provenance.human("anna"), Status.TRANSLATED)
    doc.segments[1].set_target("二。", Provenance.human("anna"))
    engine = Echo("en", "zh")
    assert wb.translate(doc, engine) == 1
    assert engine.seen == ["Three."]
    assert [s.target for s in doc.segments] == ["一。", "二。", "[Three.]"]
    assert doc.segments[2].status is Status.DRAFT
    assert doc.segments[2].provenance.engine == "echo"
    assert wb.translate(doc, engine, overwrite=True) == 2
    assert [s.target for s in doc.segments] == ["一。", "[Two.]", "[Three.]"]
    # the replaced draft is kept in the segment's history
    assert doc.segments[1].history[-1].target == "二。"


def test_translate_refuses_an_engine_of_another_direction() -> None:
    doc = wb.new_document("d", "en", "zh", ["One."])
    with pytest.raises(wb.WorkbenchError, match="en->ru but the document 'd' is en->zh"):
        wb.translate(doc, Echo("en", "ru"))
    assert doc.segments[0].target == ""


def test_read_and_write_document_round_trip_a_text_file(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("First one. Second one.\n\nThird.\n", "utf-8")
    doc = wb.read_document(src, "en", "ru")
    assert doc.name == "a.txt" and len(doc.paragraphs) == 2 and len(doc.segments) == 3
    wb.translate(doc, Echo("en", "ru"))
    doc.segments[0].set_target("Первое.", Provenance.human(), Status.TRANSLATED)
    out = tmp_path / "a.ru.txt"
    wb.write_document(doc, out, scope="confirmed")
    assert out.read_text("utf-8").split() == ["Первое."]


def test_check_a_document_uses_its_languages() -> None:
    doc = wb.new_document("d", "en", "ru", ["Moscow, 18 May."])
    doc.segments[0].set_target("Москва, 19 мая.", Provenance.human())
    result = wb.check(doc, checks=["numbers"])
    assert (result.src_lang, result.tgt_lang, result.checks) == ("en", "ru", ("numbers",))
    assert [i.segment for i in result.issues] == [0, 0]
    assert not result.glossary


def test_check_pairs_needs_the_languages() -> None:
    with pytest.raises(wb.WorkbenchError, match="give src_lang and tgt_lang"):
        wb.check([("One.", "Один.")])


def test_load_termbase_reads_a_given_file_or_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text("en,zh,ru\nnews agency,通讯社,информационное агентство\n", "utf-8")
    (concept,) = wb.load_termbase(path).concepts
    term = concept.preferred("zh")
    assert term is not None and term.text == "通讯社"
    shipped = wb.load_termbase()
    assert len(shipped.concepts) == len(wb.load_termbase(wb.shipped_glossary("csv")).concepts)


def test_translation_memories_are_separate() -> None:
    first, second = wb.translation_memory(), wb.translation_memory()
    first.add([("Xinhua reported.", "新华社报道。")], src_lang="en", tgt_lang="zh", origin="t")
    assert [m.kind for m in first.lookup("Xinhua reported.", "en", "zh")] == ["exact"]
    assert second.lookup("Xinhua reported.", "en", "zh") == []


def test_score_names_mismatched_lines() -> None:
    with pytest.raises(wb.WorkbenchError):
        wb.score(["one", "two"], ["one"], "en")
