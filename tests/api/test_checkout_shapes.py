"""Checkout check answers of every shape the seeds imply (cinetpay-api.md §6), read by the
client against the simulator over loopback HTTP: the API layer reports them faithfully."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from backoffice.api import PaymentStatus
from backoffice.api.checkout import parse_check
from backoffice.api.errors import ApiError
from tests.support.api_data import new_request

CHECK_REFUSALS = ["603", "606", "804", "807", "808", "809", "810", "811", "812"]


def shape(sim, **body) -> httpx.Response:
    return httpx.post(f"{sim.base_url}/_sim/shapes/checkout", json=body, timeout=5)


@pytest.mark.parametrize("code", CHECK_REFUSALS)
async def test_refusal_codes_are_a_refused_payment_not_an_error(api, sim, code):
    req = new_request()
    await api.checkout.init_payment(req)
    assert shape(sim, shape="refused_code", transaction_id=req.transaction_id,
                 code=code).status_code == 200
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.status is PaymentStatus.REFUSED and check.code == code
    assert check.data_status == "REFUSED"


@pytest.mark.parametrize("code", CHECK_REFUSALS)
def test_refusal_code_without_data_is_still_refused(code):
    check = parse_check({"code": code, "message": "X", "api_response_id": "1"})
    assert check.status is PaymentStatus.REFUSED and check.amount is None


def test_request_errors_still_raise():
    with pytest.raises(ApiError):
        parse_check({"code": "608", "message": "MINIMUM_REQUIRED_FIELDS"})


@pytest.mark.parametrize(("name", "status"), [("success_but_refused", "REFUSED"),
                                               ("success_but_pending", "PENDING")])
async def test_success_code_with_another_status_is_reported_as_sent(api, sim, name, status):
    req = new_request()
    await api.checkout.init_payment(req)
    shape(sim, shape=name, transaction_id=req.transaction_id)
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.code == "00" and check.data_status == status


async def test_other_amount_and_currency_are_reported_as_sent(api, sim):
    req = new_request(amount=17500)
    await api.checkout.init_payment(req)
    shape(sim, shape="other_amount", transaction_id=req.transaction_id, amount="175")
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.amount == Decimal("175") and check.data_status == "ACCEPTED"
    shape(sim, shape="other_currency", transaction_id=req.transaction_id)
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.currency == "XAF" and check.amount == Decimal("17500")


async def test_accepted_after_refused_and_odd_urls(api, sim):
    req = new_request()
    await api.checkout.init_payment(req)
    assert shape(sim, shape="accepted_after_refused",
                 transaction_id=req.transaction_id).status_code == 409  # not refused yet
    sim.settle(req.transaction_id, outcome="REFUSED", code="627")
    shape(sim, shape="accepted_after_refused", transaction_id=req.transaction_id)
    check = await api.checkout.check_payment(req.transaction_id)
    assert check.status is PaymentStatus.ACCEPTED and check.code == "00"

    shape(sim, shape="foreign_url", count=1)
    shape(sim, shape="http_url", count=1)
    foreign = await api.checkout.init_payment(new_request())
    plain = await api.checkout.init_payment(new_request())
    normal = await api.checkout.init_payment(new_request())
    assert foreign.payment_url.startswith("https://checkout.cinetpay.com.evil.example/")
    assert foreign.payment_url.endswith(foreign.payment_token)
    assert plain.payment_url.startswith("http://checkout.cinetpay.com/payment/")
    assert normal.payment_url.startswith(sim.base_url)


def test_unknown_shape_and_reset(sim):
    assert shape(sim, shape="nonsense", transaction_id="x").status_code in (400, 404)
    shape(sim, shape="foreign_url", count=3)
    assert len(httpx.get(f"{sim.base_url}/_sim/shapes/checkout").json()["urls"]) == 3
    sim.reset()
    assert httpx.get(f"{sim.base_url}/_sim/shapes/checkout").json() == {"checks": {},
                                                                         "urls": []}
