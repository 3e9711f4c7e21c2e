"""Non-secret settings: endpoints and data directory, overridable by COMPTOIR_* variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

from .api.transport import (
    DEFAULT_CHECKOUT_URL,
    DEFAULT_LEGACY_URL,
    DEFAULT_TRANSFER_URL,
    Endpoints,
)

APP_NAME = "Comptoir"


def endpoints_from_env(environ: Mapping[str, str] = os.environ) -> Endpoints:
    """CinetPay's hosts unless COMPTOIR_CHECKOUT_URL / _LEGACY_URL / _TRANSFER_URL say
    otherwise (a non-loopback endpoint must be https: Endpoints refuses anything else)."""
    return Endpoints(
        checkout=environ.get("COMPTOIR_CHECKOUT_URL") or DEFAULT_CHECKOUT_URL,
        legacy=environ.get("COMPTOIR_LEGACY_URL") or DEFAULT_LEGACY_URL,
        transfer=environ.get("COMPTOIR_TRANSFER_URL") or DEFAULT_TRANSFER_URL,
    )


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """COMPTOIR_DATA_DIR, else the platform's per-user data directory."""
    configured = environ.get("COMPTOIR_DATA_DIR")
    return Path(configured).expanduser() if configured else Path(user_data_dir(APP_NAME, False))
