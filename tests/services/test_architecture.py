"""The services folder has no import cycle (TYPE_CHECKING imports included): each service is
given a small context and the services it needs, never the Comptoir façade."""

from __future__ import annotations

import ast
from pathlib import Path

import backoffice.services

PACKAGE = "backoffice.services"
FOLDER = Path(backoffice.services.__file__).parent


def _module_of(path: Path) -> str:
    return f"{PACKAGE}.{path.stem}" if path.stem != "__init__" else PACKAGE


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """Absolute names of what ``node`` imports, from inside ``module``."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    if node.level:
        base = module.split(".")
        parent = base[: len(base) - node.level]
        prefix = ".".join([*parent, node.module] if node.module else parent)
    else:
        prefix = node.module or ""
    # ``from . import links`` imports the module ``links``; ``from .links import X`` the
    # module ``.links``: both are edges to a module of the package.
    return {prefix, *(f"{prefix}.{alias.name}" for alias in node.names)}


def import_graph(folder: Path = FOLDER) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at any depth of its code (functions,
    ``if TYPE_CHECKING:`` blocks)."""
    modules = {_module_of(p): p for p in folder.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= {m for m in _imported(name, node) if m in modules and m != name}
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path (first node repeated at the end), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return None
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_the_services_have_no_import_cycle():
    graph = import_graph()
    assert f"{PACKAGE}.context" in graph and f"{PACKAGE}.sync" in graph  # the scan sees them
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_no_service_imports_the_facade():
    graph = import_graph()
    importers = sorted(m for m, edges in graph.items() if f"{PACKAGE}.core" in edges)
    assert importers == []


def test_the_scan_finds_a_type_checking_cycle(tmp_path):
    """The checker itself: a cycle hidden behind TYPE_CHECKING is found."""
    (tmp_path / "a.py").write_text("from .b import B\n", encoding="utf-8")
    (tmp_path / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n",
        encoding="utf-8")
    (tmp_path / "c.py").write_text("from . import a\n", encoding="utf-8")
    graph = import_graph(tmp_path)
    assert graph[f"{PACKAGE}.c"] == {f"{PACKAGE}.a"}
    assert find_cycle(graph) == [f"{PACKAGE}.a", f"{PACKAGE}.b", f"{PACKAGE}.a"]
