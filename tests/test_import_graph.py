"""The import graph of ``workbench``: no cycles, counting imports inside functions (issue 11).

Every ``import``/``from ... import`` anywhere in a module's AST counts (inside
functions too), except those under ``if TYPE_CHECKING:``, which never run.
Two graphs are checked: modules, and the parts of the package (``workbench.tm``,
``workbench.glossary``, ``workbench.cli``...), so that ``formats -> glossary ->
formats`` through different modules is caught as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workbench"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other
                yield from _walk(other)
            continue
        yield child
        yield from _walk(child)


def _resolve(name: str) -> str | None:
    """The workbench module ``name`` names, or the nearest package above it."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """The workbench modules ``module`` imports (at any depth of its code)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("workbench"):
                    target = _resolve(alias.name)
                    if target:
                        found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = module.split(".")
                if not is_package:
                    base_parts = base_parts[:-1]
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base.startswith("workbench"):
                continue
            for alias in node.names:
                if base == "workbench" and alias.name == "__version__":
                    # set before anything else in the root package, which Python runs
                    # to the end before any submodule: this edge cannot close a cycle
                    continue
                candidate = f"{base}.{alias.name}"
                target = candidate if candidate in MODULES else _resolve(base)
                if target:
                    found.add(target)
    found.discard(module)
    return found


def part_of(module: str) -> str:
    """``workbench.tm.memory`` -> ``workbench.tm``; ``workbench.cli`` -> itself."""
    parts = module.split(".")
    return ".".join(parts[:2])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def module_graph() -> dict[str, set[str]]:
    return {m: imports_of(m) for m in MODULES}


def part_graph() -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    for module, targets in module_graph().items():
        mine = part_of(module)
        edges = parts.setdefault(mine, set())
        # the root package re-exports the library API: it may import any part,
        # and no part may import it back (checked below)
        for target in targets:
            theirs = part_of(target)
            if theirs != mine:
                edges.add(theirs)
    return parts


def _path(graph: dict[str, set[str]], component: list[str]) -> str:
    """One cycle through ``component``, as ``a -> b -> a``, for the failure message."""
    start = component[0]
    members = set(component)
    trail = [start]
    seen = {start}
    node = start
    while True:
        nxt = sorted(graph[node] & members)
        back = [n for n in nxt if n == start]
        if back and len(trail) > 1:
            return " -> ".join([*trail, start])
        fresh = [n for n in nxt if n not in seen]
        if not fresh:
            return " <-> ".join(component)
        node = fresh[0]
        trail.append(node)
        seen.add(node)


def test_the_graph_sees_imports_inside_functions() -> None:
    # workbench.cli imports the project layer only inside its subcommands
    assert "workbench.project" in imports_of("workbench.cli") or any(
        m.startswith("workbench.project") for m in imports_of("workbench.cli")
    )
    # a TYPE_CHECKING import is not an edge
    typed_only = {m for m in MODULES if "TYPE_CHECKING" in MODULES[m].read_text("utf-8")}
    assert typed_only, "the package has TYPE_CHECKING blocks to exercise the filter"


@pytest.mark.parametrize("graph_name", ["modules", "parts"])
def test_no_import_cycle(graph_name: str) -> None:
    graph = module_graph() if graph_name == "modules" else part_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(_path(graph, c) for c in found)


def test_cycle_finder_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert _path(graph, ["a", "b", "c"]) == "a -> b -> c -> a"


def test_no_part_imports_the_root_package_api() -> None:
    """``workbench/__init__.py`` is the library API over the parts: a part that imported
    it would close a cycle through it (``__version__`` aside)."""
    offenders = []
    for module, path in MODULES.items():
        if module == "workbench":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "workbench" and not node.level:
                # submodules (``from workbench import resources``) are not the API
                names = {a.name for a in node.names if f"workbench.{a.name}" not in MODULES}
                if names - {"__version__"}:
                    offenders.append(f"{module}: from workbench import {sorted(names)}")
    assert not offenders, offenders
