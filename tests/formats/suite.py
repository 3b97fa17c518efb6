"""The shared test suite of the format protocol, reused by each format by subclassing.

A format's test module subclasses :class:`FormatSuite` (or :class:`TextFileSuite`
for UTF-8 text formats) and sets :attr:`FormatSuite.format_name`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import workbench.formats as formats
from workbench.errors import FormatError
from workbench.formats import Format, get_format
from workbench.model import Document, Paragraph, Provenance, Segment, Status
from workbench.textio import format_size

#: (source, target, status) of one segment
Seg = tuple[str, str, Status]
#: (style, segments) of one paragraph
Para = tuple[str, Sequence[Seg]]

T, D, N, R = Status.TRANSLATED, Status.DRAFT, Status.NEW, Status.REVIEWED


def build(src: str, tgt: str, paragraphs: Sequence[Para], name: str = "news") -> Document:
    """A document whose segments carry the given targets and statuses."""
    paras: list[Paragraph] = []
    segs: list[Segment] = []
    for p_index, (style, seg_specs) in enumerate(paragraphs):
        joiner = "" if src == "zh" else " "
        paras.append(Paragraph(p_index, joiner.join(s for s, _, _ in seg_specs), style))
        for source, target, status in seg_specs:
            origin = (
                Provenance.human("anna")
                if status.is_confirmed
                else Provenance.machine("marian", "opus-mt")
            )
            segs.append(
                Segment(
                    len(segs),
                    p_index,
                    source,
                    target=target,
                    status=status,
                    provenance=origin if target else Provenance(),
                )
            )
    return Document(name, src, tgt, paras, segs)


NEWS_EN_ZH = build(
    "en",
    "zh",
    [
        ("h1", [("Floods hit the south", "洪水袭击南方", T)]),
        (
            "p",
            [
                ("Rain fell all night.", "大雨下了一整夜。", T),
                ("Roads were closed.", "道路被封闭。", R),
            ],
        ),
        ("li", [("Schools shut", "学校停课", T)]),
        ("li", [("Trains delayed", "火车晚点", T)]),
        ("h2", [("What comes next", "接下来会怎样", T)]),
        (
            "p",
            [
                (
                    'The agency said <more> & "worse" rain is coming.',
                    "气象局说“更大”的雨<将至> & 未完。",
                    T,
                )
            ],
        ),
    ],
)

NEWS_ZH_RU = build(
    "zh",
    "ru",
    [
        ("h1", [("南方遭遇洪水", "Наводнение на юге", T)]),
        (
            "p",
            [
                ("大雨下了一整夜。", "Дождь шёл всю ночь.", T),
                ("道路被封闭。", "Дороги закрыты.", T),
            ],
        ),
        ("h3", [("专家说", "Мнение «экспертов»", T)]),
        ("li", [("学校停课", "Школы закрыты — до понедельника", T)]),
        ("p", [("完", "Конец.", T)]),
    ],
)

NEWS_RU_EN = build(
    "ru",
    "en",
    [
        ("h2", [("Погода", "Weather", T)]),
        ("p", [("Будет тепло.", 'It will be "warm" & sunny.', T)]),
        ("h6", [("Подпись", "Caption", T)]),
    ],
)

#: text that looks like markup in one format or another
ESCAPES = build(
    "en",
    "en",
    [
        ("h1", [("Issue #", "Issue #", T)]),
        ("h2", [("C# and F#", "C# and F# ##", T)]),
        ("p", [("#hashtag", "#1 story: 5 * 3 = 15 and 2*3*4", T)]),
        ("p", [("a", "snake_case and _under_ and __dunder__ and *stars*", T)]),
        ("p", [("b", "- not a list item", T)]),
        ("p", [("c", "1. not numbered either", T)]),
        ("p", [("d", "> not a quote <b>bold</b> <br/> a < b > c", T)]),
        ("p", [("e", "&amp; stays &amp; and & alone, &#169; &copy;", T)]),
        ("p", [("f", "[link](http://x.org) ![img](i.png) `code` ~~gone~~", T)]),
        ("p", [("g", r"C:\path\to\file and a trailing backslash \\", T)]),
        ("p", [("h", "+7 495 123-45-67", T)]),
        ("p", [("i", "=SUM(A1:A2)", T)]),
        ("p", [("j", "---", T)]),
        ("p", [("k", "===", T)]),
        ("li", [("l", "* star item with \"quotes\" and 'apostrophes'", T)]),
        ("li", [("m", "中文*强调*与_下划线_", T)]),
    ],
)

ROUND_TRIPS: dict[str, tuple[Document, list[tuple[str, str]]]] = {
    "en-zh": (
        NEWS_EN_ZH,
        [
            ("h1", "洪水袭击南方"),
            ("p", "大雨下了一整夜。道路被封闭。"),
            ("li", "学校停课"),
            ("li", "火车晚点"),
            ("h2", "接下来会怎样"),
            ("p", "气象局说“更大”的雨<将至> & 未完。"),
        ],
    ),
    "zh-ru": (
        NEWS_ZH_RU,
        [
            ("h1", "Наводнение на юге"),
            ("p", "Дождь шёл всю ночь. Дороги закрыты."),
            ("h3", "Мнение «экспертов»"),
            ("li", "Школы закрыты — до понедельника"),
            ("p", "Конец."),
        ],
    ),
    "ru-en": (
        NEWS_RU_EN,
        [("h2", "Weather"), ("p", 'It will be "warm" & sunny.'), ("h6", "Caption")],
    ),
    "escapes": (
        ESCAPES,
        [(p.style, s.target) for p, s in zip(ESCAPES.paragraphs, ESCAPES.segments, strict=True)],
    ),
}

#: a document in every state: confirmed, draft, untranslated, rejected
MIXED = build(
    "en",
    "ru",
    [
        ("h1", [("Title", "Заголовок", T)]),
        ("p", [("One.", "Один.", T), ("Two.", "Два.", D), ("Three.", "", N)]),
        ("p", [("Only a draft.", "Черновик.", D)]),
        (
            "li",
            [
                ("Rejected.", "Отклонено.", Status.REJECTED),
                ("Approved.", "Одобрено.", Status.APPROVED),
            ],
        ),
    ],
)

SCOPE_CASES: dict[str, list[tuple[str, str]]] = {
    "all": [
        ("h1", "Заголовок"),
        ("p", "Один. Два. Three."),
        ("p", "Черновик."),
        ("li", "Отклонено. Одобрено."),
    ],
    "confirmed": [("h1", "Заголовок"), ("p", "Один."), ("li", "Одобрено.")],
}


def no_temp_files(folder: Path, *keep: Path) -> bool:
    return sorted(folder.iterdir()) == sorted(keep)


class FileSuite:
    """Tests every format must pass: bad input is named, writes are atomic.

    Subclasses say how to read a file back (:meth:`load`, :meth:`load_package`).
    """

    #: the registry name of the format under test
    format_name: str = ""

    @property
    def ext(self) -> str:
        return self.fmt.extensions[0]

    @pytest.fixture(autouse=True)
    def _format(self) -> None:
        self.fmt: Format = get_format(self.format_name)

    def load(self, path: Path, fmt: Format | None = None) -> object:
        raise NotImplementedError

    def load_package(self, path: Path, max_bytes: int) -> object:
        raise NotImplementedError

    # -- bad input ---------------------------------------------------------------------

    def test_empty_file_names_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / f"empty{self.ext}"
        path.write_bytes(b"")
        with pytest.raises(FormatError, match=rf"{path.name}.*empty"):
            self.load(path)

    def test_missing_file_names_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / f"absent{self.ext}"
        with pytest.raises(FormatError, match=rf"{path.name}: no such file"):
            self.load(path)

    def test_folder_is_refused(self, tmp_path: Path) -> None:
        folder = tmp_path / f"folder{self.ext}"
        folder.mkdir()
        with pytest.raises(FormatError, match=rf"{folder.name}.*folder"):
            self.load(folder)

    def test_oversized_file_names_file_size_and_limit(self, tmp_path: Path) -> None:
        path = tmp_path / f"big{self.ext}"
        self.fmt.write_document(NEWS_EN_ZH, path)
        size = path.stat().st_size
        small = get_format(self.format_name, max_bytes=size - 1)
        sizes = rf"{re.escape(format_size(size))}, over the {re.escape(format_size(size - 1))}"
        with pytest.raises(FormatError, match=rf"{path.name}: the file is {sizes} limit"):
            self.load(path, small)
        with pytest.raises(FormatError, match="limit"):
            self.load_package(path, size - 1)

    def test_default_size_limit_is_20_mb(self) -> None:
        assert self.fmt.max_bytes == 20 * 1024 * 1024

    # -- atomic writes -----------------------------------------------------------------

    def _good_file(self, tmp_path: Path) -> tuple[Path, bytes]:
        path = tmp_path / f"out{self.ext}"
        self.fmt.write_document(NEWS_EN_ZH, path)
        return path, path.read_bytes()

    def test_failed_render_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path, before = self._good_file(tmp_path)

        def broken(doc: Document, scope: str) -> bytes:
            raise RuntimeError("render failed midway")

        monkeypatch.setattr(self.fmt, "_render", broken)
        with pytest.raises(RuntimeError, match="midway"):
            self.fmt.write_document(NEWS_ZH_RU, path)
        assert path.read_bytes() == before
        assert no_temp_files(tmp_path, path)

    @pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
    def test_failed_write_leaves_the_old_file_and_no_temp_file(
        self, failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path, before = self._good_file(tmp_path)
        ours: set[int] = set()
        real_open, real_write = os.open, os.write

        def tracking_open(file: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            fd = real_open(file, flags, mode, **kw)
            if str(file).startswith(str(tmp_path)):
                ours.add(fd)
            return fd

        def half_write(fd: int, data: Any) -> int:
            if fd in ours:
                real_write(fd, bytes(data[: len(data) // 2]))
                raise OSError(28, "No space left on device")
            return real_write(fd, data)

        def fail(*args: Any, **kwargs: Any) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "open", tracking_open)
        if failing == "write":
            monkeypatch.setattr(os, "write", half_write)
        else:
            monkeypatch.setattr(os, failing, fail)
        with pytest.raises(FormatError, match=rf"{path.name}: No space left.*unchanged"):
            self.fmt.write_document(NEWS_ZH_RU, path)
        monkeypatch.undo()
        assert path.read_bytes() == before
        assert no_temp_files(tmp_path, path)

    def test_failed_first_write_leaves_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def fail(*args: Any, **kwargs: Any) -> None:
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(os, "fsync", fail)
        path = tmp_path / f"new{self.ext}"
        with pytest.raises(FormatError, match=r"Input/output error"):
            self.fmt.write_document(NEWS_EN_ZH, path)
        monkeypatch.undo()
        assert no_temp_files(tmp_path)

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
    def test_write_keeps_permissions_of_a_replaced_file(self, tmp_path: Path) -> None:
        path, _ = self._good_file(tmp_path)
        plain = tmp_path / "plain"
        plain.write_bytes(b"x")
        assert stat.S_IMODE(path.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
        path.chmod(0o640)
        self.fmt.write_document(NEWS_ZH_RU, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640

    def test_write_into_a_missing_folder_names_it(self, tmp_path: Path) -> None:
        path = tmp_path / "nowhere" / f"out{self.ext}"
        with pytest.raises(FormatError, match=r"nowhere does not exist"):
            self.fmt.write_document(NEWS_EN_ZH, path)

    def test_write_over_a_folder_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / f"dir{self.ext}"
        path.mkdir()
        with pytest.raises(FormatError, match=r"is a folder"):
            self.fmt.write_document(NEWS_EN_ZH, path)


class FormatSuite(FileSuite):
    """Tests every readable and writable article format must pass."""

    #: whether reading back gives the paragraph styles that were written
    keeps_styles: bool = True

    def styled(self, expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return expected if self.keeps_styles else [("p", text) for _, text in expected]

    def load(self, path: Path, fmt: Format | None = None) -> object:
        return (fmt or self.fmt).read_article(path)

    def load_package(self, path: Path, max_bytes: int) -> object:
        return formats.read_article(path, max_bytes=max_bytes)

    def read(self, path: Path) -> list[tuple[str, str]]:
        paragraphs = self.fmt.read_article(path)
        assert [p.index for p in paragraphs] == list(range(len(paragraphs)))
        return [(p.style, p.source) for p in paragraphs]

    # -- declarations ------------------------------------------------------------------

    def test_declares_name_and_extensions(self) -> None:
        assert self.fmt.name == self.format_name
        assert self.fmt.extensions
        assert all(e.startswith(".") and e == e.lower() for e in self.fmt.extensions)
        assert self.fmt.can_read and self.fmt.can_write
        assert self.fmt.description

    def test_registry_finds_it_by_every_extension_in_any_case(self) -> None:
        for ext in self.fmt.extensions:
            assert formats.format_for_path(f"a/b/news{ext.upper()}").name == self.format_name
            assert formats.format_for_path(f"news.zh{ext}").name == self.format_name

    # -- round trips -------------------------------------------------------------------

    @pytest.mark.parametrize("case", sorted(ROUND_TRIPS))
    def test_write_then_read_keeps_structure_and_text(self, case: str, tmp_path: Path) -> None:
        doc, expected = ROUND_TRIPS[case]
        path = tmp_path / f"{case}{self.ext}"
        self.fmt.write_document(doc, path)
        assert self.read(path) == self.styled(expected)

    @pytest.mark.parametrize("scope", sorted(SCOPE_CASES))
    def test_scope_selects_segments(self, scope: str, tmp_path: Path) -> None:
        path = tmp_path / f"mixed{self.ext}"
        self.fmt.write_document(MIXED, path, scope=scope)
        assert self.read(path) == self.styled(SCOPE_CASES[scope])

    def test_package_functions_dispatch_by_extension(self, tmp_path: Path) -> None:
        path = tmp_path / f"News{self.ext.upper()}"
        formats.write_document(NEWS_ZH_RU, path, scope="all")
        assert [(p.style, p.source) for p in formats.read_article(path)] == self.styled(
            ROUND_TRIPS["zh-ru"][1]
        )

    def test_render_document_gives_the_written_bytes(self, tmp_path: Path) -> None:
        path = tmp_path / f"news{self.ext}"
        self.fmt.write_document(NEWS_RU_EN, path)
        data = formats.render_document(NEWS_RU_EN, self.format_name)
        parsed = self.fmt.parse_article(data, "upload" + self.ext)
        assert [(p.style, p.source) for p in parsed] == self.read(path)

    def test_line_breaks_inside_a_target_stay_in_one_paragraph(self, tmp_path: Path) -> None:
        doc = build(
            "en",
            "zh",
            [("p", [("A.", "第一行\n第二行", T)]), ("p", [("B.", "line one\r\nline two", T)])],
        )
        path = tmp_path / f"breaks{self.ext}"
        self.fmt.write_document(doc, path)
        assert [text for _, text in self.read(path)] == ["第一行第二行", "line one line two"]

    @pytest.mark.parametrize(
        ("scope", "expected"),
        [
            ("all", [("h1", "Заголовок"), ("p", "Not segmented yet.")]),
            ("confirmed", [("h1", "Заголовок")]),
        ],
    )
    def test_paragraphs_without_segments_keep_their_source(
        self, scope: str, expected: list[tuple[str, str]], tmp_path: Path
    ) -> None:
        doc = build("en", "ru", [("h1", [("Title", "Заголовок", T)])])
        doc.paragraphs.append(Paragraph(1, "Not segmented yet.", "p"))
        doc.paragraphs.append(Paragraph(2, "   ", "p"))
        path = tmp_path / f"partial{self.ext}"
        self.fmt.write_document(doc, path, scope=scope)
        assert self.read(path) == self.styled(expected)

    def test_unknown_scope_lists_the_choices(self, tmp_path: Path) -> None:
        path = tmp_path / f"news{self.ext}"
        with pytest.raises(FormatError, match=r"'reviewed'.*'all', 'confirmed'"):
            self.fmt.write_document(NEWS_EN_ZH, path, scope="reviewed")
        with pytest.raises(FormatError, match=r"'everything'.*'all', 'confirmed'"):
            formats.write_document(NEWS_EN_ZH, path, scope="everything")
        assert not path.exists()


class TextFileSuite(FormatSuite):
    """The shared suite plus the tests for formats stored as UTF-8 text."""

    def test_bom_and_crlf_are_accepted(self, tmp_path: Path) -> None:
        path = tmp_path / f"bom{self.ext}"
        path.write_bytes("\ufeffПервый абзац.\r\n\r\n第二段。\r\n".encode())
        assert [text for _, text in self.read(path)] == ["Первый абзац.", "第二段。"]

    def test_old_mac_line_ends_are_accepted(self, tmp_path: Path) -> None:
        path = tmp_path / f"cr{self.ext}"
        path.write_bytes(b"One.\r\rTwo.\r")
        assert [text for _, text in self.read(path)] == ["One.", "Two."]

    @pytest.mark.parametrize(
        ("data", "offset", "line"),
        [
            ("Москва\n".encode("cp1251"), 0, 1),
            ("第一段。\n".encode() + "第二段。".encode("gbk"), 13, 2),
            (b"\xef\xbb\xbfok\n\xff", 6, 2),
            ("abc é".encode("latin-1"), 4, 1),
        ],
    )
    def test_invalid_utf8_names_file_offset_and_fix(
        self, data: bytes, offset: int, line: int, tmp_path: Path
    ) -> None:
        path = tmp_path / f"legacy{self.ext}"
        path.write_bytes(data)
        with pytest.raises(FormatError) as info:
            self.fmt.read_article(path)
        message = str(info.value)
        assert path.name in message
        assert f"byte offset {offset} (line {line}" in message
        assert "re-save it as UTF-8" in message

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "NUL byte at byte offset 5"),
            (b"text then \x00\x00 junk", "NUL byte at byte offset 10"),
            ("UTF-16 text".encode("utf-16"), "UTF-16"),
            ("UTF-32 text".encode("utf-32"), "UTF-32"),
        ],
    )
    def test_binary_junk_is_refused_clearly(
        self, data: bytes, expected: str, tmp_path: Path
    ) -> None:
        path = tmp_path / f"junk{self.ext}"
        path.write_bytes(data)
        with pytest.raises(FormatError, match=rf"{path.name}: .*{expected}"):
            self.fmt.read_article(path)

    @pytest.mark.parametrize("data", [b"\n\n  \n", b"\xef\xbb\xbf", "\u3000\u3000\n\t\n".encode()])
    def test_blank_file_says_no_text(self, data: bytes, tmp_path: Path) -> None:
        path = tmp_path / f"blank{self.ext}"
        path.write_bytes(data)
        with pytest.raises(FormatError, match=rf"{path.name}: no text found"):
            self.fmt.read_article(path)

    def test_lone_surrogate_in_a_target_is_a_clear_error(self, tmp_path: Path) -> None:
        doc = build("en", "en", [("p", [("A.", "bad \ud800 text", T)])], name="broken-doc")
        path = tmp_path / f"out{self.ext}"
        with pytest.raises(FormatError, match=r"broken-doc.*surrogate.*fix that segment"):
            self.fmt.write_document(doc, path)
        assert not path.exists()

    def test_written_text_is_utf8_without_bom(self, tmp_path: Path) -> None:
        path = tmp_path / f"out{self.ext}"
        self.fmt.write_document(NEWS_EN_ZH, path)
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert "洪水袭击南方" in data.decode("utf-8")
        assert data.endswith(b"\n") and b"\r" not in data


# -- bilingual formats ------------------------------------------------------------------

A = Status.APPROVED

#: inline codes of every kind, Chinese and Russian, and notes with characters to escape
INLINE = build(
    "en",
    "zh",
    [
        ("h1", [('Press <g id="1">Save</g> now', '现在按<g id="1">保存</g>', T)]),
        (
            "p",
            [
                (
                    'Line<x id="2"/>break <ph id="3">&lt;br/&gt;</ph> & "quotes" <b>literal</b>',
                    '换行<x id="2"/>了<ph id="3">&lt;br/&gt;</ph> & “引号” <b>literal</b>',
                    R,
                ),
                ('Untranslated <g id="9">yet</g>.', "", N),
            ],
        ),
        (
            "li",
            [
                (
                    '<bpt id="4">&lt;b class="x"&gt;</bpt>Bold<ept id="4">&lt;/b&gt;</ept> and '
                    '<bx id="5"/>open<ex id="5"/>',
                    '<bpt id="4">&lt;b class="x"&gt;</bpt>粗体<ept id="4">&lt;/b&gt;</ept>和'
                    '<bx id="5"/>开<ex id="5"/>',
                    D,
                )
            ],
        ),
        (
            "p",
            [
                (
                    'A <mrk mtype="term">TASS</mrk> report <g id="6">with <g id="7">nested</g> '
                    "codes</g> & a < b.",
                    '<mrk mtype="term">塔斯社</mrk>的报道<g id="6">有<g id="7">嵌套</g>代码</g>'
                    " & a < b。",
                    A,
                )
            ],
        ),
    ],
    name="inline «кодов» & <codes>",
)
INLINE.segments[0].note = "Проверить «термин» & <b>не</b> трогать"
INLINE.segments[1].note = "第一行\n第二行 & <x/>"
INLINE.segments[3].note = "  spaced note  "

#: notes on a plain document
NOTED = build(
    "zh",
    "ru",
    [
        ("h1", [("南方遭遇洪水", "Наводнение на юге", T)]),
        ("p", [("大雨下了一整夜。", "Дождь шёл всю ночь.", Status.REJECTED)]),
        ("p", [("道路被封闭。", "", N)]),
    ],
)
NOTED.segments[1].note = "Неточный перевод: «всю ночь» → «всю ночь напролёт»?"
NOTED.segments[2].note = "待译"

BILINGUAL_CASES: dict[str, Document] = {
    "en-zh": NEWS_EN_ZH,
    "zh-ru": NEWS_ZH_RU,
    "ru-en": NEWS_RU_EN,
    "escapes": ESCAPES,
    "mixed": MIXED,
    "inline": INLINE,
    "notes": NOTED,
}

Row = tuple[str, str, Status, str]


def expected_rows(doc: Document, scope: str = "all") -> list[Row]:
    """(source, target, status, note) of each segment, as a bilingual file carries them."""
    rows: list[Row] = []
    for seg in doc.segments:
        keep = scope == "all" or seg.status.is_confirmed
        rows.append((seg.source, seg.target if keep else "", seg.status, seg.note.strip()))
    return rows


class BilingualSuite(FileSuite):
    """Tests every bilingual format (read and written with its translations) must pass."""

    #: whether the file records each segment's paragraph and style
    keeps_paragraphs: bool = True
    keeps_styles: bool = True
    #: whether the file records the source and target languages
    keeps_languages: bool = True

    def load(self, path: Path, fmt: Format | None = None) -> object:
        return (fmt or self.fmt).read_bilingual(path)

    def load_package(self, path: Path, max_bytes: int) -> object:
        return formats.read_bilingual(path, max_bytes=max_bytes)

    def rows(self, path: Path) -> list[Row]:
        return [
            (r.source, r.target, r.status, r.note.strip()) for r in self.fmt.read_bilingual(path)
        ]

    # -- declarations ------------------------------------------------------------------

    def test_declares_name_and_extensions(self) -> None:
        assert self.fmt.name == self.format_name
        assert self.fmt.extensions and self.fmt.description
        assert all(e.startswith(".") and e == e.lower() for e in self.fmt.extensions)
        assert self.fmt.can_write and self.fmt.can_read_bilingual and not self.fmt.can_read

    def test_registry_finds_it_by_every_extension_in_any_case(self) -> None:
        for ext in self.fmt.extensions:
            assert formats.format_for_path(f"a/b/job{ext.upper()}").name == self.format_name
            assert formats.format_for_path(f"job.zh{ext}").name == self.format_name

    # -- round trips -------------------------------------------------------------------

    @pytest.mark.parametrize("case", sorted(BILINGUAL_CASES))
    def test_write_then_read_keeps_segments_statuses_and_notes(
        self, case: str, tmp_path: Path
    ) -> None:
        doc = BILINGUAL_CASES[case]
        path = tmp_path / f"{case}{self.ext}"
        self.fmt.write_document(doc, path)
        assert self.rows(path) == expected_rows(doc)

    @pytest.mark.parametrize("case", sorted(BILINGUAL_CASES))
    def test_write_then_read_keeps_paragraphs_and_languages(
        self, case: str, tmp_path: Path
    ) -> None:
        doc = BILINGUAL_CASES[case]
        path = tmp_path / f"{case}{self.ext}"
        self.fmt.write_document(doc, path)
        content = self.fmt.read_bilingual_file(path)
        if self.keeps_paragraphs:
            assert [r.paragraph for r in content.rows] == [s.paragraph for s in doc.segments]
        if self.keeps_styles:
            styles = [doc.paragraphs[s.paragraph].style for s in doc.segments]
            assert [r.style for r in content.rows] == styles
        if self.keeps_languages:
            assert (content.src_lang, content.tgt_lang) == (doc.src_lang, doc.tgt_lang)

    @pytest.mark.parametrize("case", sorted(BILINGUAL_CASES))
    def test_imported_document_equals_the_exported_one(self, case: str, tmp_path: Path) -> None:
        from workbench.formats.convert import read_document

        doc = BILINGUAL_CASES[case]
        path = tmp_path / f"{case}{self.ext}"
        self.fmt.write_document(doc, path)
        back = read_document(path, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang)
        assert (back.src_lang, back.tgt_lang) == (doc.src_lang, doc.tgt_lang)
        assert [(s.source, s.target, s.status, s.note.strip()) for s in back.segments] == (
            expected_rows(doc)
        )
        if self.keeps_paragraphs:
            assert [s.paragraph for s in back.segments] == [s.paragraph for s in doc.segments]
            sources = [p.source for p in back.paragraphs]
            assert sources == [p.source for p in doc.paragraphs if doc.paragraph_segments(p.index)]
            for seg in back.segments:
                assert back.paragraphs[seg.paragraph].source[seg.start : seg.end] == seg.source
        if self.keeps_styles:
            assert [p.style for p in back.paragraphs] == [p.style for p in doc.paragraphs]

    def test_confirmed_scope_empties_unconfirmed_targets(self, tmp_path: Path) -> None:
        path = tmp_path / f"mixed{self.ext}"
        self.fmt.write_document(MIXED, path, scope="confirmed")
        rows = self.rows(path)
        assert [r[:2] for r in rows] == [r[:2] for r in expected_rows(MIXED, "confirmed")]
        confirmed = [s.status for s in MIXED.segments if s.status.is_confirmed]
        assert [r[2] for r in rows if r[1]] == confirmed

    def test_package_functions_dispatch_by_extension(self, tmp_path: Path) -> None:
        path = tmp_path / f"Job{self.ext.upper()}"
        formats.write_document(NEWS_ZH_RU, path, scope="all")
        rows = formats.read_bilingual(path)
        assert [(r.source, r.target) for r in rows] == [r[:2] for r in expected_rows(NEWS_ZH_RU)]

    def test_render_document_gives_the_written_bytes(self, tmp_path: Path) -> None:
        path = tmp_path / f"job{self.ext}"
        self.fmt.write_document(INLINE, path)
        data = formats.render_document(INLINE, self.format_name)
        assert self.fmt.parse_bilingual(data, "upload" + self.ext) == self.fmt.read_bilingual(path)

    def test_unknown_scope_lists_the_choices(self, tmp_path: Path) -> None:
        path = tmp_path / f"job{self.ext}"
        with pytest.raises(FormatError, match=r"'reviewed'.*'all', 'confirmed'"):
            self.fmt.write_document(NEWS_EN_ZH, path, scope="reviewed")
        assert not path.exists()

    def test_characters_xml_forbids_are_dropped_not_fatal(self, tmp_path: Path) -> None:
        doc = build("en", "ru", [("p", [("bell\x07 A.", "звонок\x0b Б.", T)])])
        path = tmp_path / f"ctrl{self.ext}"
        self.fmt.write_document(doc, path)
        [(source, target, status, _)] = self.rows(path)
        assert source.replace("\x07", "") == "bell A." and status is T
        assert target.replace("\x0b", "") == "звонок Б."


class TranslateToolkitSuite(BilingualSuite):
    """The bilingual suite plus: translate-toolkit's own reader reads what was written."""

    def tt_rows(self, data: bytes) -> list[tuple[str, str, str]]:
        """(source, target, notes) of each unit as translate-toolkit reads ``data``."""
        raise NotImplementedError

    #: whether translate-toolkit's plain text keeps the native code of ``ph``/``bpt``...
    tt_keeps_native_code: bool = False

    def tt_text(self, text: str) -> str:
        """``text`` as translate-toolkit shows it: inline codes dropped, the text they
        enclose kept (and their native code, where :attr:`tt_keeps_native_code`)."""
        from workbench.formats import inline

        def flat(nodes: Sequence[inline.Node]) -> str:
            out = ""
            for node in nodes:
                if isinstance(node, str):
                    out += node
                elif node.children is not None:
                    out += flat(node.children)
                elif self.tt_keeps_native_code:
                    out += node.code or ""
            return out

        return flat(inline.parse(text))

    @pytest.mark.parametrize("case", sorted(BILINGUAL_CASES))
    def test_translate_toolkit_reads_the_written_file(self, case: str) -> None:
        doc = BILINGUAL_CASES[case]
        got = self.tt_rows(self.fmt.render_document(doc))
        text = self.tt_text
        assert [(s, t) for s, t, _ in got] == [
            (text(s.source), text(s.target)) for s in doc.segments
        ]
        notes = [n for _, _, n in got]
        if any(notes):
            assert notes == [s.note.strip() for s in doc.segments]
