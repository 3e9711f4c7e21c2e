"""``balance`` and ``history``: fetched from CinetPay, cached with their time; offline the
cache is shown, visibly stale (exit 0), and without a cache the command exits 6."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..api.errors import CinetPayError
from ..api.models import HistoryFilter
from ..services.balance import Figures
from ..services.connectivity import NetState, state_after
from ..services.core import Comptoir
from ..store.history import HistoryQuery, HistoryRow, HistoryTotals
from .common import (
    CliError,
    Exit,
    Outcome,
    bad_input,
    fmt_amount,
    fmt_when,
    freshness,
    labelled,
    lang,
    t,
)
from .render import PAYMENT_STATUS


def is_network(exc: CinetPayError) -> bool:
    """Unreachable or unanswering (not a refusal): cached data may stand in."""
    return state_after(exc) in (NetState.OFFLINE, NetState.DEGRADED)


def no_cache(exc: CinetPayError, what_fr: str, what_en: str) -> CliError:
    return CliError(Exit.OFFLINE, f"{exc.human('fr')} — {what_fr}",
                    f"{exc.human('en')} — {what_en}")


def offline_warning(exc: CinetPayError) -> str:
    return t(f"Hors ligne : {exc.human('fr')}. Données en cache affichées, pas à jour.",
             f"Offline: {exc.human('en')}. Cached data shown, not up to date.")


# --- balance -----------------------------------------------------------------------------


async def balance(core: Comptoir, args: argparse.Namespace) -> Outcome:
    view = await core.balance.refresh()
    error = view.error
    if error is not None and not is_network(error):
        raise error
    groups = {"account": view.account, "service": view.service, "transfer": view.transfer}
    if error is not None and not any(groups.values()):
        raise no_cache(error, "aucun solde en cache", "no cached balance")
    currency = core.currency
    data: dict[str, Any] = {"currency": currency, "stale": error is not None,
                            "error": error.human(lang()) if error else None}
    data.update({name: _figures_json(f) for name, f in groups.items()})
    text = [line for line in (
        _balance_line(t("Solde du compte", "Account balance"), view.account, "solde", currency),
        _balance_line(t("Solde du service", "Service balance"), view.service, "solde", currency),
        _transfer_line(view.transfer, currency, core.context.current is not None),
    ) if line]
    return Outcome(data, text, warnings=[offline_warning(error)] if error else [])


def _figures_json(figures: Figures | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {**figures.values, "fetched_at": figures.fetched_at, "stale": figures.stale}


def _balance_line(label: str, figures: Figures | None, key: str, currency: str) -> str:
    if figures is None:
        return ""
    amount = fmt_amount(Decimal(figures.values[key]), currency)
    return f"{label:<24} {amount:>16}  {freshness(figures.fetched_at, figures.stale)}"


def _transfer_line(figures: Figures | None, currency: str, current: bool = False) -> str:
    label = t("Solde disponible", "Available balance") if current else \
        t("Transfert disponible", "Transfer available")  # current platform: one figure
    line = _balance_line(label, figures, "available", currency)
    if not line or figures is None:
        return line
    if "in_using" not in figures.values:  # current platform: one available figure
        return line
    in_use = fmt_amount(Decimal(figures.values["in_using"]), currency)
    return line + t(f"  (en cours : {in_use})", f"  (in progress: {in_use})")


# --- history -----------------------------------------------------------------------------


async def _journal_history(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """Current platform (sk_ keys): no history at CinetPay; the journal's links, said so."""
    from ..services.history import NO_HISTORY
    from .render import link_json, link_line

    rows = await core.links.list_all(max(args.limit, 0) or 200)
    note = NO_HISTORY["en" if lang() == "en" else "fr"]
    return Outcome({"source": "journal", "note": note, "rows": [link_json(r) for r in rows]},
                   [note, *(link_line(r) for r in rows)])


def parse_day(text: str | None, name: str) -> date | None:
    """DD-MM-YYYY (as CinetPay writes dates), or YYYY-MM-DD."""
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise bad_input(name, f"Date invalide « {text} » (JJ-MM-AAAA attendu)",
                    f"Invalid date '{text}' (DD-MM-YYYY expected)")


STATUS_ALIASES = {"PAID": "ACCEPTED", "PAYE": "ACCEPTED", "PAYÉ": "ACCEPTED",
                  "REFUSE": "REFUSED", "REFUSÉ": "REFUSED", "EN ATTENTE": "PENDING"}


def split_upper(text: str | None, aliases: dict[str, str] | None = None) -> tuple[str, ...]:
    words = [w.strip().upper() for w in (text or "").split(",") if w.strip()]
    return tuple((aliases or {}).get(w, w) for w in words)


