"""Contacts tab (placeholder until built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import UiContext
from .base import Tab


class ContactsTab(Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(QLabel(self.title(), self))

    def title(self) -> str:
        return self.tr("Contacts")
