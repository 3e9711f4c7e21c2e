"""Encaisser's wording (ui/checkout/wording.py) for every link outcome: words, colours and
where a QR may appear, on the cashier's panel, the customer window and today's list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from backoffice.services.outcomes import LinkOutcome
from backoffice.services.reasons import WORDS, Reason
from backoffice.store.links import LinkRow
from backoffice.store.states import State
from backoffice.ui.checkout.customer_window import CustomerWindow
from backoffice.ui.checkout.links_model import LinksModel
from backoffice.ui.checkout.panel import QrPanel
from backoffice.ui.checkout.wording import LIST_COLOURS, TONES, present, wording
from tests.support.till import gui_thread_cleanup  # noqa: F401 (autouse fixture)

NOW = datetime.now(UTC)
BASE = LinkRow("CPT1", NOW, NOW, 5000, "XOF", "Vente", {}, State.SENT, "PENDING", "00", "",
               "tok", "https://checkout.cinetpay.com/p/1", "OM", "0701020304", 1, None, None,
               None)
ROWS = {
    LinkOutcome.SENDING: replace(BASE, state=State.SENDING, payment_status=None,
                                 payment_url=None),
    LinkOutcome.UNCERTAIN: replace(BASE, state=State.UNCERTAIN, payment_status=None,
                                   payment_url=None),
    LinkOutcome.FAILED: replace(BASE, state=State.FAILED, payment_status=None,
                                payment_url=None, last_error=WORDS[Reason.NOT_SENT]["fr"],
                                reason=Reason.NOT_SENT),
    # Told apart by its reason only: its stored words are another language's on purpose.
    LinkOutcome.NEVER_CREATED: replace(BASE, state=State.FAILED, payment_status=None,
                                       payment_url=None,
                                       last_error=WORDS[Reason.NEVER_CREATED]["en"],
                                       reason=Reason.NEVER_CREATED),
    LinkOutcome.NO_URL: replace(BASE, payment_url=None),
    LinkOutcome.PENDING: BASE,
    LinkOutcome.PAID: replace(BASE, state=State.FINAL, payment_status="ACCEPTED"),
    LinkOutcome.REFUSED: replace(BASE, payment_status="REFUSED", status_code="602"),
    LinkOutcome.ANOMALY: replace(BASE, anomaly="amount_mismatch", anomaly_detail="175"),
    LinkOutcome.CANCELLED: replace(BASE, ended_at=NOW, end_reason="cancelled"),
    LinkOutcome.EXPIRED: replace(BASE, ended_at=NOW, end_reason="expired"),
}
TITLES = {LinkOutcome.SENDING: "Création du lien…",
          LinkOutcome.UNCERTAIN: "Réponse perdue : vérification en cours",
          LinkOutcome.FAILED: "Lien non créé", LinkOutcome.NEVER_CREATED: "Lien non créé",
          LinkOutcome.NO_URL: "Lien inutilisable",
          LinkOutcome.PENDING: "En attente", LinkOutcome.PAID: "PAYÉ",
          LinkOutcome.REFUSED: "Refusé", LinkOutcome.ANOMALY: "Paiement à vérifier",
          LinkOutcome.CANCELLED: "Lien annulé", LinkOutcome.EXPIRED: "Lien expiré"}


def test_every_outcome_has_its_words_and_tone(qapp):
    assert set(ROWS) == set(LinkOutcome) == set(TONES)
    for outcome, row in ROWS.items():
        p = present(row)
        assert p.outcome is outcome and p.title == TITLES[outcome]
        assert p.customer_title and p.customer_detail
    assert present(ROWS[LinkOutcome.NEVER_CREATED]).detail.startswith(
        "CinetPay ne connaît pas ce lien : il n'a jamais été créé.")
    assert "Orange Money" in present(ROWS[LinkOutcome.PAID]).detail
    greens = [o for o, tone in TONES.items() if tone.banner == "#1e7b34"]
    assert greens == [LinkOutcome.PAID]  # only PAYÉ is green, never "à vérifier"
    assert LIST_COLOURS[LinkOutcome.PAID] == "#1e7b34"
    assert LIST_COLOURS[LinkOutcome.ANOMALY] != LIST_COLOURS[LinkOutcome.PAID]


def test_notices_after_creating_a_link(qapp):
    w = wording()
    assert w.created_notice(ROWS[LinkOutcome.PENDING], "fr") is None
    text, kind = w.created_notice(ROWS[LinkOutcome.UNCERTAIN], "fr")
    assert kind == "warning" and "ne sera pas créé deux fois" in text
    text, kind = w.created_notice(ROWS[LinkOutcome.ANOMALY], "fr")
    assert kind == "error" and text.startswith("Paiement à vérifier : CinetPay annonce")
    paid = w.paid_notice(ROWS[LinkOutcome.PAID], "fr")
    assert paid == "Paiement reçu : 5\u202f000\u00a0F\u202fCFA"


@pytest.mark.parametrize("outcome", list(LinkOutcome))
async def test_panel_and_customer_window_show_a_qr_only_when_they_may(ui_ctx, qtbot, outcome):
    row = ROWS[outcome]
    panel = QrPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_link(row)
    cashier_qr = outcome in (LinkOutcome.PENDING, LinkOutcome.PAID, LinkOutcome.REFUSED)
    assert (panel.qr.url == row.payment_url) is cashier_qr and panel.banner.outcome is outcome
    assert panel.copy_button.isEnabled() is cashier_qr
    assert (panel.current_url() != "") is cashier_qr
    assert TONES[outcome].panel in panel.styleSheet()
    customer = CustomerWindow("fr")
    qtbot.addWidget(customer)
    customer.show_link(row)
    assert (customer.qr.url != "") is (outcome is LinkOutcome.PENDING)  # scan while waiting


async def test_verify_button_follows_the_journal(ui_ctx, qtbot):
    panel = QrPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.show_link(ROWS[LinkOutcome.REFUSED])
    assert panel.verify_button.isEnabled()  # refused today: the customer may still pay
    panel.show_link(replace(ROWS[LinkOutcome.REFUSED], state=State.FINAL))
    assert not panel.verify_button.isEnabled()
    panel.show_link(None)
    assert not panel.verify_button.isEnabled() and panel.banner.outcome is None


def test_today_list_status_column(qapp):
    model = LinksModel("fr")
    model.set_rows(list(ROWS.values()))
    status = LinksModel.columns.index("status")
    paid_by = LinksModel.columns.index("paid_by")
    texts = {o: model.index(i, status).data() for i, o in enumerate(ROWS)}
    assert texts[LinkOutcome.PAID] == "PAYÉ"
    assert texts[LinkOutcome.FAILED] == "Non créé"
    assert texts[LinkOutcome.NEVER_CREATED] == "Non créé"
    assert texts[LinkOutcome.NO_URL] == "Sans adresse : à refaire"
    assert texts[LinkOutcome.ANOMALY].startswith("Paiement à vérifier (CinetPay annonce")
    bold = [o for i, o in enumerate(ROWS)
            if model.index(i, status).data(Qt.ItemDataRole.FontRole)
            and model.index(i, status).data(Qt.ItemDataRole.FontRole).bold()]
    assert bold == [LinkOutcome.PAID]
    payers = [o for i, o in enumerate(ROWS) if model.index(i, paid_by).data()]
    assert payers == [LinkOutcome.PAID]  # an anomaly never shows who "paid"


def test_never_created_is_recognised_by_its_reason_not_by_its_words(qapp):
    """The journal's words are not read: no reason, even with the exact words, is a plain
    failure; the reason alone, with any words, is "never created" (same title and tone)."""
    words_only = replace(ROWS[LinkOutcome.NEVER_CREATED], reason=None,
                         last_error=WORDS[Reason.NEVER_CREATED]["fr"])
    reason_only = replace(ROWS[LinkOutcome.NEVER_CREATED], last_error="(autre texte)")
    assert present(words_only).outcome is LinkOutcome.FAILED
    assert present(reason_only).outcome is LinkOutcome.NEVER_CREATED
    assert present(reason_only).detail == ("CinetPay ne connaît pas ce lien : il n'a jamais "
                                           "été créé. Créez un nouveau lien.")
    assert TONES[LinkOutcome.NEVER_CREATED] == TONES[LinkOutcome.FAILED]
    assert LIST_COLOURS[LinkOutcome.NEVER_CREATED] == LIST_COLOURS[LinkOutcome.FAILED]


def test_a_failure_is_told_in_the_readers_language(qapp):
    """A link that failed offline, journaled in French, reads in English."""
    row = ROWS[LinkOutcome.FAILED]
    assert present(row, "en").detail.startswith(WORDS[Reason.NOT_SENT]["en"])
    assert present(row, "fr").detail.startswith(WORDS[Reason.NOT_SENT]["fr"])
