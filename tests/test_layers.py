"""The layers of the package: who may import what (imports at any level, inside functions too)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

#: the packages whose modules are checked
CHECKED = ("workbench", "app_pages")
#: only modules of this package may touch the database layer
STORE = "workbench.store"
#: what only the store may import
STORE_ONLY = ("sqlalchemy", "workbench.store.schema")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """``(line, dotted name)`` of everything ``module`` imports, wherever the import is."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield node.lineno, base
            for alias in node.names:  # `from workbench.store import schema`
                yield node.lineno, f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def modules() -> Iterator[tuple[Path, str]]:
    for package in CHECKED:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, module_name(path)


def test_no_sqlalchemy_outside_store() -> None:
    checked = 0
    offenders = []
    for path, module in modules():
        checked += 1
        if module == STORE or module.startswith(STORE + "."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        lines: dict[int, str] = {}
        for line, name in imported(tree, module, path.name == "__init__.py"):
            if any(name == banned or name.startswith(banned + ".") for banned in STORE_ONLY):
                lines.setdefault(line, name)
        offenders += [f"{path.relative_to(ROOT)}:{n} imports {name}" for n, name in lines.items()]
    assert checked > 50, f"only {checked} modules found under {CHECKED}: is ROOT right?"
    assert not offenders, (
        "only workbench.store may use SQLAlchemy and the tables; go through a store "
        "repository (Store.tm_units, Store.effort, Store.mt_cache) instead:\n"
        + "\n".join(offenders)
    )


def test_the_import_scan_sees_every_kind_of_import() -> None:
    source = (
        "import sqlalchemy.orm\n"
        "def f():\n"
        "    from workbench.store import schema\n"
        "    from .schema import TmUnitRow\n"
        "    importlib.import_module('sqlalchemy')\n"
    )
    found = [name for _, name in imported(ast.parse(source), "workbench.store.tm", False)]
    assert "sqlalchemy.orm" in found
    assert "workbench.store.schema" in found
    assert found.count("workbench.store.schema") == 2  # absolute and relative
    assert found[-1] == "sqlalchemy"
