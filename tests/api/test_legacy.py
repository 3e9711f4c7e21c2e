"""Legacy v1 client against the simulator over real loopback HTTP."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest

from backoffice.api import AuthError, HistoryFilter, SignatureRequest, ValidationError
from tests.support.api_data import new_request
from tests.support.clients import make_client


async def test_account_status_has_decimal_balances(api):
    status = await api.legacy.account_status()
    for line in (status.account, status.service):
        for value in (line.solde, line.credit, line.debit):
            assert isinstance(value, Decimal)
        assert line.solde == line.credit - line.debit


async def test_paid_payment_moves_balances_and_appears_in_history(api, sim):
    before = await api.legacy.account_status()
    req = new_request(amount=25000)
    await api.checkout.init_payment(req)
    sim.settle(req.transaction_id, outcome="ACCEPTED", payment_method="FLOOZ",
               phone_number="0102324373")
    after = await api.legacy.account_status()
    assert after.service.credit - before.service.credit == Decimal(25000)
    assert after.service.solde > before.service.solde

    found = await api.legacy.history(HistoryFilter(transaction_id=req.transaction_id))
    assert [t.transaction_id for t in found] == [req.transaction_id]
    tx = found[0]
    assert tx.accepted and tx.amount == Decimal(25000) and tx.payment_method == "FLOOZ"
    assert tx.phone == "0102324373"
    assert tx.payment_date is not None


async def test_history_filters_by_date_phone_and_payid(api):
    everything = await api.legacy.history()
    assert len(everything) >= 100  # seeded demo data
    # a date window in the middle of the demo data
    days = sorted({t.payment_date for t in everything if t.payment_date})
    start, end = days[len(days) // 3], days[len(days) // 2]
    window = await api.legacy.history(HistoryFilter(date_from=start, date_to=end))
    assert window and all(start <= t.payment_date <= end for t in window)
    expected = {t.transaction_id for t in everything
                if t.payment_date and start <= t.payment_date <= end}
    assert {t.transaction_id for t in window} == expected

    phone = next(t.phone for t in everything if t.phone)
    by_phone = await api.legacy.history(HistoryFilter(phone=phone))
    assert by_phone and all(t.phone == phone for t in by_phone)

    payid = next(t.payid for t in everything if t.payid)
    by_payid = await api.legacy.history(HistoryFilter(payid=payid))
    assert [t.payid for t in by_payid] == [payid]


async def test_history_filter_with_end_before_start_is_refused_locally(api, sim):
    before = len(sim.request_log())
    with pytest.raises(ValidationError):
        await api.legacy.history(HistoryFilter(date_from=date.today(),
                                               date_to=date.today() - timedelta(days=1)))
    assert len(sim.request_log()) == before


async def test_check_pay_status_of_a_paid_payment(api, sim):
    req = new_request(amount=5000)
    await api.checkout.init_payment(req)
    sim.settle(req.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    tx = await api.legacy.check_pay_status(req.transaction_id)
    assert tx.accepted and tx.result == "00" and tx.amount == Decimal(5000)
    assert tx.signature


async def test_signature_is_deterministic(api):
    req = SignatureRequest(amount=100, trans_id="SIG123", trans_date="2026-11-23 10:00:00",
                           designation="Test")
    first = await api.legacy.signature(req)
    again = await api.legacy.signature(req)
    other = await api.legacy.signature(dataclasses.replace(req, amount=105))
    assert first == again and first != other and len(first) >= 16


async def test_legacy_wrong_apikey_is_auth_error(sim, creds):
    async with make_client(sim, dataclasses.replace(creds, apikey="wrong")) as client:
        with pytest.raises(AuthError) as err:
            await client.legacy.account_status()
    assert err.value.code == "609"


async def test_legacy_wrong_site_is_auth_error(sim, creds):
    async with make_client(sim, dataclasses.replace(creds, site_id="1")) as client:
        with pytest.raises(AuthError) as err:
            await client.legacy.history()
    assert err.value.code == "613"
