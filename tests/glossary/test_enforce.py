"""Enforcement in MT: placeholders, mangled or dropped placeholders, repair, Russian cases."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CACHE, GLOSSARIES
from tests.rule_engine import RuleEngine
from workbench.glossary import Termbase, read_termbase
from workbench.glossary.enforce import (
    MISSING,
    PLACEHOLDER,
    PRESENT,
    REPAIRED,
    TermEnforcingEngine,
    compliance,
)
from workbench.glossary.match import TermMatcher


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return read_termbase(GLOSSARIES / "media.tbx")


def _word_for_word(table: dict[str, str]) -> Callable[[str], str]:
    def rule(text: str) -> str:
        for a, b in table.items():
            text = text.replace(a, b)
        return text

    return rule


ZH = {"ITAR-TASS": "塔斯社", " reported on Monday.": "周一报道。", "Xinhua": "新华社"}


@pytest.mark.parametrize(
    ("mangle", "how"),
    [
        (lambda t: t, PLACEHOLDER),  # passed through
        (lambda t: t.replace("TERM0", "term 0"), PLACEHOLDER),  # mangled, still found
        (lambda t: t.replace("TERM0", "__TERM0__"), PLACEHOLDER),
        (lambda t: t.replace("TERM0", "ТЕРМ0"), PLACEHOLDER),  # transliterated
        (lambda t: t.replace("TERM0", ""), REPAIRED),  # dropped: repaired from plain MT
        (lambda t: t.replace("TERM0", "TRM"), REPAIRED),  # mangled beyond recognition
        (lambda t: t.replace("TERM0", "TERM0 TERM0"), REPAIRED),  # duplicated
    ],
)
def test_placeholder_survives_a_model_that_drops_or_mangles_it(
    termbase: Termbase, mangle: Callable[[str], str], how: str
) -> None:
    base = _word_for_word(ZH)
    engine = TermEnforcingEngine(RuleEngine(lambda t: mangle(base(t))), termbase)
    [result] = engine.translate(["ITAR-TASS reported on Monday."])
    assert result.text.startswith("俄通社-塔斯社")
    assert "周一报道" in result.text
    terms = result.provenance.settings["terms"]
    assert terms == [
        {"concept": "itar-tass", "source": "ITAR-TASS", "target": "俄通社-塔斯社", "how": how}
    ]
    assert result.provenance.settings["beams"] == 1  # the wrapped engine's settings kept


def test_missing_term_is_flagged_when_nothing_can_repair_it(termbase: Termbase) -> None:
    engine = TermEnforcingEngine(RuleEngine(lambda t: "无法翻译。"), termbase)
    [result] = engine.translate(["ITAR-TASS reported on Monday."])
    assert result.provenance.settings["terms_missing"] == ["itar-tass"]
    assert result.provenance.settings["terms"][0]["how"] == MISSING


def test_forbidden_target_terms_are_never_produced(termbase: Termbase) -> None:
    # the model ignores the placeholder and writes a forbidden variant
    engine = TermEnforcingEngine(RuleEngine(lambda t: "新华新闻社报道了伊塔尔-塔斯社。"), termbase)
    [result] = engine.translate(["Xinhua News Agency reported."])
    assert "新华新闻社" not in result.text and "伊塔尔-塔斯社" not in result.text
    assert result.text.startswith("新华社")
    hits = TermMatcher(termbase).find(result.text, "zh")
    assert hits and not any(h.forbidden for h in hits)


def test_no_terms_no_extra_call(termbase: Termbase) -> None:
    fake = RuleEngine(lambda t: "好。")
    engine = TermEnforcingEngine(fake, termbase)
    [result] = engine.translate(["Fine."])
    assert result.text == "好。" and fake.calls == ["Fine."]
    assert "terms" not in result.provenance.settings


@pytest.mark.parametrize(
    ("source", "output", "expected"),
    [
        ("He works at TERM0.", "Он работает в TERM0.", "в агентстве Синьхуа"),
        ("A report by TERM0.", "Сообщение TERM0.", "Сообщение агентства Синьхуа"),
        ("TERM0 reported.", "TERM0 сообщило.", "Агентство Синьхуа сообщило"),
        ("With TERM0.", "Вместе с TERM0.", "с агентством Синьхуа"),
    ],
)
def test_russian_targets_take_the_case_of_their_context(
    termbase: Termbase, source: str, output: str, expected: str
) -> None:
    table = {source: output}
    engine = TermEnforcingEngine(RuleEngine(lambda t: table.get(t, t), "en", "ru"), termbase)
    [result] = engine.translate([source.replace("TERM0", "Xinhua News Agency")])
    assert expected in result.text
    assert result.provenance.settings["terms"][0]["how"] == PLACEHOLDER


def test_indeclinable_russian_names_stay(termbase: Termbase) -> None:
    engine = TermEnforcingEngine(
        RuleEngine(
            lambda t: t.replace("The forum in", "Форум в").replace("TERM0", "TERM0"), "en", "ru"
        ),
        termbase,
    )
    [result] = engine.translate(["The forum in Guangzhou."])
    assert "в Гуанчжоу" in result.text


def test_russian_repair_keeps_the_case_of_the_replaced_words(termbase: Termbase) -> None:
    # placeholder dropped; the plain output has a forbidden form in the locative
    outputs = {
        "Article in TERM0.": "Статья в.",
        "Article in Economic Daily.": "Статья в Экономической газете.",
    }
    engine = TermEnforcingEngine(RuleEngine(lambda t: outputs[t], "en", "ru"), termbase)
    [result] = engine.translate(["Article in Economic Daily."])
    assert "Экономическ" not in result.text
    assert "Цзинцзи жибао" in result.text
    assert result.provenance.settings["terms"][0]["how"] == REPAIRED


@pytest.mark.slow
@pytest.mark.parametrize(("src", "tgt"), [("en", "zh"), ("ru", "en")])
def test_fixture_model_compliance(termbase: Termbase, src: str, tgt: str) -> None:
    from tests.marian_fixture import build_fixture_model, fixture_pairs
    from workbench.engines import load_engine

    model: Path = build_fixture_model(FIXTURE_CACHE, src, tgt)
    engine = load_engine("marian", model=str(model), src_lang=src, tgt_lang=tgt)
    sources = [s for s, _ in fixture_pairs(src, tgt)][::5]
    enforcing = TermEnforcingEngine(engine, termbase)
    results = enforcing.translate(sources)
    ok, total = compliance(
        enforcing.matcher, [(s, r.text) for s, r in zip(sources, results, strict=False)], src, tgt
    )
    plain_ok, _ = compliance(
        enforcing.matcher,
        [(s, r.text) for s, r in zip(sources, engine.translate(sources), strict=False)],
        src,
        tgt,
    )
    assert total > 0 and plain_ok < total  # the plain model misses some terms
    assert ok / total >= 0.99
    assert all(re.search("TERM", r.text) is None for r in results)
    hows = {c["how"] for r in results for c in r.provenance.settings.get("terms", [])}
    assert hows & {REPAIRED, PRESENT} and MISSING not in hows
