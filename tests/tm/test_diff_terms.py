"""The side panel's diff of a match against the current source, and its glossary hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from workbench.errors import GlossaryError
from workbench.tm.diff import diff_html, diff_ops
from workbench.tm.terms import glossary_hits, load_glossary, with_term

MEDIA = GLOSSARIES / "media.tbx"


@pytest.mark.parametrize(
    ("old", "new", "lang", "html"),
    [
        ("TASS agreed.", "TASS agreed.", "en", "TASS agreed."),
        ("TASS agreed.", "TASS disagreed.", "en", "TASS <del>agreed</del><ins>disagreed</ins>."),
        ("a <b> c", "a <i> c", "en", "a &lt;<del>b</del><ins>i</ins>&gt; c"),
        ("新华社周一报道", "新华社报道", "zh", "新华社<del>周一</del>报道"),
        (
            "Форум открылся.",
            "Форум закрылся.",
            "ru",
            "Форум <del>открылся</del><ins>закрылся</ins>.",
        ),
    ],
)
def test_diff_html(old: str, new: str, lang: str, html: str) -> None:
    assert diff_html(old, new, lang) == html


def test_diff_ops_rebuild_both_texts() -> None:
    ops = diff_ops("The forum opened in Beijing today.", "A forum opened in Guangzhou.", "en")
    assert "".join(t for op, t in ops if op != "insert") == "The forum opened in Beijing today."
    assert "".join(t for op, t in ops if op != "delete") == "A forum opened in Guangzhou."


@pytest.mark.parametrize(
    ("source", "src", "tgt", "expected"),
    [
        ("Xinhua News Agency and TASS signed it.", "en", "zh", ["新华社", "塔斯社"]),
        ("ITAR-TASS reported.", "en", "ru", ["ИТАР-ТАСС"]),  # not TASS inside it
        (
            "Two news agencies met journalists.",
            "en",
            "ru",
            ["информационное агентство", "журналист"],
        ),
        ("新华社记者在广州报道。", "zh", "en", ["Xinhua News Agency", "journalist", "Guangzhou"]),
        ("Корреспонденты агентства Синьхуа прибыли в Гуанчжоу.", "ru", "zh", ["新华社", "广州"]),
        ("Nothing to see here.", "en", "zh", []),
    ],
)
def test_glossary_hits_in_the_shipped_termbase(
    source: str, src: str, tgt: str, expected: list[str]
) -> None:
    hits = glossary_hits(source, src, tgt, load_glossary(MEDIA))
    assert sorted(h.target for h in hits) == sorted(expected)


def test_glossary_hits_carry_forbidden_variants() -> None:
    (hit,) = glossary_hits("Xinhua News Agency said.", "en", "ru", load_glossary(MEDIA))
    assert "Синхуа" in hit.forbidden and hit.note


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [("g.csv", "term,note\nx,y\n", "g.csv"), ("g.tbx", None, "g.tbx"), ("g.txt", "", "tbx")],
)
def test_bad_glossaries_are_named(
    tmp_path: Path, name: str, content: str | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=words):
        load_glossary(path)


def test_inflected_russian_terms_are_found_with_their_spans() -> None:
    source = "Корреспондент агентства Синьхуа и агентство Синьхуа."
    (hit,) = glossary_hits(source, "ru", "en", load_glossary(MEDIA))
    assert hit.target == "Xinhua News Agency" and hit.text == "агентства Синьхуа"
    assert [source[a:b] for a, b in hit.spans] == ["агентства Синьхуа", "агентство Синьхуа"]


def test_with_term_replaces_a_forbidden_variant_or_appends() -> None:
    matcher = load_glossary(MEDIA)
    (hit,) = glossary_hits("Xinhua News Agency said.", "en", "ru", matcher)
    assert hit.target == "агентство Синьхуа"
    assert (
        with_term("Об этом сообщило агентство Новый Китай.", hit, "ru", matcher)
        == "Об этом сообщило агентство Синьхуа."
    )
    assert with_term("Об этом сообщили", hit, "ru", matcher) == (
        "Об этом сообщили агентство Синьхуа"
    )
    assert with_term("", hit, "ru", matcher) == hit.target
    (zh,) = glossary_hits("Xinhua News Agency said.", "en", "zh", matcher)
    assert with_term("他说", zh, "zh", matcher) == "他说" + zh.target
