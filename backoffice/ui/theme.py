"""The look (Réglages → Apparence): a light or dark theme that follows the system by
default (Qt ≥ 6.5 ``QStyleHints.colorScheme``), and a larger "till" text size.

Dark mode uses the Fusion style with a dark palette. The screens' stylesheets were written
for a light background (dark red, grey and amber text); in dark mode :class:`DarkSheets`
rewrites those colours to readable ones whenever a widget's stylesheet is set, so no screen
has to know about the theme. Colours painted in code (a model's text colour, a chart) are
not rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from ..preferences import Preferences

THEMES = ("system", "light", "dark")
TILL_SCALE = 1.25  # the till's text size, relative to the system's

# Text colours chosen for a light background → the same meaning, readable on a dark one.
DARK_TEXT: dict[str, str] = {
    "#611a15": "#f4a6a0", "#b3261e": "#f28b82", "#663c00": "#ffcc80", "#8a5300": "#ffb74d",
    "#b26a00": "#ffb74d", "#1e4620": "#a5d6a7", "#1e7b34": "#81c995", "#0d3c61": "#90caf9",
    "#0b57d0": "#8ab4f8", "#4a5a62": "#b0bec5", "#6b7a82": "#9eabb2", "#5f6368": "#a8adb3",
    "#8a949e": "#9aa3ab", "#000": "#e8eaed", "#000000": "#e8eaed", "#1b2a30": "#e8eaed",
    "#263238": "#e8eaed", "#5f6b73": "#a7b1b8", "#8a949b": "#9aa3ab", "#7f1d1d": "#f4a6a0",
}
# Light banners (message-like boxes) → dark ones, same hue.
DARK_BACKGROUND: dict[str, str] = {
    "#fdecea": "#4a1f1c", "#fff4e5": "#4a3414", "#e8f4fd": "#14344a", "#edf7ed": "#1c3a1e",
    "#f5c2c0": "#8c3b36", "#ffd8a8": "#8a6220", "#b6dcfb": "#2f6690", "#b7dfb9": "#3c7a40",
    "#dde3e6": "#4a5257",
}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


_TO_DARK = {**DARK_TEXT, **DARK_BACKGROUND}
_TO_LIGHT = {dark: light for light, dark in reversed(_TO_DARK.items())}


_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3,6})\b")


def own_background(sheet: str) -> bool:
    """The sheet paints its own light box (a background theme.py does not know): its text
    colours were chosen for it and stay readable."""
    return any(c.lower() not in DARK_BACKGROUND for c in _BACKGROUND.findall(sheet))


def dark_sheet(sheet: str) -> str:
    """``sheet`` with its light-theme colours swapped for dark-theme ones (unchanged when
    it paints a box of its own, see :func:`own_background`)."""
    if own_background(sheet):
        return sheet
    return _COLOR.sub(lambda m: _TO_DARK.get(m.group(0).lower(), m.group(0)), sheet)


def light_sheet(sheet: str) -> str:
    """The reverse of :func:`dark_sheet` (leaving dark mode)."""
    return _COLOR.sub(lambda m: _TO_LIGHT.get(m.group(0).lower(), m.group(0)), sheet)


def _rewrite_all(app: QApplication, rewrite: Callable[[str], str]) -> None:
    """Stylesheets set before a theme switch."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet and rewrite(sheet) != sheet:
            widget.setStyleSheet(rewrite(sheet))


def system_is_dark(app: QGuiApplication | None = None) -> bool:
    found = app or QGuiApplication.instance()
    hints = found.styleHints() if isinstance(found, QGuiApplication) else None
    scheme = getattr(hints, "colorScheme", None)
    from PySide6.QtCore import Qt  # its ~90 enums are built on import: not before the paint

    return callable(scheme) and scheme() == Qt.ColorScheme.Dark


def palette_is_dark(app: QGuiApplication) -> bool:
    """The platform's palette is a dark one: a cheap hint before the first paint (asking
    the system's colour scheme builds PySide6's Qt enums, ~16 ms)."""
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def needed_before_paint(prefs: Preferences, app: QGuiApplication) -> bool:
    """Whether the look changes anything the first paint shows (else it is applied after)."""
    return prefs.theme != "system" or prefs.till_text or palette_is_dark(app)


