"""Keyring backend selection per platform: Windows Credential Locker (WinVaultKeyring),
macOS Keychain, Secret Service on Linux; plaintext, file, null, fail and chainer backends
refused on every platform, also when named in PYTHON_KEYRING_BACKEND."""

from __future__ import annotations

import logging
import sys
import types

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, Windows, chainer, fail, macOS, null
from keyring.compat import properties

from backoffice.keyring import backends
from backoffice.keyring.errors import no_keyring_messages

WINDOWS = "keyring.backends.Windows.WinVaultKeyring"
MACOS = "keyring.backends.macOS.Keyring"
SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


@pytest.fixture(autouse=True)
def _no_test_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backends, "_test_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)


class StandInVault(KeyringBackend):
    """Plays WinVaultKeyring where Windows is not: usable, nothing stored."""

    @properties.classproperty
    def priority(cls) -> float:
        return 5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


@pytest.fixture
def windows_vault(monkeypatch: pytest.MonkeyPatch) -> type[StandInVault]:
    """``keyring.backends.Windows`` whose WinVaultKeyring is usable (as on Windows)."""
    module = types.ModuleType("keyring.backends.Windows")
    module.WinVaultKeyring = StandInVault  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring.backends.Windows", module)
    return StandInVault


@pytest.mark.parametrize(("platform", "path"), [
    ("win32", WINDOWS), ("darwin", MACOS), ("linux", SECRET_SERVICE),
    ("freebsd14", SECRET_SERVICE)])
def test_each_platform_has_its_os_keyring(platform: str, path: str) -> None:
    assert backends.backend_for(platform) == path
    assert path in backends.allowed_backends(platform)
    assert backends.allowed_backends(platform) <= backends.ALLOWED_BACKENDS


def test_the_allowlist_is_per_platform() -> None:
    assert backends.allowed_backends("win32") == {WINDOWS}
    assert backends.allowed_backends("darwin") == {MACOS}
    assert SECRET_SERVICE in backends.allowed_backends("linux")
    assert WINDOWS not in backends.allowed_backends("linux")
    assert SECRET_SERVICE not in backends.allowed_backends("win32")


def test_the_os_keyrings_themselves_are_not_refused() -> None:
    for cls in (Windows.WinVaultKeyring, macOS.Keyring, SecretService.Keyring):
        assert backends.insecure_reason(cls) is None, cls
    assert backends.backend_name(Windows.WinVaultKeyring()) == "Windows Credential Locker"
    assert backends.backend_name(macOS.Keyring()) == "macOS Keychain"


def test_windows_selects_the_credential_locker(windows_vault: type[StandInVault]) -> None:
    backend, why = backends.select_backend({}, platform="win32")
    assert isinstance(backend, windows_vault) and why == ""


def test_windows_without_a_usable_locker_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real module on a machine that is not Windows: its priority raises, as it would on
    # a Windows session without the Credential Locker; no fallback to anything else
    monkeypatch.setitem(sys.modules, "keyring.backends.Windows", Windows)
    if sys.platform == "win32":
        pytest.skip("the Credential Locker is usable here")
    backend, why = backends.select_backend({}, platform="win32")
    assert backend is None and why


@pytest.mark.parametrize("named", [
    "keyring.backends.null.Keyring", "keyring.backends.fail.Keyring",
    "keyring.backends.chainer.ChainerBackend", "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.Windows.RegistryKeyring", "keyrings.cryptfile.cryptfile.CryptFileKeyring",
    SECRET_SERVICE, MACOS, "harness.memory_keyring.MemoryKeyring"])
def test_windows_ignores_any_other_backend_named_in_the_environment(
        windows_vault: type[StandInVault], named: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=backends.__name__):
        backend, why = backends.select_backend({"PYTHON_KEYRING_BACKEND": named},
                                               platform="win32")
    assert isinstance(backend, windows_vault) and why == ""  # never the named one
    assert "ignored" in caplog.text and named in caplog.text


def test_windows_accepts_the_locker_named_in_the_environment(
        windows_vault: type[StandInVault]) -> None:
    backend, _ = backends.select_backend({"PYTHON_KEYRING_BACKEND": WINDOWS}, platform="win32")
    assert isinstance(backend, windows_vault)


def test_macos_selects_the_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    class StandInKeychain(StandInVault):
        pass

    module = types.ModuleType("keyring.backends.macOS")
    module.Keyring = StandInKeychain  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring.backends.macOS", module)
    backend, _ = backends.select_backend(
        {"PYTHON_KEYRING_BACKEND": WINDOWS}, platform="darwin")  # Windows' is not allowed
    assert isinstance(backend, StandInKeychain)


@pytest.mark.parametrize("cls", [null.Keyring, fail.Keyring, chainer.ChainerBackend])
def test_refused_backends_are_refused_even_when_injected(cls: type[KeyringBackend]) -> None:
    assert backends.insecure_reason(cls) is not None
    assert backends.vetted(cls()) == (None, backends.insecure_reason(cls))


def test_a_plaintext_subclass_posing_as_the_locker_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class PlaintextKeyring(StandInVault):  # a plaintext backend under the allowed name
        pass

    module = types.ModuleType("keyring.backends.Windows")
    module.WinVaultKeyring = type("WinVaultKeyring", (PlaintextKeyring,), {})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring.backends.Windows", module)
    backend, why = backends.select_backend({}, platform="win32")
    assert backend is None and "in clear" in why


@pytest.mark.parametrize(("platform", "fr_word", "en_word"), [
    ("win32", "Gestionnaire d'identification Windows", "Windows Credential Locker"),
    ("darwin", "trousseau macOS", "macOS Keychain"),
    ("linux", "gnome-keyring", "Secret Service")])
def test_without_a_keyring_each_platform_says_what_to_do(platform: str, fr_word: str,
                                                         en_word: str) -> None:
    fr, en = no_keyring_messages("locked", platform)
    assert fr_word in fr and en_word in en
    assert "jamais" in fr and "never stores credentials in a file" in en
    assert fr.endswith("(Détail : locked)") and en.endswith("(Detail: locked)")
