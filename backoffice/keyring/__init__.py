"""Merchant credentials in the operating system's keyring, and nowhere else.

* :mod:`.credentials`: :class:`StoredCredentials` (never shown in clear) and the one-run
  credentials of ``COMPTOIR_APIKEY`` / ``COMPTOIR_SITE_ID`` / ``COMPTOIR_TRANSFER_PASSWORD``.
* :mod:`.backends`: the platform's secure backend, the allowlist of
  ``PYTHON_KEYRING_BACKEND``, the refusal of plaintext / file / ``fail`` / ``null`` / chainer
  backends, and the tests' seam (installed from code only).
* :mod:`.store`: :class:`CredentialStore` (one profile's entries; async variants run in a
  worker thread) and :func:`resolve_credentials` (environment first, then the keyring).
* :mod:`.self_check`: :func:`self_check`, a diagnostic that never raises.
* :mod:`.errors`: :class:`KeyringProblem` and its kinds, with French and English words.

Every secret loaded or built here is registered with :mod:`backoffice.logs` for redaction.
(Inside this package ``import keyring`` is the PyPI library: imports are absolute.)
"""

from backoffice.keyring.backends import (
    NO_KEYRING_NAME,
    backend_name,
    insecure_reason,
    secure_backend,
)
from backoffice.keyring.credentials import (
    ENV_APIKEY,
    ENV_SITE_ID,
    ENV_TRANSFER_PASSWORD,
    StoredCredentials,
    credentials_from_env,
)
from backoffice.keyring.errors import KeyringAccessError, KeyringProblem, NoSecureKeyring
from backoffice.keyring.self_check import KeyringReport, self_check
from backoffice.keyring.store import CredentialStore, resolve_credentials

__all__ = [
    "ENV_APIKEY",
    "ENV_SITE_ID",
    "ENV_TRANSFER_PASSWORD",
    "NO_KEYRING_NAME",
    "CredentialStore",
    "KeyringAccessError",
    "KeyringProblem",
    "KeyringReport",
    "NoSecureKeyring",
    "StoredCredentials",
    "backend_name",
    "credentials_from_env",
    "insecure_reason",
    "resolve_credentials",
    "secure_backend",
    "self_check",
]
