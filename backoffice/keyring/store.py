"""The credentials of one profile in the secure keyring.

Keyring calls may block (unlock prompt): async callers use ``aload/asave/aclear``, which run
in a worker thread. Without a secure keyring, operations raise :class:`NoSecureKeyring`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Mapping

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from backoffice.keyring import backends
from backoffice.keyring.credentials import StoredCredentials, credentials_from_env
from backoffice.keyring.errors import NoSecureKeyring, access_error, no_keyring_messages

SERVICE_PREFIX = "Comptoir"
ENTRY_APIKEY = "apikey"
ENTRY_SITE_ID = "site_id"
ENTRY_TRANSFER_PASSWORD = "transfer_password"
ENTRY_API_PASSWORD = "api_password"  # current platform (sk_ keys)
ENTRY_COUNTRY = "country"
ENTRIES = (ENTRY_APIKEY, ENTRY_SITE_ID, ENTRY_TRANSFER_PASSWORD, ENTRY_API_PASSWORD,
           ENTRY_COUNTRY)
OPTIONAL = (ENTRY_SITE_ID, ENTRY_TRANSFER_PASSWORD, ENTRY_API_PASSWORD, ENTRY_COUNTRY)

_PROFILE_RE = re.compile(r"^\w[\w .@-]{0,63}$")


class CredentialStore:
    """The credentials of one profile, as keyring entries of service ``Comptoir/<profile>``:
    ``apikey``, ``site_id``, ``transfer_password`` (classic), or ``apikey``, ``api_password``,
    ``country`` (current platform, ``sk_`` keys).

    ``backend``: inject a backend (tests); by default the platform's secure backend. Without
    a secure backend, construction succeeds (``available`` is False, ``backend_name`` says so)
    and every operation raises :class:`NoSecureKeyring`.
    """

    def __init__(self, profile: str = "default", backend: KeyringBackend | None = None) -> None:
        if not _PROFILE_RE.match(profile):
            raise ValueError(f"invalid profile name: {profile!r}")
        self.profile = profile
        self.service = f"{SERVICE_PREFIX}/{profile}"
        if backend is None:
            self._backend, self._detail = backends.select_backend()
        else:
            self._backend, self._detail = backends.vetted(backend)

    def __repr__(self) -> str:
        return f"CredentialStore(profile={self.profile!r}, backend={self.backend_name!r})"

    @property
    def available(self) -> bool:
        return self._backend is not None

    @property
    def backend(self) -> KeyringBackend | None:
        return self._backend

    @property
    def backend_name(self) -> str:
        return backends.backend_name(self._backend)

    def _require(self) -> KeyringBackend:
        if self._backend is None:
            raise NoSecureKeyring(*no_keyring_messages(self._detail))
        return self._backend

    def load(self) -> StoredCredentials | None:
        """The saved credentials, or None if there are none (API key or site id missing)."""
        backend = self._require()
        try:
            values = {e: backend.get_password(self.service, e) for e in ENTRIES}
        except Exception as exc:
            raise access_error(backend, "de lire", "read", exc) from exc
        creds = StoredCredentials(values[ENTRY_APIKEY] or "", values[ENTRY_SITE_ID] or "",
                                  values[ENTRY_TRANSFER_PASSWORD] or "",
                                  api_password=values[ENTRY_API_PASSWORD] or "",
                                  country=values[ENTRY_COUNTRY] or "")
        return creds if creds.complete else None

    def save(self, creds: StoredCredentials) -> None:
        """Store ``creds`` (an empty transfer password removes that entry)."""
        if not creds.complete:
            raise ValueError("the API key and the site id (or API password) are required")
        backend = self._require()
        fields = {ENTRY_SITE_ID: creds.site_id, ENTRY_TRANSFER_PASSWORD: creds.transfer_password,
                  ENTRY_API_PASSWORD: creds.api_password, ENTRY_COUNTRY: creds.country}
        try:
            for entry in OPTIONAL:  # an empty one removes that entry (the other kind's too)
                if fields[entry]:
                    backend.set_password(self.service, entry, fields[entry])
                else:
                    self._delete(backend, entry)
            backend.set_password(self.service, ENTRY_APIKEY, creds.apikey)
        except Exception as exc:
            raise access_error(backend, "d'enregistrer", "save", exc) from exc

    def clear(self) -> None:
        """Remove the credentials (nothing to remove is fine)."""
        backend = self._require()
        try:
            for entry in ENTRIES:
                self._delete(backend, entry)
        except Exception as exc:
            raise access_error(backend, "d'effacer", "clear", exc) from exc

    def _delete(self, backend: KeyringBackend, entry: str) -> None:
        with contextlib.suppress(PasswordDeleteError):  # not there: fine
            backend.delete_password(self.service, entry)

    # Keyring calls may block on an unlock prompt: never on the GUI / event-loop thread.
    async def aload(self) -> StoredCredentials | None:
        return await asyncio.to_thread(self.load)

    async def asave(self, creds: StoredCredentials) -> None:
        await asyncio.to_thread(self.save, creds)

    async def aclear(self) -> None:
        await asyncio.to_thread(self.clear)


def resolve_credentials(
    store: CredentialStore | None, environ: Mapping[str, str] = os.environ
) -> StoredCredentials | None:
    """Credentials for this run: the environment first (headless), then the keyring."""
    creds = credentials_from_env(environ)
    if creds is not None or store is None:
        return creds
    return store.load()
