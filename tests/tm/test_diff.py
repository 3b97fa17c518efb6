"""The side panel's diff of a match against the current source."""

from __future__ import annotations

import pytest

from workbench.tm.diff import diff_html, diff_ops


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
