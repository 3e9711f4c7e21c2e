"""``outbox`` (what the server has not confirmed yet) and ``sync`` (drain it now)."""

from __future__ import annotations

import argparse

from ..services.core import Comptoir
from .common import Exit, Outcome, t
from .render import (
    counts_json,
    counts_line,
    outbox_json,
    outbox_line,
    review_line,
    transfer_json,
)
from .shop_status import shop_json, shop_warning


async def _outbox_state(core: Comptoir) -> tuple[dict, list[str]]:
    items = await core.sync.outbox()
    counts = await core.unconfirmed()
    review = await core.transfers.to_review()
    data = {"items": [outbox_json(i) for i in items], "counts": counts_json(counts),
            "review": [transfer_json(r) for r in review]}
    text = [outbox_line(i) for i in items] or [t("File d'attente vide.", "Outbox empty.")]
    return data, [*text, *(review_line(r) for r in review), counts_line(counts)]


async def outbox(core: Comptoir, args: argparse.Namespace) -> Outcome:
    data, text = await _outbox_state(core)
    return Outcome(data, text)


async def sync(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """Drain the outbox; follow links and transfers still waiting for their outcome (this also
    checks uncertain ones whose retry was deferred); drain again what those checks queued."""
    attempted = (await core.sync.catch_up(force=True)).attempted
    data, text = await _outbox_state(core)
    remaining = len(data["items"])  # deferred ones included
    data.update({"attempted": attempted, "remaining": remaining, "offline": core.offline})
    if core.shop is not None:  # the shop database (issue 16): copy what this run changed
        await core.shop.sync()
        data["shop"] = shop_json(core.shop.status())
    head = t(f"Synchronisation : {attempted} opération(s) traitée(s), {remaining} restante(s)",
             f"Sync: {attempted} operation(s) handled, {remaining} remaining")
    warnings, code = [], Exit.OK
    if core.offline:
        warnings.append(t("Hors ligne : CinetPay injoignable, les opérations restent en file "
                          "d'attente (queued).",
                          "Offline: CinetPay unreachable, operations stay queued."))
        code = Exit.OFFLINE if remaining else Exit.OK
    elif core.credentials_refused:
        warnings.append(t("Identifiants refusés par CinetPay : rien n'a été envoyé, les "
                          "opérations restent en file d'attente (queued). Corrigez-les "
                          "(comptoir-cli credentials set).",
                          "CinetPay refused the credentials: nothing was sent, operations "
                          "stay queued. Fix them (comptoir-cli credentials set)."))
        code = Exit.CREDENTIALS
    if core.shop is not None and not core.shop.status().connected:
        warnings.append(shop_warning(core.shop.status()))
    return Outcome(data, [head, *text], code=code, warnings=warnings)
