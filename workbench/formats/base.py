"""The format protocol: a base class with the public read/write methods written once.

Each format fills in two private hooks, :meth:`Format._parse` (bytes in, paragraphs
out) and :meth:`Format._render` (document in, bytes out).  The base class does the
file handling once for every format: missing, empty and oversized files, UTF-8
decoding for text formats, scope checks and atomic writes (a temporary file in the
target's folder, then :func:`os.replace`), so that a failed export never leaves a
half-written file in place of a good one.

>>> from workbench.formats import get_format
>>> fmt = get_format("text")
>>> [p.source for p in fmt.parse_article(b"Hello.\\r\\n\\r\\nWorld.\\n", "a.txt")]
['Hello.', 'World.']
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import logging
import os
import re
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import FormatError
from workbench.formats.inline import plain_text
from workbench.languages import is_cjk
from workbench.model import Document, Origin, Paragraph, Segment, Status
from workbench.textio import DEFAULT_MAX_BYTES, check_size, decode_text, format_size, read_bytes

log = logging.getLogger(__name__)

#: export scopes: every segment (untranslated ones fall back to the source in
#: article formats), or only the segments a person has confirmed
SCOPES: tuple[str, ...] = ("all", "confirmed")

#: the paragraph styles of :class:`workbench.model.Paragraph`
STYLES: frozenset[str] = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})

#: the BCP 47 tags written into files for each workbench language (as Word uses them)
LANGUAGE_TAGS: dict[str, str] = {"en": "en-US", "zh": "zh-CN", "ru": "ru-RU"}

_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


#: what to do with a file over a format's size limit
_SIZE_HINT = "split it into smaller files or raise the limit (max_bytes)"

_TMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def check_scope(scope: str) -> str:
    """Return ``scope`` if it is one of :data:`SCOPES`, else raise a :class:`FormatError`."""
    if scope not in SCOPES:
        choices = ", ".join(repr(s) for s in SCOPES)
        raise FormatError(f"unknown export scope {scope!r}: choose one of {choices}")
    return scope


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph: with nothing next to CJK text, else with a space.

    >>> join_lines(["中国新闻", "社报道。"]), join_lines(["The news", "agency said."])
    ('中国新闻社报道。', 'The news agency said.')
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(line[0])):
            out += " "
        out += line
    return out


def one_line(text: str) -> str:
    """``text`` with any line breaks folded (see :func:`join_lines`), for line-based formats."""
    text = text.strip()
    if not _LINE_BREAKS.search(text):
        return text
    return join_lines(_LINE_BREAKS.split(text))


def language_code(tag: str | None) -> str | None:
    """The workbench language of a file's language tag, or ``None`` if it is none of them.

    >>> language_code("zh-Hans-CN"), language_code("RU_ru"), language_code("de"), language_code("")
    ('zh', 'ru', None, None)
    """
    if not tag:
        return None
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    aliases = {"cmn": "zh", "chi": "zh", "zho": "zh", "rus": "ru", "eng": "en"}
    primary = aliases.get(primary, primary)
    return primary if primary in LANGUAGE_TAGS else None


def encode_text(text: str, source_name: str, *, bom: bool = False) -> bytes:
    """``text`` as UTF-8 (with a BOM if ``bom``); a lone surrogate is a :class:`FormatError`."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        context = text[max(0, exc.start - 20) : exc.start]
        raise FormatError(
            f"{source_name}: the text cannot be encoded as UTF-8 (an unpaired surrogate "
            f"{text[exc.start]!r} after {context!r}); fix that segment and export again"
        ) from None
    return codecs.BOM_UTF8 + data if bom else data


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and :func:`os.replace`.

    On any failure the temporary file is removed and an existing ``path`` is left
    exactly as it was.  A new file gets the usual permissions (0666 less the umask);
    a replaced file keeps its permissions.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise FormatError(
            f"cannot write {path}: the folder {folder} does not exist; create it or choose "
            "another location"
        )
    if path.is_dir():
        raise FormatError(f"cannot write {path}: it is a folder; give a file name")
    tmp: Path | None = None
    fd = -1
    try:
        for _ in range(100):
            candidate = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
            try:
                fd = os.open(candidate, _TMP_FLAGS, 0o666)
            except FileExistsError:
                continue
            tmp = candidate
            break
        else:  # pragma: no cover - 100 random collisions in a row
            raise OSError(f"no free temporary name in {folder}")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise FormatError(
            f"cannot write {path}: {exc.strerror or exc}; check the folder's permissions and "
            "free space (the previous file, if any, is unchanged)"
        ) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp is not None:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
            except OSError:  # pragma: no cover - nothing more we can do
                log.warning("could not remove the temporary file %s", tmp)


