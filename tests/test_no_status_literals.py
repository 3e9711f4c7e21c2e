"""Front-ends render outcomes (backoffice.services.outcomes); they never compare status
literals ("ACCEPTED", "VAL"…) or journal states (State.X) themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import backoffice

ROOT = Path(backoffice.__file__).parent
STATUS_LITERALS = frozenset({"ACCEPTED", "REFUSED", "PENDING", "VAL", "REJ", "NOS", "NEW",
                             "REC"})
STATE_ENUMS = frozenset({"State", "PaymentStatus", "TreatmentStatus"})
COMPARISONS = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)


def _is_status(node: ast.expr) -> bool:
    """A status literal, a member of a status enum, or a tuple/list/set made of them."""
    if isinstance(node, ast.Constant):
        return node.value in STATUS_LITERALS
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id in STATE_ENUMS
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_status(e) for e in node.elts)
    return False


def status_comparisons(source: str) -> list[int]:
    """Line numbers of comparisons against a status literal or a status enum member."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        pairs = zip([node.left, *node.comparators[:-1]], node.ops, node.comparators,
                    strict=True)
        if any(isinstance(op, COMPARISONS) and (_is_status(a) or _is_status(b))
               for a, op, b in pairs):
            lines.append(node.lineno)
    return lines


def offenders(folder: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line}"
            for path in sorted(folder.rglob("*.py"))
            for line in status_comparisons(path.read_text(encoding="utf-8"))]


def test_the_cli_compares_no_status_literal():
    assert offenders(ROOT / "cli") == []


def test_the_gui_compares_no_status_literal():
    assert offenders(ROOT / "ui") == []


@pytest.mark.parametrize("code", [
    'row.payment_status == "ACCEPTED"',
    'status in ("VAL", "REJ")',
    "row.state is State.FAILED",
    "row.state not in (State.SENT, State.FINAL)",
    "PaymentStatus.REFUSED != row.payment_status",
    "a < b == 'NOS'",
])
def test_the_scan_finds_a_comparison(code):
    assert status_comparisons(code) == [1]


@pytest.mark.parametrize("code", [
    "outcome is LinkOutcome.PAID",
    'table = {"ACCEPTED": 1}',
    'sim.settle(tx, outcome="ACCEPTED")',
    "state is NetState.OFFLINE",
    'name == "accepted"',
])
def test_the_scan_leaves_outcomes_and_plain_values_alone(code):
    assert status_comparisons(code) == []
