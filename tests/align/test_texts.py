"""Reading the two sides: articles segmented by the workbench, or one sentence per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.align.texts import align_files, read_side, split_text
from workbench.errors import FormatError, LanguageError


@pytest.mark.parametrize(
    ("text", "lang", "presegmented", "sentences", "paragraphs"),
    [
        ("One. Two.\nThree.", "en", False, ["One.", "Two.", "Three."], [0, 0, 1]),
        (
            "\n\n新华社报道。塔斯社也报道了！\n\n",
            "zh",
            False,
            ["新华社报道。", "塔斯社也报道了！"],
            [0, 0],
        ),
        ("One. Two.\nThree.", "en", True, ["One. Two.", "Three."], [0, 0]),
        ("Один.\n\n\nДва.\nТри.\n", "ru", True, ["Один.", "Два.", "Три."], [0, 1, 1]),
        ("", "en", False, [], []),
        ("\n \n", "en", True, [], []),
    ],
)
def test_split_text(
    text: str, lang: str, presegmented: bool, sentences: list[str], paragraphs: list[int]
) -> None:
    side = split_text(text, lang, presegmented=presegmented)
    assert (side.sentences, side.paragraphs) == (sentences, paragraphs)


def test_read_side_detects_the_language_and_reads_markdown(tmp_path: Path) -> None:
    md = tmp_path / "news.md"
    md.write_text("# Заголовок\n\nПервое предложение. Второе.\n", "utf-8")
    side, lang = read_side(md, None)
    assert lang == "ru"
    assert side.sentences == ["Заголовок", "Первое предложение.", "Второе."]
    assert side.paragraphs == [0, 1, 1]


def test_other_extensions_are_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "news.zh"
    path.write_text("第一句。第二句。\n", "utf-8")
    side, lang = read_side(path, None)
    assert (side.sentences, lang) == (["第一句。", "第二句。"], "zh")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"caf\xe9", "not valid UTF-8"),
        (b"12 34", "cannot tell the source language"),
    ],
)
def test_unreadable_sides_name_the_file(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "side.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises((FormatError, LanguageError), match=message) as err:
        read_side(path, None)
    assert "side.txt" in str(err.value)


def test_align_files_with_paragraphs(tmp_path: Path) -> None:
    src = tmp_path / "a.en.txt"
    tgt = tmp_path / "a.ru.txt"
    src.write_text("Floods in the south\nRivers rose overnight. Roads were closed.\n", "utf-8")
    tgt.write_text("Наводнения на юге\nЗа ночь реки вышли из берегов. Дороги закрыты.\n", "utf-8")
    result = align_files(src, tgt)
    assert (result.src_lang, result.tgt_lang) == ("en", "ru")
    assert [(b.src, b.tgt) for b in result] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
