"""The merchant's credentials, and the one-run variant read from the environment.

``COMPTOIR_APIKEY`` / ``COMPTOIR_SITE_ID`` / ``COMPTOIR_TRANSFER_PASSWORD`` may supply
credentials for one headless run (:func:`credentials_from_env`); they are never written, and
are removed from the process environment once read. Every secret built here is registered
with :mod:`backoffice.logs` for redaction.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backoffice.logs import register_secret

if TYPE_CHECKING:
    from backoffice.api.models import Credentials

log = logging.getLogger(__name__)

ENV_APIKEY = "COMPTOIR_APIKEY"
ENV_SITE_ID = "COMPTOIR_SITE_ID"
ENV_TRANSFER_PASSWORD = "COMPTOIR_TRANSFER_PASSWORD"
ENV_CREDENTIALS = (ENV_APIKEY, ENV_SITE_ID, ENV_TRANSFER_PASSWORD)


@dataclass(frozen=True)
class StoredCredentials:
    """The merchant's credentials. ``repr``/``str`` never show the API key or the password."""

    apikey: str
    site_id: str
    transfer_password: str = ""

    def __post_init__(self) -> None:
        register_secret(self.apikey)
        register_secret(self.transfer_password)

    def __repr__(self) -> str:
        return f"StoredCredentials(site_id={self.site_id!r}, apikey=***, transfer_password=***)"

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
