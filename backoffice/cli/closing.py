"""``close-day`` (clôture de caisse), ``reopen-day`` and ``closings list``.

``close-day`` brings CinetPay up to date, reconciles, writes a closing version and prints it:
exit 0 even with anomalies (each comes with what to do), 6 when CinetPay could not be reached
(the closing is then provisional). ``--pdf`` writes the A4 report, ``--csv`` / ``--xlsx`` the
period's movements for the accountant.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import preferences
from ..output.amounts import parse_amount
from ..services.cashiers import RoleError
from ..services.closing import ClosingRefused
from ..services.closing_report import (
    Anomaly,
    ClosingReport,
    TotalLine,
    action_text,
    kind_text,
    sync_text,
)
from ..services.core import Comptoir
from ..services.outcomes import LinkOutcome
from ..services.shop_time import shop_today, shop_zone
from .common import CliError, Exit, Outcome, fmt_amount, labelled, lang, t
from .reads import parse_day

Journal = Callable[..., Callable[[argparse.Namespace], int]]

STATUS_WORDS: dict[str, tuple[str, str]] = {
    LinkOutcome.PAID: ("payés", "paid"), LinkOutcome.REFUSED: ("refusés", "refused"),
    LinkOutcome.PENDING: ("en attente", "waiting"),
    LinkOutcome.UNCERTAIN: ("incertains", "uncertain"),
    LinkOutcome.SENDING: ("en cours d'envoi", "sending"),
    LinkOutcome.FAILED: ("échoués", "failed"),
    LinkOutcome.NEVER_CREATED: ("jamais créés", "never created"),
    LinkOutcome.NO_URL: ("sans adresse", "without address"),
    LinkOutcome.ANOMALY: ("à vérifier", "to check"),
}
TRANSFER_WORDS = {"final": ("aboutis", "done"), "uncertain": ("en cours ou incertains",
                                                               "in progress or uncertain"),
                  "failed": ("échoués", "failed")}


def _prefs(core: Comptoir) -> preferences.Preferences:
    return preferences.load(Path(core.db.db.path).parent)


async def _act(core: Comptoir, args: argparse.Namespace, action: str) -> None:
    """Whoever acts (COMPTOIR_CASHIER and their code) signs in and must be allowed
    ``action`` (cli/actor.py); the service checks the role again."""
    try:
        actor = importlib.import_module(f"{__package__}.actor")
    except ImportError:  # pragma: no cover - cli/actor.py not there
        return
    await actor.act_as(core, args, action)


def _refused(exc: RoleError | ClosingRefused) -> CliError:
    code = Exit.CREDENTIALS if exc.reason in ("nobody", "forbidden") else Exit.USAGE
    return CliError(code, exc.human("fr"), exc.human("en"))


# --- close-day -----------------------------------------------------------------------------


async def close_day(core: Comptoir, args: argparse.Namespace) -> Outcome:
    prefs = _prefs(core)
    day = parse_day(args.date, "date") or shop_today(core.context.now(), prefs.shop_timezone)
    counted = (None if args.counted_cash is None
               else parse_amount(args.counted_cash, core.currency, lang(),
                                 field="counted-cash"))
    try:
        await _act(core, args, "close_till" if args.cashier is None else "close_shift")
        report = await core.closing.close_day(day, args.cashier, counted,
                                              timezone=prefs.shop_timezone,
                                              shop_name=prefs.shop_name)
    except (RoleError, ClosingRefused) as exc:
        raise _refused(exc) from None
    files = await _write_files(core, args, report, prefs)
    data = {**report.to_json(), "files": files}
    warnings = []
    if report.provisional:
        warnings.append(t("CinetPay injoignable : clôture PROVISOIRE enregistrée, à refaire "
                          "une fois en ligne.",
                          "CinetPay unreachable: PROVISIONAL closing recorded, run it again "
                          "once online."))
    return Outcome(data, [*report_lines(report), *files_lines(files)],
                   code=Exit.OFFLINE if report.provisional else Exit.OK, warnings=warnings)


async def _write_files(core: Comptoir, args: argparse.Namespace, report: ClosingReport,
                       prefs: preferences.Preferences) -> dict[str, str]:
    files: dict[str, str] = {}
    if args.pdf:
        from ..reports.closing_pdf import render_closing_pdf

        files["pdf"] = str(render_closing_pdf(report, args.pdf, lang(),
                                              shop_name=prefs.shop_name,
                                              shop_address=prefs.shop_address))
    if args.csv or args.xlsx:
        from ..output import accounting as writers

        movements = await core.accounting.movements(report.period_start, report.period_end,
                                                    till=report.till)
        mapping = await core.accounting.mapping()
        zone = shop_zone(prefs.shop_timezone)
        for key, path, write in (("csv", args.csv, writers.write_csv),
                                 ("xlsx", args.xlsx, writers.write_xlsx)):
            if path:
                write(movements, path, mapping, tz=zone, lang=lang())
                files[key] = str(path)
    return files


def files_lines(files: dict[str, str]) -> list[str]:
    words = {"pdf": ("Rapport PDF", "PDF report"), "csv": ("Export CSV", "CSV export"),
             "xlsx": ("Export XLSX", "XLSX export")}
    return [labelled(*words[k], v) for k, v in files.items()]


# --- how a report reads --------------------------------------------------------------------


def _when(moment: datetime | None, report: ClosingReport) -> str:
    if moment is None:
        return "—"
    # an unknown name: the machine's zone, as when the closing was made
    zone = shop_zone(report.timezone, warn=False)
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M")


def _money(line: TotalLine) -> str:
    return fmt_amount(line.amount, line.currency)


def report_lines(report: ClosingReport) -> list[str]:
    la = lang()
    who = report.name_of(report.cashier_id) or t("toute la caisse", "the whole till")
    head = t(f"Clôture de caisse du {report.shop_day:%d-%m-%Y} — caisse {report.till}, {who}"
             f" (version {report.version})",
             f"Till closing of {report.shop_day:%Y-%m-%d} — till {report.till}, {who}"
             f" (version {report.version})")
    lines = [head]
    if report.provisional:
        lines.append(t("*** PROVISOIRE ***", "*** PROVISIONAL ***"))
    lines += [labelled("Période", "Period", f"{_when(report.period_start, report)} → "
                       f"{_when(report.period_end, report)} ({report.timezone})"),
              labelled("Clôturé par", "Closed by", report.name_of(report.closed_by) or "—"),
              sync_text(report.sync.source, la), "",
              t("Liens de paiement", "Payment links")]
    for item in report.totals.by_status:
        fr, en = STATUS_WORDS.get(item.key, (item.key, item.key))
        lines.append(f"  {t(fr, en):<22} {item.count:>4}  {_money(item):>18}")
    if not report.totals.by_status:
        lines.append(t("  aucun", "  none"))
    for title, group in ((t("Payés par opérateur", "Paid per operator"),
                          report.totals.by_operator),
                         (t("Payés par caissier", "Paid per cashier"),
                          report.totals.by_cashier)):
        if group:
            lines.append(title)
            for item in group:
                name = item.label or item.key or "—"
                lines.append(f"  {name:<22} {item.count:>4}  {_money(item):>18}")
    lines += ["", *cash_lines(report), "", *transfer_lines(report), ""]
    lines += anomaly_lines(report)
    return lines


def cash_lines(report: ClosingReport) -> list[str]:
    c = report.cash
    cur = c.currency
    lines = [t("Espèces", "Cash"),
             "  " + labelled("Fond de caisse", "Float", fmt_amount(c.float_in, cur)),
             "  " + labelled(f"Ventes ({c.sales_count})", f"Sales ({c.sales_count})",
                             fmt_amount(c.sales, cur)),
             "  " + labelled("Sorties", "Paid out", fmt_amount(c.payouts, cur)),
             "  " + labelled("Attendu", "Expected", fmt_amount(c.expected, cur))]
    if c.counted is None or c.difference is None:
        lines.append("  " + t("Compté : non saisi (--counted-cash N)",
                              "Counted: not given (--counted-cash N)"))
        return lines
    lines.append("  " + labelled("Compté", "Counted", fmt_amount(c.counted, cur)))
    diff = fmt_amount(c.difference, cur)
    if c.difference == 0:
        note = t("juste", "balanced")
    elif c.difference < 0:
        note = t("manquant", "missing")
    else:
        note = t("en trop", "over")
    lines.append("  " + labelled("Écart", "Difference", f"{diff} ({note})"))
    return lines


def transfer_lines(report: ClosingReport) -> list[str]:
    lines = [t("Transferts du jour", "Transfers of the day")]
    for key, (fr, en) in TRANSFER_WORDS.items():
        item = report.transfers.line(key)
        lines.append(f"  {t(fr, en):<24} {item.count:>4}  {_money(item):>18}")
    return lines


def _side_text(status: str | None, amount: int | None, currency: str) -> str:
    shown = status or t("absent", "none")
    return shown if amount is None else f"{shown}, {fmt_amount(amount, currency)}"


def _anomaly_line(item: Anomaly) -> list[str]:
    la = lang()
    theirs = _side_text(item.cinetpay.status, item.cinetpay.amount, item.currency)
    ours = _side_text(item.journal.status, item.journal.amount, item.currency)
    said = t(f"CinetPay : {theirs} — journal : {ours}", f"CinetPay: {theirs} — journal: {ours}")
    return [f"  [{kind_text(item.kind, la)}] {item.transaction_id}  "
            f"{fmt_amount(item.amount, item.currency)}",
            f"    {said}",
            f"    → {action_text(item.action, la)}"]


def anomaly_lines(report: ClosingReport) -> list[str]:
    lines = [labelled("Anomalies", "Anomalies", str(len(report.anomalies)))]
    if not report.anomalies:
        lines.append(t("  aucune", "  none"))
    for item in report.anomalies:
        lines += _anomaly_line(item)
    if report.not_in_journal:
        lines += ["", labelled("Payés hors de cette caisse (non comptés)",
                               "Paid outside this till (not counted)",
                               str(len(report.not_in_journal)))]
        for item in report.not_in_journal:
            lines += _anomaly_line(item)
    return lines


# --- reopen-day, closings list ---------------------------------------------------------------


async def reopen_day(core: Comptoir, args: argparse.Namespace) -> Outcome:
    day = parse_day(args.date, "date")
    if day is None or not args.reason.strip():
        raise CliError(Exit.USAGE, "Indiquez --date JJ-MM-AAAA et --reason.",
                       "Give --date DD-MM-YYYY and --reason.")
    try:
        await _act(core, args, "reopen_day")
        row = await core.closing.reopen_day(day, args.reason)
    except (RoleError, ClosingRefused) as exc:
        raise _refused(exc) from None
    data = {"shop_day": row.shop_day.isoformat(), "till": row.till,
            "reopened_at": row.reopened_at, "reopened_by": row.reopened_by,
            "reason": row.reason}
    return Outcome(data, [t(f"Journée du {day:%d-%m-%Y} rouverte (caisse {row.till}) : la "
                            "prochaine clôture sera une nouvelle version.",
                            f"Day {day:%Y-%m-%d} reopened (till {row.till}): the next "
                            "closing will be a new version.")])


async def list_closings(core: Comptoir, args: argparse.Namespace) -> Outcome:
    day = parse_day(args.date, "date")
    reports = await core.closing.list(day)
    data = [summary_json(r) for r in reports]
    text = [summary_line(r) for r in reports] or [t("Aucune clôture.", "No closing.")]
    return Outcome({"closings": data}, text)


def summary_json(r: ClosingReport) -> dict[str, Any]:
    return {"closing_id": r.closing_id, "shop_day": r.shop_day.isoformat(), "till": r.till,
            "cashier": r.cashier_id, "version": r.version, "provisional": r.provisional,
            "created_at": r.created_at, "closed_by": r.closed_by,
            "anomalies": len(r.anomalies), "not_in_journal": len(r.not_in_journal),
            "cash_difference": r.cash.difference}


def summary_line(r: ClosingReport) -> str:
    who = r.name_of(r.cashier_id) or t("caisse", "till")
    flag = t(" PROVISOIRE", " PROVISIONAL") if r.provisional else ""
    return (f"{r.shop_day:%d-%m-%Y}  v{r.version}  {r.till}  {who}{flag}  "
            f"{t('anomalies', 'anomalies')}: {len(r.anomalies)}  {r.closing_id}")


# --- grammar (cli/parser.py calls register) ------------------------------------------------


def register(b: Any, sub: argparse._SubParsersAction, journal: Journal) -> None:
    pin_help = t("lire le code du caissier sur l'entrée standard",
                 "read the cashier's code from standard input")
    p = b.leaf(sub, "close-day", t("clôture de caisse : rapprochement avec CinetPay, espèces, "
                                   "anomalies (sortie 6 si CinetPay est injoignable)",
                                   "till closing: reconciled with CinetPay, cash, anomalies "
                                   "(exit 6 when CinetPay cannot be reached)"),
               journal(close_day))
    p.add_argument("--date", metavar="JJ-MM-AAAA",
                   help=t("jour de la boutique (défaut : aujourd'hui)",
                          "the shop's day (default: today)"))
    p.add_argument("--cashier", metavar="NOM",
                   help=t("clôturer la session d'un caissier", "close one cashier's shift"))
    p.add_argument("--counted-cash", metavar="N",
                   help=t("espèces comptées dans le tiroir", "cash counted in the drawer"))
    p.add_argument("--pdf", metavar="FILE.pdf")
    p.add_argument("--csv", metavar="FILE.csv")
    p.add_argument("--xlsx", metavar="FILE.xlsx")
    p.add_argument("--pin-stdin", action="store_true", help=pin_help)
    p = b.leaf(sub, "reopen-day", t("gérant : rouvrir une journée clôturée",
                                    "manager: reopen a closed day"),
               journal(reopen_day, online=False))
    p.add_argument("--date", metavar="JJ-MM-AAAA", required=True)
    p.add_argument("--reason", metavar="TEXT", required=True)
    p.add_argument("--pin-stdin", action="store_true", help=pin_help)
    actions = b.group(sub, "closings", t("clôtures enregistrées", "recorded closings"))
    p = b.leaf(actions, "list", t("clôtures (toutes les versions)",
                                  "closings (every version)"),
               journal(list_closings, online=False))
    p.add_argument("--date", metavar="JJ-MM-AAAA")
