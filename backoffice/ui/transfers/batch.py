"""Transfers by batch: a CSV previewed line by line (nothing sent), the duplicate guard, the
PIN and the confirmation, then the good lines in one request and per-line results.

The preview marks a number that is not a usable CinetPay contact (CinetPay would refuse it:
724) and offers to add the missing ones first; a line becomes sendable once its contact is
added."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from ...api.errors import ValidationError
from ...output.csvfiles import (
    LineResult,
    Parsed,
    TransferLine,
    parse_transfers,
)
from ...store.transfers import TransferRow
from ..contacts.dialog import ContactDialog
from ..contacts.wording import wording as contact_wording
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
        base = parsed
        missing: list[LineResult] = []
        if self.tab.current:
            parsed = Parsed([self._current_check(line) for line in parsed.lines])
        else:
            parsed, missing = await self.contact_check(base)
        dialog = ImportDialog("transfers", parsed, Path(path).name, lang, TRANSFER_CURRENCY,
                              self.tab)
        dialog.submit_requested.connect(
            lambda: self.ctx.bridge.run(self.send(dialog, dialog.parsed),
                                        disable=[dialog.submit_button]))
        if not self.tab.current:
            self._add_button(dialog, base, missing)
        self.tab.active_dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.tab.active_dialog = None
            dialog.deleteLater()
        return dialog

    async def contact_check(self, base: Parsed) -> tuple[Parsed, list[LineResult]]:
        return await self.ctx.core.contacts.mark_unusable(base)

    def _add_button(self, dialog: ImportDialog, base: Parsed,
                    missing: list[LineResult]) -> None:
        button: QPushButton = dialog.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName("add_missing")
        dialog.add_missing_button = button  # type: ignore[attr-defined]
        state = {"missing": missing}

        def update(lines: list[LineResult]) -> None:
            state["missing"] = lines
            numbers = {(x.values["prefix"], x.values["phone"]) for x in lines}
            button.setText(self.tr("Ajouter d'abord les contacts manquants ({n})…")
                           .format(n=len(numbers)))
            button.setVisible(bool(lines) and not dialog.submitted)

        async def add() -> None:
            update(await self.add_missing(dialog, base, state["missing"]))

        button.clicked.connect(lambda: self.ctx.bridge.run(add(), disable=[button]))
        update(missing)

    async def add_missing(self, dialog: ImportDialog, base: Parsed,
                          missing: list[LineResult]) -> list[LineResult]:
        """One contact dialog per missing number (the number filled in, the person types
        the name); each one added goes to CinetPay, then every line is checked again.
        Returns the numbers still missing."""
        seen: set[tuple[str, str]] = set()
        for line in missing:
            number = (line.values["prefix"], line.values["phone"])
            if number in seen:
                continue
            seen.add(number)
            if not await self._add_one(dialog, *number):
                break  # cancelled: the others stay marked
        parsed, still = await self.contact_check(base)
        with contextlib.suppress(RuntimeError):  # the preview was closed meanwhile
            dialog.set_lines(parsed)
        return still

    async def _add_one(self, dialog: ImportDialog, prefix: str, phone: str) -> bool:
        """False when the person cancelled."""
        form = ContactDialog(self.ctx.lang, dialog)
        form.prefill(prefix, phone)
        self.tab.active_dialog = form
        try:
            accepted = await open_dialog(form) == QDialog.DialogCode.Accepted
            contact = form.validate() if accepted else None
        finally:
            self.tab.active_dialog = dialog
            form.deleteLater()
        if contact is None:
            return False
        try:
            row = await self.ctx.core.contacts.add(contact)
        except ValidationError as err:
            self.ctx.messages.show_error(err)
            return True
        text, level = contact_wording().added(row, self.ctx.lang)
        self.ctx.messages.show_message(text, level, 5000 if level == "success" else 0)
        return True

    def _current_check(self, line: LineResult) -> LineResult:
        """Current platform: a line whose payment method cannot be guessed (no method column
        in the CSV) is refused in the preview, with the reason, and never sent."""
        if not line.ok:
            return line
        v = dict(line.values)
        try:  # the method given ("OM" on a CI account: OM_CI), or guessed when certain
            new = self.ctx.core.transfers.prepare(v["prefix"], v["phone"], int(v["amount"]),
                                                  v.get("method", ""))
        except ValidationError as err:
            return replace(line, error_fr=err.fr, error_en=err.en, field=err.field)
        v["method"] = new.payment_method or ""
        return replace(line, values=v)

    async def send(self, dialog: ImportDialog, parsed: Parsed) -> list[TransferRow]:
        good = parsed.good
        names = self.tab.model.names
        recipients = [Recipient(names.get((v["prefix"], v["phone"]), ""), v["prefix"],
                                v["phone"], int(v["amount"]),
                                v.get("method", "") if self.tab.current else "")
                      for v in (line.values for line in good)]
        lines = [TransferLine(r.prefix, r.phone, r.amount, r.method) for r in recipients]
        duplicates = self.ctx.core.duplicates
        duplicate = self.guard.batch_duplicates(await duplicates.check_batch(lines),
                                                [line.line for line in good])
        if not await self.guard.confirm(recipients, duplicate, dialog, after=dialog):
            with contextlib.suppress(RuntimeError):  # the preview was closed meanwhile
                dialog.cancel_sending(self.tr("Rien n'a été envoyé."))
            return []
        button = getattr(dialog, "add_missing_button", None)
        if button is not None:
            button.hide()  # nothing more is added once the batch goes
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
