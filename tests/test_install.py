"""The package as a user installs it: a wheel in a fresh virtual environment, away from the repo.

The wheel is built from a copy of the sources (``pyproject.toml``, ``README.md``,
``LICENSE``, ``workbench/``) and installed without ``-e`` into a new venv, so
the shipped glossary and sample articles must come from the package data.  To
stay fast the venv borrows the dependencies already installed in the project's
``.venv`` through a ``.pth`` line naming its site-packages, added only after the
wheel is installed; a plain path line in a ``.pth`` file does not run the ``.pth``
files of that folder, so the editable install of ``.venv`` stays out of sight.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

#: what the wheel is built from; anything else in the checkout is not the package
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "workbench")
#: the pip of the project's .venv (with setuptools, for a build without isolation)
PIP = (sys.executable, "-m", "pip")


@dataclass(frozen=True)
class Installed:
    venv: Path
    python: Path
    workbench: Path
    #: the folder the commands run in, outside the repository
    work: Path
    env: dict[str, str]

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.workbench), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.work,
            env=self.env,
            timeout=300,
        )

    def python_c(self, code: str) -> str:
        done = subprocess.run(
            [str(self.python), "-c", code],
            capture_output=True,
            text=True,
            cwd=self.work,
            env=self.env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


def _check(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("install")
    assert not base.resolve().is_relative_to(ROOT), "the venv must lie outside the repository"
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = base / "dist"
    _check(
        [*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)],
        base,
    )
    (wheel,) = dist.glob("workbench-*.whl")

    venv = base / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    python = venv / "bin" / "python"
    # .venv's pip installs into the new venv; nothing named workbench is visible there yet
    _check(
        [
            *PIP,
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        base,
    )
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    # the dependencies of .venv, as a bare path: its own .pth files (the editable
    # workbench among them) are not processed
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")

    work = base / "work"
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WORKBENCH_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        WORKBENCH_DB=str(work / "workbench.db"),
        WORKBENCH_CONFIG=str(work / "absent.toml"),
        WORKBENCH_GLOSSARY=str(work / "glossary.tbx"),
        WORKBENCH_MODELS_DIR=str(work / "models"),
        HF_HUB_OFFLINE="1",
        HOME=str(work),
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
    )
    return Installed(venv, python, venv / "bin" / "workbench", work, env)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    probe = (
        "import json, sys, importlib.metadata as md, workbench, workbench.resources as r\n"
        "dist = md.distribution('workbench')\n"
        "print(json.dumps({'file': workbench.__file__, 'path': sys.path,\n"
        "    'direct_url': dist.read_text('direct_url.json'),\n"
        "    'glossary': str(r.shipped_glossary()), 'sample': str(r.sample_articles())}))"
    )
    found = json.loads(installed.python_c(probe))
    venv = installed.venv.resolve()
    for key in ("file", "glossary", "sample"):
        assert Path(found[key]).resolve().is_relative_to(venv), (key, found[key])
    assert "editable" not in json.loads(found["direct_url"]).get("dir_info", {})
    # neither the checkout nor its package folder is importable from the venv
    entries = [Path(p).resolve() for p in found["path"] if p]
    assert ROOT not in entries
    outside = [p for p in entries if not p.is_relative_to(venv)]
    assert not [p for p in outside if (p / "workbench" / "__init__.py").is_file()]
    shipped = Path(found["glossary"])
    assert shipped.name == "media.tbx" and shipped.with_suffix(".csv").is_file()
    assert (Path(found["sample"]) / "media-forum.en.txt").is_file()


def test_sample_project_from_the_installed_articles(installed: Installed) -> None:
    done = installed.run("sample")
    assert done.returncode == 0, done.stderr
    listed = installed.run("projects")
    assert listed.returncode == 0, listed.stderr
    assert "media-forum (en→zh)" in listed.stdout and "media-forum (en→ru)" in listed.stdout


def test_terms_are_found_with_the_installed_glossary(installed: Installed) -> None:
    glossary = installed.python_c(
        "import workbench.resources as r; print(r.shipped_glossary())"
    ).strip()
    done = installed.run(
        "terms", "--glossary", glossary, "--lang", "en", "-",
        stdin="Xinhua News Agency reported from Guangzhou.\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    hits = [json.loads(line) for line in done.stdout.splitlines()]
    assert {(h["concept"], h["term"]) for h in hits} >= {
        ("xinhua-news-agency", "Xinhua News Agency"),
        ("guangzhou", "Guangzhou"),
    }, hits


def test_translate_enforces_the_installed_glossary(
    installed: Installed, fixture_model: Path
) -> None:
    from tests.marian_fixture import AGENCIES

    # the fixture learned ITAR-TASS as 塔斯社; only the glossary says 俄通社-塔斯社
    assert [a.zh for a in AGENCIES if a.en == "ITAR-TASS"] == ["塔斯社"]
    glossary = installed.python_c(
        "import workbench.resources as r; print(r.shipped_glossary())"
    ).strip()
    done = installed.run(
        "translate", "--src", "en", "--tgt", "zh", "--model", str(fixture_model),
        "--glossary", glossary, "-",
        stdin="ITAR-TASS reported on Monday.\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("俄通社-塔斯社"), done.stdout
