"""Contacts: CinetPay's list filtered as you type, adding with field-level checks (queued while
offline, and it says so), CSV import previewed line by line, then per-line results."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from backoffice.output.csvfiles import parse_contacts
from backoffice.store.contacts import ContactRow
from backoffice.store.states import State
from backoffice.ui.contacts.dialog import ContactDialog
from backoffice.ui.contacts.model import ContactsFilter, ContactsModel
from backoffice.ui.contacts.tab import ContactsTab
from backoffice.ui.kit.import_dialog import ImportDialog
from backoffice.ui.kit.import_model import ImportLinesModel
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    offline_ctx,
    requests,
    show,
)
from tests.support.waits import until


async def shown_tab(ctx, qtbot, sim=None) -> ContactsTab:
    tab = ContactsTab(ctx)
    show(ctx, tab)
    if sim is not None:  # the first show fetches CinetPay's list once
        await until(lambda: tab.model.rowCount() == len(sim.contacts()))
    return tab


async def open_add_dialog(ctx, tab: ContactsTab) -> ContactDialog:
    tab.add_button.click()
    await until(lambda: isinstance(tab.active_dialog, ContactDialog))
    return tab.active_dialog


async def test_list_from_cinetpay_filtered_as_you_type(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot, sim)
    assert "liste CinetPay au" in tab.info.text()
    tab.focus_search()
    qtbot.keyClicks(tab.search, "kone")  # accents and case do not matter
    assert [r.name for r in tab.visible_rows()] == ["Koné"]
    assert "sur 12 contacts" in tab.info.text()
    tab.search.setText("+225 0569337861")
    assert [r.phone for r in tab.visible_rows()] == ["0569337861"]
    tab.search.clear()
    assert len(tab.visible_rows()) == len(sim.contacts())
    before = requests(sim, "transfer.contacts")
    tab.refresh()  # F5
    await until(lambda: requests(sim, "transfer.contacts") == before + 1)
    await until(lambda: "actualisée" in ui_ctx.messages.text)


async def test_add_contact_checks_fields_before_sending(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot, sim)
    before = requests(sim, "transfer.add_contacts")
    dialog = await open_add_dialog(ui_ctx, tab)
    senegal = next(i for i in range(dialog.country.count())
                   if dialog.country.itemText(i).startswith("Sénégal"))
    dialog.country.setCurrentIndex(senegal)  # chosen by name
    qtbot.keyClicks(dialog.phone, "77 12")
    qtbot.keyClicks(dialog.name, "Diop")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter submits
    assert dialog.isVisible()  # refused here, next to the field
    assert dialog.errors.text("phone") == "Numéro de téléphone invalide (8 à 10 chiffres)"
    dialog.phone.setText("77 123 45 67")
    dialog.accept()
    assert dialog.errors.text("surname") == "Le prénom est obligatoire"
    assert requests(sim, "transfer.add_contacts") == before
    qtbot.keyClicks(dialog.surname, "Fatou")
    qtbot.keyClick(dialog.surname, Qt.Key.Key_Return)
    await until(lambda: any(c["phone"] == "771234567" for c in sim.contacts()))
    [added] = [c for c in sim.contacts() if c["phone"] == "771234567"]
    assert added["prefix"] == "221" and added["name"] == "Diop"
    await until(lambda: "Contact ajouté" in ui_ctx.messages.text)
    await until(lambda: any(r.phone == "771234567" for r in tab.model.rows))


async def test_esc_cancels_the_add_dialog(ui_ctx, sim, qtbot):
    tab = await shown_tab(ui_ctx, qtbot, sim)
    dialog = await open_add_dialog(ui_ctx, tab)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    await until(lambda: tab.active_dialog is None)
    await until(lambda: tab.add_button.isEnabled())


async def test_offline_contact_is_queued_and_says_so(creds, tmp_path, qapp, qtbot):
    async with offline_ctx(creds, tmp_path / "data") as ctx:
        tab = await shown_tab(ctx, qtbot)
        dialog = await open_add_dialog(ctx, tab)
        dialog.phone.setText("0102030405")
        dialog.name.setText("Traoré")
        dialog.surname.setText("Moussa")
        dialog.accept()
        await until(lambda: "Hors ligne" in ctx.messages.text)
        assert "dès le retour du réseau" in ctx.messages.text
        # shown while it is being sent, then back in the queue once the send failed
        await until(lambda: any(r.phone == "0102030405" and r.state is State.QUEUED
                                for r in tab.model.rows))
        assert "en attente du réseau" in tab.info.text()
        state = tab.model.index(tab.model.find(("225", "0102030405")), 5).data()
        assert state == "En attente du réseau"


CSV = ("Indicatif;Téléphone;Nom;Prénom;E-mail\n"
       "225;07 07 07 07 01;Yao;Ama;ama@exemple.ci\n"
       "225;12;Mauvais;Numéro;\n"
       "221;771234568;Diop;Awa;\n"
       "999;0707070702;Pays;Inconnu;\n")


async def test_csv_import_preview_then_per_line_results(ui_ctx, sim, qtbot, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CSV, encoding="utf-8")
    tab = await shown_tab(ui_ctx, qtbot, sim)
    before = requests(sim, "transfer.add_contacts")
    ui_ctx.bridge.run(tab.import_file(path))
    await until(lambda: isinstance(tab.active_dialog, ImportDialog))
    dialog: ImportDialog = tab.active_dialog
    model = dialog.model
    check = model._keys.index("check")
    assert [model.index(r, check).data() for r in range(model.rowCount())][::2] == ["OK", "OK"]
    assert model.index(1, check).data() == "Numéro de téléphone invalide (8 à 10 chiffres)"
    assert model.index(3, check).data() == "Indicatif pays non pris en charge"
    assert "4 lignes, 2 correctes, 2 en erreur" in dialog.summary.text()
    assert dialog.submit_button.text() == "Importer 2 contacts"
    assert requests(sim, "transfer.add_contacts") == before  # nothing before confirmation
    dialog.submit_button.click()
    await until(lambda: dialog.finished_sending)
    result = model._keys.index("result")
    assert [model.index(r, result).data() for r in range(4)] == [
        "Ajouté", "Non envoyée", "Ajouté", "Non envoyée"]
    assert requests(sim, "transfer.add_contacts") == before + 1  # one request for both
    phones = {c["phone"] for c in sim.contacts()}
    assert {"0707070701", "771234568"} <= phones and "12" not in phones
    assert "2 ajoutés" in dialog.status.text()
    dialog.close_button.click()
    await until(lambda: tab.active_dialog is None)


async def test_unreadable_csv_says_why(ui_ctx, sim, qtbot, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    tab = await shown_tab(ui_ctx, qtbot, sim)
    assert await tab.import_file(path) is None
    assert "Colonnes manquantes" in ui_ctx.messages.text


# --- models ----------------------------------------------------------------------------------


def contact(phone: str, name: str, state: State = State.SENT) -> ContactRow:
    now = datetime.now(UTC)
    return ContactRow("225", phone, name, "Awa", None, state, None, "refus" if
                      state is State.FAILED else None, 0, None, now, now)


def test_contact_models_pass_the_model_tester(qtmodeltester, qapp):
    model = ContactsModel("fr")
    model.set_rows([contact("0101010101", "Koné"), contact("0202020202", "Bamba", State.QUEUED),
                    contact("0303030303", "Traoré", State.FAILED)])
    qtmodeltester.check(model, force_py=True)
    proxy = ContactsFilter()
    proxy.setSourceModel(model)
    proxy.set_needle("kone")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_needle("")
    assert proxy.rowCount() == 3
    assert model.index(2, 5).data() == "Refusé : refus"
    preview = ImportLinesModel("contacts", parse_contacts(CSV.encode()), "fr")
    qtmodeltester.check(preview, force_py=True)
    preview.set_result(2, True, "Ajouté")
    qtmodeltester.check(preview, force_py=True)
