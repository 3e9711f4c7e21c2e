"""The shop's time zone (``preferences.shop_timezone``, an IANA name such as
"Africa/Abidjan"; empty: the machine's) and the shop day it defines: one lookup for the
closing, the cash drawer, the accountant's export, the day summary and the receipts."""

from __future__ import annotations

import logging
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)


def shop_zone(name: str | None, *, warn: bool = True) -> tzinfo | None:
    """The zone called ``name``; None (the machine's) when empty or unknown. ``warn``: an
    unknown name is a setting to fix, logged (a report's stored zone name is not)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if warn:
            log.warning("unknown shop time zone %r: the machine's zone is used", name)
        return None


def shop_today(now: datetime, name: str | None = "") -> date:
    """The shop day at ``now`` (aware)."""
    return now.astimezone(shop_zone(name)).date()
