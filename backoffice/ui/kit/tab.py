"""The contract every tab follows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..context import UiContext


class Tab(QWidget):
    """A main-window tab. ``refresh()`` (F5) re-fetches through ``ctx.bridge``; views listen
    to the services' events and refresh what changed; a hidden tab marks itself dirty and
    refreshes when shown (``on_shown``)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dirty = True

    def title(self) -> str:  # translated, shown on the tab
        raise NotImplementedError

    def refresh(self) -> None:
        """F5: fetch from CinetPay (through the bridge) and redraw."""

    def on_shown(self) -> None:
        if self.dirty:
            self.dirty = False
            self.reload()

    def reload(self) -> None:
        """Redraw from the local journal/cache (no network)."""

    def focus_search(self) -> None:
        """Ctrl+F: put the focus in this tab's search field, if it has one."""

    def mark_dirty(self, *_: object) -> None:
        if self.isVisible():
            self.reload()
        else:
            self.dirty = True
