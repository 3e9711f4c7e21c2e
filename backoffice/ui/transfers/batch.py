"""Transfers by batch: a CSV previewed line by line (nothing sent), the duplicate guard, the
PIN and the confirmation, then the good lines in one request and per-line results."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...api.errors import ValidationError
from ...output.csvfiles import (
    LineResult,
    Parsed,
    TransferLine,
    parse_transfers,
)
from ...store.transfers import TransferRow
from ..kit.bridge import open_dialog
from ..kit.files import ask_csv_path, read_csv
from ..kit.import_dialog import ImportDialog
from .confirm import Recipient
from .guard import MoneyOutGuard
from .wording import TRANSFER_CURRENCY, wording

if TYPE_CHECKING:
    from .tab import TransfersTab


class BatchSender(QObject):
    def __init__(self, tab: TransfersTab, guard: MoneyOutGuard) -> None:
        super().__init__(tab)
        self.tab = tab
        self.ctx = tab.ctx
        self.guard = guard

    async def choose(self) -> None:
        path = await ask_csv_path(self.tab, self.tr("Transferts par lot"))
        if path is not None:
            await self.preview(path)

    async def preview(self, path: Path) -> ImportDialog | None:
        lang = self.ctx.lang
        parsed = read_csv(path, parse_transfers, self.ctx.messages, lang)
        if parsed is None:
            return None
        if self.tab.current:
            parsed = Parsed([self._current_check(line) for line in parsed.lines])
        dialog = ImportDialog("transfers", parsed, Path(path).name, lang, TRANSFER_CURRENCY,
                              self.tab)
        dialog.submit_requested.connect(
            lambda: self.ctx.bridge.run(self.send(dialog, parsed),
                                        disable=[dialog.submit_button]))
        self.tab.active_dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.tab.active_dialog = None
            dialog.deleteLater()
        return dialog

    def _current_check(self, line: LineResult) -> LineResult:
        """Current platform: a line whose payment method cannot be guessed (no method column
        in the CSV) is refused in the preview, with the reason, and never sent."""
        if not line.ok:
            return line
        v = line.values
        try:
            self.ctx.core.transfers.prepare(v["prefix"], v["phone"], int(v["amount"]))
        except ValidationError as err:
            return replace(line, error_fr=err.fr, error_en=err.en, field=err.field)
        return line

    async def send(self, dialog: ImportDialog, parsed: Parsed) -> list[TransferRow]:
        good = parsed.good
        names = self.tab.model.names
        recipients = [Recipient(names.get((v["prefix"], v["phone"]), ""), v["prefix"],
                                v["phone"], int(v["amount"]))
                      for v in (line.values for line in good)]
        lines = [TransferLine(r.prefix, r.phone, r.amount) for r in recipients]
        duplicates = self.ctx.core.duplicates
        duplicate = self.guard.batch_duplicates(await duplicates.check_batch(lines),
                                                [line.line for line in good])
        if not await self.guard.confirm(recipients, duplicate, dialog, after=dialog):
            with contextlib.suppress(RuntimeError):  # the preview was closed meanwhile
                dialog.cancel_sending(self.tr("Rien n'a été envoyé."))
            return []
        dialog.set_sending(self.tr("Envoi à CinetPay…"))
        try:
            rows = await self.ctx.core.transfers.send_batch(lines)
        except ValidationError as err:
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(err.fr if self.ctx.lang.startswith("fr") else err.en)
            return []
        if rows:
            await duplicates.record_batch(lines, rows[0].batch_id)
        self._results(dialog, parsed, rows)
        return rows

    def _results(self, dialog: ImportDialog, parsed: Parsed, rows: list[TransferRow]) -> None:
        results = {line.line: wording().line_result(row, self.ctx.lang)
                   for line, row in zip(parsed.good, rows, strict=True)}
        sent = sum(ok is True for ok, _ in results.values())
        waiting = sum(ok is None for ok, _ in results.values())
        refused = sum(ok is False for ok, _ in results.values())
        summary = self.tr(
            "%n envoyé(s), {waiting} en attente ou à vérifier, {refused}, {bad}.", "",
            sent).format(
                waiting=waiting, refused=self.tr("%n refusé(s)", "", refused),
                bad=self.tr("%n ligne(s) en erreur non envoyée(s)", "", len(parsed.bad)))
        with contextlib.suppress(RuntimeError):
            dialog.show_results(results, summary)
        self.ctx.messages.show_message(self.tr("Transferts par lot : {summary}").format(
            summary=summary), "warning" if refused or waiting else "success")
