"""The desktop app follows sent transfers to their final status by itself (issue 10): the
background sync is the same catch_up as `comptoir-cli sync`, and the Transferts tab shows VAL
/ REJ without F5. Statuses a person must act on are worded as such, amounts in XOF."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backoffice.store.states import State
from backoffice.store.transfers import TransferRow
from backoffice.ui.main_window import MainWindow
from backoffice.ui.transfers.model import TransfersModel
from backoffice.ui.transfers.wording import wording
from tests.support.waits import until


@pytest.fixture
async def window(ui_ctx, qtbot):
    win = MainWindow(ui_ctx)
    win.show()
    await until(lambda: win.status.last_sync is not None and not win._syncing, timeout=10)
    await ui_ctx.bridge.wait_idle()
    yield win
    await ui_ctx.bridge.shutdown()
    win.close()
    win.deleteLater()


def status_of(tab, cid: str) -> str:
    model = tab.model
    row = next(i for i, r in enumerate(model.rows) if r.client_transaction_id == cid)
    return model.index(row, model.columns.index("status")).data()


@pytest.mark.parametrize(("suffix", "final"), [("0001", "Effectué"), ("0099", "Rejeté")])
async def test_sent_transfer_reaches_its_final_status_without_f5(window, ui_ctx, sim, suffix,
                                                                  final):
    from backoffice.api import Contact

    core = ui_ctx.core
    phone = f"070102{suffix}"
    await core.contacts.add(Contact("225", phone, "Suivi", "Test"))
    row = await core.transfers.send("225", phone, 5000)
    assert row.state is State.SENT
    tab = window.transfers_tab
    window.go_to_tab(window.tabs.indexOf(tab))
    await until(lambda: any(r.client_transaction_id == row.client_transaction_id
                            for r in tab.model.rows))
    assert status_of(tab, row.client_transaction_id) == "En attente de traitement"
    await until(lambda: window._follow_timer.isActive())  # a follow-up is planned
    sim.advance(120)  # CinetPay settles the transfer
    window.follow_up()  # what the planned timer does (no F5, no tab refresh)
    await until(lambda: status_of(tab, row.client_transaction_id) == final, timeout=10)
    assert (await core.transfers.get(row.client_transaction_id)).state is State.FINAL
    await until(lambda: not window._following)
    assert window._follow_timer.isActive() or (await core.unconfirmed()).total == 0


def a_row(**changes) -> TransferRow:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    values = dict(client_transaction_id="TRF1", created_at=now, updated_at=now, batch_id=None,
                  prefix="225", phone="0701020304", amount=1500000, notify_url=None,
                  state=State.SENT, cinetpay_transaction_id="EA1", lot="1",
                  treatment_status="NEW", code="0", last_error=None, attempts=1,
                  checked_at=None, not_before=None)
    values.update(changes)
    return TransferRow(**values)


async def test_statuses_a_person_acts_on_and_xof_amounts(qtmodeltester):
    model = TransfersModel("fr", currency="XAF")  # a Cameroonian shop: transfers stay XOF
    rows = [a_row(client_transaction_id="A", treatment_status="NOS"),
            a_row(client_transaction_id="B", sending_status="PENDING"),
            a_row(client_transaction_id="C", state=State.UNCERTAIN, treatment_status=None,
                  review="À vérifier avec CinetPay : 805 mais 723")]
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    status, detail, amount = (model.columns.index(c) for c in ("status", "detail", "amount"))
    assert [model.index(r, status).data() for r in range(3)] == [
        "En attente de votre confirmation par e-mail",
        "En attente de votre confirmation par e-mail", "À vérifier avec CinetPay"]
    assert "e-mail envoyé par CinetPay" in model.index(0, detail).data()
    assert "C" in model.index(2, detail).data() and "CinetPay" in model.index(2, detail).data()
    assert model.index(0, amount).data() == "1\u202f500\u202f000\u00a0XOF"


def test_after_a_send_what_a_person_must_act_on_is_never_called_refused(qapp):
    """A transfer awaiting the merchant's e-mail, or to check with CinetPay, may be paid: the
    message after sending and a batch line's result say so, never "refusé"."""
    words = wording()
    email = a_row(treatment_status="NOS")
    review = a_row(state=State.UNCERTAIN, treatment_status=None,
                   review="À vérifier avec CinetPay : 805 mais 723")
    text, level = words.sent(email, "5 000 XOF à Awa")
    assert text.startswith("Transfert de 5 000 XOF à Awa envoyé : en attente de votre "
                           "confirmation par e-mail.") and "e-mail envoyé par CinetPay" in text
    assert level == "warning"
    text, level = words.sent(review, "5 000 XOF à Awa")
    assert "À vérifier avec CinetPay" in text and "TRF1" in text and level == "warning"
    for row in (email, review):
        assert "refusé" not in words.sent(row, "x")[0].lower()
        assert words.line_result(row) == (None, words.status(row))  # counted as waiting
    assert words.line_result(a_row()) == (True, "Envoyé : en attente de traitement")
    failed = a_row(state=State.FAILED, treatment_status=None, last_error="Solde insuffisant")
    assert words.sent(failed, "x") == ("Transfert de x refusé : Solde insuffisant", "error")
