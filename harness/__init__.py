"""Test harnesses (soak, crash loops, the in-memory keyring): a top-level package next to
``backoffice/``, used by ``tests/`` and ``bench/``, never installed nor frozen. The product
never imports it. Subprocesses that run a harness module by name (``python -m
harness.keyring_cli``) need the repository root on their path: :func:`with_root_on_path`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from harness.memory_keyring import MemoryKeyring, SharedVaultKeyring, use_test_keyring

ROOT = Path(__file__).resolve().parent.parent  # the repository root

__all__ = ["ROOT", "MemoryKeyring", "SharedVaultKeyring", "use_test_keyring",
           "with_root_on_path"]


def with_root_on_path(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with the repository root first on PYTHONPATH (``python -m harness.…`` then
    works from any working directory)."""
    rest = env.get("PYTHONPATH", "")
    return {**env, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), rest) if p)}
