"""The Edit panel's glossary hits (one per concept, with its spans) and term insertion."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import GlossaryError
from workbench.glossary import SHIPPED
from workbench.glossary.hits import glossary_hits, with_term
from workbench.glossary.match import load_matcher

MEDIA = SHIPPED


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
    hits = glossary_hits(source, src, tgt, load_matcher(MEDIA))
    assert sorted(h.target for h in hits) == sorted(expected)


def test_glossary_hits_carry_forbidden_variants() -> None:
    (hit,) = glossary_hits("Xinhua News Agency said.", "en", "ru", load_matcher(MEDIA))
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
        load_matcher(path)


def test_inflected_russian_terms_are_found_with_their_spans() -> None:
    source = "Корреспондент агентства Синьхуа и агентство Синьхуа."
    (hit,) = glossary_hits(source, "ru", "en", load_matcher(MEDIA))
    assert hit.target == "Xinhua News Agency" and hit.text == "агентства Синьхуа"
    assert [source[a:b] for a, b in hit.spans] == ["агентства Синьхуа", "агентство Синьхуа"]


def test_with_term_replaces_a_forbidden_variant_or_appends() -> None:
    matcher = load_matcher(MEDIA)
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
