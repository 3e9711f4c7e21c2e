"""``transfer send | status | list | refresh``: money leaving the account, never twice.

Before anything leaves: the manager PIN when one is set (exit 3 without it), ``--again`` for
what looks sent already (same contact and amount: 15 min for one transfer, 24 h for a batch
line or the same file), ``--allow-repeats`` for identical lines in one file, and ``--yes`` for
a CSV batch (its line-by-line preview is printed first; without --yes and without a terminal
to ask on, exit 2 and nothing is sent).

A single transfer or a CSV batch is journaled before anything is sent; offline it is queued
(exit 0, "queued"), a lost answer leaves it uncertain (exit 0, "uncertain": it is checked
with CinetPay by its client_transaction_id before anything is sent again)."""

from __future__ import annotations

import argparse
import sys

from ..api.errors import CinetPayError
from ..output.csvfiles import Parsed, TransferLine, parse_amount, parse_transfers, read_file
from ..services.core import Comptoir
from ..services.duplicates import Duplicates
from ..services.outcomes import TransferOutcome, tally_transfers
from ..store.transfers import TransferRow
from .common import CliError, Exit, Outcome, bad_input, fmt_amount, fmt_when, labelled, t
from .contacts import line_json, line_text
from .pin import require_pin
from .reads import is_network, offline_warning
from .render import (
    transfer_detail,
    transfer_json,
    transfer_label,
    transfer_line,
    transfer_next,
    why,
)

AUTH_WAIT = ("Identifiants refusés par CinetPay : le transfert attend en file (queued). "
             "Corrigez-les (comptoir-cli credentials set) puis lancez comptoir-cli sync.",
             "CinetPay refused the credentials: the transfer waits, queued. Fix them "
             "(comptoir-cli credentials set), then run comptoir-cli sync.")


def rows_code(core: Comptoir, rows: list[TransferRow]) -> Exit:
    # CinetPay refused our credentials: say so (exit 3), it is not the transfer's fault; the
    # transfers wait in the outbox until the keys are fixed.
    outcomes = tally_transfers(rows)
    if core.credentials_refused and (outcomes[TransferOutcome.FAILED]
                                     or outcomes[TransferOutcome.QUEUED]):
        return Exit.CREDENTIALS
    return Exit.FAILED if outcomes[TransferOutcome.FAILED] else Exit.OK


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
    if transfer_detail(row):
        lines.append(labelled("Détail", "Detail", transfer_detail(row)))
    if transfer_next(row):
        lines.append(transfer_next(row))
    return lines


async def send(core: Comptoir, args: argparse.Namespace) -> Outcome:
    single = (args.prefix, args.phone, args.amount)
    if args.csv:
        if any(single):
            raise CliError(Exit.USAGE, "--csv s'utilise seul (sans --prefix/--phone/--amount)",
                           "--csv is used alone (without --prefix/--phone/--amount)")
        return await send_csv(core, args)
    current = core.context.current is not None  # sk_ keys: +E.164 phone, --prefix optional
    if args.method and not current:
        raise CliError(Exit.USAGE, "--method ne sert qu'aux comptes à clé sk_ (le contact "
                       "décide sur un compte classique)", "--method is for sk_ key accounts "
                       "only (a classic account's contact decides)")
    if not (all(single) or (current and args.phone and args.amount)):
        raise CliError(Exit.USAGE, "Indiquez --prefix, --phone et --amount (ou --csv FICHIER)",
                       "Give --prefix, --phone and --amount (or --csv FILE)")
    amount = parse_amount(args.amount)
    # bad input: exit 2, nothing sent (current platform: also a method it cannot guess)
    new = core.transfers.prepare(args.prefix or "", args.phone, amount, args.method or "")
    # Duplicates are looked up with the number as journaled ("+225 07…", "00225…" → "07…").
    args.prefix, args.phone = new.prefix, new.phone
    line = TransferLine(args.prefix, args.phone, amount)
    dup = await core.duplicates.check_single(line)
    if dup.needs_again and not args.again:
        when = fmt_when(dup.recent[0])
        raise CliError(
            Exit.USAGE,
            f"Un transfert de {fmt_amount(amount)} au +{args.prefix} {args.phone} est déjà "
            f"parti il y a moins de 15 minutes ({when}). Rien n'a été envoyé. Pour envoyer "
            "quand même : --again",
            f"A transfer of {fmt_amount(amount)} to +{args.prefix} {args.phone} already left "
            f"less than 15 minutes ago ({when}). Nothing was sent. To send it anyway: --again")
    await require_pin(args)
    row = await core.transfers.send(args.prefix, args.phone, amount,
                                    method=new.payment_method or "")
    code = rows_code(core, [row])
    warnings = [why(row)] if code and why(row) else []
    if code is Exit.CREDENTIALS:
        warnings.append(t(*AUTH_WAIT))
    return Outcome(transfer_json(row), transfer_details(row), code=code, warnings=warnings)


