"""The application object: one engine stack, one glossary, one store (issue 11).

Real parts throughout: a SQLite store in a temporary folder, the project glossary
as a TBX file, and the locally trained Marian fixture model through the real
engine selection (transformers), wrapped by the project's enforcement and cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.rule_engine import RuleEngine
from workbench.engines.base import Engine
from workbench.engines.cache import CachedEngine
from workbench.errors import ConflictError, WorkbenchError
from workbench.glossary import Concept, Term, Termbase, TermStatus, write_termbase
from workbench.glossary.enforce import TermEnforcingEngine
from workbench.model import Origin, Status
from workbench.project import EngineSpec, Project

#: the fixture model says 新华社 for Xinhua; the project glossary wants the full name
APPROVED = "新华通讯社"


def _glossary(path: Path, zh: str = APPROVED, forbidden: str = "") -> Path:
    terms = [Term("Xinhua", "en"), Term(zh, "zh"), Term("Синьхуа", "ru")]
    if forbidden:
        terms.append(Term(forbidden, "zh", TermStatus.FORBIDDEN))
    write_termbase(Termbase([Concept("xinhua", terms)]), path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "wb.db", glossary=_glossary(tmp_path / "g.tbx"), user="anna")


def test_the_engine_stack_is_model_then_glossary_then_cache(project: Project) -> None:
    base = RuleEngine(lambda t: t)
    engine = project.engine("en", "zh", base=base)
    assert isinstance(engine, CachedEngine)
    assert isinstance(engine.engine, TermEnforcingEngine)
    assert engine.engine.engine is base
    assert project.glossary_path is not None
    digest = hashlib.sha256(project.glossary_path.read_bytes()).hexdigest()[:16]
    assert engine.glossary_version == digest
    plain = project.engine("en", "zh", base=base, glossary=False)
    assert isinstance(plain, CachedEngine) and plain.engine is base
    assert plain.glossary_version is None
    assert project.engine("en", "zh", base=base, glossary=False, cache=False) is base


def test_an_engine_for_another_direction_is_refused(project: Project) -> None:
    with pytest.raises(WorkbenchError, match="en->ru, not en->zh"):
        project.engine("en", "zh", base=RuleEngine(str, "en", "ru"))


def test_translate_enforces_the_project_glossary_with_the_real_model(
    project: Project, fixture_model: Path
) -> None:
    doc = project.add_article(
        "Desk",
        "a",
        ["Xinhua reported on Monday. ITAR-TASS reported on Monday."],
        src_lang="en",
        tgt_lang="zh",
    )
    spec = EngineSpec(model=str(fixture_model), backend="transformers")
    plain = project.translate_lines(["Xinhua reported on Monday."], "en", "zh", spec)
    assert plain == ["新华社周一报道。"]  # what the model says on its own
    result = project.translate_document(doc, project.engine("en", "zh", spec))
    assert result.mt == 2 and result.written == 2
    first, second = project.load_document(doc).segments
    assert APPROVED in first.target and first.status is Status.DRAFT
    assert [t["concept"] for t in first.provenance.settings["terms"]] == ["xinhua"]
    assert second.target == "塔斯社周一报道。"  # no term: the model's own output


def test_a_second_run_comes_from_the_cache_and_a_new_glossary_misses_it(
    project: Project, tmp_path: Path
) -> None:
    base = RuleEngine(lambda t: t.replace("Xinhua", "新华社").replace(" reported.", "报道。"))
    first = project.add_article("Desk", "a", ["Xinhua reported."], src_lang="en", tgt_lang="zh")
    again = project.add_article("Desk", "b", ["Xinhua reported."], src_lang="en", tgt_lang="zh")
    project.translate_document(first, project.engine("en", "zh", base=base))
    assert len(base.calls) == 1
    engine = project.engine("en", "zh", base=base)
    project.translate_document(again, engine)
    assert len(base.calls) == 1 and isinstance(engine, CachedEngine) and engine.hits == 1
    assert APPROVED in project.load_document(again).segments[0].target
    # the glossary changes: its version changes, the cache misses, the new term is used
    assert project.glossary_path is not None
    _glossary(project.glossary_path, zh="新华新闻社")
    project.translate_document(again, project.engine("en", "zh", base=base), overwrite=True)
    assert len(base.calls) == 2
    assert "新华新闻社" in project.load_document(again).segments[0].target


def test_pretranslate_takes_the_tm_then_enforced_cached_mt(project: Project) -> None:
    project.add_to_memory(
        [("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="demo"
    )
    doc = project.add_article(
        "Desk", "a", ["TASS agreed. Xinhua reported."], src_lang="en", tgt_lang="zh"
    )
    base = RuleEngine(lambda t: t.replace("Xinhua", "新华社").replace(" reported.", "报道。"))
    loads: list[int] = []

    def engine() -> Engine:
        loads.append(1)
        return project.engine("en", "zh", base=base)

    result = project.translate_document(doc, engine, tm_threshold=100)
    assert (result.exact, result.mt, result.kept) == (1, 1, 0)
    tm_seg, mt_seg = project.load_document(doc).segments
    assert tm_seg.provenance.origin is Origin.TM and tm_seg.target == "塔斯社表示同意。"
    assert mt_seg.provenance.origin is Origin.MT and APPROVED in mt_seg.target
    # the same sentence elsewhere: TM for one, the MT cache for the other, no model call
    other = project.add_article(
        "Desk", "b", ["TASS agreed. Xinhua reported."], src_lang="en", tgt_lang="zh"
    )
    project.translate_document(other, engine, tm_threshold=100)
    assert len(base.calls) == 1  # the one MT call of the first run (terms masked)
    # a document the TM covers loads no engine at all
    covered = project.add_article("Desk", "c", ["TASS agreed."], src_lang="en", tgt_lang="zh")
    loads.clear()
    assert project.translate_document(covered, engine, tm_threshold=100).from_tm == 1
    assert loads == []


def test_translate_never_touches_confirmed_segments_and_keeps_drafts(project: Project) -> None:
    doc = project.add_article("Desk", "a", ["One. Two. Three."], src_lang="en", tgt_lang="zh")
    one, two, _ = project.load_document(doc).segments
    assert one.id is not None and two.id is not None
    project.confirm(one.id, "一。", expected_version=0)
    project.save_draft(two.id, "二（草稿）。", expected_version=0)
    base = RuleEngine(lambda t: f"MT:{t}")
    result = project.translate_document(doc, project.engine("en", "zh", base=base, cache=False))
    assert (result.mt, result.kept) == (1, 2)
    targets = [s.target for s in project.load_document(doc).segments]
    assert targets == ["一。", "二（草稿）。", "MT:Three."]
    project.translate_document(
        doc, project.engine("en", "zh", base=base, cache=False), overwrite=True
    )
    targets = [s.target for s in project.load_document(doc).segments]
    assert targets == ["一。", "MT:Two.", "MT:Three."]


def test_confirm_puts_the_saved_text_in_the_tm_with_effort_by_the_user(
    project: Project, tmp_path: Path
) -> None:
    doc = project.add_article("Desk", "a", ["TASS agreed."], src_lang="en", tgt_lang="zh")
    seg = project.load_document(doc).segments[0]
    assert seg.id is not None
    project.translate_document(
        doc, project.engine("en", "zh", base=RuleEngine(lambda t: "塔斯社同意。"))
    )
    draft = project.load_segment(seg.id)
    saved = project.confirm(seg.id, "塔斯社表示同意。", expected_version=draft.version, seconds=7)
    assert saved.status is Status.TRANSLATED and saved.provenance.user == "anna"
    unit = project.tm.best("TASS agreed.", "en", "zh")
    assert unit is not None and unit.target == "塔斯社表示同意。"
    assert unit.unit.creator == "anna"
    (summary,) = project.effort_report(by="user")
    assert (summary.key, summary.segments, summary.mt_segments) == ("anna", 1, 1)
    # a stale version is refused and changes nothing
    with pytest.raises(ConflictError):
        project.confirm(seg.id, "别的。", expected_version=draft.version)
    assert project.load_segment(seg.id).target == "塔斯社表示同意。"
    # another user of the same store is credited with their own confirm
    bob = Project(project.store, glossary=project.glossary_path, user="bob")
    bob.confirm(seg.id, "塔斯社同意了。", expected_version=saved.version)
    found = bob.tm.best("TASS agreed.", "en", "zh")
    assert found is not None and (found.target, found.unit.creator) == ("塔斯社同意了。", "bob")


def test_the_side_panel_and_qa_filter_use_the_project_glossary(tmp_path: Path) -> None:
    glossary = _glossary(tmp_path / "g.tbx", forbidden="新华新闻社")
    project = Project(tmp_path / "wb.db", glossary=glossary, user="anna")
    doc = project.add_article(
        "Desk", "a", ["Xinhua reported on Monday."], src_lang="en", tgt_lang="zh"
    )
    seg = project.load_document(doc).segments[0]
    assert seg.id is not None
    panel = project.side_panel(seg.id)
    assert [(h.concept, h.target) for h in panel.terms] == [("xinhua", APPROVED)]
    saved = project.save_draft(seg.id, "新华新闻社周一报道。", expected_version=0)
    issues = project.qa_issues(doc)
    assert any("新华新闻社" in message for message in issues[seg.id]), issues
    # inserting the term replaces the forbidden variant
    replaced = project.insert_term(seg.id, panel.terms[0], expected_version=saved.version)
    assert replaced.target == f"{APPROVED}周一报道。"
    assert seg.id not in project.qa_issues(doc)


def test_a_project_without_a_glossary_translates_plainly(tmp_path: Path) -> None:
    project = Project(tmp_path / "wb.db")
    base = RuleEngine(lambda t: "新华社报道。")
    assert project.engine("en", "zh", base=base, cache=False) is base
    assert project.termbase() is None and project.glossary_version() is None
    doc = project.add_article("Desk", "a", ["Xinhua reported."], src_lang="en", tgt_lang="zh")
    seg = project.load_document(doc).segments[0]
    assert seg.id is not None and project.side_panel(seg.id).terms == []


def test_an_unreadable_glossary_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "g.tbx"
    bad.write_text("<martif><text><body><termEntry", encoding="utf-8")
    project = Project(tmp_path / "wb.db", glossary=bad)
    with pytest.raises(WorkbenchError, match=r"g\.tbx"):
        project.engine("en", "zh", base=RuleEngine(str))


def test_from_settings_makes_the_project_glossary_from_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.config import load_settings
    from workbench.glossary import read_termbase
    from workbench.resources import shipped_glossary

    env = {
        "WORKBENCH_DB": str(tmp_path / "wb.db"),
        "WORKBENCH_GLOSSARY": str(tmp_path / "mine.tbx"),
        "WORKBENCH_USER": "olga",
    }
    project = Project.from_settings(load_settings(env=env, config_file=None))
    assert project.user == "olga"
    termbase = project.termbase()
    assert termbase is not None and (tmp_path / "mine.tbx").is_file()
    assert len(termbase.concepts) == len(read_termbase(shipped_glossary()).concepts)
    assert project.ensure_sample() is not None
    assert {d.tgt_lang for d in project.documents(project.projects()[0].id)} == {"zh", "ru"}


def test_loaded_models_are_shared_and_bounded(tmp_path: Path) -> None:
    from workbench.project.core import MAX_ENGINES

    loads: list[EngineSpec] = []

    def loader(src: str, tgt: str, spec: EngineSpec) -> Engine:
        loads.append(spec)
        return RuleEngine(str, src, tgt)

    project = Project(tmp_path / "wb.db", engine_loader=loader)
    specs = [EngineSpec(beams=n) for n in range(1, MAX_ENGINES + 2)]
    first = project.base_engine("en", "zh", specs[0])
    assert project.base_engine("en", "zh", specs[0]) is first and len(loads) == 1
    for spec in specs[1:]:
        project.base_engine("en", "zh", spec)
    assert len(loads) == MAX_ENGINES + 1
    project.base_engine("en", "zh", specs[-1])  # still loaded
    assert len(loads) == MAX_ENGINES + 1
    assert project.base_engine("en", "zh", specs[0]) is not first  # let go, loaded again
    assert len(loads) == MAX_ENGINES + 2
