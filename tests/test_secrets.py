"""backoffice.keyring: keyring-only credential storage (with the in-memory test backend)."""

from __future__ import annotations

import asyncio
import sys
import threading

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null
from keyring.compat import properties
from keyring.errors import KeyringLocked
from keyring.testing.backend import BackendBasicTests

from backoffice.keyring import (
    NO_KEYRING_NAME,
    CredentialStore,
    KeyringAccessError,
    NoSecureKeyring,
    StoredCredentials,
    backends,
    credentials_from_env,
    insecure_reason,
    resolve_credentials,
    secure_backend,
    self_check,
)
from backoffice.logs import MASK, forget_secrets, redact
from harness import MemoryKeyring

APIKEY = "12912847765bc0db748fdd44.40081707"
SITE_ID = "445160"
PASSWORD = "Tr@nsf3r-Pa55word"
CREDS = StoredCredentials(APIKEY, SITE_ID, PASSWORD)


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    yield
    MemoryKeyring.reset_shared()
    forget_secrets()


@pytest.fixture
def memory() -> MemoryKeyring:
    return MemoryKeyring(store={})


@pytest.fixture
def no_platform_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the platform's backend unusable, whatever machine runs the tests."""
    monkeypatch.setattr(backends, "_platform_backend_path", lambda: f"{__name__}.UnusableKeyring")


class UnusableKeyring(MemoryKeyring):
    """Like SecretService without a D-Bus session: probing the priority raises."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("Environment variable DBUS_SESSION_BUS_ADDRESS is unset")


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's plaintext backend."""


class MyPlaintextSubclass(PlaintextKeyring):
    """Refused through its MRO."""


class AltFileKeyring(MemoryKeyring):
    pass


AltFileKeyring.__module__ = "keyrings.alt.file"


class LockedKeyring(MemoryKeyring):
    """A secure keyring whose unlock prompt was dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


class ThreadRecordingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__(store={})
        self.threads: set[int] = set()

    def get_password(self, service: str, username: str) -> str | None:
        self.threads.add(threading.get_ident())
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.threads.add(threading.get_ident())
        super().set_password(service, username, password)


# --------------------------------------------------------------------------- memory backend


class TestMemoryKeyringConformance(BackendBasicTests):
    """keyring's own conformance suite."""

    def init_keyring(self) -> KeyringBackend:
        return MemoryKeyring(store={})


def test_memory_keyring_is_never_auto_detected() -> None:
    assert MemoryKeyring not in KeyringBackend._classes  # type: ignore[attr-defined]
    assert MemoryKeyring not in set(KeyringBackend.get_viable_backends())


def test_memory_keyring_default_instances_share_one_vault() -> None:
    MemoryKeyring().set_password("svc", "user", "secret-value")
    assert MemoryKeyring().get_password("svc", "user") == "secret-value"
    assert MemoryKeyring(store={}).get_password("svc", "user") is None
    MemoryKeyring.reset_shared()
    assert MemoryKeyring().get_password("svc", "user") is None


@pytest.mark.usefixtures("no_platform_keyring")
@pytest.mark.parametrize("name", ["harness.memory_keyring.MemoryKeyring",
                                  "harness.memory_keyring.SharedVaultKeyring",
                                  f"{__name__}.ThreadRecordingKeyring",
                                  "keyring.backends.SecretService.Keyring.extra"])
