"""Transfer API: login and token lifetime, balance, contacts, send money, lifecycle, errors."""

from __future__ import annotations

import httpx
import pytest

from backoffice.simulator import Simulator
from tests.support.sim_http import APIKEY, PASSWORD, add_contacts, contact, login, order, send

PHONE, OTHER, REJECTED = "0701020304", "0505060708", "0102030499"


@pytest.fixture
def token(client: httpx.Client) -> str:
    return login(client)


@pytest.fixture
def funded(sim: Simulator, client: httpx.Client, token: str) -> str:
    """Contacts PHONE, OTHER, REJECTED and 100 000 XOF on the transfer account."""
    sim.state.ledger.transfer_funds = 100_000
    add_contacts(client, token, contact(PHONE), contact(OTHER), contact(REJECTED))
    return token


def balance(client: httpx.Client, token: str) -> dict:
    return client.get("/v1/transfer/check/balance", params={"token": token}).json()["data"]


def check_money(client: httpx.Client, token: str, **by: str) -> dict:
    return client.get("/v1/transfer/check/money", params={"token": token, **by}).json()


def test_login_success_and_failure(client: httpx.Client) -> None:
    ok = client.post("/v1/auth/login", data={"apikey": APIKEY, "password": PASSWORD})
    body = ok.json()
    assert body["code"] == 0 and body["message"] == "OPERATION_SUCCES"
    assert isinstance(body["data"]["token"], str)
    bad = client.post("/v1/auth/login?lang=fr", data={"apikey": APIKEY, "password": "nope"})
    assert bad.json() == {
        "code": "701",
        "message": "INVALID_CREDENTIALS",
        "description": "Identifiant de connexion incorrect",
        "data": [],
    }


def test_token_expires_after_five_simulated_minutes(sim: Simulator, client: httpx.Client) -> None:
    token = login(client)
    sim.advance(299)
    assert client.get("/v1/transfer/check/balance", params={"token": token}).json()["code"] == 0
    sim.advance(2)
    expired = client.get("/v1/transfer/check/balance", params={"token": token}).json()
    assert (expired["code"], expired["message"], expired["data"]) == ("705", "EXPIRED_TOKEN", [])
    unknown = client.get("/v1/transfer/check/balance", params={"token": "x"}).json()
    assert (unknown["code"], unknown["message"]) == ("706", "INVALID_TOKEN")
    assert client.get("/v1/transfer/check/balance").json()["code"] == "706"


def test_token_in_form_body_or_header(client: httpx.Client, token: str) -> None:
    assert client.post("/v1/transfer/check/balance", data={"token": token}).json()["code"] == 0
    assert client.get("/v1/transfer/check/balance", headers={"token": token}).json()["code"] == 0
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/transfer/contact", headers=bearer).json()["code"] == 0


def test_balance_shape(demo_client: httpx.Client) -> None:
    data = balance(demo_client, login(demo_client))
    assert data == {"amount": 250_000, "inUsing": 0, "available": 250_000}


def test_add_contacts_double_list_and_per_item_errors(client: httpx.Client, token: str) -> None:
    body = add_contacts(client, token, contact(PHONE), contact("0102"), contact(PHONE))
    assert body["code"] == 0 and body["message"] == "OPERATION_SUCCES"
    [items] = body["data"]
    ok, bad_phone, duplicate = items
    assert {**contact(PHONE), "code": 0, "status": "success"}.items() <= ok.items()
    assert ok["lot"] == bad_phone["lot"] == duplicate["lot"] and len(ok["lot"]) == 22
    assert (bad_phone["code"], bad_phone["message"]) == (802, "INVALID_PHONE")
    assert (duplicate["code"], duplicate["message"]) == (726, "ERROR_PHONE_ALREADY_MY_CONTACT")
    listed = client.get("/v1/transfer/contact", params={"token": token}).json()
    assert listed["code"] == 0
    assert [(c["prefix"], c["phone"], c["name"]) for c in listed["data"]] == [
        ("225", PHONE, "Kouassi")
    ]


def test_send_success_shape(sim: Simulator, client: httpx.Client, funded: str) -> None:
    body = send(client, funded, order(PHONE, 500, "MYMERCHANTID1"), order(OTHER, "2000", "ID2"))
    assert body["code"] == 0 and body["message"] == "OPERATION_SUCCES"
    [items] = body["data"]
    for item, amount in zip(items, (500, "2000"), strict=True):
        assert item["code"] == 0 and item["status"] == "success"
        assert item["treatment_status"] == "NEW" and item["amount"] == amount
        assert item["transaction_id"].startswith("EA") and item["lot"] == items[0]["lot"]
    assert balance(client, funded) == {"amount": 100_000, "inUsing": 2500, "available": 97_500}
    status = check_money(client, funded, client_transaction_id="MYMERCHANTID1")
    [row] = status["data"]
    assert row == {
        "transaction_id": items[0]["transaction_id"],
        "client_transaction_id": "MYMERCHANTID1",
        "lot": items[0]["lot"],
        "amount": "500",
        "receiver": PHONE,
        "receiver_e164": f"+225{PHONE}",
        "operator": "OM",
        "sending_status": "CONFIRM",
        "transfer_valid": "Y",
        "treatment_status": "NEW",
        "comment": row["comment"],
        "validated_at": None,
    }
    by_lot = check_money(client, funded, lot=items[0]["lot"])["data"]
    assert len(by_lot) == 2
    by_id = check_money(client, funded, transaction_id=items[1]["transaction_id"])["data"]
    assert by_id[0]["client_transaction_id"] == "ID2"