async def history(core: Comptoir, args: argparse.Namespace) -> Outcome:
    day_from, day_to = parse_day(args.date_from, "from"), parse_day(args.date_to, "to")
    if day_from and day_to and day_from > day_to:
        raise bad_input("to", "La date de fin précède la date de début",
                        "The end date is before the start date")
    if args.limit < 0:
        raise bad_input("limit", "La limite doit être positive", "The limit must be positive")
    if core.context.current is not None:
        return await _journal_history(core, args)
    warnings: list[str] = []
    stale = bool(args.offline)
    if not args.offline:
        try:
            await core.history.refresh(HistoryFilter(date_from=day_from, date_to=day_to))
        except CinetPayError as exc:
            if not is_network(exc):
                raise
            if await core.history.fetched_at() is None:
                raise no_cache(exc, "aucun historique en cache", "no cached history") from None
            stale = True
            warnings.append(offline_warning(exc))
    query = HistoryQuery(date_from=day_from, date_to=day_to,
                         statuses=split_upper(args.status, STATUS_ALIASES),
                         operators=split_upper(args.operator), phone=args.phone or "",
                         text=args.search or "")
    totals = await core.history.totals(query)
    rows = await core.history.page(query, 0, args.limit)
    fetched_at = await core.history.fetched_at()
    unreadable = await core.history.unreadable()
    exported = await core.history.export_csv(query, args.csv) if args.csv else None
    data = {"fetched_at": fetched_at, "stale": stale, "count": totals.count,
            "unreadable": unreadable, "totals": _totals_json(totals),
            "rows": [_history_json(r) for r in rows], "csv": args.csv, "exported": exported}
    text = _history_text(core, rows, totals, fetched_at, stale, args, exported)
    if unreadable:
        text.insert(1, unreadable_line(unreadable))
    return Outcome(data, text, warnings=warnings)


def unreadable_line(count: int) -> str:
    """Rows of the last fetch that could not be read (dropped, or shown without a field)."""
    if count == 1:
        return t("1 ligne illisible dans la réponse de CinetPay (ignorée ou incomplète)",
                 "1 unreadable row in CinetPay's answer (skipped or incomplete)")
    return t(f"{count} lignes illisibles dans la réponse de CinetPay (ignorées ou incomplètes)",
             f"{count} unreadable rows in CinetPay's answer (skipped or incomplete)")


def _totals_json(totals: HistoryTotals) -> dict[str, Any]:
    return {"count": totals.count, "accepted_count": totals.accepted.count,
            "accepted_amount": totals.accepted.amount}


def _history_json(r: HistoryRow) -> dict[str, Any]:
    return {"transaction_id": r.transaction_id, "paid_at": r.paid_at, "amount": r.amount,
            "currency": r.currency, "status": r.status, "operator": r.operator,
            "phone_prefix": r.phone_prefix, "phone": r.phone, "payid": r.payid,
            "designation": r.designation, "buyer_name": r.buyer_name,
            "result_code": r.result_code, "error_message": r.error_message}


def _history_line(r: HistoryRow) -> str:
    status = t(*PAYMENT_STATUS[r.status]) if r.status in PAYMENT_STATUS else r.status
    phone = f"+{r.phone_prefix} {r.phone}" if r.phone_prefix else r.phone
    return (f"{fmt_when(r.paid_at)}  {r.transaction_id}  {fmt_amount(r.amount, r.currency):>16}"
            f"  {status:<10} {r.operator:<6} {phone}  {r.designation}")


def _history_text(core: Comptoir, rows: list[HistoryRow], totals: HistoryTotals,
                  fetched_at: datetime | None, stale: bool, args: argparse.Namespace,
                  exported: int | None) -> list[str]:
    paid = fmt_amount(totals.accepted.amount, core.currency)
    when = freshness(fetched_at, stale, offline=not args.offline)
    text = [t(f"Historique {when} : {totals.count} transaction(s), "
              f"{totals.accepted.count} payée(s) pour {paid}",
              f"History {when}: {totals.count} transaction(s), "
              f"{totals.accepted.count} paid for {paid}")]
    text += [_history_line(r) for r in rows]
    if len(rows) < totals.count:
        text.append(t(f"({len(rows)} sur {totals.count} affichées ; --limit pour en voir plus)",
                      f"({len(rows)} of {totals.count} shown; --limit to see more)"))
    if exported is not None:
        text.append(labelled("Export CSV", "CSV export",
                             t(f"{exported} ligne(s) → {args.csv}", f"{exported} row(s) → "
                               f"{args.csv}")))
    return text
