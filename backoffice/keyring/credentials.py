"""The merchant's credentials, and the one-run variant read from the environment.

``COMPTOIR_APIKEY`` / ``COMPTOIR_SITE_ID`` / ``COMPTOIR_TRANSFER_PASSWORD`` (classic keys), or
``COMPTOIR_APIKEY=sk_…`` / ``COMPTOIR_API_PASSWORD`` / ``COMPTOIR_COUNTRY`` (CinetPay's current
platform) may supply credentials for one headless run (:func:`credentials_from_env`); they are
never written, and are removed from the process environment once read. Every secret built here
is registered with :mod:`backoffice.logs` for redaction.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backoffice.logs import register_secret

if TYPE_CHECKING:
    from backoffice.api.current.models import CurrentCredentials
    from backoffice.api.models import Credentials

log = logging.getLogger(__name__)

ENV_APIKEY = "COMPTOIR_APIKEY"
ENV_SITE_ID = "COMPTOIR_SITE_ID"
ENV_TRANSFER_PASSWORD = "COMPTOIR_TRANSFER_PASSWORD"
ENV_API_PASSWORD = "COMPTOIR_API_PASSWORD"
ENV_COUNTRY = "COMPTOIR_COUNTRY"
ENV_CREDENTIALS = (ENV_APIKEY, ENV_SITE_ID, ENV_TRANSFER_PASSWORD, ENV_API_PASSWORD,
                   ENV_COUNTRY)
CURRENT_PREFIXES = ("sk_test_", "sk_live_")  # api/current/hosts.py: kept light here


@dataclass(frozen=True)
class StoredCredentials:
    """The merchant's credentials. ``repr``/``str`` never show the API key or a password.

    Classic keys: apikey + site_id (+ transfer password). Current platform (``sk_test_``/
    ``sk_live_`` keys, :attr:`kind` "current"): apikey + api_password + country (ISO code;
    empty: the shop's, else CI); no site id."""

    apikey: str
    site_id: str
    transfer_password: str = ""
    api_password: str = ""
    country: str = ""

    def __post_init__(self) -> None:
        register_secret(self.apikey)
        register_secret(self.transfer_password)
        register_secret(self.api_password)

    def __repr__(self) -> str:
        if self.kind == "current":
            return (f"StoredCredentials(kind='current', country={self.country!r}, apikey=***, "
                    "api_password=***)")
        return f"StoredCredentials(site_id={self.site_id!r}, apikey=***, transfer_password=***)"

    @property
    def kind(self) -> str:
        """"current" (``sk_test_``/``sk_live_`` key) or "classic"."""
        from backoffice.api.current.hosts import account_kind  # lazy: keep this module light

        return account_kind(self.apikey)

    @property
    def complete(self) -> bool:
        """Everything the kind needs is there (classic: key + site id; current: key +
        API password)."""
        if not self.apikey.strip():
            return False
        return bool(self.api_password if self.kind == "current" else self.site_id.strip())

    def to_current(self, default_country: str = "CI") -> CurrentCredentials:
        from backoffice.api.current.models import CurrentCredentials

        country = (self.country or default_country or "CI").strip().upper()
        return CurrentCredentials(self.apikey, self.api_password, country)

    __str__ = __repr__

    def to_api(self) -> Credentials:
        from backoffice.api.models import Credentials  # lazy: keep this module light

        return Credentials(
            apikey=self.apikey, site_id=self.site_id, transfer_password=self.transfer_password
        )


def credentials_from_env(environ: Mapping[str, str] = os.environ) -> StoredCredentials | None:
    """Credentials for one headless run from ``COMPTOIR_APIKEY`` + ``COMPTOIR_SITE_ID``
    (+ optional ``COMPTOIR_TRANSFER_PASSWORD``), or None when the first two are not both set.

    Read from the process environment, the variables are then removed from it: a browser or
    file manager Comptoir opens must not inherit them (callers keep what they got)."""
    creds = _read_env(environ)
    if environ is os.environ:
        for name in ENV_CREDENTIALS:
            os.environ.pop(name, None)
    return creds


def _read_env(environ: Mapping[str, str]) -> StoredCredentials | None:
    apikey = environ.get(ENV_APIKEY, "").strip()
    if apikey.startswith(CURRENT_PREFIXES):
        return _read_current_env(apikey, environ)
    site_id = environ.get(ENV_SITE_ID, "").strip()
    password = environ.get(ENV_TRANSFER_PASSWORD, "")
    if not (apikey and site_id):
        present = [n for n, v in ((ENV_APIKEY, apikey), (ENV_SITE_ID, site_id)) if v]
        if present or password:
            log.warning(
                "%s and %s must both be set: credentials from the environment ignored",
                ENV_APIKEY,
                ENV_SITE_ID,
            )
        register_secret(apikey)
        register_secret(password)
        return None
    return StoredCredentials(apikey, site_id, password)


def _read_current_env(apikey: str, environ: Mapping[str, str]) -> StoredCredentials | None:
    """``COMPTOIR_APIKEY=sk_…`` needs ``COMPTOIR_API_PASSWORD`` (country: optional)."""
    password = environ.get(ENV_API_PASSWORD, "")
    country = environ.get(ENV_COUNTRY, "").strip().upper()
    if not password:
        log.warning("%s is required with an sk_ key: credentials from the environment ignored",
                    ENV_API_PASSWORD)
        register_secret(apikey)
        return None
    return StoredCredentials(apikey, "", api_password=password, country=country)
