"""Numbers, scales, dates and separators as the numbers checks read them."""

from __future__ import annotations

import pytest

from workbench.qa.checks import format_number
from workbench.qa.numbers import find_numbers, readings, unmatched, zh_numeral_value


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("1,234", "en", [1234.0, 1.234]),
        ("1,234.5", "en", [1234.5]),
        ("1.234,5", "ru", [1234.5]),
        ("1,5", "ru", [1.5]),
        ("1,5", "en", [1.5]),
        ("1.5", "ru", [1.5]),
        ("1 234 567", "ru", [1234567.0]),
        ("1\u00a0234,5", "ru", [1234.5]),
        ("2026", "zh", [2026.0]),
        ("2.6.0", "en", []),
    ],
)
def test_readings_put_the_language_convention_first(
    text: str, lang: str, values: list[float]
) -> None:
    assert readings(text, lang) == values


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三百五十", 350),
        ("两千", 2000),
        ("十二", 12),
        ("一万二千", 12000),
        ("三亿五千万", 350_000_000),
        ("二〇二六", 2026),
        ("零", 0),
        ("万", None),
        ("", None),
    ],
)
def test_chinese_numerals(numeral: str, value: float | None) -> None:
    assert zh_numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "24亿元人民币（约合3.3亿美元）",
            "zh",
            [("24亿", {2.4e9}, True), ("3.3亿", {3.3e8}, True)],
        ),
        ("150万名注册用户", "zh", [("150万", {1.5e6}, True)]),
        ("２０２４年", "zh", [("2024", {2024.0}, True)]),
        ("20世纪90年代末", "zh", [("20世纪90年代", {1990.0}, True)]),
        ("百分之五十的人", "zh", [("百分之五十", {50.0}, False)]),
        ("一些人一起来了", "zh", []),
        ("about 2.4 billion yuan", "en", [("2.4 billion", {2.4e9}, True)]),
        ("£125m deal", "en", [("125m", {125.0, 1.25e8}, True)]),
        ("ten years ago", "en", [("ten", {10.0}, False)]),
        (
            "on Nov. 18, 2026",
            "en",
            [("Nov.", {11.0}, True), ("18", {18.0}, True), ("2026", {2026.0}, True)],
        ),
        ("In June", "en", [("June", {6.0}, False)]),
        ("Theresa May said", "en", []),
        ("at 4:40 pm", "en", [("4", {4.0, 16.0}, True), ("40", {40.0}, True)]),
        ("the 1950-53 war", "en", [("1950", {1950.0}, True), ("53", {53.0, 1953.0}, True)]),
        ("около 2,4 млрд юаней", "ru", [("2,4 млрд", {2.4e9}, True)]),
        (
            "18 ноября 2026 года",
            "ru",
            [("18", {18.0}, True), ("ноября", {11.0}, True), ("2026", {2026.0}, True)],
        ),
        ("в июне", "ru", [("июне", {6.0}, False)]),
        ("пять агентств", "ru", [("пять", {5.0}, False)]),
    ],
)
def test_find_numbers(text: str, lang: str, expected: list[tuple[str, set[float], bool]]) -> None:
    found = [(t.text, set(t.values), t.strict) for t in find_numbers(text, lang)]
    assert found == expected


def test_unmatched_compares_presence_and_ignores_loose_extras() -> None:
    src = find_numbers("In 2016 and 2016 again, 5 agencies", "en")
    assert unmatched(src, find_numbers("2016年，五家机构", "zh")) == ([], [])
    missing, extra = unmatched(src, find_numbers("2017年，五家机构", "zh"))
    assert [t.text for t in missing] == ["2016", "2016"]
    assert [t.text for t in extra] == ["2017"]


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (1234567.5, "en", "1,234,567.5"),
        (1234567.5, "ru", "1 234 567,5"),
        (2026, "ru", "2026"),
        (1.5, "zh", "1.5"),
    ],
)
def test_format_number(value: float, lang: str, text: str) -> None:
    assert format_number(value, lang) == text