def _preview(parsed: Parsed, dup: Duplicates) -> list[str]:
    """One line per file line: what will be sent, or why the line is refused, and what a
    person must confirm (already sent, repeated)."""
    notes: dict[int, list[str]] = {}
    good = parsed.good
    for index, when in dup.recent.items():
        notes.setdefault(good[index].line, []).append(t(
            f"déjà envoyé le {fmt_when(when)} (moins de 24 h)",
            f"already sent on {fmt_when(when)} (less than 24 h ago)"))
    for group in dup.repeats:
        numbers = ", ".join(str(good[i].line) for i in group)
        for i in group:
            notes.setdefault(good[i].line, []).append(t(f"répété (lignes {numbers})",
                                                        f"repeated (lines {numbers})"))
    text = []
    for line in parsed.lines:
        if not line.ok:
            text.append(line_text(line))
            continue
        v = line.values
        what = f"+{v['prefix']} {v['phone']} · {fmt_amount(int(v['amount']))}"
        extra = "".join(f" ⚠ {n}" for n in notes.get(line.line, []))
        text.append(f"{line_text(line)} — {what}{extra}")
    return text


def _refusal(parsed: Parsed, dup: Duplicates, args: argparse.Namespace,
             lines: list[TransferLine]) -> tuple[str, str] | None:
    """Why this batch may not go yet (fr, en), or None."""
    if dup.needs_allow_repeats and not args.allow_repeats:
        return ("Le fichier répète des lignes identiques (même contact, même montant) : rien "
                "n'a été envoyé. Corrigez le fichier, ou confirmez avec --allow-repeats.",
                "The file repeats identical lines (same contact, same amount): nothing was "
                "sent. Fix the file, or confirm with --allow-repeats.")
    if dup.needs_again and not args.again:
        if dup.file_sent_at is not None:
            when = fmt_when(dup.file_sent_at)
            return (f"Ce lot a déjà été envoyé le {when} (moins de 24 h) : rien n'a été "
                    "envoyé. Pour l'envoyer encore : --again",
                    f"This batch was already sent on {when} (less than 24 h ago): nothing "
                    "was sent. To send it again: --again")
        return (f"{len(dup.recent)} ligne(s) déjà envoyée(s) dans les dernières 24 h (même "
                "contact, même montant) : rien n'a été envoyé. Pour envoyer quand même : "
                "--again",
                f"{len(dup.recent)} line(s) already sent in the last 24 h (same contact, same "
                "amount): nothing was sent. To send anyway: --again")
    if not args.yes:
        total = fmt_amount(sum(x.amount for x in lines))
        if sys.stdin.isatty() and not args.pin_stdin:
            print("\n".join(_preview(parsed, dup)), flush=True)
            answer = input(t(f"Envoyer {len(lines)} transfert(s) pour {total} ? [o/N] ",
                             f"Send {len(lines)} transfer(s) for {total}? [y/N] "))
            if answer.strip().lower() in ("o", "oui", "y", "yes"):
                return None
            return ("Annulé : rien n'a été envoyé.", "Cancelled: nothing was sent.")
        return (f"Aperçu seulement ({len(lines)} transfert(s) pour {total}) : rien n'a été "
                "envoyé. Relancez avec --yes pour envoyer.",
                f"Preview only ({len(lines)} transfer(s) for {total}): nothing was sent. "
                "Run again with --yes to send.")
    return None


