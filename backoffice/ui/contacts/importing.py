"""Contacts from a CSV: every line previewed (nothing sent), the good ones added on
confirmation, then per-line results."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...api.errors import CinetPayError
from ...output.csvfiles import Parsed, contact_of, parse_contacts
from ...store.contacts import ContactRow
from ..kit.bridge import open_dialog
from ..kit.files import ask_csv_path, read_csv
from ..kit.import_dialog import ImportDialog
from .wording import wording

if TYPE_CHECKING:
    from .tab import ContactsTab


class ContactsImport(QObject):
    def __init__(self, tab: ContactsTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.ctx = tab.ctx

    async def choose(self) -> None:
        path = await ask_csv_path(self.tab, self.tr("Importer des contacts"))
        if path is not None:
            await self.preview(path)

    async def preview(self, path: Path) -> ImportDialog | None:
        """Preview every line (nothing sent), then send the good ones on confirmation."""
        lang = self.ctx.lang
        parsed = read_csv(path, parse_contacts, self.ctx.messages, lang)
        if parsed is None:
            return None
        dialog = ImportDialog("contacts", parsed, Path(path).name, lang, parent=self.tab)
        dialog.submit_requested.connect(lambda: self._submit(dialog, parsed))
        self.tab.active_dialog = dialog
        try:
            await open_dialog(dialog)
        finally:
            self.tab.active_dialog = None
            dialog.deleteLater()
        return dialog

    def _submit(self, dialog: ImportDialog, parsed: Parsed) -> None:
        dialog.set_sending(self.tr("Envoi à CinetPay…"))
        contacts = [contact_of(line.values) for line in parsed.good]

        def failed(exc: BaseException) -> bool:
            text = exc.human(self.ctx.lang) if isinstance(exc, CinetPayError) else str(exc)
            with contextlib.suppress(RuntimeError):
                dialog.cancel_sending(text)
            return False

        self.ctx.bridge.run(self.ctx.core.contacts.add_many(contacts),
                            on_done=lambda rows: self._results(dialog, parsed, rows),
                            on_error=failed)

    def _results(self, dialog: ImportDialog, parsed: Parsed, rows: list[ContactRow]) -> None:
        results = {line.line: wording().line_result(row, self.ctx.lang)
                   for line, row in zip(parsed.good, rows, strict=True)}
        added = sum(ok is True for ok, _ in results.values())
        waiting = sum(ok is None for ok, _ in results.values())
        refused = sum(ok is False for ok, _ in results.values())
        summary = self.tr(
            "%n ajouté(s), {waiting} en attente du réseau, {refused}, {bad}.", "",
            added).format(
                waiting=waiting, refused=self.tr("%n refusé(s)", "", refused),
                bad=self.tr("%n ligne(s) en erreur non envoyée(s)", "", len(parsed.bad)))
        with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
            dialog.show_results(results, summary)
        self.ctx.messages.show_message(self.tr("Import des contacts : {summary}").format(
            summary=summary), "warning" if refused or waiting else "success")
