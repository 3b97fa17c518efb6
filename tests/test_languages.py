from __future__ import annotations

import re

import pytest

from workbench.errors import LanguageError
from workbench.languages import (
    CJK,
    CJK_PUNCTUATION,
    CYRILLIC,
    DETECT_SAMPLE,
    HAN,
    detect_language,
    detect_or_fail,
    get_language,
    is_cjk,
    is_han,
    script_of,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xinhua News Agency opened the forum in Guangzhou.", "en"),
        ("新华社在广州开幕了论坛。", "zh"),
        ("Агентство ИТАР-ТАСС сообщило о форуме в Гуанчжоу.", "ru"),
        ("中国国际广播电台 (CRI) 与 RIA Novosti 签署协议。", "zh"),
        ("12 345 — 2026", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_unknown_language_names_the_choices() -> None:
    with pytest.raises(LanguageError) as err:
        get_language("fr")
    assert "'fr'" in str(err.value) and "en, ru, zh" in str(err.value)


@pytest.mark.parametrize(
    ("char", "han", "cjk", "script"),
    [
        ("中", True, True, "zh"),
        ("\u3400", True, True, "zh"),  # extension A
        ("\uf900", True, True, "zh"),  # compatibility ideograph
        ("\U00020000", True, True, "zh"),  # extension B
        ("。", False, True, None),
        ("，", False, True, None),  # full-width comma
        ("\u3000", False, True, None),  # ideographic space
        ("の", False, True, None),  # kana
        ("я", False, False, "ru"),
        ("Ё", False, False, "ru"),
        ("a", False, False, "en"),
        ("é", False, False, "en"),
        ("1", False, False, None),
        (".", False, False, None),
    ],
)
def test_script_predicates(char: str, han: bool, cjk: bool, script: str | None) -> None:
    assert (is_han(char), is_cjk(char), script_of(char)) == (han, cjk, script)


def test_character_classes_agree_with_the_predicates() -> None:
    text = "新华社 (Xinhua) сообщило：「𠀀字」。"
    assert re.findall(f"[{HAN}]+", text) == ["新华社", "𠀀字"]
    assert "".join(re.findall(f"[{CYRILLIC}]", text)) == "сообщило"
    assert [c for c in text if re.match(f"[{CJK_PUNCTUATION}]", c)] == ["：", "「", "」", "。"]
    assert all(is_cjk(c) == bool(re.match(f"[{CJK}]", c)) for c in text)


def test_detect_or_fail_reads_pieces() -> None:
    pieces = ["12", "新华社报道。", "RIA"]
    assert detect_or_fail(pieces, "a.csv") == "zh"
    assert detect_or_fail(iter(pieces), "a.csv") == "zh"


def test_detect_or_fail_reads_only_the_start_of_a_long_text() -> None:
    text = "1" * DETECT_SAMPLE + "Агентство сообщило"
    with pytest.raises(LanguageError, match=r"cannot tell the source language of long\.txt"):
        detect_or_fail(text, "long.txt")
    with pytest.raises(LanguageError):
        detect_or_fail(["1" * 100] * (DETECT_SAMPLE // 100) + ["Агентство сообщило"], "long.txt")


@pytest.mark.parametrize(
    ("flag", "fix", "message"),
    [
        (
            "--src-lang",
            None,
            r"cannot tell the source language of n\.csv \(too few letters\): "
            "pass --src-lang en, zh or ru$",
        ),
        ("--tgt-lang", None, "cannot tell the target language of n.csv .*: pass --tgt-lang en"),
        (
            "--tgt-lang",
            "pick it in the list",
            r"target language of n\.csv .*: pick it in the list$",
        ),
    ],
)
def test_detect_or_fail_names_the_culprit_and_the_fix(
    flag: str, fix: str | None, message: str
) -> None:
    with pytest.raises(LanguageError, match=message):
        detect_or_fail(["12 345", "—"], "n.csv", flag, fix=fix)
