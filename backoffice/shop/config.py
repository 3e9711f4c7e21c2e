"""Where the shop database is configured, without importing psycopg (it costs ~130 ms at
start-up: only a till with a shop database loads it). See shop/setup.py."""

from __future__ import annotations

import os
from collections.abc import Mapping

VARIABLE = "COMPTOIR_SHOP_DB"


def shop_dsn(preference: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """The shop database's DSN: COMPTOIR_SHOP_DB, else the ``shop_db`` preference ("": none)."""
    return (environ.get(VARIABLE, "") or preference or "").strip()
