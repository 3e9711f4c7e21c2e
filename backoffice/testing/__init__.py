"""Test helpers shipped with the package (CLI subprocess tests run them by module name, e.g.
``python -m backoffice.testing.keyring_cli``). The product never imports them."""

from backoffice.testing.memory_keyring import MemoryKeyring, SharedVaultKeyring, use_test_keyring

__all__ = ["MemoryKeyring", "SharedVaultKeyring", "use_test_keyring"]
