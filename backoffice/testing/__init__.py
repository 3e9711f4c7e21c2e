"""Test helpers shipped with the package (so CLI subprocess tests can select them by name,
e.g. ``PYTHON_KEYRING_BACKEND=backoffice.testing.memory_keyring.MemoryKeyring``)."""

from backoffice.testing.memory_keyring import MemoryKeyring

__all__ = ["MemoryKeyring"]