def test_python_keyring_backend_cannot_select_the_test_keyring(
        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # Issue 11: PYTHON_KEYRING_BACKEND may only name an OS keyring (an allowlist).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    assert secure_backend() is None
    with pytest.raises(NoSecureKeyring):
        CredentialStore().load()


def test_python_keyring_backend_allowlist_names_os_keyrings_only() -> None:
    wanted = {"keyring.backends.SecretService.Keyring",
              "keyring.backends.Windows.WinVaultKeyring", "keyring.backends.macOS.Keyring"}
    assert wanted <= backends.ALLOWED_BACKENDS
    assert all(name.startswith("keyring.backends.") for name in backends.ALLOWED_BACKENDS)


def test_test_keyring_is_installed_from_code_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from harness import use_test_keyring

    with use_test_keyring() as backend:
        assert secure_backend() is backend
        CredentialStore().save(CREDS)
        assert CredentialStore().load() == CREDS  # another handle, same (process-wide) vault
    assert backends._test_backend is None


# --------------------------------------------------------------------------- store


def test_round_trip_and_layout(memory: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory)
    assert store.available and store.service == "Comptoir/default"
    assert store.load() is None
    store.save(CREDS)
    assert store.load() == CREDS
    assert memory.get_password("Comptoir/default", "apikey") == APIKEY
    assert memory.get_password("Comptoir/default", "site_id") == SITE_ID
    assert memory.get_password("Comptoir/default", "transfer_password") == PASSWORD


def test_save_overwrites_and_empty_password_removes_entry(memory: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory)
    store.save(CREDS)
    store.save(StoredCredentials("other-api-key", "999", ""))
    assert store.load() == StoredCredentials("other-api-key", "999", "")
    assert memory.get_password(store.service, "transfer_password") is None


def test_clear_is_idempotent(memory: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory)
    store.clear()
    store.save(CREDS)
    store.clear()
    store.clear()
    assert store.load() is None
    assert memory._store == {}


def test_profiles_are_isolated(memory: MemoryKeyring) -> None:
    shop, kiosk = CredentialStore("boutique", memory), CredentialStore("kiosque-2", memory)
    shop.save(CREDS)
    assert kiosk.load() is None
    kiosk.save(StoredCredentials("kiosk-key", "42", "kiosk-pass"))
    shop.clear()
    assert shop.load() is None
    assert kiosk.load() == StoredCredentials("kiosk-key", "42", "kiosk-pass")
    assert kiosk.service == "Comptoir/kiosque-2"


def test_partial_entries_load_as_none(memory: MemoryKeyring) -> None:
    memory.set_password("Comptoir/default", "site_id", SITE_ID)
    assert CredentialStore(backend=memory).load() is None


@pytest.mark.parametrize("profile", ["", " x", "a/b", "x" * 65])
def test_invalid_profile(profile: str) -> None:
    with pytest.raises(ValueError):
        CredentialStore(profile, MemoryKeyring(store={}))


def test_save_requires_apikey_and_site_id(memory: MemoryKeyring) -> None:
    with pytest.raises(ValueError):
        CredentialStore(backend=memory).save(StoredCredentials(" ", SITE_ID, PASSWORD))
    assert memory._store == {}


async def test_async_api_runs_off_the_event_loop_thread() -> None:
    backend = ThreadRecordingKeyring()
    store = CredentialStore(backend=backend)
    await store.asave(CREDS)
    assert await store.aload() == CREDS
    await store.aclear()
    assert await store.aload() is None
    assert backend.threads and threading.get_ident() not in backend.threads


async def test_async_error_propagates() -> None:
    with pytest.raises(KeyringAccessError):
        await CredentialStore(backend=LockedKeyring(store={})).aload()


def test_locked_keyring_raises_access_error_with_messages() -> None:
    store = CredentialStore(backend=LockedKeyring(store={}))
    with pytest.raises(KeyringAccessError) as info:
        store.save(CREDS)
    err = info.value
    assert isinstance(err.__cause__, KeyringLocked)
    assert "verrouillé" in err.human("fr") and "locked" in err.human("en")
    assert APIKEY not in err.fr + err.en and PASSWORD not in err.fr + err.en
    with pytest.raises(KeyringAccessError):
        store.load()


# --------------------------------------------------------------------------- refusals


@pytest.mark.usefixtures("no_platform_keyring")
def test_no_backend_raises_no_secure_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert secure_backend() is None
    store = CredentialStore()
    assert not store.available
    assert store.backend_name == NO_KEYRING_NAME
    for op in (store.load, store.clear, lambda: store.save(CREDS)):
        with pytest.raises(NoSecureKeyring) as info:
            op()
        assert "gnome-keyring" in info.value.fr and "gnome-keyring" in info.value.en
        assert "DBUS_SESSION_BUS_ADDRESS" in info.value.en  # the probe's reason
        assert info.value.human("fr") == info.value.fr
        assert info.value.human("en-GB") == info.value.en


@pytest.mark.parametrize(
    "backend",
    [
        fail.Keyring(),
        null.Keyring(),
        chainer.ChainerBackend(),
        PlaintextKeyring(store={}),
        MyPlaintextSubclass(store={}),
        AltFileKeyring(store={}),
    ],
    ids=lambda b: type(b).__name__,
)
def test_insecure_backends_are_refused_even_when_injected(backend: KeyringBackend) -> None:
    assert insecure_reason(backend)
    store = CredentialStore(backend=backend)
    assert not store.available and store.backend_name == NO_KEYRING_NAME
    with pytest.raises(NoSecureKeyring):
        store.save(CREDS)
    with pytest.raises(NoSecureKeyring):
        store.load()


def test_secure_backends_are_accepted() -> None:
    from keyring.backends import SecretService, Windows, macOS

    for cls in (SecretService.Keyring, Windows.WinVaultKeyring, macOS.Keyring, MemoryKeyring):
        assert insecure_reason(cls) is None, cls


@pytest.mark.usefixtures("no_platform_keyring")
@pytest.mark.parametrize(
    "name",
    [
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",  # often set globally to silence pip / poetry
        f"{__name__}.PlaintextKeyring",
        "no.such.module.Keyring",
    ],
)
def test_refused_env_backend_is_not_a_fallback(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    assert secure_backend() is None  # ignored, and the platform keyring is unusable here
    with pytest.raises(NoSecureKeyring):
        CredentialStore().load()


def test_refused_env_backend_falls_back_to_platform_keyring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backends, "_platform_backend_path", lambda: f"{__name__}.MemoryKeyring")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert isinstance(secure_backend(), MemoryKeyring)


# --------------------------------------------------------------------------- credentials


def test_stored_credentials_never_show_secrets() -> None:
    for text in (repr(CREDS), str(CREDS), f"{CREDS}", f"{[CREDS]}"):
        assert APIKEY not in text and PASSWORD not in text
        assert SITE_ID in text


def test_stored_credentials_are_registered_for_redaction() -> None:
    StoredCredentials("fresh-api-key-0001", SITE_ID, "fresh-password")
    assert redact("k=fresh-api-key-0001 p=fresh-password") == f"k={MASK} p={MASK}"


def test_to_api() -> None:
    from backoffice.api.models import Credentials

    api = CREDS.to_api()
    assert isinstance(api, Credentials)
    assert (api.apikey, api.site_id, api.transfer_password) == (APIKEY, SITE_ID, PASSWORD)


ENV = {
    "COMPTOIR_APIKEY": APIKEY,
    "COMPTOIR_SITE_ID": SITE_ID,
    "COMPTOIR_TRANSFER_PASSWORD": PASSWORD,
}


def test_credentials_from_env() -> None:
    assert credentials_from_env(ENV) == CREDS
    assert credentials_from_env({**ENV, "COMPTOIR_APIKEY": f" {APIKEY}\n"}) == CREDS
    no_password = {k: v for k, v in ENV.items() if k != "COMPTOIR_TRANSFER_PASSWORD"}
    assert credentials_from_env(no_password) == StoredCredentials(APIKEY, SITE_ID, "")
    assert credentials_from_env({}) is None
    assert credentials_from_env({**ENV, "COMPTOIR_SITE_ID": ""}) is None
    assert credentials_from_env({"COMPTOIR_APIKEY": APIKEY}) is None


def test_credentials_from_env_defaults_to_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    assert credentials_from_env() == CREDS


def test_incomplete_env_warns_without_values(caplog: pytest.LogCaptureFixture) -> None:
    assert credentials_from_env({"COMPTOIR_APIKEY": APIKEY}) is None
    assert "COMPTOIR_SITE_ID" in caplog.text and APIKEY not in caplog.text


@pytest.mark.usefixtures("no_platform_keyring")
def test_resolve_credentials(memory: MemoryKeyring) -> None:
    store = CredentialStore(backend=memory)
    store.save(StoredCredentials("stored-key", "1", "stored-pass"))
    assert resolve_credentials(store, ENV) == CREDS  # the environment wins
    assert resolve_credentials(store, {}) == StoredCredentials("stored-key", "1", "stored-pass")
    # headless run: environment credentials need no keyring at all
    assert resolve_credentials(CredentialStore(), ENV) == CREDS
    assert resolve_credentials(None, {}) is None
    with pytest.raises(NoSecureKeyring):
        resolve_credentials(CredentialStore(), {})


# --------------------------------------------------------------------------- self-check


def test_self_check_ok(memory: MemoryKeyring) -> None:
    report = self_check(memory, probe=True)
    assert report.ok
    assert report.backend_name == "mémoire, tests uniquement / in-memory, tests only"
    assert "Coffre sécurisé disponible" in report.human("fr")
    assert "Secure keyring available" in report.human("en")
    assert memory._store == {}  # the probe cleans up


@pytest.mark.usefixtures("no_platform_keyring")
@pytest.mark.parametrize(
    ("platform", "hint"),
    [("linux", "gnome-keyring"), ("win32", "Credential Locker"), ("darwin", "Keychain")],
)
def test_self_check_without_keyring(
    monkeypatch: pytest.MonkeyPatch, platform: str, hint: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    report = self_check()
    assert not report.ok and report.backend_name == NO_KEYRING_NAME
    assert hint in report.message_en
    assert "COMPTOIR_APIKEY" in report.message_fr and "COMPTOIR_APIKEY" in report.message_en
    assert "jamais" in report.message_fr and "never" in report.message_en


def test_self_check_refuses_plaintext() -> None:
    report = self_check(PlaintextKeyring(store={}))
    assert not report.ok and "in clear" in report.message_en


def test_self_check_probe_reports_locked_keyring() -> None:
    report = self_check(LockedKeyring(store={}), probe=True)
    assert not report.ok and "verrouillé" in report.message_fr and "locked" in report.message_en
    assert self_check(LockedKeyring(store={})).ok  # without probe nothing is touched


def test_self_check_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> None:
        raise OSError("weird platform")

    monkeypatch.setattr(backends, "select_backend", boom)
    report = self_check()
    assert not report.ok and "weird platform" in report.message_en


def test_store_backend_names(memory: MemoryKeyring) -> None:
    assert backends.backend_name(SecretService.Keyring()) == (
        "Secret Service (GNOME Keyring / KWallet / KeePassXC)"
    )
    assert "tests" in CredentialStore(backend=memory).backend_name
    assert "boutique" in repr(CredentialStore("boutique", memory))


# --------------------------------------------------------------------------- real keyring


@pytest.mark.skipif(
    not isinstance(secure_backend(), SecretService.Keyring),
    reason="needs a running, unlocked Secret Service (see platform-notes §5)",
)
def test_real_secret_service_round_trip() -> None:
    store = CredentialStore("pytest-comptoir")
    try:
        store.save(CREDS)
        assert asyncio.run(store.aload()) == CREDS
    finally:
        store.clear()
    assert store.load() is None
