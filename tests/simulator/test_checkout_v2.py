"""Checkout v2: /v2/payment and /v2/payment/check against the documented shapes and rules."""

from __future__ import annotations

import httpx
import pytest

from backoffice.simulator import Simulator
from tests.support.sim_http import APIKEY, SITE_ID, check, create, init_body

CARD = {
    "customer_email": "jm@exemple.ci",
    "customer_phone_number": "+2250701020304",
    "customer_address": "Rue des Jardins",
    "customer_city": "Abidjan",
    "customer_country": "CI",
    "customer_state": "CI",
    "customer_zip_code": "00225",
}


def assert_error(response: httpx.Response, code: str, message: str, status: int = 400) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "description", "api_response_id"}
    assert (body["code"], body["message"]) == (code, message)
    assert isinstance(body["description"], str) and body["description"]
    return body


def test_init_answers_like_the_documentation(sim: Simulator, client: httpx.Client) -> None:
    response = create(client)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"code", "message", "description", "data", "api_response_id"}
    assert (body["code"], body["message"]) == ("201", "CREATED")
    assert body["description"] == "Transaction created with success"
    token = body["data"]["payment_token"]
    assert isinstance(token, str) and len(token) >= 32
    assert body["data"]["payment_url"] == f"{sim.base_url}/checkout/{token}"
    assert float(body["api_response_id"]) > 0
    [payment] = sim.payments()
    assert (payment["transaction_id"], payment["status"], payment["amount"]) == (
        "CMP-0001",
        "PENDING",
        17500,
    )


def test_check_of_a_link_not_paid_yet_carries_full_data(client: httpx.Client) -> None:
    create(client, metadata="caisse-1")
    body = check(client, transaction_id="CMP-0001").json()
    assert (body["code"], body["message"]) == ("662", "WAITING_CUSTOMER_PAYMENT")
    data = body["data"]
    assert set(data) == {
        "amount", "currency", "status", "payment_method", "payment_date", "operator_id",
        "phone_number", "phone_prefix", "description", "metadata", "fund_availability_date",
    }  # fmt: skip
    assert data["status"] == "PENDING"
    assert data["amount"] == "17500" and data["currency"] == "XOF"
    assert data["payment_date"] == " " and data["fund_availability_date"] == " "
    assert data["metadata"] == "caisse-1" and data["description"] == "Vente comptoir"


def test_check_of_a_paid_payment(sim: Simulator, client: httpx.Client) -> None:
    create(client)
    sim.settle("CMP-0001", "ACCEPTED", payment_method="FLOOZ", phone_number="0102324373")
    body = check(client, transaction_id="CMP-0001").json()
    assert (body["code"], body["message"]) == ("00", "SUCCES")
    data = body["data"]
    assert data["status"] == "ACCEPTED" and data["payment_method"] == "FLOOZ"
    assert (data["phone_number"], data["phone_prefix"]) == ("0102324373", "225")
    assert data["operator_id"].startswith("MP")
    assert len(data["payment_date"]) == 19 and data["fund_availability_date"].endswith("00:00:00")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (None, "TRANSACTION_CANCEL"),
        ("600", "PAYMENT_FAILED"),
        ("602", "INSUFFISENT_BALANCE"),
        ("604", "OTP_CODE_ERROR"),
    ],
)
def test_check_of_a_refused_payment(
    sim: Simulator, client: httpx.Client, code: str | None, message: str
) -> None:
    create(client)
    sim.settle("CMP-0001", "REFUSED", code=code)
    body = check(client, transaction_id="CMP-0001").json()
    assert (body["code"], body["message"]) == (code or "627", message)
    assert body["data"]["status"] == "REFUSED"


