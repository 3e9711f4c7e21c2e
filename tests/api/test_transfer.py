"""Transfer API client against the simulator over real loopback HTTP."""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal

import pytest

from backoffice.api import (
    AuthError,
    Contact,
    InsufficientFunds,
    MaybeSent,
    NotFound,
    TransferOrder,
    TreatmentStatus,
    ValidationError,
)
from tests.support.clients import make_client


def cid() -> str:
    return f"C{uuid.uuid4().hex[:16]}"


async def known_contact(api) -> Contact:
    contacts = await api.transfer.list_contacts()
    assert contacts, "the demo data has contacts"
    return contacts[0]


async def test_login_once_and_reuse_the_token(api):
    balance = await api.transfer.balance()
    await api.transfer.list_contacts()
    await api.transfer.balance()
    assert api.transfer.logins == 1
    assert isinstance(balance.available, Decimal)
    assert balance.available == balance.amount - balance.in_using


async def test_expired_token_is_renewed_transparently(api, sim):
    await api.transfer.balance()
    sim.advance(301)  # CinetPay's token lives 5 minutes; ours still looks fresh locally
    balance = await api.transfer.balance()
    assert balance.amount >= 0
    assert api.transfer.logins == 2
    paths = [r["path"] for r in sim.request_log()]
    assert paths.count("/v1/auth/login") == 2


async def test_token_is_renewed_before_it_expires(api):
    now = [1000.0]
    api.transfer._clock = lambda: now[0]
    await api.transfer.balance()
    now[0] += 280  # within the renewal margin
    await api.transfer.balance()
    assert api.transfer.logins == 2


async def test_wrong_transfer_password_is_701(sim, creds):
    async with make_client(sim, dataclasses.replace(creds, transfer_password="bad")) as client:
        with pytest.raises(AuthError) as err:
            await client.transfer.balance()
    assert err.value.code == "701"


async def test_add_contacts_reports_per_contact(api):
    existing = await known_contact(api)
    fresh = Contact(prefix="225", phone="0707070707", name="Koné", surname="Issa",
                    email="issa@example.ci")
    results = await api.transfer.add_contacts([fresh, existing])
    assert results[0].ok and results[0].lot
    assert not results[1].ok and results[1].code == "726"
    listed = await api.transfer.list_contacts()
    assert any(c.phone == "0707070707" and c.name == "Koné" for c in listed)


async def test_send_money_then_follow_treatment_status_to_val(api, sim):
    contact = await known_contact(api)
    before = await api.transfer.balance()
    order = TransferOrder(prefix=contact.prefix, phone=contact.phone, amount=5000,
                          client_transaction_id=cid())
    [result] = await api.transfer.send_money([order])
    assert result.ok and result.transaction_id and result.lot
    assert result.treatment_status is TreatmentStatus.NEW

    during = await api.transfer.balance()
    assert during.in_using - before.in_using == 5000
    assert before.available - during.available == 5000

    [info] = await api.transfer.check_transfer(client_transaction_id=order.client_transaction_id)
    assert info.transaction_id == result.transaction_id
    assert not info.treatment_status.is_final
    sim.advance(120)
    [info] = await api.transfer.check_transfer(transaction_id=result.transaction_id)
    assert info.treatment_status is TreatmentStatus.VAL and info.treatment_status.is_final
    assert info.amount == Decimal(5000)
    by_lot = await api.transfer.check_transfer(lot=result.lot)
    assert [i.client_transaction_id for i in by_lot] == [order.client_transaction_id]

    after = await api.transfer.balance()
    assert before.amount - after.amount == 5000 and after.in_using == before.in_using


async def test_batch_reports_each_order(api):
    contact = await known_contact(api)
    good = TransferOrder(contact.prefix, contact.phone, 1000, cid())
    stranger = TransferOrder("225", "0799999911", 1000, cid())
    results = await api.transfer.send_money([good, stranger])
    assert results[0].ok
    assert not results[1].ok and results[1].code == "724"


async def test_duplicate_client_transaction_id_is_805(api):
    contact = await known_contact(api)
    order = TransferOrder(contact.prefix, contact.phone, 1000, cid())
    await api.transfer.send_money([order])
    [again] = await api.transfer.send_money([order])
    assert again.code == "805"


async def test_insufficient_balance(api):
    contact = await known_contact(api)
    balance = await api.transfer.balance()
    orders = [TransferOrder(contact.prefix, contact.phone, 1_500_000, cid())
              for _ in range(int(balance.available // 1_500_000) + 1)]
    with pytest.raises(InsufficientFunds) as err:
        await api.transfer.send_money(orders)
    assert err.value.code == "602"


async def test_unknown_transfer_is_not_found(api):
    with pytest.raises(NotFound):
        await api.transfer.check_transfer(client_transaction_id="never-sent-123")


@pytest.mark.parametrize(
    ("order", "field"),
    [
        (TransferOrder("225", "0701020304", 199, "X1"), "amount"),
        (TransferOrder("225", "0701020304", 1_500_001, "X1"), "amount"),
        (TransferOrder("225", "0701020304", 500.0, "X1"), "amount"),  # type: ignore[arg-type]
        (TransferOrder("999", "0701020304", 500, "X1"), "prefix"),
        (TransferOrder("225", "07010", 500, "X1"), "phone"),
        (TransferOrder("225", "٠٧٠١٠٢٠٣٠٤", 500, "X1"), "phone"),
        (TransferOrder("225", "0701020304", 500, ""), "client_transaction_id"),
    ],
)
async def test_invalid_transfer_is_refused_before_any_request(api, sim, order, field):
    before = len(sim.request_log())
    with pytest.raises(ValidationError) as err:
        await api.transfer.send_money([order])
    assert err.value.field == field
    assert len(sim.request_log()) == before


async def test_drop_after_commit_on_send_is_uncertain_and_checkable(api, sim):
    contact = await known_contact(api)
    order = TransferOrder(contact.prefix, contact.phone, 700, cid())
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=1,
                   paths=["/v1/transfer/money/send"])
    with pytest.raises(MaybeSent):
        await api.transfer.send_money([order])
    [info] = await api.transfer.check_transfer(client_transaction_id=order.client_transaction_id)
    assert info.amount == Decimal(700)
    assert len([t for t in sim.transfers()
                if t["client_transaction_id"] == order.client_transaction_id]) == 1