async def send_csv(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """A line-by-line preview; with --yes (and the confirmations the file needs) the good
    lines go as one batch (journaled together first), then per-line results."""
    parsed, contact_notes = await _contact_check(core, parse_transfers(read_file(args.csv)))
    lines = [TransferLine(r.values["prefix"], r.values["phone"], int(r.values["amount"]),
                          r.values.get("method", "")) for r in parsed.good]
    guard = core.duplicates
    dup = await guard.check_batch(lines)
    results = [{**line_json(line), "transfer": None} for line in parsed.lines]
    good_numbers = [line.line for line in parsed.good]
    dup_json = {"file_sent_at": dup.file_sent_at,
                "recent_lines": sorted(good_numbers[i] for i in dup.recent),
                "repeated_lines": [[good_numbers[i] for i in g] for g in dup.repeats]}
    why = _refusal(parsed, dup, args, lines) if lines else None
    if why is not None:
        message = t(*why)
        return Outcome({"batch_id": None, "sent": False, "lines": results,
                        "duplicates": dup_json},
                       [*_preview(parsed, dup), *contact_notes, message], code=Exit.USAGE,
                       warnings=[*contact_notes, message])
    if lines:
        await require_pin(args)
    rows = await core.transfers.send_batch(lines) if lines else []
    if rows:
        await guard.record_batch(lines, rows[0].batch_id)
    text = [*_preview(parsed, dup), *contact_notes]
    for line, row in zip(parsed.good, rows, strict=True):
        text.append(labelled(f"{t('ligne', 'line')} {line.line}",
                             f"{t('ligne', 'line')} {line.line}", transfer_line(row)))
    total = sum(r.amount for r in rows)
    text.append(t(f"{len(rows)} transfert(s) pour {fmt_amount(total)} ; "
                  f"{len(parsed.bad)} ligne(s) refusée(s)",
                  f"{len(rows)} transfer(s) for {fmt_amount(total)}; "
                  f"{len(parsed.bad)} line(s) refused"))
    by_line = {line.line: row for line, row in zip(parsed.good, rows, strict=True)}
    for item in results:
        sent = by_line.get(item["line"])
        item["transfer"] = transfer_json(sent) if sent else None
    code = Exit.FAILED if parsed.bad else rows_code(core, rows)
    return Outcome({"batch_id": rows[0].batch_id if rows else None, "sent": bool(rows),
                    "lines": results, "duplicates": dup_json}, text, code=code)


async def _contact_check(core: Comptoir, parsed: Parsed) -> tuple[Parsed, list[str]]:
    """Lines to numbers that are not usable CinetPay contacts are refused before anything is
    sent (CinetPay would refuse them: 724), against its contact list fetched first; the
    notes say which numbers to add (``contact add``) or that the list could not be read."""
    contacts = core.contacts
    if not contacts.has_list or not parsed.good:
        return parsed, []
    state = await contacts.fetch_if_due()
    if state.fetched_at is None:
        return parsed, [t("Liste des contacts CinetPay non lue : les numéros n'ont pas pu être "
                          "vérifiés (724).", "CinetPay's contact list could not be read: the "
                          "numbers were not checked (724).")]
    marked, missing = await contacts.mark_unusable(parsed)
    numbers = sorted({(x.values["prefix"], x.values["phone"]) for x in missing})
    if not numbers:
        return marked, []
    listed = ", ".join(f"+{p} {n}" for p, n in numbers)
    return marked, [t(f"Contacts à ajouter d'abord ({len(numbers)}) : {listed} — "
                      "comptoir-cli contact add --prefix … --phone … --name … --surname …",
                      f"Contacts to add first ({len(numbers)}): {listed} — "
                      "comptoir-cli contact add --prefix … --phone … --name … --surname …")]


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
