"""Translations: French sources work with the French plural forms, English is complete for
the shell and its tabs, Qt's own buttons follow, and the build pipeline works."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from backoffice.ui.i18n import (
    assign_module_contexts,
    compile_translations,
    install_translators,
    translations_dir,
)
from backoffice.ui.main_window import MainWindow
from tests.ui.conftest import until

# Contexts of the shell and of the Tableau de bord / Historique / Réglages tabs, plus the
# shared helpers they display (formatting, labels, messages).
SHELL_CONTEXTS = {
    "CredentialsForm", "DashboardTab", "HistoryModel", "HistoryTab", "MainWindow",
    "NetworkDetails", "SettingsTab", "StatusBar", "TrainingBanner", "WelcomePage", "app",
    "formatting", "labels", "messages",
}


@pytest.fixture(autouse=True)
def back_to_french(qapp):
    yield
    install_translators(qapp, "fr")


def tr(context: str, text: str, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, None, n)


def test_french_needs_no_translation_but_gets_its_plurals(qapp):
    install_translators(qapp, "fr")
    assert tr("StatusBar", "Connecté") == "Connecté"
    plural = "%n opération(s) non confirmée(s)"
    assert tr("StatusBar", plural, 0) == "0 opération non confirmée"
    assert tr("StatusBar", plural, 1) == "1 opération non confirmée"
    assert tr("StatusBar", plural, 2) == "2 opérations non confirmées"
    assert tr("QPlatformTheme", "Cancel") == "Annuler"  # qtbase_fr: standard buttons


def test_english_translations_and_plurals(qapp):
    loaded = install_translators(qapp, "en")
    assert len(loaded) == 2  # comptoir_en + qtbase_en
    assert tr("StatusBar", "Connecté") == "Online"
    assert tr("formatting", "PAYÉ") == "PAID"  # a module-level tr() helper's context
    assert tr("StatusBar", "%n opération(s) non confirmée(s)", 1) == "1 unconfirmed operation"
    assert tr("StatusBar", "%n opération(s) non confirmée(s)", 0) == "0 unconfirmed operations"
    install_translators(qapp, "fr")  # switching back removes the English ones
    assert tr("StatusBar", "Connecté") == "Connecté"


async def test_main_window_in_english(ui_ctx, qapp):
    install_translators(qapp, "en")
    ui_ctx.prefs.lang = "en"
    win = MainWindow()
    win.show_workspace(ui_ctx, background_sync=False)
    win.show()
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert titles[:2] == ["Dashboard", "History"] and titles[5] == "Settings"
    assert "Simulator: no real money" in win.banner.text
    assert win.status.net_button.text() == "Online"
    win.go_to_tab(1)
    await until(lambda: win.history_tab.model.applied)
    assert win.history_tab.model.headerData(1, Qt.Orientation.Horizontal) == "Amount"
    assert win.history_tab.export_button.text() == "Export as CSV…"
    assert win.settings_tab.pin_save.text() == "Set the PIN"
    await ui_ctx.bridge.wait_idle()
    win.close()
    win.deleteLater()


def test_english_is_complete_for_the_shell():
    root = ET.parse(translations_dir() / "comptoir_en.ts").getroot()
    missing = []
    for context in root.findall("context"):
        name = context.findtext("name")
        if name not in SHELL_CONTEXTS:
            continue
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished":
                missing.append((name, message.findtext("source")))
    assert missing == []
    found = {c.findtext("name") for c in root.findall("context")}
    assert found >= SHELL_CONTEXTS


def test_plural_sources_have_french_forms():
    root = ET.parse(translations_dir() / "comptoir_fr.ts").getroot()
    for context in root.findall("context"):
        if context.findtext("name") not in SHELL_CONTEXTS:
            continue
        for message in context.findall("message"):
            forms = [f.text for f in message.find("translation").findall("numerusform")]
            assert len(forms) == 2 and all(forms), message.findtext("source")


def test_compile_translations_builds_qm_files(tmp_path):
    for ts in translations_dir().glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    built = compile_translations(tmp_path)
    assert {p.name for p in built} == {"comptoir_en.qm", "comptoir_fr.qm"}
    assert all(p.stat().st_size > 0 for p in built)


def test_module_level_helpers_get_their_own_context(tmp_path):
    source = tmp_path / "mod.py"
    source.write_text('from PySide6.QtCore import QCoreApplication, Qt\n\n'
                      'def tr(text):\n    return QCoreApplication.translate("things", text)\n',
                      encoding="utf-8")
    ts = tmp_path / "x_en.ts"
    ts.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
<context><name></name>
  <message><location filename="{source}" line="9"/><source>Bonjour</source>
  <translation type="unfinished"></translation></message>
</context>
<context><name>things</name>
  <message><source>Bonjour</source><translation type="vanished">Hello</translation></message>
</context>
</TS>
""", encoding="utf-8")
    assert assign_module_contexts(ts) == 1
    root = ET.parse(ts).getroot()
    [context] = root.findall("context")
    assert context.findtext("name") == "things"
    [message] = context.findall("message")
    translation = message.find("translation")
    assert translation.text == "Hello" and translation.get("type") is None  # kept, revived
    assert message.find("location") is None


def test_translation_script_exists_and_setup_compiles():
    script = Path("scripts/translations").read_text(encoding="utf-8")
    assert "pyside6-lupdate" in script and "-source-language fr_FR" in script
    assert "compile_translations" in Path("scripts/setup").read_text(encoding="utf-8")