def wants_dark(theme: str, app: QGuiApplication | None = None) -> bool:
    return theme == "dark" or (theme not in ("light", "dark") and system_is_dark(app))


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
            (roles.Window, "#202124"), (roles.WindowText, "#e8eaed"), (roles.Base, "#2a2b2e"),
            (roles.AlternateBase, "#313236"), (roles.ToolTipBase, "#3c4043"),
            (roles.ToolTipText, "#e8eaed"), (roles.Text, "#e8eaed"), (roles.Button, "#303134"),
            (roles.ButtonText, "#e8eaed"), (roles.BrightText, "#ffffff"),
            (roles.Highlight, "#8ab4f8"), (roles.HighlightedText, "#202124"),
            (roles.Link, "#8ab4f8"), (roles.PlaceholderText, "#9aa0a6"),
            (roles.Light, "#5f6368"), (roles.Midlight, "#4a4d51"), (roles.Mid, "#3c4043"),
            (roles.Dark, "#17181a"), (roles.Shadow, "#000000")):
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7a7f85"))
    return p


class DarkSheets(QObject):
    """Installed on the application in dark mode: every stylesheet set on a widget gets
    its light-theme colours swapped (:func:`dark_sheet`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange and isinstance(watched, QWidget):
            sheet = watched.styleSheet()
            if sheet:
                darker = dark_sheet(sheet)
                if darker != sheet:
                    watched.setStyleSheet(darker)
        return False


class Look:
    """What is applied to the application: remembered so "système" restores it."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.style_name = app.style().name()
        # The native palette and font, copied before the first change (not at start-up:
        # copying a palette builds PySide6's Qt enums, ~90 of them, before the first paint).
        self._palette: QPalette | None = None
        self._font: QFont | None = None
        self.filter: DarkSheets | None = None
        self.theme = "system"
        self.mode = "native"  # see _target
        self.till_text = False
        hints = app.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_changed)

    @property
    def palette(self) -> QPalette:
        if self._palette is None:
            self._palette = QPalette(self.app.palette())
        return self._palette

    @property
    def font(self) -> QFont:
        if self._font is None:
            self._font = QFont(self.app.font())
        return self._font

    def apply(self, theme: str, till_text: bool) -> None:
        self.theme = theme if theme in THEMES else "system"
        self._apply_theme()
        if till_text != self.till_text:
            font = QFont(self.font)
            if till_text:
                font.setPointSizeF(self.font.pointSizeF() * TILL_SCALE)
            self.app.setFont(font)
        self.till_text = till_text

    def _system_changed(self, *_args: object) -> None:
        if self.theme == "system":
            self._apply_theme()

    def _target(self) -> str:
        """"dark", "light" (forced over a dark system) or "native" (untouched)."""
        if wants_dark(self.theme, self.app):
            return "dark"
        return "light" if self.theme == "light" and system_is_dark(self.app) else "native"

    def _apply_theme(self) -> None:
        target = self._target()
        if target == self.mode:
            return  # nothing changes: no re-polish of every widget
        self.palette  # noqa: B018 - the native palette, kept before it changes
        if target == "dark":
            self.app.setStyle(QStyleFactory.create("Fusion"))
            self.app.setPalette(dark_palette())
            self.filter = DarkSheets(self.app)
            self.app.installEventFilter(self.filter)
            _rewrite_all(self.app, dark_sheet)
        else:
            if self.filter is not None:
                self.app.removeEventFilter(self.filter)
                self.filter.deleteLater()
                self.filter = None
                _rewrite_all(self.app, light_sheet)
            if target == "light":
                fusion = QStyleFactory.create("Fusion")
                self.app.setStyle(fusion)
                self.app.setPalette(fusion.standardPalette())
            else:
                self.app.setStyle(QStyleFactory.create(self.style_name) or "Fusion")
                self.app.setPalette(self.palette)
        self.mode = target

    @property
    def dark(self) -> bool:
        return self.mode == "dark"


_LOOKS: dict[int, Look] = {}


def look_of(app: QApplication) -> Look:
    """The application's one :class:`Look` (created on first use)."""
    key = id(app)
    if key not in _LOOKS:
        _LOOKS[key] = Look(app)
    return _LOOKS[key]


def apply_look(prefs: Preferences, app: QApplication | None = None) -> Look | None:
    """Apply ``prefs.theme`` and ``prefs.till_text`` to the running application."""
    found = app or QApplication.instance()
    if not isinstance(found, QApplication):
        return None
    look = look_of(found)
    look.apply(prefs.theme, prefs.till_text)
    return look


def is_dark() -> bool:
    app = QApplication.instance()
    return isinstance(app, QApplication) and id(app) in _LOOKS and _LOOKS[id(app)].dark
