"""Encaisser when CinetPay's answer does not match the link (issue 10) or its payment address
is not CinetPay's (issue 11): "Paiement à vérifier" with the reason, never PAYÉ, never a QR."""

from __future__ import annotations

import math

import httpx
import pytest

from backoffice.ui.checkout.links_model import LinksModel
from backoffice.ui.checkout.status_checker import StatusChecker
from backoffice.ui.checkout.tab import CheckoutTab
from tests.support.checkout_ui import create
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    show,
)
from tests.support.waits import until


@pytest.fixture(autouse=True)
def slow_checks(monkeypatch):  # no automatic check during the test
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 600.0),))


def shape(sim, **body) -> None:
    answer = httpx.post(f"{sim.base_url}/_sim/shapes/checkout", json=body, timeout=5)
    assert answer.status_code == 200, answer.text


def status_cell(tab: CheckoutTab) -> str:
    return tab.model.index(0, LinksModel.columns.index("status")).data()


async def test_other_amount_is_to_be_checked_never_paid(ui_ctx, sim, qtbot):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot, "17500")
    tab.show_customer_window()
    shape(sim, shape="other_amount", transaction_id=row.transaction_id, amount="175")
    tab.verify_current()
    await until(lambda: tab.banner.outcome == "anomaly")
    assert tab.banner.text() == "Paiement à vérifier"
    assert "autre montant" in tab.detail_label.text() and "175" in tab.detail_label.text()
    assert tab.qr.url == "" and tab.url_label.text() == ""
    assert not tab.copy_button.isEnabled() and not tab.print_button.isEnabled()
    assert tab.verify_button.isEnabled()  # a person may ask CinetPay again
    customer = tab.customer_window
    assert customer.qr.url == "" and not customer.qr.isVisible()
    assert customer.banner.text() != "Paiement reçu"
    assert "Paiement reçu" not in ui_ctx.messages.text
    await until(lambda: tab.model.rowCount() == 1 and tab.model.rows[0].anomaly)
    assert status_cell(tab).startswith("Paiement à vérifier (")
    assert "0 payé" in tab.today_label.text()
    other = await create(tab, qtbot, "2000")  # 00 "SUCCES" but status PENDING
    shape(sim, shape="success_but_pending", transaction_id=other.transaction_id)
    tab.refresh()  # F5: said as "à vérifier", not counted as paid nor waiting
    await until(lambda: "vérifié" in ui_ctx.messages.text)
    assert "0 payé" in ui_ctx.messages.text and "1 paiement à vérifier" in ui_ctx.messages.text
    assert "0 encore en attente" in ui_ctx.messages.text
    window.close()


async def test_payment_address_off_cinetpay_never_becomes_a_qr(ui_ctx, sim, qtbot):
    shape(sim, shape="foreign_url")
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot, "5000")
    assert row.anomaly == "untrusted_url" and row.payment_url is None
    assert tab.banner.outcome == "anomaly" and tab.qr.url == ""
    assert "n'est pas celle de CinetPay" in tab.detail_label.text()
    assert "Paiement à vérifier" in ui_ctx.messages.text
    assert not tab.customer_button.isEnabled() and not tab.save_button.isEnabled()
    assert tab.panel.current_url() == ""  # nothing to copy, save, print or open
    window.close()


async def test_limit_refusal_then_paid_on_a_second_attempt(ui_ctx, sim, qtbot):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot, "3000")
    shape(sim, shape="refused_code", transaction_id=row.transaction_id, code="807")
    tab.verify_current()
    await until(lambda: tab.banner.outcome == "refused")
    assert tab.detail_label.text() == "Nombre maximal de transactions du jour atteint"
    assert tab.verify_button.isEnabled()  # still checkable: the customer may try again
    shape(sim, shape="accepted_after_refused", transaction_id=row.transaction_id)
    tab.verify_current()
    await until(lambda: tab.banner.text() == "PAYÉ")
    assert "Paiement reçu" in ui_ctx.messages.text
    window.close()