@dataclass(frozen=True)
class BilingualRow:
    """One segment read back from a bilingual file (CSV, XLIFF, TMX, a review table).

    ``index`` and ``paragraph`` are 0-based like :class:`workbench.model.Segment`'s
    (``None`` where the file does not say).
    """

    index: int
    source: str
    target: str
    status: Status
    paragraph: int | None = None
    origin: Origin = Origin.NONE
    note: str = ""
    #: the style of the segment's paragraph (``"p"``, ``"h1"``..``"h6"``, ``"li"``)
    style: str = "p"


@dataclass(frozen=True)
class BilingualFile:
    """The contents of a bilingual file: its segments and, where the file says, its
    languages (workbench codes) and the name of the document it was made from."""

    rows: list[BilingualRow]
    src_lang: str | None = None
    tgt_lang: str | None = None
    name: str | None = None


class Format:
    """A file format the workbench reads articles from or writes translations to.

    Subclasses declare :attr:`name`, :attr:`extensions`, :attr:`description`,
    :attr:`can_read` and :attr:`can_write`, and fill in :meth:`_parse` and/or
    :meth:`_render`.  Text formats derive from :class:`TextFileFormat` and fill in
    :meth:`TextFileFormat._parse_text` and :meth:`TextFileFormat._render_text` instead.

    >>> from workbench.formats import get_format
    >>> get_format("markdown").extensions
    ('.md', '.markdown')
    """

    #: registry name
    name: str = "format"
    #: file extensions, lowercase with the dot; the first is the one writers suggest
    extensions: tuple[str, ...] = ()
    #: one line for menus
    description: str = ""
    #: whether :meth:`read_article` works (an article format)
    can_read: bool = False
    #: whether :meth:`write_document` works
    can_write: bool = False
    #: whether :meth:`read_bilingual` works (source and target pairs with their status)
    can_read_bilingual: bool = False
    #: the largest file read, in bytes
    max_bytes: int = DEFAULT_MAX_BYTES

    def __init__(self, *, max_bytes: int | None = None) -> None:
        if max_bytes is not None:
            if max_bytes <= 0:
                raise FormatError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
            self.max_bytes = max_bytes

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, extensions={self.extensions!r})"

    # -- reading -----------------------------------------------------------------------

    def read_bytes(self, path: str | os.PathLike[str]) -> bytes:
        """The bytes of ``path``, refusing missing, unreadable, empty and oversized files."""
        data = read_bytes(path, max_bytes=self.max_bytes, hint=_SIZE_HINT)
        self._check_size(len(data), str(path))
        return data

    def read_article(self, path: str | os.PathLike[str]) -> list[Paragraph]:
        """The paragraphs of the article in ``path``: blank ones dropped, numbered from 0.

        >>> import tempfile
        >>> from workbench.formats import get_format
        >>> path = Path(tempfile.mkdtemp()) / "news.md"
        >>> _ = path.write_text("# Floods in the south\\n\\n\\nRain fell.\\n", "utf-8")
        >>> [(p.index, p.source, p.style) for p in get_format("markdown").read_article(path)]
        [(0, 'Floods in the south', 'h1'), (1, 'Rain fell.', 'p')]
        """
        self._require_read()
        return self.parse_article(self.read_bytes(path), str(path))

    def parse_article(self, data: bytes, source_name: str) -> list[Paragraph]:
        """Like :meth:`read_article` for bytes in memory (an upload), named ``source_name``."""
        self._require_read()
        self._check_size(len(data), source_name)
        paragraphs = self._parse(data, source_name)
        out: list[Paragraph] = []
        for para in paragraphs:
            text = para.source.strip()
            if not text:
                continue
            style = para.style if para.style in STYLES else "p"
            out.append(Paragraph(index=len(out), source=text, style=style))
        if not out:
            raise FormatError(
                f"{source_name}: no text found in this {self.description or self.name} file; "
                "check that it is the right file"
            )
        return out

    def read_bilingual(self, path: str | os.PathLike[str]) -> list[BilingualRow]:
        """The segments of the bilingual file ``path``, in file order.

        >>> import tempfile
        >>> from workbench.formats import get_format
        >>> path = Path(tempfile.mkdtemp()) / "news.reviewed.csv"
        >>> _ = path.write_text("source,target,status\\nXinhua reported.,新华社报道。,reviewed\\n")
        >>> rows = get_format("csv").read_bilingual(path)
        >>> rows[0].target, rows[0].status
        ('新华社报道。', <Status.REVIEWED: 'reviewed'>)
        """
        self._require_bilingual()
        return self.parse_bilingual(self.read_bytes(path), str(path))

    def parse_bilingual(self, data: bytes, source_name: str) -> list[BilingualRow]:
        """Like :meth:`read_bilingual` for bytes already in memory."""
        self._require_bilingual()
        self._check_size(len(data), source_name)
        return self._parse_bilingual(data, source_name)

    def read_bilingual_file(self, path: str | os.PathLike[str]) -> BilingualFile:
        """Like :meth:`read_bilingual`, with the languages and name the file records."""
        self._require_bilingual()
        return self.parse_bilingual_file(self.read_bytes(path), str(path))

    def parse_bilingual_file(self, data: bytes, source_name: str) -> BilingualFile:
        """Like :meth:`read_bilingual_file` for bytes already in memory."""
        self._require_bilingual()
        self._check_size(len(data), source_name)
        return self._parse_bilingual_file(data, source_name)

    def _require_bilingual(self) -> None:
        if not self.can_read_bilingual:
            raise FormatError(
                f"the {self.name} format ({', '.join(self.extensions)}) has no translations to "
                f"import; use one of: {_bilingual_hint()}"
            )

    def _parse_bilingual(self, data: bytes, source_name: str) -> list[BilingualRow]:
        """The segments in ``data`` (non-empty, at most :attr:`max_bytes`).

        Formats fill in this hook or :meth:`_parse_bilingual_file` (when the file
        records its languages).
        """
        if type(self)._parse_bilingual_file is Format._parse_bilingual_file:
            raise NotImplementedError(f"{type(self).__name__} does not implement _parse_bilingual")
        return self._parse_bilingual_file(data, source_name).rows

    def _parse_bilingual_file(self, data: bytes, source_name: str) -> BilingualFile:
        """The segments and languages in ``data``; by default :meth:`_parse_bilingual`'s rows."""
        return BilingualFile(self._parse_bilingual(data, source_name))

    def _check_size(self, size: int, source_name: str) -> None:
        if size == 0:
            raise FormatError(f"{source_name}: the file is empty; choose the file with the article")
        check_size(size, source_name, self.max_bytes, hint=_SIZE_HINT)

    def _require_read(self) -> None:
        if not self.can_read:
            raise FormatError(
                f"the {self.name} format ({', '.join(self.extensions)}) cannot be imported as "
                f"an article; use one of: {_readable_hint()}"
            )

    def _parse(self, data: bytes, source_name: str) -> list[Paragraph]:
        """The paragraphs in ``data`` (non-empty, at most :attr:`max_bytes`); blanks may stay."""
        raise NotImplementedError(f"{type(self).__name__} does not implement _parse")

    # -- writing -----------------------------------------------------------------------

    def write_document(
        self, doc: Document, path: str | os.PathLike[str], *, scope: str = "all"
    ) -> None:
        """Write the translation of ``doc`` to ``path`` atomically.

        ``scope`` is ``"all"`` (every segment; untranslated ones fall back to the
        source in article formats) or ``"confirmed"`` (only the segments whose
        status is confirmed).

        >>> import tempfile
        >>> from workbench.documents import new_document
        >>> from workbench.formats import get_format
        >>> doc = new_document("news", "en", "zh", ["Rain fell."])
        >>> doc.segments[0].target = "下雨了。"
        >>> path = Path(tempfile.mkdtemp()) / "news.zh.docx"
        >>> get_format("docx").write_document(doc, path)
        >>> [p.source for p in get_format("docx").read_article(path)]
        ['下雨了。']
        """
        data = self.render_document(doc, scope=scope)
        atomic_write(Path(path), data)
        log.info("wrote %s (%s, %s, scope=%s)", path, self.name, format_size(len(data)), scope)

    def render_document(self, doc: Document, *, scope: str = "all") -> bytes:
        """The bytes :meth:`write_document` would write (for a download button)."""
        check_scope(scope)
        if not self.can_write:
            raise FormatError(f"the {self.name} format cannot be written; it is import-only")
        return self._render(doc, scope)

    def _render(self, doc: Document, scope: str) -> bytes:
        """The file contents for ``doc`` under the (checked) ``scope``."""
        raise NotImplementedError(f"{type(self).__name__} does not implement _render")

    @staticmethod
    def scoped_target(segment: Segment, scope: str) -> str:
        """The target a bilingual file carries for ``segment`` under ``scope``: its real
        target (never the source), empty under ``"confirmed"`` unless it is confirmed."""
        return segment.target if scope == "all" or segment.status.is_confirmed else ""

    @staticmethod
    def scoped_status(segment: Segment, scope: str) -> Status:
        """The status a bilingual file carries for ``segment`` under ``scope``: its own,
        or ``new`` where :meth:`scoped_target` leaves the target out."""
        if scope == "all" or Format.scoped_target(segment, scope).strip():
            return segment.status
        return Status.NEW

    @staticmethod
    def paragraph_styles(doc: Document) -> dict[int, str]:
        """The style of each paragraph of ``doc`` by its index."""
        return {p.index: (p.style if p.style in STYLES else "p") for p in doc.paragraphs}

    @staticmethod
    def localized(doc: Document, scope: str) -> list[tuple[str, str]]:
        """``(style, text)`` for each paragraph of the translated article under ``scope``.

        Under ``"all"`` a paragraph without segments (not segmented yet) keeps its
        source.  Paragraphs left empty (nothing confirmed in them) are dropped; line
        breaks inside a paragraph are folded with :func:`one_line` and inline codes
        (from an XLIFF or TMX file, see :mod:`workbench.formats.inline`) removed.
        """
        check_scope(scope)
        everything = scope == "all"
        segmented = {seg.paragraph for seg in doc.segments}
        if not everything:
            doc = dataclasses.replace(
                doc, segments=[s for s in doc.segments if s.status.is_confirmed]
            )
        texts = doc.target_paragraphs(fallback_to_source=everything)
        out: list[tuple[str, str]] = []
        for para, text in zip(doc.paragraphs, texts, strict=True):
            if everything and para.index not in segmented:
                text = para.source  # not segmented yet: nothing translated, keep the source
            line = one_line(plain_text(text))
            if line:
                out.append((para.style if para.style in STYLES else "p", line))
        return out


class TextFileFormat(Format):
    """A format stored as UTF-8 text: decoding and encoding are done here, once."""

    #: whether written files start with a UTF-8 byte order mark
    write_bom: bool = False

    def _parse(self, data: bytes, source_name: str) -> list[Paragraph]:
        return self._parse_text(decode_text(data, source_name), source_name)

    def _render(self, doc: Document, scope: str) -> bytes:
        return encode_text(self._render_text(doc, scope), doc.name, bom=self.write_bom)

    def _parse_text(self, text: str, source_name: str) -> list[Paragraph]:
        """The paragraphs in ``text`` (BOM dropped, line ends ``\\n``)."""
        raise NotImplementedError(f"{type(self).__name__} does not implement _parse_text")

    def _render_text(self, doc: Document, scope: str) -> str:
        """The text of the file for ``doc``."""
        raise NotImplementedError(f"{type(self).__name__} does not implement _render_text")


def _readable_hint() -> str:
    from workbench.formats.registry import supported_extensions

    return ", ".join(supported_extensions("read"))


def _bilingual_hint() -> str:
    from workbench.formats.registry import supported_extensions

    return ", ".join(supported_extensions("bilingual"))
