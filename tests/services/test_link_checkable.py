"""Whether "Vérifier" may ask CinetPay about a link (outcomes.link_checkable): the same rule
as LinksService.refresh, which leaves final, failed and never-sent links as they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from backoffice.services.outcomes import LinkOutcome, link_checkable, link_outcome
from backoffice.store.links import LinkRow
from backoffice.store.states import State

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
BASE = LinkRow("CPT1", NOW, NOW, 5000, "XOF", "Vente", {}, State.SENT, "PENDING", "00", "",
               "tok", "https://checkout.cinetpay.com/p/1", None, None, 1, None, None, None)


@pytest.mark.parametrize(("changes", "outcome", "checkable"), [
    ({}, LinkOutcome.PENDING, True),
    ({"state": State.UNCERTAIN, "payment_status": None}, LinkOutcome.UNCERTAIN, True),
    ({"state": State.SENDING, "payment_status": None}, LinkOutcome.SENDING, True),
    ({"state": State.QUEUED, "payment_status": None}, LinkOutcome.SENDING, False),
    ({"state": State.FAILED, "payment_status": None}, LinkOutcome.FAILED, False),
    ({"state": State.FINAL, "payment_status": "ACCEPTED"}, LinkOutcome.PAID, False),
    # refused today: the customer may still pay, so it stays checkable until the day ends
    ({"payment_status": "REFUSED", "status_code": "602"}, LinkOutcome.REFUSED, True),
    ({"state": State.FINAL, "payment_status": "REFUSED"}, LinkOutcome.REFUSED, False),
    # "Paiement à vérifier": a person may ask CinetPay again
    ({"anomaly": "amount_mismatch", "anomaly_detail": "175"}, LinkOutcome.ANOMALY, True),
])
def test_checkable_follows_the_journal_state_not_the_words(changes, outcome, checkable):
    row = replace(BASE, **changes)
    assert link_outcome(row) is outcome
    assert link_checkable(row) is checkable
