"""Tests only: ``python -m harness.keyring_cli VAULT.json [--locked] ARGS…`` runs
``comptoir-cli ARGS…`` with a keyring kept in VAULT.json (so several CLI processes share it).
``--locked``: every keyring read fails, like a locked keyring."""

from __future__ import annotations

import sys

from harness.memory_keyring import SharedVaultKeyring, use_test_keyring


def main(argv: list[str]) -> int:
    vault, rest = argv[0], argv[1:]
    locked = bool(rest) and rest[0] == "--locked"
    if locked:
        rest = rest[1:]
    from backoffice.cli import main as cli_main

    with use_test_keyring(SharedVaultKeyring(vault, fail_reads=locked)):
        return cli_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
