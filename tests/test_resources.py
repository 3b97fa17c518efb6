"""The package data (workbench/data) read through importlib.resources."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from workbench.errors import WorkbenchError
from workbench.glossary import SHIPPED, read_termbase
from workbench.resources import data_path, sample_articles, shipped_glossary


def test_the_shipped_glossary_comes_in_two_formats_with_the_same_concepts() -> None:
    tbx, csv = shipped_glossary(), shipped_glossary("csv")
    assert tbx == SHIPPED
    assert (tbx.suffix, csv.suffix) == (".tbx", ".csv")
    ids = [c.id for c in read_termbase(tbx).concepts]
    assert len(ids) > 50 and [c.id for c in read_termbase(csv).concepts] == ids


def test_the_sample_article_is_there_in_three_languages() -> None:
    folder = sample_articles()
    lines = {
        lang: (folder / f"media-forum.{lang}.txt").read_text("utf-8").splitlines()
        for lang in ("en", "zh", "ru")
    }
    assert len(lines["en"]) > 5
    assert len(lines["zh"]) == len(lines["en"]) == len(lines["ru"])


def test_a_wrong_format_or_a_missing_file_is_named() -> None:
    with pytest.raises(WorkbenchError, match="'tbx' or 'csv', not 'xlsx'"):
        shipped_glossary("xlsx")  # type: ignore[arg-type]
    with pytest.raises(WorkbenchError, match=r"data/glossaries/absent\.tbx is missing"):
        data_path("glossaries", "absent.tbx")


def test_a_zipped_package_extracts_its_data_to_real_paths(tmp_path: Path) -> None:
    """Where the package is not on a file system (a zip on sys.path), files and folders
    are copied out to real paths that the rest of the code can open."""
    archive = tmp_path / "workbench.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (ROOT / "workbench").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(ROOT).as_posix())
    probe = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(archive)!r})\n"
        "import workbench.resources as r\n"
        "folder, tbx = r.sample_articles(), r.shipped_glossary()\n"
        "print(json.dumps({'module': r.__file__, 'folder': str(folder), 'tbx': str(tbx),\n"
        "    'files': sorted(p.name for p in folder.iterdir()),\n"
        "    'tbx_size': tbx.stat().st_size, 'again': str(r.sample_articles())}))\n"
    )
    # -S: no site-packages, so the editable checkout cannot answer the import
    done = subprocess.run(
        [sys.executable, "-S", "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["module"].startswith(str(archive))
    assert not Path(found["folder"]).is_relative_to(ROOT)
    assert found["files"] == sorted(p.name for p in sample_articles().iterdir())
    assert found["tbx_size"] == shipped_glossary().stat().st_size
    assert found["again"] == found["folder"], "extracted once per process"
    # the extracted copies are removed when the process exits
    assert not Path(found["folder"]).exists() and not Path(found["tbx"]).exists()
