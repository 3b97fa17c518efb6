"""The Translate page through AppTest: the project's engine stack, glossary enforced by default.

The real app (app.py and its navigation) on a real store, the locally trained
Marian fixture model through the real engine selection, and the project glossary
as a TBX file that says 新华通讯社 where the model says 新华社 (issue 11).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from workbench.glossary import Concept, Term, Termbase, write_termbase
from workbench.model import Origin
from workbench.project import Project

APP = str(ROOT / "app.py")
APPROVED = "新华通讯社"
LINES = ["Xinhua reported on Monday.", "ITAR-TASS confirmed on Tuesday."]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    # the sample project the app makes on first run: the fixture's own sentences
    (corpora / "media-forum.en.txt").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    glossary = tmp_path / "glossary.tbx"
    write_termbase(
        Termbase([Concept("xinhua", [Term("Xinhua", "en"), Term(APPROVED, "zh")])]), glossary
    )
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "wb.db"))
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("WORKBENCH_CORPORA", str(corpora))
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(glossary))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    return Project(tmp_path / "wb.db", glossary=glossary)


def _translate_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/translate.py").run()
    assert not at.exception, at.exception
    return at


def _targets(project: Project) -> list[str]:
    info = project.documents(project.projects()[0].id)[0]
    assert info.tgt_lang == "zh"
    return [s.target for s in project.load_document(info.id).segments]


def test_translate_page_enforces_the_project_glossary(
    project: Project, fixture_model: Path
) -> None:
    at = _translate_page()
    assert at.toggle(key="enforce_glossary").value is True  # on by default
    at.text_input(key="translate_model").input(str(fixture_model))
    at.button(key="translate_run").click().run()
    assert not at.exception, at.exception
    assert "with the project glossary enforced" in at.success[0].value
    first, second = _targets(project)
    assert APPROVED in first and second == "塔斯社周二证实。"
    info = project.documents(project.projects()[0].id)[0]
    seg = project.load_document(info.id).segments[0]
    assert seg.provenance.origin is Origin.MT
    assert [t["concept"] for t in seg.provenance.settings["terms"]] == ["xinhua"]

    # switched off (and replacing the drafts): the model's own words come back
    at.toggle(key="enforce_glossary").set_value(False)
    at.checkbox(key="translate_overwrite").check().run()
    at.button(key="translate_run").click().run()
    assert not at.exception, at.exception
    assert "glossary" not in at.success[0].value
    assert _targets(project) == ["新华社周一报道。", "塔斯社周二证实。"]
