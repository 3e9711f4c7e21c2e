"""Layers: a screen shows, services decide. ``backoffice/ui`` takes what it needs from the
services: it may name the journal's row types, never call a ``store`` function, and never
reach ``core.api`` or ``core.db`` (nor write ``core.settings``). The Qt-free core never
imports Qt or the front-ends, and the product never imports the test harness."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ROOT / "backoffice"
UI = PRODUCT / "ui"
CORE_PACKAGES = ("api", "store", "services", "output", "simulator", "keyring", "shop")


def modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) for every ``import``/``from … import`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = dotted(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return found


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_ui_imports_no_store_function():
    bad = []
    for path in modules(UI):
        for module, names in imports(path):
            if not module.startswith("backoffice.store"):
                continue
            if not names:
                bad.append(f"{rel(path)}: import {module}")
                continue
            loaded = importlib.import_module(module)
            for name in names:
                value = getattr(loaded, name, None)
                if value is None and importlib.util.find_spec(f"{module}.{name}"):
                    bad.append(f"{rel(path)}: {module}.{name} (a module)")
                elif not inspect.isclass(value):
                    bad.append(f"{rel(path)}: {module}.{name}")
    assert bad == [], "ui/ may name store types only:\n" + "\n".join(bad)


def _reaches(node: ast.AST, attribute: str) -> bool:
    """``<something>.core.<attribute>`` or ``core.<attribute>``."""
    if not (isinstance(node, ast.Attribute) and node.attr == attribute):
        return False
    owner = node.value
    return (isinstance(owner, ast.Name) and owner.id == "core") or (
        isinstance(owner, ast.Attribute) and owner.attr == "core")


def test_ui_never_reaches_past_the_services():
    bad = []
    for path in modules(UI):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for attribute in ("api", "db"):
                if _reaches(node, attribute):
                    bad.append(f"{rel(path)}:{node.lineno}: core.{attribute}")
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if _reaches(target, "settings") or (
                            isinstance(target, ast.Attribute)
                            and _reaches(target.value, "settings")):
                        bad.append(f"{rel(path)}:{node.lineno}: writes core.settings")
    assert bad == [], "ui/ goes through the services:\n" + "\n".join(bad)


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_is_qt_free_and_below_the_front_ends(package):
    folder = PRODUCT / package
    if not folder.exists():
        pytest.skip(f"no backoffice/{package}")
    bad = [f"{rel(path)}: {module}" for path in modules(folder)
           for module, _ in imports(path)
           if module.split(".")[0] in ("PySide6", "shiboken6", "qasync")
           or module.startswith(("backoffice.ui", "backoffice.cli"))]
    assert bad == []


def test_product_never_imports_the_test_harness():
    bad = [f"{rel(path)}: {module}" for path in modules(PRODUCT)
           for module, _ in imports(path)
           if module.split(".")[0] in ("harness", "tests", "pytest")
           or module.startswith("backoffice.testing")]
    assert bad == []
