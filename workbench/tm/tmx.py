"""TMX 1.4b import into and export from the translation memory.

Reading and writing go through the workbench's TMX format
(:mod:`workbench.formats.tmx`: hostile XML refused, inline codes kept); this
module only maps TMX units to TM units.  An export adds to each ``<tu>`` the
TMX attributes a memory has: ``creationdate``, ``changedate``, ``creationid``,
``usagecount`` and ``lastusagedate``, and the unit's origin as
``<prop type="x-workbench-tm-origin">``; an import reads them back (from any
tool's TMX), so a memory keeps its history through an exchange.

>>> import tempfile, pathlib
>>> from workbench.store import Store
>>> from workbench.tm import TranslationMemory
>>> tm = TranslationMemory(Store("sqlite://").tm_units)
>>> _ = tm.add([("TASS agreed.", "塔斯社表示同意。")], src_lang="en", tgt_lang="zh", origin="x")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tm.tmx"
>>> export_tmx(tm, path)
1
>>> other = TranslationMemory(Store("sqlite://").tm_units)
>>> import_tmx(other, path).added
1
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import FormatError
from workbench.model import Document, Paragraph, Provenance, Segment, Status
from workbench.tm.memory import AddResult, TMError, TmUnit, UnitMeta

if TYPE_CHECKING:
    from workbench.formats.base import Format
    from workbench.tm.memory import TranslationMemory

PROP_ORIGIN = "x-workbench-tm-origin"
log = logging.getLogger(__name__)


def _tmx_format() -> Format:
    from workbench.formats import get_format

    return get_format("tmx")


def import_tmx(
    tm: TranslationMemory,
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    creator: str = "",
) -> AddResult:
    """Add the units of the TMX file at ``path`` to ``tm`` (languages from the file, or given).

    Units already in the memory are counted as updated, not copied; units
    without a target are skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise TMError(f"no such TMX file: {path}")
    found = _tmx_format().read_bilingual_file(path)
    src = src_lang or found.src_lang
    tgt = tgt_lang or found.tgt_lang
    if not src or not tgt:
        raise FormatError(f"{path.name} does not say its languages: pass --src-lang and --tgt-lang")
    if found.src_lang and src_lang and found.src_lang != src_lang:
        raise FormatError(
            f"{path.name} is a {found.src_lang} memory, not {src_lang}: leave out --src-lang "
            "or pick the file for that language"
        )
    meta = _unit_meta(path, len(found.rows))
    return tm.add_pairs(
        [(row.source, row.target) for row in found.rows],
        src_lang=src,
        tgt_lang=tgt,
        origin=f"tmx:{path.name}",
        creator=creator,
        with_context=False,
        meta=meta,
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for pattern in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S"):
        try:
            return datetime.strptime(value.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    log.warning("ignoring a TMX date that is not YYYYMMDDThhmmssZ: %r", value)
    return None


def _unit_meta(path: Path, rows: int) -> list[UnitMeta | None] | None:
    """Each ``<tu>``'s dates, creator, usage count and workbench origin, in file order.

    ``None`` (and a log line) where the units cannot be matched one to one with
    what the TMX reader returned.
    """
    from workbench.formats.tmx import TMX_DOCTYPES
    from workbench.formats.xmlsafe import local_name, parse_xml

    root = parse_xml(path.read_bytes(), path.name, doctypes=TMX_DOCTYPES, kind="TMX")
    units = [
        tu
        for tu in root.iter()
        if local_name(tu) == "tu" and any(local_name(c) == "tuv" for c in tu)
    ]
    if len(units) != rows:
        log.warning(
            "%s: %d <tu> for %d units read: dates not imported", path.name, len(units), rows
        )
        return None
    out: list[UnitMeta | None] = []
    for tu in units:
        props = {p.get("type"): "".join(p.itertext()) for p in tu if local_name(p) == "prop"}
        count = tu.get("usagecount")
        out.append(
            UnitMeta(
                created=_parse_date(tu.get("creationdate")),
                changed=_parse_date(tu.get("changedate")),
                creator=tu.get("creationid") or None,
                origin=props.get(PROP_ORIGIN) or None,
                usage_count=int(count) if count and count.isdigit() else None,
                last_used=_parse_date(tu.get("lastusagedate")),
            )
        )
    return out


def _pair(tm: TranslationMemory, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    pairs = [(a, b) for a, b, _ in tm.language_pairs()]
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    matching = [
        (a, b)
        for a, b in pairs
        if (src_lang is None or a == src_lang) and (tgt_lang is None or b == tgt_lang)
    ]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        raise TMError(
            "the memory has no units"
            + (f" for {src_lang or '*'}->{tgt_lang or '*'}" if src_lang or tgt_lang else "")
            + ": add some (confirm segments, align texts or import a TMX file) first"
        )
    listed = ", ".join(f"{a}->{b}" for a, b in matching)
    raise TMError(
        f"the memory holds several language pairs ({listed}): pick one with --src-lang "
        "and --tgt-lang"
    )


def _tmx_date(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def export_tmx(
    tm: TranslationMemory,
    path: str | os.PathLike[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> int:
    """Write one language pair of ``tm`` to ``path`` as TMX 1.4b; return the number of units.

    The pair may be left out when the memory holds only one.
    """
    import importlib

    from workbench.formats.base import atomic_write

    etree: Any = importlib.import_module("lxml.etree")

    src, tgt = _pair(tm, src_lang, tgt_lang)
    units: list[TmUnit] = list(tm.units(src, tgt))
    doc = Document(
        name="translation memory",
        src_lang=src,
        tgt_lang=tgt,
        paragraphs=[Paragraph(i, u.source) for i, u in enumerate(units)],
        segments=[
            Segment(
                index=i,
                paragraph=i,
                source=u.source,
                target=u.target,
                status=Status.TRANSLATED,
                provenance=Provenance.memory(100.0, detail=u.origin),
            )
            for i, u in enumerate(units)
        ],
    )
    data = _tmx_format().render_document(doc, scope="all")
    # our own output: parsed back only to add the attributes of a memory's units
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    tus = [el for el in root.iter("tu")]
    if len(tus) != len(units):
        raise FormatError(
            f"the TMX writer made {len(tus)} units for {len(units)}: report this as a bug"
        )
    for tu, unit in zip(tus, units, strict=True):
        tu.set("creationdate", _tmx_date(unit.created))
        tu.set("changedate", _tmx_date(unit.changed))
        if unit.creator:
            tu.set("creationid", unit.creator)
        tu.set("usagecount", str(unit.usage_count))
        if unit.last_used is not None:
            tu.set("lastusagedate", _tmx_date(unit.last_used))
        if unit.origin:
            prop = etree.Element("prop")
            prop.set("type", PROP_ORIGIN)
            prop.text = unit.origin
            tu.insert(0, prop)
    out = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    atomic_write(Path(path), out)
    return len(units)
