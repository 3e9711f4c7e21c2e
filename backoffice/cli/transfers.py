"""``transfer send | status | list | refresh``: money leaving the account, never twice.

A single transfer or a CSV batch is journaled before anything is sent; offline it is queued
(exit 0, "queued"), a lost answer leaves it uncertain (exit 0, "uncertain": it is checked
with CinetPay by its client_transaction_id before anything is sent again)."""

from __future__ import annotations

import argparse

from ..api.errors import CinetPayError
from ..output.csvfiles import TransferLine, parse_amount, parse_transfers, read_file
from ..services.connectivity import NetState
from ..services.core import Comptoir
from ..store.states import State
from ..store.transfers import TransferRow
from .common import CliError, Exit, Outcome, bad_input, fmt_amount, labelled, t
from .contacts import line_json, line_text
from .reads import is_network, offline_warning
from .render import transfer_json, transfer_label, transfer_line, what_next

AUTH_WAIT = ("Identifiants refusés par CinetPay : le transfert attend en file (queued). "
             "Corrigez-les (comptoir-cli credentials set) puis lancez comptoir-cli sync.",
             "CinetPay refused the credentials: the transfer waits, queued. Fix them "
             "(comptoir-cli credentials set), then run comptoir-cli sync.")


def rows_code(core: Comptoir, rows: list[TransferRow]) -> Exit:
    # CinetPay refused our credentials: say so (exit 3), it is not the transfer's fault; the
    # transfers wait in the outbox until the keys are fixed.
    if core.connectivity.state is NetState.AUTH_ERROR and any(
            r.state in (State.FAILED, State.QUEUED) for r in rows):
        return Exit.CREDENTIALS
    return Exit.FAILED if any(r.state is State.FAILED for r in rows) else Exit.OK


def transfer_details(row: TransferRow) -> list[str]:
    lines = [
        labelled("Transfert", "Transfer", row.client_transaction_id),
        labelled("Montant", "Amount", fmt_amount(row.amount)),
        labelled("Bénéficiaire", "Recipient", f"+{row.prefix} {row.phone}"),
        labelled("Statut", "Status", transfer_label(row)),
    ]
    if row.cinetpay_transaction_id:
        lines.append(labelled("Référence CinetPay", "CinetPay reference",
                              row.cinetpay_transaction_id))
    if row.last_error and row.state in (State.FAILED, State.QUEUED, State.UNCERTAIN):
        lines.append(labelled("Détail", "Detail", row.last_error))
    if what_next(row.state):
        lines.append(what_next(row.state))
    return lines


async def send(core: Comptoir, args: argparse.Namespace) -> Outcome:
    single = (args.prefix, args.phone, args.amount)
    if args.csv:
        if any(single):
            raise CliError(Exit.USAGE, "--csv s'utilise seul (sans --prefix/--phone/--amount)",
                           "--csv is used alone (without --prefix/--phone/--amount)")
        return await send_csv(core, args.csv)
    if not all(single):
        raise CliError(Exit.USAGE, "Indiquez --prefix, --phone et --amount (ou --csv FICHIER)",
                       "Give --prefix, --phone and --amount (or --csv FILE)")
    row = await core.transfers.send(args.prefix, args.phone, parse_amount(args.amount))
    code = rows_code(core, [row])
    warnings = [row.last_error] if code and row.last_error else []
    if code is Exit.CREDENTIALS:
        warnings.append(t(*AUTH_WAIT))
    return Outcome(transfer_json(row), transfer_details(row), code=code, warnings=warnings)


async def send_csv(core: Comptoir, path: str) -> Outcome:
    """Per-line results; the good lines go as one batch (journaled together first)."""
    parsed = parse_transfers(read_file(path))
    lines = [TransferLine(r.values["prefix"], r.values["phone"], int(r.values["amount"]))
             for r in parsed.good]
    rows = await core.transfers.send_batch(lines) if lines else []
    text = [line_text(line) for line in parsed.lines]
    for line, row in zip(parsed.good, rows, strict=True):
        text.append(labelled(f"{t('ligne', 'line')} {line.line}",
                             f"{t('ligne', 'line')} {line.line}", transfer_line(row)))
    total = sum(r.amount for r in rows)
    text.append(t(f"{len(rows)} transfert(s) pour {fmt_amount(total)} ; "
                  f"{len(parsed.bad)} ligne(s) refusée(s)",
                  f"{len(rows)} transfer(s) for {fmt_amount(total)}; "
                  f"{len(parsed.bad)} line(s) refused"))
    results = [{**line_json(line), "transfer": None} for line in parsed.lines]
    by_line = {line.line: row for line, row in zip(parsed.good, rows, strict=True)}
    for item in results:
        row = by_line.get(item["line"])
        item["transfer"] = transfer_json(row) if row else None
    code = Exit.FAILED if parsed.bad else rows_code(core, rows)
    return Outcome({"batch_id": rows[0].batch_id if rows else None, "lines": results},
                   text, code=code)


async def _known(core: Comptoir, client_transaction_id: str) -> TransferRow:
    row = await core.transfers.get(client_transaction_id)
    if row is None:
        raise bad_input("id", f"Transfert inconnu dans le journal : {client_transaction_id}",
                        f"Unknown transfer in the journal: {client_transaction_id}")
    return row


async def status(core: Comptoir, args: argparse.Namespace) -> Outcome:
    row = await _known(core, args.id)
    warnings: list[str] = []
    try:
        row = await core.transfers.resolve(row.client_transaction_id)
    except CinetPayError as exc:
        if not is_network(exc):
            raise
        warnings.append(offline_warning(exc))
        row = await _known(core, args.id)
    data = {**transfer_json(row), "stale": bool(warnings)}
    return Outcome(data, transfer_details(row), warnings=warnings)


async def list_transfers(core: Comptoir, args: argparse.Namespace) -> Outcome:
    rows = await core.transfers.list(batch_id=args.batch)
    text = [transfer_line(r) for r in rows] or [t("Aucun transfert.", "No transfer.")]
    return Outcome([transfer_json(r) for r in rows], text)


async def refresh(core: Comptoir, args: argparse.Namespace) -> Outcome:
    rows = await core.transfers.refresh_all()
    warnings = [t("Hors ligne : statuts non vérifiés", "Offline: statuses not checked")] \
        if core.offline else []
    text = [transfer_line(r) for r in rows] or [t("Aucun transfert en cours.",
                                                  "No transfer in progress.")]
    return Outcome([transfer_json(r) for r in rows], text, warnings=warnings)
