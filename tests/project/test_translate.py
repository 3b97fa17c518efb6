"""Project.translate_document with the TM on: TM matches first, MT for the rest, statuses and
provenance set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_engine import RuleEngine
from workbench.engines.base import Engine
from workbench.errors import WorkbenchError
from workbench.model import Origin, Provenance, Status
from workbench.project import Project

ARTICLE = ["Xinhua reported on Monday. TASS agreed. The forum opened in Guangzhou. It rained."]
MEMORY = [
    ("Xinhua reported on Monday.", "新华社周一报道。"),
    ("TASS agreed.", "塔斯社表示同意。"),
    ("The forum opened in Beijing.", "论坛在北京开幕。"),
]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "p.db")


@pytest.fixture
def doc(project: Project) -> int:
    # the memory's first two units come in the article's order
    project.tm.add(MEMORY, src_lang="en", tgt_lang="zh", origin="aligner:dp")
    return project.add_article("P", "d", ARTICLE, src_lang="en", tgt_lang="zh")


def _state(project: Project, doc: int) -> list[tuple[str, Status, Origin, float | None]]:
    return [
        (s.target, s.status, s.provenance.origin, s.provenance.score)
        for s in project.load_document(doc).segments
    ]


def test_exact_and_in_context_matches_then_mt(project: Project, doc: int) -> None:
    loaded: list[int] = []

    def factory() -> Engine:
        loaded.append(1)
        return RuleEngine(str.upper)

    project.tm.add(
        [("It rained.", "下雨了。")], src_lang="en", tgt_lang="zh", origin="x", with_context=False
    )
    result = project.translate_document(doc, factory, tm_threshold=100)
    assert (result.context, result.exact, result.fuzzy, result.mt) == (1, 2, 0, 1)
    state = _state(project, doc)
    # the first sits between the same neighbours as in the memory: 101%, confirmed
    assert state[0] == ("新华社周一报道。", Status.TRANSLATED, Origin.TM, 101.0)
    # the second is followed by another sentence than in the memory: 100%, a draft
    assert state[1] == ("塔斯社表示同意。", Status.DRAFT, Origin.TM, 100.0)
    assert state[2] == ("THE FORUM OPENED IN GUANGZHOU.", Status.DRAFT, Origin.MT, None)
    assert state[3] == ("下雨了。", Status.DRAFT, Origin.TM, 100.0)
    assert loaded == [1]


def test_a_lower_threshold_takes_fuzzy_matches(project: Project, doc: int) -> None:
    result = project.translate_document(doc, tm_threshold=75)
    assert result.fuzzy == 1 and result.untranslated == 1 and result.mt == 0
    assert result.written == result.from_tm == 3
    target, status, origin, score = _state(project, doc)[2]
    assert (target, status, origin) == ("论坛在北京开幕。", Status.DRAFT, Origin.TM)
    assert score is not None and 75 <= score < 100
    assert project.tm.lookup("The forum opened in Beijing.", "en", "zh")[0].unit.usage_count == 1


def test_no_engine_is_loaded_when_the_memory_covers_everything(project: Project) -> None:
    project.tm.add(MEMORY[:2], src_lang="en", tgt_lang="zh", origin="x")
    doc = project.add_article("P", "d2", [MEMORY[0][0]], src_lang="en", tgt_lang="zh")

    def factory() -> Engine:
        raise AssertionError("the engine was loaded")

    assert project.translate_document(doc, factory, tm_threshold=100).from_tm == 1


def test_confirmed_segments_and_drafts_are_kept(project: Project, doc: int) -> None:
    segs = project.load_document(doc).segments
    project.store.save_segment(
        segs[0].id or 0, "我的译文", status=Status.TRANSLATED, provenance=Provenance.human()
    )
    project.store.save_segment(
        segs[1].id or 0, "草稿", status=Status.DRAFT, provenance=Provenance.human()
    )
    result = project.translate_document(doc, RuleEngine(str.upper), tm_threshold=100)
    assert result.kept == 2
    assert [t for t, *_ in _state(project, doc)][:2] == ["我的译文", "草稿"]
    again = project.translate_document(doc, tm_threshold=100, overwrite=True)
    assert again.kept == 1 and _state(project, doc)[1][:2] == ("塔斯社表示同意。", Status.DRAFT)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"tm_threshold": 40}, WorkbenchError, "from 50 to 101"),
        ({"tm_threshold": 102}, WorkbenchError, "from 50 to 101"),
        (
            {"engine": RuleEngine(str.upper, "en", "ru"), "tm_threshold": 100},
            WorkbenchError,
            "pick a model",
        ),
    ],
)
def test_translate_refuses_bad_settings(
    project: Project, doc: int, kwargs: dict[str, object], error: type[Exception], words: str
) -> None:
    before = _state(project, doc)
    with pytest.raises(error, match=words):
        project.translate_document(doc, **kwargs)  # type: ignore[arg-type]
    assert _state(project, doc) == before
