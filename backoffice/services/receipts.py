"""Receipts and QR slips: what the till prints, composed from the journal and sent to the
printer Réglages names (``backoffice.printing``).

Printing never blocks nor endangers money: a link is created and journaled before anything
is printed; printer I/O runs in a thread with every wait bounded, so a printer that is off,
refuses, stalls or has no paper gives a :class:`PrintJob` saying so (fr/en) within seconds,
never an exception, and the front-ends offer "Réimprimer". Each finished job is announced
on the bus (topic :data:`PRINTED`).

Auto-print (the desktop app): the slip when a link is created, the receipt when it becomes
PAYÉ, each once per session, for links of this session only (a restart never prints old
ones again).

DUPLICATA: every receipt that reached the printer is journaled (``receipt_prints``); any later
print of the same link, from the app, the command line or auto-print, after a restart or in
another process, is marked DUPLICATA. A print that failed does not count.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from ..api.errors import ValidationError
from ..output import receipts as compose
from ..output.money import format_amount
from ..output.receipts import Block, Pair, PrintDoc, Rule, Shop, Text
from ..printing import PrinterConfig, PrinterError, Trouble, deliver, prepare
from ..printing import write_pdf as printing_write_pdf
from ..store import cashiers as cashier_rows
from ..store import links as journal
from ..store import receipt_prints
from ..store.errors import StoreError
from ..store.links import LinkRow
from .context import ServiceContext
from .events import LINKS_CHANGED
from .outcomes import LinkOutcome, link_outcome
from .shop_time import shop_zone

if TYPE_CHECKING:
    from ..preferences import Preferences
    from .closing_report import ClosingReport

log = logging.getLogger(__name__)

PRINTED = "print_finished"  # bus topic: a print job ended (payload: PrintJob)
SCAN_DEPTH = 30  # how many of the newest links auto-print looks at after a change


@dataclass(frozen=True)
class ReceiptSettings:
    """The printing part of the preferences (Réglages → Imprimante, COMPTOIR_PRINTER)."""

    printer: str = ""
    width: int = 80
    codepage: str = "CP858"
    auto_slip: bool = False
    auto_receipt: bool = False
    shop_name: str = ""
    shop_address: str = ""
    shop_timezone: str = ""
    till: str = ""
    link_minutes: int = 30
    auto: bool = False  # this session prints on its own (the desktop app; never the CLI)
    training: bool = False  # training mode: documents marked "FORMATION - SANS VALEUR"
    timeout: float = 4.0  # seconds for each wait on the printer

    @classmethod
    def from_prefs(cls, prefs: Preferences, *, auto: bool = False,
                   training: bool = False) -> ReceiptSettings:
        return cls(printer=prefs.printer, width=prefs.printer_width,
                   codepage=prefs.printer_codepage, auto_slip=prefs.auto_print_slip,
                   auto_receipt=prefs.auto_print_receipt, shop_name=prefs.shop_name,
                   shop_address=prefs.shop_address, shop_timezone=prefs.shop_timezone,
                   till=prefs.till, link_minutes=prefs.link_expiry_minutes, auto=auto,
                   training=training)

    @property
    def printer_config(self) -> PrinterConfig:
        return PrinterConfig(self.printer, self.width, self.codepage, self.timeout)


@dataclass(frozen=True)
class PrintJob:
    """How one print ended. ``where``: the printer or the file; ``fr``/``en``: why it
    failed."""

    kind: str  # slip / receipt / test / closing
    transaction_id: str
    ok: bool
    where: str = ""
    trouble: str | None = None
    fr: str = ""
    en: str = ""
    duplicate: bool = False

    def text(self, lang: str = "fr") -> str:
        en = lang.startswith("en")
        if not self.ok:
            return self.en if en else self.fr
        fr, english, done = {"slip": ("QR de paiement", "Payment QR", "imprimé"),
                             "receipt": ("Reçu", "Receipt", "imprimé"),
                             "test": ("Page de test", "Test page", "imprimée"),
                             "closing": ("Clôture", "Closing", "imprimée")}[self.kind]
        what = english if en else fr
        if self.transaction_id:
            what += f" {self.transaction_id}"
        return f"{what} printed ({self.where})" if en else f"{what} {done} ({self.where})"


class ReceiptsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.settings = ReceiptSettings()
        self._lock = asyncio.Lock()
        self._since: datetime | None = None  # auto-print: links of this session only
        self._slipped: set[str] = set()
        self._receipted: set[str] = set()
        self.printed_receipts: set[str] = set()  # known printed (this session or the journal)
        self._receipt_lock = asyncio.Lock()  # one receipt at a time: one original per link
        self._scan_task: asyncio.Task[None] | None = None
        self._failed_docs: dict[tuple[str, str], PrintDoc] = {}  # for "Réimprimer"
        self._rescan = False
        self._unsubscribe = ctx.bus.subscribe(LINKS_CHANGED, self._links_changed)

    def configure(self, settings: ReceiptSettings) -> None:
        if settings.auto and self._since is None:  # the journal's times are to the ms
            now = self.ctx.now()
            self._since = now.replace(microsecond=now.microsecond // 1000 * 1000)
        self.settings = settings

    def apply_preferences(self, prefs: Preferences) -> None:
        """Réglages saved: the same session, its new printer settings."""
        self.configure(ReceiptSettings.from_prefs(prefs, auto=self.settings.auto,
                                                  training=self.settings.training))

    # --- documents ------------------------------------------------------------------------

    @property
    def shop(self) -> Shop:
        s = self.settings
        return Shop(s.shop_name, s.shop_address, s.till or self.ctx.till, self._tz(),
                    s.training)

    def _tz(self) -> tzinfo | None:
        return shop_zone(self.settings.shop_timezone)

    async def _link(self, transaction_id: str) -> LinkRow:
        row = await self.ctx.db.run(journal.get_link, transaction_id)
        if row is None:
            raise ValidationError("transaction_id", f"Lien inconnu dans le journal : "
                                  f"{transaction_id}",
                                  f"Unknown link in the journal: {transaction_id}")
        return row

    async def slip_doc(self, transaction_id: str) -> PrintDoc:
        row = await self._link(transaction_id)
        if link_outcome(row) is not LinkOutcome.PENDING or not row.payment_url:
            raise ValidationError("transaction_id",
                                  f"Le lien {transaction_id} n'attend pas de paiement : pas de "
                                  "QR à imprimer.",
                                  f"Link {transaction_id} is not waiting for a payment: no QR "
                                  "to print.")
        return compose.slip(row, self.shop, lang=self.ctx.lang,
                            valid_minutes=self.settings.link_minutes)

    async def receipt_doc(self, transaction_id: str, *, duplicate: bool = False) -> PrintDoc:
        row = await self._link(transaction_id)
        if link_outcome(row) is not LinkOutcome.PAID:
            raise ValidationError("transaction_id",
                                  f"Le lien {transaction_id} n'est pas payé : pas de reçu.",
                                  f"Link {transaction_id} is not paid: no receipt.")
        cashier = ""
        if row.cashier_id:
            found = await self.ctx.db.run(cashier_rows.get_cashier, row.cashier_id)
            cashier = found.name if found else row.cashier_id
        return compose.receipt(row, self.shop, lang=self.ctx.lang, cashier=cashier,
                               duplicate=duplicate)

    def test_doc(self) -> PrintDoc:
        s = self.settings
        return compose.printer_test_page(self.shop, lang=self.ctx.lang, codepage=s.codepage,
                                 width=s.width, printer=s.printer, now=self.ctx.now())

    def closing_doc(self, report: ClosingReport) -> PrintDoc:
        return closing_short(report, self.shop, self.ctx.lang)

    # --- printing (never raises for the printer's trouble) ---------------------------------

    async def print_slip(self, transaction_id: str) -> PrintJob:
        """Raises ValidationError when the link has no QR to print."""
        return await self.print_doc(await self.slip_doc(transaction_id))

    async def was_printed(self, transaction_id: str) -> bool:
        """Whether a receipt of this link already reached a printer (the journal says, for
        every session and process)."""
        if transaction_id in self.printed_receipts:
            return True
        if await self.ctx.db.run(receipt_prints.print_count, transaction_id) > 0:
            self.printed_receipts.add(transaction_id)
            return True
        return False

    async def print_receipt(self, transaction_id: str, *,
                            duplicate: bool | None = None) -> PrintJob:
        """``duplicate`` None: DUPLICATA when the journal holds a receipt of it already
        printed; True forces it. A receipt printed is journaled (a failed one is not). Raises
        ValidationError when the link is not paid."""
        async with self._receipt_lock:
            if duplicate is None:
                duplicate = await self.was_printed(transaction_id)
            doc = await self.receipt_doc(transaction_id, duplicate=duplicate)
            job = await self.print_doc(doc)
            if job.ok:
                await self._record_print(job)
        return job

    async def _record_print(self, job: PrintJob) -> None:
        self.printed_receipts.add(job.transaction_id)
        cashier = self.ctx.cashier.cashier_id if self.ctx.cashier else None
        try:
            await self.ctx.db.run(receipt_prints.record_print, job.transaction_id,
                                  duplicate=job.duplicate, printer=job.where,
                                  till=self.ctx.till or None, cashier_id=cashier)
        except StoreError:  # printed all the same: this session still knows it
            log.warning("receipt %s printed but not journaled", job.transaction_id,
                        exc_info=True)

    async def print_test(self, settings: ReceiptSettings | None = None) -> PrintJob:
        """A test page; ``settings``: the ones being typed in Réglages (not saved yet)."""
        saved = self.settings
        if settings is not None:
            self.settings = replace(settings, auto=saved.auto, training=saved.training)
        try:
            doc = self.test_doc()
            config = self.settings.printer_config
        finally:
            self.settings = saved
        return await self.print_doc(doc, config)

    async def reprint(self, job: PrintJob) -> PrintJob:
        """Print again the document of a job that failed ("Réimprimer")."""
        doc = self._failed_docs.pop((job.kind, job.transaction_id), None)
        if doc is None:
            raise ValidationError("job", "Rien à réimprimer.", "Nothing to print again.")
        if doc.kind == "receipt":  # journaled once printed; DUPLICATA as the journal says
            return await self.print_receipt(doc.transaction_id, duplicate=doc.duplicate or None)
        return await self.print_doc(doc)

    async def print_closing_short(self, report: ClosingReport) -> PrintJob:
        """The closing report's short form, on the till's printer."""
        return await self.print_doc(self.closing_doc(report))

    async def print_doc(self, doc: PrintDoc, config: PrinterConfig | None = None) -> PrintJob:
        config = config or self.settings.printer_config
        async with self._lock:
            try:
                prepare(config)  # on the loop's thread (Qt's application for paper)
                where = await asyncio.wait_for(asyncio.to_thread(deliver, doc, config),
                                               timeout=config.timeout * 3 + 2)
                job = PrintJob(doc.kind, doc.transaction_id, True, where,
                               duplicate=doc.duplicate)
            except PrinterError as exc:
                job = self._failed(doc, exc)
            except TimeoutError:
                job = self._failed(doc, PrinterError(
                    Trouble.STALLED, "L'imprimante ne répond plus : vérifiez-la puis "
                    "réimprimez.", "The printer stopped answering: check it, then print "
                    "again."))
            except Exception as exc:  # a printer library's own bug must not reach money code
                log.exception("printing %s failed", doc.kind)
                job = self._failed(doc, PrinterError(Trouble.FAILED,
                                                     f"Impression impossible : {exc}",
                                                     f"Printing failed: {exc}"))
        log.info("print %s %s: %s", doc.kind, doc.transaction_id or "-",
                 "ok" if job.ok else job.trouble)
        if job.ok:
            self._failed_docs.pop((doc.kind, doc.transaction_id), None)
        else:
            self._failed_docs[(doc.kind, doc.transaction_id)] = doc
        self.ctx.bus.emit(PRINTED, job)
        return job

    @staticmethod
    def _failed(doc: PrintDoc, exc: PrinterError) -> PrintJob:
        return PrintJob(doc.kind, doc.transaction_id, False, trouble=str(exc.trouble),
                        fr=exc.fr, en=exc.en, duplicate=doc.duplicate)

    async def save_pdf(self, transaction_id: str, path: Path, *, duplicate: bool = False,
                       page: str = "A5") -> Path:
        """The receipt as a PDF file. Raises ValidationError (not paid) or PrinterError."""
        doc = await self.receipt_doc(transaction_id, duplicate=duplicate)
        prepare(replace(self.settings.printer_config, uri="pdf:."))
        return await asyncio.to_thread(printing_write_pdf, doc, Path(path), page)

    # --- auto-print --------------------------------------------------------------------------

    def _links_changed(self, _payload: object = None) -> None:
        s = self.settings
        if not (s.auto and s.printer and (s.auto_slip or s.auto_receipt)):
            return
        if self._scan_task is not None and not self._scan_task.done():
            self._rescan = True
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._scan_task = loop.create_task(self._scan())

    async def _scan(self) -> None:
        while True:
            self._rescan = False
            rows = await self.ctx.db.run(journal.recent_links, SCAN_DEPTH)
            for row in reversed(rows):
                await self._auto(row)
            if not self._rescan:
                return

    async def _auto(self, row: LinkRow) -> None:
        s, since, tid = self.settings, self._since, row.transaction_id
        if since is None:
            return
        outcome = link_outcome(row)
        if s.auto_slip and outcome is LinkOutcome.PENDING and row.payment_url \
                and row.created_at >= since and tid not in self._slipped:
            self._slipped.add(tid)
            await self.print_slip(tid)
        if s.auto_receipt and outcome is LinkOutcome.PAID and row.accepted_at is not None \
                and row.accepted_at >= since and tid not in self._receipted:
            self._receipted.add(tid)
            await self.print_receipt(tid)  # DUPLICATA if another process printed it

    async def aclose(self) -> None:
        """Stop auto-printing (a job under way finishes or times out on its own)."""
        self._unsubscribe()
        task = self._scan_task
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


# --- the closing's short form ---------------------------------------------------------------

def closing_short(report: ClosingReport, shop: Shop, lang: str = "fr") -> PrintDoc:
    """The end-of-day closing on a till ticket: totals, the drawer, anomalies to look at."""
    en = lang.startswith("en")
    blocks = [*_closing_head(report, shop, en), Rule(), *_closing_money(report, lang), Rule()]
    anomalies = len(report.anomalies) + len(report.not_in_journal)
    blocks.append(Pair("Anomalies", str(anomalies), bold=anomalies > 0))
    if anomalies:
        blocks.append(Text("Details: the closing PDF" if en
                           else "Détail : rapport PDF de clôture", "center"))
    title = (f"Closing {report.shop_day:%Y-%m-%d} {report.till}" if en
             else f"Clôture {report.shop_day:%d/%m/%Y} {report.till}")
    return PrintDoc("closing", title, tuple(blocks), report.closing_id)


def _closing_head(report: ClosingReport, shop: Shop, en: bool) -> list[Block]:
    start = report.period_start.astimezone(shop.tz).strftime("%H:%M")
    end = report.period_end.astimezone(shop.tz).strftime("%H:%M")
    blocks: list[Block] = []
    if report.shop_name or shop.name:
        blocks.append(Text(report.shop_name or shop.name, "center", bold=True, size="large"))
    blocks.append(Text("TILL CLOSING" if en else "CLÔTURE DE CAISSE", "center", bold=True))
    if report.provisional:
        blocks.append(Text("PROVISIONAL" if en else "PROVISOIRE", "center", bold=True,
                           size="large"))
    blocks += [Pair("Day" if en else "Journée", report.shop_day.strftime("%d/%m/%Y")),
               Pair("Period" if en else "Période", f"{start} – {end}"),
               Pair("Till" if en else "Caisse", report.till),
               Pair("Version", str(report.version))]
    if report.cashier_id:
        blocks.append(Pair("Cashier" if en else "Caissier",
                           report.name_of(report.cashier_id)))
    return blocks


def _closing_money(report: ClosingReport, lang: str) -> list[Block]:
    en = lang.startswith("en")
    blocks: list[Block] = []
    for line in report.totals.by_currency:
        blocks.append(Pair(f"Paid ({line.count})" if en else f"Encaissé ({line.count})",
                           format_amount(line.amount, line.currency, lang), bold=True))
    for line in report.totals.by_operator:
        name = line.label or compose.operator_label(line.key, lang)
        blocks.append(Pair(f"  {name} ({line.count})",
                           format_amount(line.amount, line.currency, lang)))
    cash = report.cash
    rows = [("Cash expected" if en else "Espèces attendues", cash.expected),
            ("Cash counted" if en else "Espèces comptées", cash.counted),
            ("Difference" if en else "Écart", cash.difference)]
    blocks.append(Rule())
    blocks += [Pair(label, format_amount(value, cash.currency, lang), bold=n == 2)
               for n, (label, value) in enumerate(rows) if value is not None]
    return blocks