def test_lifecycle_new_rec_val(sim: Simulator, client: httpx.Client, funded: str) -> None:
    send(client, funded, order(PHONE, 10_000, "T-VAL"))
    steps = [(19, "NEW", 10_000), (2, "REC", 10_000), (38, "REC", 10_000), (1, "VAL", 0)]
    for seconds, status, in_using in steps:
        sim.advance(seconds)
        [row] = check_money(client, funded, client_transaction_id="T-VAL")["data"]
        assert (row["treatment_status"], balance(client, funded)["inUsing"]) == (status, in_using)
    assert row["validated_at"] is not None
    assert balance(client, funded) == {"amount": 90_000, "inUsing": 0, "available": 90_000}


def test_receiver_ending_in_99_is_rejected_and_refunded(
    sim: Simulator, client: httpx.Client, funded: str
) -> None:
    send(client, funded, order(REJECTED, 30_000, "T-REJ"))
    assert balance(client, funded) == {"amount": 100_000, "inUsing": 30_000, "available": 70_000}
    sim.advance(60)
    token = login(client)
    row = check_money(client, token, client_transaction_id="T-REJ")["data"][0]
    assert row["treatment_status"] == "REJ"
    assert balance(client, token) == {"amount": 100_000, "inUsing": 0, "available": 100_000}


@pytest.mark.parametrize(
    ("line", "code", "message"),
    [
        (order("0799887766", 500), 724, "ERROR_PHONE_NOT_MY_CONTACT"),
        (order(PHONE, 150), 719, "AMOUNT_TOO_SMALL"),
        (order(PHONE, 1_500_005), 720, "AMOUNT_TOO_LARGE"),
        (order(PHONE, "beaucoup"), 801, "INVALID_AMOUNT"),
        (order("12", 500), 802, "INVALID_PHONE"),
        (order(PHONE, 500, "EXISTING"), 805, "CLIENT_TRANSACTION_ID_EXIST"),
    ],
)
def test_bad_lines_are_rejected_per_item(
    sim: Simulator, client: httpx.Client, funded: str, line: dict, code: int, message: str
) -> None:
    send(client, funded, order(OTHER, 1000, "EXISTING"))
    body = send(client, funded, line, order(OTHER, 1000, "GOOD"))
    assert body["code"] == 0
    [[bad, good]] = body["data"]
    assert (bad["code"], bad["message"], bad["status"]) == (code, message, "error")
    assert "transaction_id" not in bad
    assert good["code"] == 0
    assert [t["client_transaction_id"] for t in sim.transfers()] == ["EXISTING", "GOOD"]


def test_duplicate_client_id_within_one_batch(client: httpx.Client, funded: str) -> None:
    [[first, second]] = send(client, funded, order(PHONE, 500, "D"), order(OTHER, 500, "D"))["data"]
    assert (first["code"], second["code"]) == (0, 805)


def test_insufficient_balance_rejects_the_whole_request(
    sim: Simulator, client: httpx.Client, funded: str
) -> None:
    body = send(client, funded, order(PHONE, 60_000, "A"), order(OTHER, 60_000, "B"))
    assert body["code"] == 602 and body["message"] == "INSUFFICIENT_BALANCE"
    assert body["data"] == []
    assert body["description"] == (
        "Fonds Insuffisant :disponible 100 000,00, Total de l'operation à effectuer : 120 000,00"
    )
    assert sim.transfers() == []


def test_check_money_unknown_and_missing(client: httpx.Client, token: str) -> None:
    unknown = check_money(client, token, transaction_id="EA000000.000000.X000000")
    assert (unknown["code"], unknown["message"], unknown["data"]) == (723, "NOT_FOUND", [])
    assert check_money(client, token)["code"] == "704"


def test_malformed_data_field(client: httpx.Client, token: str) -> None:
    response = client.post("/v1/transfer/contact", params={"token": token}, data={"data": "[{"})
    assert response.json()["code"] == "718"
    empty = client.post("/v1/transfer/contact", params={"token": token}, data={"data": "[]"})
    assert empty.json()["code"] == "716"


def test_english_descriptions(client: httpx.Client) -> None:
    body = client.get("/v1/transfer/check/balance", params={"token": "x", "lang": "en"}).json()
    assert body["description"] == "Your token is invalid"
