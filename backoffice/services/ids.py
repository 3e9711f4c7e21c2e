"""Locally generated, unique, sortable operation ids (saved in the journal before sending)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    """e.g. "CPT261123021500A1B2C3D4": prefix, UTC time, 32 random bits."""
    stamp = datetime.now(UTC).strftime("%y%m%d%H%M%S")
    return f"{prefix}{stamp}{secrets.token_hex(4).upper()}"


def new_transaction_id() -> str:
    return new_id("CPT")


def new_client_transaction_id() -> str:
    return new_id("TRF")