def test_check_by_token_form_body_and_odd_paths(sim: Simulator, client: httpx.Client) -> None:
    token = create(client).json()["data"]["payment_token"]
    base = {"apikey": APIKEY, "site_id": SITE_ID}
    both = {**base, "transaction_id": "CMP-0001", "token": token}
    answers = [
        client.post("/v2/payment/check", json={**base, "token": token}),
        client.post("/v2/payment/check", json={**base, "payment_token": token}),
        client.post("/v2/payment/check", data={**base, "token": token}),
        # A full URL: httpx would read "//v2" relative to base_url as a host.
        client.post(f"{sim.base_url}//v2/payment/check/", data=both),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.json()["code"] == "662"


def test_check_of_an_unknown_transaction_is_a_404_not_found(client: httpx.Client) -> None:
    assert_error(check(client, transaction_id="nope"), "404", "NOT_FOUND", 404)


def test_check_errors(client: httpx.Client) -> None:
    assert_error(check(client), "608", "MINIMUM_REQUIRED_FIELDS")
    assert_error(check(client, transaction_id="x", apikey="bad"), "609", "AUTH_NOT_FOUND")
    assert_error(check(client, transaction_id="x", site_id="1"), "613", "ERROR_SITE_ID_NOTVALID")


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"transaction_id": ...}, "transaction_id"),
        ({"amount": ...}, "amount"),
        ({"description": None}, "description"),
        ({"notify_url": ""}, "notify_url"),
        ({"amount": 0}, "positive integer"),
        ({"amount": -5}, "positive integer"),
        ({"amount": 12.5}, "positive integer"),
        ({"amount": "cent"}, "positive integer"),
        ({"amount": 1502}, "multiple of 5"),
        ({"amount": 50}, "at least 100"),
        ({"currency": "EUR"}, "currency"),
        ({"currency": "XAF"}, "different currency than the one allowed to your account"),
        ({"description": "Commande #12"}, "description"),
        ({"description": "a/b"}, "description"),
        ({"description": "5$"}, "description"),
        ({"description": "a_b"}, "description"),
        ({"description": "a & b"}, "description"),
        ({"return_url": "pas une url"}, "return_url"),
        ({"channels": "BITCOIN"}, "channels"),
        ({"lang": "de"}, "lang"),
        ({"invoice_data": {"a": 1, "b": 2, "c": 3, "d": 4}}, "invoice_data"),
        ({"invoice_data": "x"}, "invoice_data"),
        ({"lock_phone_number": True}, "customer_phone_number"),
        ({"customer_country": "CIV"}, "customer_country"),
        ({"customer_state": "C"}, "customer_state"),
        ({"customer_zip_code": "123456"}, "customer_zip_code"),
        ({"channels": "CREDIT_CARD"}, "CREDIT_CARD"),
        ({"channels": "MOBILE_MONEY,CREDIT_CARD"}, "customer_email"),
        ({"alternative_currency": "EURO"}, "alternative_currency"),
    ],
)
def test_init_validation_errors_are_608(
    client: httpx.Client, overrides: dict, fragment: str
) -> None:
    body = assert_error(create(client, **overrides), "608", "MINIMUM_REQUIRED_FIELDS")
    assert fragment in body["description"]


def test_init_currency_message_names_both_currencies(client: httpx.Client) -> None:
    description = create(client, currency="XAF").json()["description"]
    assert "Transaction currency:'XAF' Account currency:'XOF'" in description


def test_init_auth_errors(client: httpx.Client) -> None:
    assert_error(create(client, apikey="wrong"), "609", "AUTH_NOT_FOUND")
    assert_error(create(client, site_id="000"), "613", "ERROR_SITE_ID_NOTVALID")


def test_init_refuses_a_reused_transaction_id(sim: Simulator, client: httpx.Client) -> None:
    assert create(client).status_code == 200
    body = assert_error(create(client, amount=500), "608", "MINIMUM_REQUIRED_FIELDS")
    assert "transaction_id already used" in body["description"]
    assert len(sim.payments()) == 1


def test_init_needs_a_json_content_type(client: httpx.Client) -> None:
    response = client.post("/v2/payment", data={k: str(v) for k, v in init_body().items()})
    assert response.status_code == 403
    bad_json = client.post(
        "/v2/payment", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(bad_json, "608", "MINIMUM_REQUIRED_FIELDS")


def test_init_refuses_localhost_urls_with_an_html_page(client: httpx.Client) -> None:
    response = create(client, notify_url="http://localhost:8000/notify")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "access denied" in response.text.lower()
    assert create(client, transaction_id="ip", notify_url="http://127.0.0.1/n").status_code == 200


def test_init_accepts_every_documented_field(sim: Simulator, client: httpx.Client) -> None:
    response = create(
        client,
        **CARD,
        channels="mobile_money, CREDIT_CARD",
        lang="EN",
        metadata={"order": "A-17", "till": 2},
        invoice_data={"Reste à payer": "25 000fr", "Matricule": "24OPO25", "Année": "2020"},
        lock_phone_number=True,
        customer_id="172",
        alternative_currency="USD",
        amount="2500",
    )
    assert response.status_code == 200, response.text
    [payment] = sim.payments()
    assert payment["channels"] == "MOBILE_MONEY,CREDIT_CARD"
    assert payment["lang"] == "en" and payment["amount"] == 2500
    assert payment["metadata"] == '{"order":"A-17","till":2}'
    assert payment["lock_phone_number"] is True
    assert payment["customer"]["customer_id"] == "172"


def test_init_treats_null_and_empty_optional_fields_as_absent(
    sim: Simulator, client: httpx.Client
) -> None:
    response = create(
        client,
        channels=None,
        lang="",
        metadata=None,
        invoice_data=None,
        alternative_currency="",
        customer_name=...,
        customer_surname=...,
        customer_email="",
        customer_zip_code=None,
    )
    assert response.status_code == 200, response.text
    assert sim.payments()[0]["channels"] == "ALL" and sim.payments()[0]["lang"] == "fr"


def test_usd_account_does_not_require_multiples_of_5() -> None:
    with (
        Simulator(seed_demo=False, currency="USD") as sim,
        httpx.Client(base_url=sim.base_url) as c,
    ):
        assert create(c, currency="USD", amount=34).status_code == 200
        assert create(c, transaction_id="x2", amount=34).json()["code"] == "608"  # XOF
