"""Translations: French sources work with the French plural forms, English is complete for
every context (the shell and all its tabs, dialogs and models), Qt's own buttons follow, and
the build pipeline works."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from backoffice.ui.checkout.tab import CheckoutTab
from backoffice.ui.contacts.tab import ContactsTab
from backoffice.ui.i18n import (
    assign_module_contexts,
    compile_translations,
    install_translators,
    translations_dir,
)
from backoffice.ui.main_window import MainWindow
from backoffice.ui.transfers.tab import TransfersTab
from tests.support.till import gui_thread_cleanup, settle_loop, show  # noqa: F401
from tests.support.waits import until

# Contexts of the shell and of the Tableau de bord / Historique / Réglages tabs, plus the
# shared helpers they display (formatting, labels, messages).
SHELL_CONTEXTS = {
    "CredentialsForm", "DashboardTab", "BalanceCards", "HistoryModel", "HistoryTab",
    "HistoryFilters", "HistoryDetail", "MainWindow", "NetworkDetails", "SettingsTab",
    "AccountPage", "LinksPage", "LanguagePage", "PinPage", "LockPage", "DataPage", "settings",
    "SwitchPanel", "CashierDesk", "CashiersPage",
    "StatusBar", "TrainingBanner", "WelcomePage", "app", "formatting", "labels", "messages",
    "ClosingTab", "DayPanel", "PrinterPage", "PrintNotice", "ShopPanel", "ShopPage",
}
# The till tabs (Encaisser, Contacts, Transferts), their dialogs, models and QR views.
TILL_CONTEXTS = {
    "CheckoutTab", "CheckoutForm", "QrPanel", "TodayLinks", "LinksTable",
    "ConfirmTransferDialog", "MoneyOutGuard", "ContactDialog", "ContactsModel", "ContactsTab",
    "ContactChooser", "ContactWording", "ContactsImport", "CustomerWindow", "ImportDialog",
    "ImportLinesModel", "LinkStatus", "LinkWording", "LinksModel", "QrPrint", "QrWidget",
    "TransfersModel", "TransfersTab", "TransferSender", "TransferWording", "BatchSender",
    "CashDialog",
}
# French words that must not survive in an English screen.
FRENCH_WORDS = ("Vérifier", "Montant", "Envoyer", "Encaisser", "Transferts", "Actualiser",
                "Rechercher", "Ajouter", "Importer", "Destinataire", "Paiement", "Enregistrer",
                "Aujourd", "Saisissez", "Créer", "Imprimer", "Copier", "Hors ligne")


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


def test_english_is_complete_everywhere():
    """No unfinished, empty, vanished or obsolete message in any context of comptoir_en.ts."""
    root = ET.parse(translations_dir() / "comptoir_en.ts").getroot()
    missing = []
    for context in root.findall("context"):
        name = context.findtext("name")
        assert name, "a message lupdate could not file under a context"
        for message in context.findall("message"):
            translation = message.find("translation")
            if message.get("numerus") == "yes":
                texts = [f.text for f in translation.findall("numerusform")]
                done = len(texts) == 2 and all(t and t.strip() for t in texts)
            else:
                done = bool((translation.text or "").strip())
            if translation.get("type") is not None or not done:
                missing.append((name, message.findtext("source"), translation.get("type")))
    assert missing == []
    found = {c.findtext("name") for c in root.findall("context")}
    assert found >= SHELL_CONTEXTS | TILL_CONTEXTS


def test_english_keeps_placeholders_and_shortcut_markers():
    root = ET.parse(translations_dir() / "comptoir_en.ts").getroot()
    for context in root.findall("context"):
        for message in context.findall("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            texts = [f.text for f in translation.findall("numerusform")] or [translation.text]
            for text in texts:
                assert sorted(re.findall(r"\{\w*\}|%n|%\d", text)) == \
                    sorted(re.findall(r"\{\w*\}|%n|%\d", source)), (source, text)
                assert text.count("&") == source.count("&"), (source, text)


def test_plural_sources_have_french_forms():
    en = ET.parse(translations_dir() / "comptoir_en.ts").getroot()
    plural_sources = {(c.findtext("name"), m.findtext("source"))
                      for c in en.findall("context") for m in c.findall("message")
                      if m.get("numerus") == "yes"}
    root = ET.parse(translations_dir() / "comptoir_fr.ts").getroot()
    french = set()
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            forms = [f.text for f in translation.findall("numerusform")]
            assert len(forms) == 2 and all(forms), message.findtext("source")
            assert translation.get("type") is None, message.findtext("source")
            french.add((context.findtext("name"), message.findtext("source")))
    assert french == plural_sources


def test_till_plurals_in_both_languages(qapp):
    install_translators(qapp, "fr")
    assert tr("ContactsTab", "%n contact(s)", 1) == "1 contact"
    assert tr("ContactsTab", "%n contact(s)", 0) == "0 contact"
    assert tr("ContactsTab", "%n contact(s)", 3) == "3 contacts"
    assert tr("ImportDialog", "Envoyer %n transfert(s) : {total}", 2) == \
        "Envoyer 2 transferts : {total}"
    for context in ("BatchSender", "ContactsImport"):  # the CSV batch, the contact import
        assert tr(context, "%n ligne(s) en erreur non envoyée(s)", 2) == \
            "2 lignes en erreur non envoyées"
    install_translators(qapp, "en")
    assert tr("ContactsTab", "%n contact(s)", 1) == "1 contact"
    assert tr("ContactsTab", "%n contact(s)", 0) == "0 contacts"
    assert tr("ImportDialog", "Envoyer %n transfert(s) : {total}", 1) == \
        "Send 1 transfer: {total}"
    assert tr("CheckoutTab", "Aujourd'hui : %n lien(s), {paid}, total encaissé {total}",
              2) == "Today: 2 links, {paid}, total collected {total}"


def visible_texts(widget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel)
             if w.isVisibleTo(widget) and w.text()]
    texts += [w.placeholderText() for w in widget.findChildren(QLineEdit)
              if w.isVisibleTo(widget) and w.placeholderText()]
    return texts


def assert_no_french(texts: list[str]) -> None:
    french = [(word, text) for text in texts for word in FRENCH_WORDS if word in text]
    assert french == []


async def test_till_tabs_in_english(ui_ctx, qapp, sim):
    install_translators(qapp, "en")  # the autouse fixtures put French back afterwards
    ui_ctx.prefs.lang = "en"

    checkout = CheckoutTab(ui_ctx)
    show(ui_ctx, checkout)
    await until(lambda: checkout.today_label.text() != "")
    assert checkout.title() == "Take payment"
    assert checkout.create_button.text() == "Create the payment link (Enter)"
    assert checkout.verify_all_button.text() == "Check all pending payments (F5)"
    assert checkout.verify_button.text() == "Chec&k"
    assert checkout.today_label.text().startswith("Today: 0 links, 0 paid, total collected")
    assert checkout.model.headerData(1, Qt.Orientation.Horizontal) == "Amount"
    texts = visible_texts(checkout)
    assert "&Amount" in texts and "&Payment methods" in texts
    assert_no_french([*texts, checkout.today_label.text()])

    contacts = ContactsTab(ui_ctx)
    show(ui_ctx, contacts)
    await until(lambda: contacts.model.rowCount() == len(sim.contacts()))
    await settle_loop(ui_ctx)
    assert contacts.title() == "Contacts"
    assert contacts.add_button.text() == "&Add a contact…"
    assert contacts.import_button.text() == "&Import a CSV…"
    assert contacts.refresh_button.text() == "Refresh from CinetPay (F5)"
    assert contacts.search.placeholderText().startswith("Search")
    assert contacts.info.text().startswith(f"{len(sim.contacts())} contacts · CinetPay list")
    assert contacts.model.headerData(0, Qt.Orientation.Horizontal) == "Last name"
    assert_no_french(visible_texts(contacts))

    transfers = TransfersTab(ui_ctx)
    show(ui_ctx, transfers)
    await until(lambda: transfers.hint.text() != "")
    await settle_loop(ui_ctx)
    assert transfers.title() == "Transfers"
    assert transfers.send_button.text() == "&Send…"
    assert transfers.batch_button.text() == "&Batch transfers (CSV)…"
    assert transfers.refresh_button.text() == "Refresh statuses (F5)"
    assert transfers.contact.lineEdit().placeholderText() == "Type a name or a number"
    assert "registered with CinetPay" in transfers.hint.text()
    assert transfers.model.headerData(1, Qt.Orientation.Horizontal) == "Recipient"
    assert_no_french([*visible_texts(transfers), transfers.hint.text()])
    for tab in (checkout, contacts, transfers):
        tab.teardown()


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
