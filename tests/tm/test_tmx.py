"""TMX 1.4b import and export of the memory (through the TMX format of workbench.formats)."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.store import Store
from workbench.tm import TMError, TranslationMemory
from workbench.tm.tmx import export_tmx, import_tmx

if importlib.util.find_spec("workbench.formats.tmx") is None:  # pragma: no cover
    pytest.skip("the TMX format (workbench.formats.tmx) is not there", allow_module_level=True)

MEMORY = [
    ("Xinhua reported on Monday.", "新华社周一报道。"),
    ("TASS agreed.", "塔斯社表示同意。"),
    ("The forum opened in Beijing.", "论坛在北京开幕。"),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "p.db")


def test_tmx_round_trip_keeps_texts_and_metadata(store: Store, tmp_path: Path) -> None:
    tm = TranslationMemory(store.tm_units)
    pairs = [*MEMORY, ('A <b>bold</b> & quoted "move"', "大胆的“举动”")]
    tm.add(pairs, src_lang="en", tgt_lang="zh", origin="aligner:dp", creator="anna")
    path = tmp_path / "out.tmx"
    assert export_tmx(tm, path) == 4
    text = path.read_text(encoding="utf-8")
    assert 'creationid="anna"' in text and "aligner:dp" in text and 'usagecount="0"' in text
    other = TranslationMemory(Store(tmp_path / "other.db").tm_units)
    result = import_tmx(other, path, creator="boris")
    assert (result.added, result.updated) == (4, 0)
    assert sorted((u.source, u.target) for u in other.units()) == sorted(pairs)
    # what the memory knew about its units comes back with them
    assert {(u.origin, u.creator) for u in other.units()} == {("aligner:dp", "anna")}
    before = {u.source: u.created.replace(tzinfo=None, microsecond=0) for u in tm.units()}
    after = {u.source: u.created.replace(tzinfo=None) for u in other.units()}
    assert after == before
    assert import_tmx(other, path).updated == 4  # again: nothing is copied


def test_tmx_export_needs_a_pair_when_there_are_several(store: Store, tmp_path: Path) -> None:
    tm = TranslationMemory(store.tm_units)
    with pytest.raises(TMError, match="no units"):
        export_tmx(tm, tmp_path / "x.tmx")
    tm.add(MEMORY, src_lang="en", tgt_lang="zh", origin="x")
    tm.add([("TASS agreed.", "ТАСС согласилось.")], src_lang="en", tgt_lang="ru", origin="x")
    with pytest.raises(TMError, match="en->ru, en->zh"):
        export_tmx(tm, tmp_path / "x.tmx")
    assert export_tmx(tm, tmp_path / "x.tmx", tgt_lang="ru") == 1
    assert not (tmp_path / "y.tmx").exists()


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (None, TMError, "no such TMX file"),
        (b"<tmx version='1.4'><body>", FormatError, "out.tmx"),
        (
            b'<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]><tmx>&e;</tmx>',
            FormatError,
            "refused",
        ),
    ],
)
def test_tmx_import_refuses_bad_files(
    store: Store, tmp_path: Path, content: bytes | None, error: type[Exception], words: str
) -> None:
    path = tmp_path / "out.tmx"
    if content is not None:
        path.write_bytes(content)
    tm = TranslationMemory(store.tm_units)
    with pytest.raises(error, match=words):
        import_tmx(tm, path)
    assert tm.count() == 0


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body>
<tu creationdate="20200102T030405Z" creationid="vera" usagecount="7">
 <tuv xml:lang="en-US"><seg>TASS agreed.</seg></tuv>
 <tuv xml:lang="ru-RU"><seg>ТАСС согласилось.</seg></tuv></tu>
<tu creationdate="yesterday">
 <tuv xml:lang="en-US"><seg>It rained.</seg></tuv>
 <tuv xml:lang="ru-RU"><seg>Шёл дождь.</seg></tuv></tu>
</body></tmx>
"""


def test_a_foreign_tmx_keeps_its_dates_and_creators(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other-tool.tmx"
    path.write_text(FOREIGN, encoding="utf-8")
    tm = TranslationMemory(store.tm_units)
    assert import_tmx(tm, path, creator="boris").added == 2
    units = {u.source: u for u in tm.units("en", "ru")}
    first, second = units["TASS agreed."], units["It rained."]
    assert (first.creator, first.usage_count, first.origin) == ("vera", 7, "tmx:other-tool.tmx")
    assert first.created.replace(tzinfo=None) == datetime(2020, 1, 2, 3, 4, 5)
    assert (second.creator, second.usage_count) == ("boris", 0)  # a bad date is ignored
    assert second.created.year >= 2025
