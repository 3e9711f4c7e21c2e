"""The contract of a Réglages page (after Picard's ``picard/ui/options`` OptionsPage).

A page is one box of the Réglages tab: it builds its widgets, checks what is typed and
moves values between its widgets and the preferences. The tab (``tab.py``) only wires:

- ``load(prefs)`` shows the saved values (also "Annuler les modifications", Esc);
- ``validate()`` returns ``{field: message}`` for what is typed, empty when it can be saved;
  the tab shows those messages under the fields (``field_errors``, ``kit.forms``);
- ``save(prefs)`` writes what is typed into ``prefs`` (called only when ``validate()`` is
  empty) and says whether there is anything to persist; the tab then persists the
  preferences, says ``saved_text()`` and, for a page whose ``restart`` is set, asks for the
  session to be rebuilt (``SettingsTab.restart_requested``);
- ``apply_requested`` is the page's own "Enregistrer" / "Appliquer": the tab runs the steps
  above for that page.

Pages whose values live outside the preferences (the keyring: credentials, manager PIN) run
their own flows through ``ctx.bridge`` and keep the default ``load`` / ``save``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QWidget

from ...preferences import Preferences
from ..context import UiContext
from ..kit.forms import FieldErrors

HINT_STYLE = "color: #6b7a82;"  # the grey of explanations under a box's fields


class SettingsPage(QGroupBox):
    apply_requested = Signal()
    restart: str | None = None  # after a save: rebuild the session ("lang")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.field_errors = FieldErrors(self, ctx.lang)

    def load(self, prefs: Preferences) -> None:
        """Show the saved values."""

    def validate(self) -> dict[str, str]:
        """What is wrong with what is typed, by field; empty when it can be saved."""
        return {}

    def save(self, prefs: Preferences) -> bool:
        """Write what is typed into ``prefs``; False when there is nothing to persist."""
        return False

    def saved_text(self) -> str:
        """What the message bar says once the preferences are written."""
        return ""

    def show_errors(self, errors: dict[str, str]) -> None:
        """The messages under their fields (the first one gets the focus); others cleared."""
        self.field_errors.clear()
        for n, (field, text) in enumerate(errors.items()):
            self.field_errors.show(field, text, focus=n == 0)
