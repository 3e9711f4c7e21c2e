"""Transfers' and contacts' screens tell why in the reader's language, from the row's reason
(the journal's words, in the shop's language then, are only the fallback of older rows)."""

from __future__ import annotations

from datetime import UTC, datetime

from backoffice.services.reasons import Reason, with_answer
from backoffice.store.contacts import ContactRow
from backoffice.store.states import State
from backoffice.store.transfers import TransferRow
from backoffice.ui.contacts.wording import wording as contact_wording
from backoffice.ui.transfers.model import TransfersModel
from backoffice.ui.transfers.wording import wording as transfer_wording

NOW = datetime.now(UTC)
FR = "Ce numéro n'est pas dans vos contacts (code 724)"
EN = "This number is not one of your contacts (code 724)"


def refused_transfer(reason: str | None) -> TransferRow:
    return TransferRow("TRF1", NOW, NOW, None, "225", "0799887766", 1000, None, State.FAILED,
                       None, None, None, "724", FR, 1, None, None, reason=reason)


def refused_contact(reason: str | None) -> ContactRow:
    return ContactRow("225", "0799887766", "Koné", "Awa", None, State.FAILED, "717",
                      "Refusé en français (717)", 1, None, NOW, NOW, reason=reason)


def test_a_refused_transfer_reads_in_english(qapp):
    row = refused_transfer(with_answer(Reason.REFUSED, "724", "ERROR_PHONE_NOT_MY_CONTACT"))
    words = transfer_wording()
    assert words.detail(row, "en") == EN and words.detail(row, "fr") == FR
    assert words.line_result(row, "en")[1].endswith(EN)
    assert words.sent(row, "1 000 XOF", "en")[0].endswith(EN)
    model = TransfersModel("en")
    model.set_rows([row])
    assert model.index(0, TransfersModel.columns.index("detail")).data() == EN
    assert words.detail(refused_transfer(None), "en") == FR  # an older row: its own words


def test_a_refused_contact_reads_in_the_readers_language(qapp):
    row = refused_contact(with_answer(Reason.CINETPAY_SAID, "717", "NOT_PARTICULAR"))
    words = contact_wording()
    assert words.state(row, "en").endswith("NOT_PARTICULAR (717)")
    queued_then_refused = refused_contact("NotSent")
    assert words.line_result(queued_then_refused, "en")[1].endswith(
        "CinetPay unreachable (no network?): nothing was sent")
    assert words.added(refused_contact(None), "en")[0].endswith("Refusé en français (717)")
