"""The data shipped inside the package: the media glossary and the sample articles.

Read through :mod:`importlib.resources`, so they are found wherever the
package is installed (a wheel in site-packages, an editable checkout, a zip).
Files come back as real paths: when the package is not on a file system they
are extracted once per process into a temporary folder removed at exit.

>>> shipped_glossary().name
'media.tbx'
>>> shipped_glossary("csv").name
'media.csv'
>>> sorted(p.name for p in sample_articles().glob("media-forum.*.txt"))
['media-forum.en.txt', 'media-forum.ru.txt', 'media-forum.zh.txt']
"""

from __future__ import annotations

import atexit
import contextlib
import tempfile
import threading
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from workbench.errors import WorkbenchError

#: the package folder that holds the data, relative to ``workbench``
DATA = "data"
#: the name of the shipped glossary, without its suffix
GLOSSARY_NAME = "media"

_extracted = contextlib.ExitStack()
_paths: dict[tuple[str, ...], Path] = {}
_lock = threading.Lock()
atexit.register(_extracted.close)


def data_path(*parts: str) -> Path:
    """The file or folder ``workbench/data/<parts...>`` as a real path.

    Raises :class:`~workbench.errors.WorkbenchError` naming the path when the
    installation lacks it (a package built without its data).
    """
    with _lock:
        if parts in _paths:
            return _paths[parts]
        node: Traversable = files("workbench").joinpath(DATA, *parts)
        if not (node.is_file() or node.is_dir()):
            raise WorkbenchError(
                f"the package data {'/'.join((DATA, *parts))} is missing from the installed "
                "workbench: reinstall it from a complete source (`pip install .` keeps "
                "workbench/data/)"
            )
        # a plain directory install gives a Path already; a zip needs extracting
        path = node if isinstance(node, Path) else _extract(node)
        _paths[parts] = path
        return path


def _extract(node: Traversable) -> Path:
    if node.is_file():
        return _extracted.enter_context(as_file(node))
    # as_file takes folders only from Python 3.12: copy the tree out by hand
    root = Path(_extracted.enter_context(tempfile.TemporaryDirectory(prefix="workbench-data-")))
    target = root / node.name

    def copy(src: Traversable, dest: Path) -> None:
        dest.mkdir()
        for child in src.iterdir():
            if child.is_dir():
                copy(child, dest / child.name)
            else:
                (dest / child.name).write_bytes(child.read_bytes())

    copy(node, target)
    return target


def shipped_glossary(fmt: Literal["tbx", "csv"] = "tbx") -> Path:
    """The glossary shipped with the workbench: ``media.tbx`` (or ``media.csv``, the same terms).

    The project glossary starts as a copy of it; never write to this file.
    """
    if fmt not in ("tbx", "csv"):
        raise WorkbenchError(f"the shipped glossary comes as 'tbx' or 'csv', not {fmt!r}")
    return data_path("glossaries", f"{GLOSSARY_NAME}.{fmt}")


def sample_articles() -> Path:
    """The folder of the sample article ``media-forum.{en,zh,ru}.txt`` (one paragraph a line)."""
    return data_path("corpora")


__all__ = ["DATA", "GLOSSARY_NAME", "data_path", "sample_articles", "shipped_glossary"]
