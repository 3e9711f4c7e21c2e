"""``contact add | list | import``: transfer recipients (journaled first, queued offline)."""

from __future__ import annotations

import argparse
from typing import Any

from ..api.errors import CinetPayError
from ..api.models import Contact
from ..output.csvfiles import LineResult
from ..services.core import Comptoir
from ..services.outcomes import ContactOutcome, tally_contacts
from ..store.contacts import ContactRow
from .common import Exit, Outcome, freshness, labelled, lang, t
from .reads import is_network, offline_warning
from .render import contact_json, contact_line, contact_next, contact_refusal


def row_code(rows: list[ContactRow]) -> Exit:
    return Exit.FAILED if tally_contacts(rows)[ContactOutcome.REFUSED] else Exit.OK


async def add(core: Comptoir, args: argparse.Namespace) -> Outcome:
    row = await core.contacts.add(Contact(args.prefix, args.phone, args.name, args.surname,
                                          args.email or ""))
    text = [labelled("Contact", "Contact", contact_line(row))]
    if contact_next(row):
        text.append(contact_next(row))
    warnings = [contact_refusal(row)] if contact_refusal(row) else []
    return Outcome(contact_json(row), text, code=row_code([row]), warnings=warnings)


async def list_contacts(core: Comptoir, args: argparse.Namespace) -> Outcome:
    warnings: list[str] = []
    if args.refresh:
        try:
            await core.contacts.refresh()
        except CinetPayError as exc:
            if not is_network(exc):
                raise
            warnings.append(offline_warning(exc))
    rows = await core.contacts.list(args.search or "")
    fetched_at = await core.contacts.fetched_at()
    stale = bool(warnings) or not args.refresh
    when = freshness(fetched_at, stale, offline=bool(warnings))
    head = t(f"{len(rows)} contact(s) ; liste CinetPay {when}",
             f"{len(rows)} contact(s); CinetPay list {when}")
    data = {"fetched_at": fetched_at, "stale": stale,
            "contacts": [contact_json(r) for r in rows]}
    return Outcome(data, [head, *(contact_line(r) for r in rows)], warnings=warnings)


def line_json(line: LineResult) -> dict[str, Any]:
    return {"line": line.line, "ok": line.ok, "field": line.field or None,
            "error": line.error(lang()) or None, "values": line.values}


def line_text(line: LineResult) -> str:
    word = t("ligne", "line")
    if line.ok:
        return f"{word} {line.line} : OK" if lang() == "fr" else f"{word} {line.line}: OK"
    return labelled(f"{word} {line.line}", f"{word} {line.line}",
                    f"{line.field} — {line.error(lang())}")


async def import_csv(core: Comptoir, args: argparse.Namespace) -> Outcome:
    parsed, rows = await core.contacts.import_csv(args.file)
    text = [line_text(line) for line in parsed.lines]
    text += [contact_line(r) for r in rows]
    text.append(t(f"{len(parsed.good)} ligne(s) valable(s), {len(parsed.bad)} refusée(s)",
                  f"{len(parsed.good)} good line(s), {len(parsed.bad)} refused"))
    data = {"lines": [line_json(line) for line in parsed.lines],
            "contacts": [contact_json(r) for r in rows]}
    code = Exit.FAILED if parsed.bad else row_code(rows)
    return Outcome(data, text, code=code)
