from __future__ import annotations

import pytest

from workbench.errors import LanguageError
from workbench.languages import detect_language, get_language


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
