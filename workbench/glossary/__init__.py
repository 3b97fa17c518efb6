"""Termbases: concepts with their preferred and forbidden terms in each language.

The model (:mod:`workbench.glossary.model`, re-exported here), the one reader and
writer of glossary files (:func:`read_termbase`, :func:`write_termbase`: TBX through
:mod:`workbench.glossary.tbx`, the glossary CSV through :mod:`workbench.glossary.csv`)
and the project glossary; term recognition (:mod:`workbench.glossary.match`), the
Edit panel's hits (:mod:`workbench.glossary.hits`) and enforcement in MT
(:mod:`workbench.glossary.enforce`) build on them.

>>> tb = read_termbase(SHIPPED)
>>> xinhua = next(c for c in tb.concepts if c.preferred("en").text == "Xinhua News Agency")
>>> xinhua.preferred("zh").text, xinhua.preferred("ru").text
('新华社', 'агентство Синьхуа')
>>> parse_termbase(render_termbase(tb, "g.csv"), "g.csv").concepts == tb.concepts
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import GlossaryError
from workbench.glossary.model import Concept, Term, Termbase, TermStatus
from workbench.resources import shipped_glossary

if TYPE_CHECKING:
    from workbench.formats.convert import Converted


#: the file suffixes of termbases, each read and written by one module
SUFFIXES = (".tbx", ".csv")


def _suffix(name: str | os.PathLike[str], *, writing: bool = False) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        kind = "written as .tbx or .csv" if writing else "a .tbx or .csv file"
        raise GlossaryError(
            f"{name}: a glossary is {kind} (TBX or the glossary CSV), "
            f"not {suffix or 'a name without a suffix'}"
        )
    return suffix


def read_termbase(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Termbase:
    """The termbase in ``path``: TBX (``.tbx``) or the glossary CSV (``.csv``), at most
    ``max_bytes`` (default 20 MB).

    The one reader of glossary files: MT enforcement, the Edit panel, QA and the
    Glossary page all read through it.  Every problem (a missing, empty, oversized or
    undecodable file, a bad header, broken XML) is a
    :class:`~workbench.errors.GlossaryError` naming ``path``.
    """
    return parse_termbase(read_glossary_bytes(path, max_bytes=max_bytes), str(path))


def read_glossary_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The bytes of the glossary file ``path`` (checked as :func:`read_termbase` checks
    it), for a caller that also needs them, e.g. to hash them into a version."""
    from workbench.textio import DEFAULT_MAX_BYTES, read_bytes

    _suffix(path)
    return read_bytes(
        path,
        what="glossary",
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
        hint="split the glossary or trim it",
        error=GlossaryError,
    )


def parse_termbase(data: bytes, name: str) -> Termbase:
    """Like :func:`read_termbase` for bytes in memory (an upload); ``name``'s suffix
    says the format and errors name it.

    >>> tb = parse_termbase("EN , zh\\nTASS|Tass,塔斯社\\n".encode(), "g.csv")
    >>> [(t.text, t.lang) for t in tb.concepts[0].terms]
    [('TASS', 'en'), ('Tass', 'en'), ('塔斯社', 'zh')]
    """
    from workbench.errors import FormatError

    suffix = _suffix(name)
    if not data.strip():
        raise GlossaryError(f"{name}: the file is empty; choose a TBX file or a glossary CSV")
    try:
        if suffix == ".tbx":
            from workbench.glossary.tbx import parse_tbx

            return parse_tbx(data, name)
        from workbench.glossary.csv import parse_glossary_csv

        return parse_glossary_csv(data, name)
    except FormatError as exc:  # the XML gate: one error class for every glossary problem
        raise GlossaryError(str(exc)) from exc


def render_termbase(termbase: Termbase, name: str | os.PathLike[str]) -> bytes:
    """The bytes of ``termbase`` as TBX or the glossary CSV, by ``name``'s suffix."""
    if _suffix(name, writing=True) == ".tbx":
        from workbench.glossary.tbx import render_tbx

        return render_tbx(termbase)
    from workbench.glossary.csv import render_glossary_csv

    return render_glossary_csv(termbase, str(name))


def write_termbase(termbase: Termbase, path: str | os.PathLike[str]) -> None:
    """Write ``termbase`` to ``path`` atomically as TBX (``.tbx``) or CSV (``.csv``)."""
    from workbench.formats.base import atomic_write

    atomic_write(Path(path), render_termbase(termbase, path))


def convert_termbase(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    max_bytes: int | None = None,
) -> Converted:
    """Read the termbase in ``source`` and write it to ``target``, each as TBX or the
    glossary CSV by its suffix (``workbench convert media.tbx media.csv``)."""
    from workbench.formats.convert import Converted

    termbase = read_termbase(source, max_bytes=max_bytes)
    write_termbase(termbase, target)
    return Converted(
        Path(source).suffix.lower().lstrip("."),
        Path(target).suffix.lower().lstrip("."),
        len(termbase.concepts),
        "concepts",
    )


#: the glossary shipped with the workbench (package data), the project glossary's starting point
SHIPPED = shipped_glossary()


def project_glossary(
    path: str | os.PathLike[str], shipped: str | os.PathLike[str] = SHIPPED
) -> Path:
    """The project glossary at ``path`` (the ``glossary`` setting), created from ``shipped``
    the first time: a copy of the file, converted when the formats differ.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     made = project_glossary(Path(tmp) / "g.tbx")
    ...     len(read_termbase(made).concepts) == len(read_termbase(SHIPPED).concepts)
    True
    """
    target = Path(path).expanduser()
    if target.is_file():
        return target
    if target.exists():
        raise GlossaryError(
            f"the glossary path {target} is not a file: set WORKBENCH_GLOSSARY (or glossary "
            "in the settings file) to a .tbx or .csv file"
        )
    source = Path(shipped)
    if not source.is_file():
        raise GlossaryError(
            f"no glossary at {target}, and no shipped glossary at {source} to start it from: "
            "import one on the Glossary page or set WORKBENCH_GLOSSARY to an existing file"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == source.suffix.lower():
            partial = target.with_name(f".{target.name}.part")
            partial.write_bytes(source.read_bytes())
            partial.replace(target)
        else:
            write_termbase(read_termbase(source), target)
    except OSError as exc:
        raise GlossaryError(
            f"cannot create the glossary {target} ({exc.strerror or exc}): set "
            "WORKBENCH_GLOSSARY to a writable .tbx or .csv path"
        ) from exc
    return target


__all__ = [
    "SHIPPED",
    "SUFFIXES",
    "Concept",
    "Term",
    "TermStatus",
    "Termbase",
    "parse_termbase",
    "project_glossary",
    "read_glossary_bytes",
    "read_termbase",
    "render_termbase",
    "write_termbase",
]
