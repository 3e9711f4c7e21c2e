"""Checkout v2 client against the simulator over real loopback HTTP."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from backoffice.api import (
    AuthError,
    BadResponse,
    Channel,
    CinetPayClient,
    Credentials,
    Customer,
    Forbidden,
    InvalidRequest,
    MaybeSent,
    PaymentStatus,
    RateLimited,
    ValidationError,
)
from backoffice.api.errors import ApiError
from tests.support.api_data import new_request
from tests.support.clients import make_client

CARD_CUSTOMER = Customer(name="Kouadio", surname="Awa", phone_number="0701020304",
                         email="awa@example.ci", address="Rue 12", city="Abidjan",
                         country="CI", state="CI", zip_code="00225")


async def test_init_returns_token_and_url_served_by_the_simulator(api, sim):
    req = new_request()
    link = await api.checkout.init_payment(req)
    assert link.transaction_id == req.transaction_id
    assert link.payment_token
    assert link.payment_url.startswith(sim.base_url)
    assert link.api_response_id
    page = await api.transport.client.get(link.payment_url)
    assert page.status_code == 200 and "17" in page.text


async def test_every_documented_field_reaches_cinetpay(api, sim):
    req = new_request(
        channels=(Channel.MOBILE_MONEY, Channel.CREDIT_CARD), lang="en", metadata="order-42",
        invoice_data={"Reste à payer": "25 000", "Matricule": "24OPO25"},
        lock_phone_number=True, alternative_currency="USD", customer=CARD_CUSTOMER)
    await api.checkout.init_payment(req)
    stored = next(p for p in sim.payments() if p["transaction_id"] == req.transaction_id)
    flat = str(stored)
    for value in ("order-42", "24OPO25", "Kouadio", "awa@example.ci", "00225", "Abidjan",
                  "MOBILE_MONEY", "CREDIT_CARD"):
        assert value in flat, value


async def test_check_follows_the_payment_from_pending_to_accepted(api, sim):
    req = new_request()
    link = await api.checkout.init_payment(req)
    pending = await api.checkout.check_payment(req.transaction_id)
    assert pending.status is PaymentStatus.PENDING and not pending.status.is_final
    assert pending.code == "662"
    assert pending.payment_date is None
    sim.settle(req.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    paid = await api.checkout.check_payment(token=link.payment_token)
    assert paid.status is PaymentStatus.ACCEPTED and paid.code == "00"
    assert paid.amount == Decimal(17500) and isinstance(paid.amount, Decimal)
    assert paid.payment_method == "OM" and paid.phone_number == "0701020304"
    assert paid.payment_date is not None


async def test_check_of_a_never_created_payment_is_not_found(api):
    from backoffice.api import NotFound

    with pytest.raises(NotFound) as err:
        await api.checkout.check_payment("NEVER-CREATED-1")
    assert not err.value.may_have_been_processed


async def test_refused_payment_is_final_refused(api, sim):
    req = new_request()
    await api.checkout.init_payment(req)
    sim.settle(req.transaction_id, outcome="REFUSED", payment_method="MOMO",
               phone_number="0501020304", code="602")
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.status is PaymentStatus.REFUSED and check.status.is_final
    assert check.code == "602"


async def test_wrong_apikey_and_site_id_are_auth_errors(sim, creds):
    for bad, code in ((dataclasses.replace(creds, apikey="nope"), "609"),
                      (dataclasses.replace(creds, site_id="000"), "613")):
        async with make_client(sim, bad) as client:
            with pytest.raises(AuthError) as err:
                await client.checkout.init_payment(new_request())
            assert err.value.code == code
            assert not err.value.may_have_been_processed
            assert "code" in err.value.human("fr")


async def test_duplicate_transaction_id_is_refused(api):
    req = new_request()
    await api.checkout.init_payment(req)
    with pytest.raises(ApiError) as err:
        await api.checkout.init_payment(req)
    assert not err.value.may_have_been_processed


async def test_currency_of_another_account_is_refused_by_cinetpay(api):
    with pytest.raises(InvalidRequest) as err:
        await api.checkout.init_payment(new_request(currency="XAF"))
    assert err.value.code == "608"


async def test_localhost_return_url_is_access_denied(api):
    with pytest.raises(Forbidden) as err:
        await api.checkout.init_payment(new_request(return_url="http://localhost/return"))
    assert err.value.code == "400"


async def test_missing_user_agent_is_error_1010(api):
    del api.transport.client.headers["User-Agent"]
    with pytest.raises(Forbidden) as err:
        await api.checkout.check_payment("anything")
    assert err.value.code == "1010"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"amount": -5}, "amount"),
        ({"amount": 102}, "amount"),
        ({"amount": 100.0}, "amount"),
        ({"amount": "100"}, "amount"),
        ({"amount": True}, "amount"),
        ({"amount": 95}, "amount"),
        ({"currency": "EUR"}, "currency"),
        ({"description": "Facture #12"}, "description"),
        ({"description": "a/b"}, "description"),
        ({"description": "   "}, "description"),
        ({"notify_url": "ftp://x"}, "notify_url"),
        ({"transaction_id": ""}, "transaction_id"),
        ({"transaction_id": "a b"}, "transaction_id"),
        ({"invoice_data": {"a": "1", "b": "2", "c": "3", "d": "4"}}, "invoice_data"),
        ({"lock_phone_number": True}, "customer_phone_number"),
        ({"channels": (Channel.CREDIT_CARD,)}, "customer_name"),
        ({"channels": (Channel.CREDIT_CARD,),
          "customer": dataclasses.replace(CARD_CUSTOMER, country="Côte")}, "customer_country"),
        ({"channels": ()}, "channels"),
        ({"lang": "de"}, "lang"),
    ],
)
async def test_invalid_input_is_refused_before_any_request(api, sim, overrides, field):
    before = len(sim.request_log())
    with pytest.raises(ValidationError) as err:
        await api.checkout.init_payment(new_request(**overrides))
    assert err.value.field == field
    assert err.value.human("fr") and err.value.human("en")
    assert len(sim.request_log()) == before


async def test_usd_amounts_need_not_be_multiples_of_five(sim, creds):
    # The demo account is in XOF: CinetPay (not us) refuses USD for it.
    async with make_client(sim, creds) as client:
        with pytest.raises(InvalidRequest):
            await client.checkout.init_payment(new_request(amount=34, currency="USD"))


async def test_card_payment_with_complete_customer_is_accepted(api):
    req = new_request(channels=(Channel.CREDIT_CARD,), customer=CARD_CUSTOMER)
    link = await api.checkout.init_payment(req)
    assert link.payment_token


# --- faults ------------------------------------------------------------------------------


async def test_drop_after_commit_is_uncertain_and_the_link_exists(api, sim):
    req = new_request()
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=1, paths=["/v2/payment"])
    with pytest.raises(MaybeSent) as err:
        await api.checkout.init_payment(req)
    assert err.value.may_have_been_processed
    assert any(p["transaction_id"] == req.transaction_id for p in sim.payments())
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.status is PaymentStatus.PENDING


async def test_timeout_is_uncertain(api, sim):
    sim.set_faults(rate=1.0, kinds=["timeout"], count=1, paths=["/v2/payment"],
                   hang_seconds=3)
    with pytest.raises(MaybeSent):
        await api.checkout.init_payment(new_request())


@pytest.mark.parametrize("kind", ["http_500", "html_error", "malformed_json"])
async def test_garbled_answers_are_bad_responses(api, sim, kind):
    sim.set_faults(rate=1.0, kinds=[kind], count=1, paths=["/v2/payment"])
    with pytest.raises(BadResponse) as err:
        await api.checkout.init_payment(new_request())
    assert err.value.may_have_been_processed
    assert err.value.human("en")


async def test_429_is_retried_with_backoff_then_succeeds(api, sim):
    sim.set_faults(rate=1.0, kinds=["rate_limit_429"], count=2, paths=["/v2/payment"])
    link = await api.checkout.init_payment(new_request())
    assert link.payment_token
    statuses = [r["status"] for r in sim.request_log() if r["path"].startswith("/v2/payment")]
    assert statuses[-3:] == [429, 429, 200]


async def test_429_gives_up_after_bounded_attempts(api, sim):
    sim.set_faults(rate=1.0, kinds=["rate_limit_429"], paths=["/v2/payment"])
    with pytest.raises(RateLimited) as err:
        await api.checkout.init_payment(new_request())
    assert not err.value.may_have_been_processed
    assert len([r for r in sim.request_log() if r["status"] == 429]) == 3


async def test_closed_port_is_certainly_not_sent(creds):
    from backoffice.api import Endpoints, NotSent

    async with CinetPayClient(creds, Endpoints.single("http://127.0.0.1:9")) as client:
        with pytest.raises(NotSent) as err:
            await client.checkout.init_payment(new_request())
    assert not err.value.may_have_been_processed


def test_non_loopback_endpoints_must_be_https():
    from backoffice.api import Endpoints

    with pytest.raises(ValueError):
        Endpoints.single("http://api.cinetpay.com")
    assert Endpoints.single("http://127.0.0.1:8000").is_simulated
    assert not Endpoints().is_simulated


def test_credentials_never_show_secrets():
    creds = Credentials("APIKEY-SECRET-1", "445566", "PW-SECRET-2")
    assert "SECRET" not in repr(creds) and "SECRET" not in str(creds)
