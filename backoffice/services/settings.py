"""The shop's non-secret settings, in a module of their own: preferences read their defaults
before the window's first paint, without loading the API client (httpx)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Settings:
    """Non-secret choices sent with operations (editable in Réglages / config file)."""

    # CinetPay requires both URLs but a till cannot receive notifications: the merchant's
    # own site goes here. example.com is reserved for documentation: nobody receives it.
    notify_url: str = "https://example.com/comptoir/notify"
    return_url: str = "https://example.com/comptoir/return"
    currency: str = "XOF"
    description: str = "Vente comptoir"
    lang: str = "fr"
    transfer_notify_url: str = ""
    refresh_concurrency: int = 16  # bulk checks in flight (halved for a while on a 429)
    link_expiry_minutes: int = 30  # a waiting link ends on its own after this (0: never)
    extra: dict[str, str] = field(default_factory=dict)
