"""This till's replication status as the CLI shows it (``sync``; redacted, never a password)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .common import t

if TYPE_CHECKING:  # psycopg is only loaded by a till with a shop database
    from ..shop.replicate import ReplicationStatus


def shop_json(status: ReplicationStatus) -> dict[str, Any]:
    return {"shop": status.shop, "connected": status.connected, "pending": status.pending,
            "last_pushed": status.last_pushed.isoformat() if status.last_pushed else None,
            "error": status.error, "adopted_away": status.adopted_away,
            "schema_missing": status.schema_missing}


def shop_warning(status: ReplicationStatus) -> str:
    if status.schema_missing:
        return t(f"Base boutique {status.shop} pas encore prête : comptoir-cli shop init",
                 f"Shop database {status.shop} not ready yet: comptoir-cli shop init")
    return t(f"Base boutique {status.shop} injoignable ({status.error}) : {status.pending} "
             "opération(s) copiée(s) dès son retour ; la caisse continue.",
             f"Shop database {status.shop} unreachable ({status.error}): {status.pending} "
             "operation(s) copied once it is back; the till goes on.")
