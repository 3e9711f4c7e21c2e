"""Réglages → Apparence: a dark theme that follows the system (or is chosen), the till's
larger text, the sound and flash switches; the screens' hard-coded colours stay readable on
the dark background (issue 17)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from backoffice.preferences import Preferences
from backoffice.ui import theme
from backoffice.ui.settings.page import HINT_STYLE
from backoffice.ui.settings.tab import SettingsTab

UI = Path(theme.__file__).parent
TEXT_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b")


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def native_look(qapp):
    """Every test leaves the application as it found it."""
    yield
    theme.apply_look(Preferences(), qapp)


@pytest.fixture
async def settings(ui_ctx, qtbot, native_look):
    tab = SettingsTab(ui_ctx)
    tab.resize(1024, 700)
    tab.show()
    yield tab
    await ui_ctx.bridge.wait_idle()
    tab.deleteLater()


def window_colour(qapp) -> QColor:
    return qapp.palette().color(QPalette.ColorRole.Window)


async def test_dark_theme_chosen_in_apparence_applies_at_once_and_is_saved(
        settings, ui_ctx, qapp):
    page = settings.look_page
    assert page.title() == "Apparence" and page.isVisible()
    assert [page.theme.itemData(i) for i in range(page.theme.count())] == [
        "system", "light", "dark"]
    before = QLabel("hint")
    before.setStyleSheet(HINT_STYLE)
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    page.look_apply.click()
    assert ui_ctx.prefs.theme == "dark"
    saved = json.loads((ui_ctx.data_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["theme"] == "dark"
    assert luminance(window_colour(qapp)) < 0.05
    assert "#9eabb2" in before.styleSheet()  # built earlier: rewritten too
    error = QLabel("erreur")
    error.setStyleSheet("color: #611a15;")  # set afterwards: rewritten as it is set
    assert error.styleSheet() == "color: #f4a6a0;"
    ui_ctx.messages.show_message("Erreur", "error")
    assert "#4a1f1c" in ui_ctx.messages.styleSheet()  # the bar turns dark too
    ui_ctx.messages.hide()

    page.theme.setCurrentIndex(page.theme.findData("light"))
    page.look_apply.click()
    assert luminance(window_colour(qapp)) > 0.5
    assert before.styleSheet() == HINT_STYLE  # back to the light colours
    later = QLabel("x")
    later.setStyleSheet("color: #611a15;")
    assert later.styleSheet() == "color: #611a15;"


def test_system_theme_follows_the_system(qapp, native_look, monkeypatch):
    dark = {"on": False}
    monkeypatch.setattr(theme, "system_is_dark", lambda _app=None: dark["on"])
    look = theme.apply_look(Preferences(theme="system"), qapp)
    assert look is not None and not look.dark
    dark["on"] = True  # the desktop switches to dark: QStyleHints.colorSchemeChanged
    look._system_changed()
    assert look.dark and luminance(window_colour(qapp)) < 0.05
    forced = theme.apply_look(Preferences(theme="light"), qapp)
    assert forced is look and not look.dark and luminance(window_colour(qapp)) > 0.5
    look._system_changed()  # "light" chosen: the system's change is ignored
    assert not look.dark


async def test_till_text_rebuilds_the_screens_larger_and_sound_flash_are_saved(
        settings, ui_ctx, qapp):
    page = settings.look_page
    base = qapp.font().pointSizeF()
    page.till_text.setChecked(True)
    page.sound.setChecked(False)
    page.flash.setChecked(False)
    asked: list[str] = []
    settings.restart_requested.connect(asked.append)
    page.look_apply.click()
    assert asked == ["look"]
    assert qapp.font().pointSizeF() == pytest.approx(base * theme.TILL_SCALE)
    assert (ui_ctx.prefs.till_text, ui_ctx.prefs.sound, ui_ctx.prefs.flash) == (
        True, False, False)
    page.load(ui_ctx.prefs)
    assert page.till_text.isChecked() and not page.sound.isChecked()
    page.sound.setChecked(True)  # a switch only: saved without rebuilding
    page.look_apply.click()
    assert page.restart is None and ui_ctx.prefs.sound


def test_every_hard_coded_text_colour_is_readable_on_the_dark_background(qapp):
    """Each stylesheet text colour of the screens, as dark mode shows it, stands out from
    the dark window (WCAG 3:1 at least); a new colour must be added to theme.DARK_TEXT."""
    background = theme.dark_palette().color(QPalette.ColorRole.Window)
    base = theme.dark_palette().color(QPalette.ColorRole.Base)
    found = set()
    for path in UI.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not theme.own_background(line):  # a light box of its own keeps its text
                found.update(c.lower() for c in TEXT_COLOUR.findall(line))
    assert "#611a15" in found and "#6b7a82" in found  # the scan sees the screens' colours
    unreadable = {c for c in found
                  if min(contrast(QColor(theme.dark_sheet(c)), background),
                         contrast(QColor(theme.dark_sheet(c)), base)) < 3.0}
    assert unreadable == set()


def test_a_box_with_its_own_light_background_keeps_its_colours(qapp):
    sheet = "#provisional { background: #fff1d6; color: #5c3b00; }"
    assert theme.dark_sheet(sheet) == sheet
    assert theme.dark_sheet("color: #b3261e;") == "color: #f28b82;"


def test_the_message_bar_colours_stay_readable_in_both_themes(qapp):
    from backoffice.ui.kit.messages import _STYLES

    pair = re.compile(r"background:(#\w+); color:(#\w+)")
    for sheet in _STYLES.values():
        for variant in (sheet, theme.dark_sheet(sheet)):
            bg, fg = pair.search(variant).groups()
            assert contrast(QColor(bg), QColor(fg)) >= 4.5, variant


def test_look_is_applied_when_a_session_starts(qapp, native_look, monkeypatch):
    assert theme.apply_look(Preferences(theme="dark"), qapp).dark
    assert theme.is_dark()
    assert QApplication.style().name().lower() == "fusion"
    assert not theme.apply_look(Preferences(), qapp).dark and not theme.is_dark()
