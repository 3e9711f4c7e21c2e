"""Locally generated, unique, sortable operation ids (saved in the journal before sending).

Several tills share one shop database (issue 16): each id carries its till's tag, so two
tills never make the same id, and CinetPay's 30-character rule (current platform's
``merchant_transaction_id``; uppercase letters and digits only) still holds:

    CPT 261123021500 CAISSE1 A1B2C3     prefix(3) UTC time(12) till tag(≤8) random(6 hex)

A till's tag is its code in upper-case letters and digits ("CAISSE-1" → "CAISSE1"); a code
longer than 8 of them keeps its first 4 and 4 hex digits of its hash. Without a till (tests,
tools) the id is as before: prefix, time, 8 random hex digits (23 characters).
:func:`configure_till` sets this process's till (composition does it when the core opens).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

MAX_ID_LENGTH = 30
TAG_LENGTH = 8
_till_tag = ""


def till_tag(till: str) -> str:
    """The few characters of ``till`` an id carries (see the module doc)."""
    tag = "".join(c for c in till.upper() if c.isascii() and c.isalnum())
    if len(tag) <= TAG_LENGTH:
        return tag
    digest = hashlib.sha1(till.encode()).hexdigest()[:4].upper()
    return tag[:4] + digest


def configure_till(till: str) -> None:
    """This process's till: every id made from now on carries its tag."""
    global _till_tag
    _till_tag = till_tag(till)


def new_id(prefix: str, till: str | None = None) -> str:
    """e.g. "CPT261123021500CAISSE1A1B2C3": prefix, UTC time, till tag, random bits
    (``till`` None: the configured till's; "": none, then 32 random bits)."""
    tag = _till_tag if till is None else till_tag(till)
    stamp = datetime.now(UTC).strftime("%y%m%d%H%M%S")
    made = f"{prefix}{stamp}{tag}{secrets.token_hex(3 if tag else 4).upper()}"
    assert len(made) <= MAX_ID_LENGTH, made
    return made


def new_transaction_id() -> str:
    return new_id("CPT")


def new_client_transaction_id() -> str:
    return new_id("TRF")
