"""The simulator's current-platform routes with plain httpx: the shapes CinetPay's SDKs read,
token rules, the shared ledger, control API and faults, and the CLI's announcement."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import httpx
import pytest

from backoffice.simulator import Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS

LOGIN = {"api_key": CURRENT_CREDENTIALS["api_key"],
         "api_password": CURRENT_CREDENTIALS["api_password"]}
URL = "https://boutique.example.ci/cinetpay"


def bearer(client: httpx.Client) -> dict[str, str]:
    answer = client.post("/v1/oauth/login", json=LOGIN).json()
    assert answer["code"] == 200 and answer["expires_in"] == 86_400
    return {"Authorization": f"Bearer {answer['access_token']}"}


def pay_body(mtid: str = "CUR1", **over: Any) -> dict[str, Any]:
    body = {"currency": "XOF", "merchant_transaction_id": mtid, "amount": 5000, "lang": "fr",
            "designation": "Vente", "client_email": "c@example.ci", "client_first_name": "Aya",
            "client_last_name": "Kouassi", "success_url": f"{URL}/ok",
            "failed_url": f"{URL}/ko", "notify_url": f"{URL}/n", "channel": "PUSH"}
    body.update(over)
    return body


def transfer_body(mtid: str = "TR1", **over: Any) -> dict[str, Any]:
    body = {"currency": "XOF", "merchant_transaction_id": mtid, "amount": 1000,
            "phone_number": "+2250701020304", "payment_method": "OM_CI", "reason": "Avance",
            "notify_url": f"{URL}/n"}
    body.update(over)
    return body


def create(client: httpx.Client, transaction_id: str) -> None:
    """A classic checkout v2 payment link (the other platform of the same shop)."""
    creds = client.get("/_sim/credentials").json()
    answer = client.post("/v2/payment", json={
        "apikey": creds["apikey"], "site_id": creds["site_id"],
        "transaction_id": transaction_id, "amount": 17500, "currency": "XOF",
        "description": "Vente comptoir", "notify_url": f"{URL}/n", "return_url": f"{URL}/r",
        "customer_name": "Dje Bi", "customer_surname": "Jean-Marc"})
    assert answer.json()["code"] == "201"


def fund(sim: Simulator, amount: int = 100_000) -> None:
    with sim.state.lock:
        sim.state.ledger.transfer_funds += amount


def test_credentials_include_the_current_account(client):
    creds = client.get("/_sim/credentials").json()
    assert creds["current"] == CURRENT_CREDENTIALS
    assert creds["current"]["api_key"].startswith("sk_test_")
    assert creds["current"]["country"] == "CI"


def test_login_refusals(client):
    wrong = client.post("/v1/oauth/login", json={**LOGIN, "api_password": "x"})
    assert wrong.status_code == 401
    assert wrong.json()["code"] == 1005 and wrong.json()["description"]
    missing = client.post("/v1/oauth/login", json={"api_key": LOGIN["api_key"]})
    assert missing.status_code == 422 and "api_password" in missing.json()["errors"]
    not_json = client.post("/v1/oauth/login", content=b"api_key=x",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (not_json.status_code, not_json.json()["code"]) == (400, 1004)


def test_token_missing_unknown_and_expired(client, sim):
    for headers in ({}, {"Authorization": "Bearer nope"}):
        answer = client.get("/v1/balances", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["code"] == 1002 and answer.json()["status"] == "INVALID_TOKEN"
    auth = bearer(client)
    assert client.get("/v1/balances", headers=auth).json()["code"] == 200
    sim.advance(86_400)
    expired = client.get("/v1/balances", headers=auth)
    assert expired.status_code == 200  # CinetPay also answers 1003 with HTTP 200
    assert expired.json()["code"] == 1003 and expired.json()["status"] == "EXPIRED_TOKEN"
    assert expired.json()["description"]  # what makes the SDK see an error and renew


def test_payment_shapes_follow_the_sdk(client, sim):
    auth = bearer(client)
    made = client.post("/v1/payment", json=pay_body(), headers=auth).json()
    assert made["code"] == 200 and made["merchant_transaction_id"] == "CUR1"
    assert made["payment_url"] == f"{sim.base_url}/checkout/{made['payment_token']}"
    assert len(made["transaction_id"]) == len(made["notify_token"]) == 32
    assert made["details"] == {"code": 2001, "status": "INITIATED",
                               "message": "Transaction initiée", "must_be_redirected": True}
    status = client.get("/v1/payment/CUR1", headers=auth).json()
    assert (status["code"], status["status"]) == (2001, "INITIATED")
    assert "description" not in status  # a state, not an error, for the SDK
    page = client.get(f"/checkout/{made['payment_token']}")
    assert page.status_code == 200 and "Orange Money" in page.text
    client.post("/_sim/payments/CUR1/settle", json={"outcome": "REFUSED"})
    refused = client.get(f"/v1/payment/{made['transaction_id']}", headers=auth)
    assert refused.status_code == 200
    assert (refused.json()["code"], refused.json()["status"]) == (2010, "FAILED")
    assert "description" not in refused.json()


def test_settle_applies_and_the_payment_is_in_the_shared_ledger(client, sim):
    auth = bearer(client)
    client.post("/v1/payment", json=pay_body("CUR2", amount=8000), headers=auth)
    settled = client.post("/_sim/payments/CUR2/settle",
                          json={"outcome": "ACCEPTED", "payment_method": "WAVE"})
    assert settled.status_code == 200 and settled.json()["current"]["channel"] == "PUSH"
    status = client.get("/v1/payment/CUR2", headers=auth).json()
    assert (status["code"], status["status"], status["amount"]) == (100, "SUCCESS", "8000")
    assert status["payment_method"] == "WAVE_CI" and status["user"]["name"] == "Aya Kouassi"
    classic = client.post("/v2/payment/check", json={
        "apikey": sim.credentials["apikey"], "site_id": sim.credentials["site_id"],
        "transaction_id": "CUR2"}).json()
    assert classic["code"] == "00" and classic["data"]["amount"] == "8000"
    assert client.get("/v1/balances", headers=auth).json()["available_balance"] == "7760"


def test_a_classic_payment_is_visible_on_the_current_routes(client, sim):
    create(client, transaction_id="CLASSIC1")
    sim.settle("CLASSIC1", "ACCEPTED", payment_method="MOMO")
    status = client.get("/v1/payment/CLASSIC1", headers=bearer(client)).json()
    assert (status["status"], status["payment_method"]) == ("SUCCESS", "MTN_CI")


def test_expiry_and_clock(client, sim):
    auth = bearer(client)
    client.post("/v1/payment", json=pay_body("CUR3"), headers=auth)
    client.post("/_sim/clock", json={"advance_seconds": 3600})
    auth = bearer(client)  # the first token is still valid, but be explicit
    assert client.get("/v1/payment/CUR3", headers=auth).json()["status"] == "EXPIRED"
    late = client.post("/_sim/payments/CUR3/settle", json={"outcome": "ACCEPTED"})
    assert late.status_code == 409


def test_duplicates_validation_and_not_found(client, sim):
    auth = bearer(client)
    client.post("/v1/payment", json=pay_body("DUP1"), headers=auth)
    create(client, transaction_id="DUP2")  # a classic id is taken on both platforms
    for mtid in ("DUP1", "DUP2"):
        dup = client.post("/v1/payment", json=pay_body(mtid), headers=auth)
        assert dup.status_code == 409
        assert (dup.json()["code"], dup.json()["status"]) == (1200, "TRANSACTION_EXIST")
    bad = client.post("/v1/payment", headers=auth, json=pay_body(
        "a-b", amount="5000", channel="SMS", payment_method="OM_SN", client_email="x"))
    assert bad.status_code == 422 and bad.json()["code"] == 422
    assert set(bad.json()["errors"]) == {"merchant_transaction_id", "amount", "channel",
                                         "payment_method", "client_email"}
    missing = client.get("/v1/payment/NOPE", headers=auth)
    assert (missing.status_code, missing.json()["code"]) == (404, 404)
    assert client.get("/v1/transfer/NOPE", headers=auth).json()["status"] == "NOT_FOUND"


def test_transfer_lifecycle_and_balance(client, sim):
    fund(sim)
    auth = bearer(client)
    before = client.get("/v1/balances", headers=auth).json()["available_balance"]
    assert before == "100000"
    sent = client.post("/v1/transfer", json=transfer_body(), headers=auth).json()
    assert (sent["code"], sent["status"], sent["amount"], sent["fee_amount"]) == (
        2002, "PENDING", "1000", "0")
    assert sent["phone_number"] == "+2250701020304" and sent["notify_token"]
    assert client.get("/v1/balances", headers=auth).json()["available_balance"] == "99000"
    ledger = client.get("/_sim/ledger").json()
    assert ledger["transfers"][0]["client_transaction_id"] == "TR1"
    assert ledger["transfers"][0]["current"]["payment_method"] == "OM_CI"
    sim.advance(61)
    done = client.get(f"/v1/transfer/{sent['transaction_id']}", headers=auth).json()
    assert (done["code"], done["status"]) == (100, "SUCCESS")
    assert client.get("/v1/balances", headers=auth).json()["available_balance"] == "99000"
    dup = client.post("/v1/transfer", json=transfer_body(), headers=auth).json()
    assert dup["code"] == 1200


def test_transfer_refusals(client, sim):
    fund(sim, 500)
    auth = bearer(client)
    poor = client.post("/v1/transfer", json=transfer_body(amount=501), headers=auth)
    assert poor.status_code == 200 and poor.json()["code"] == 2005
    assert poor.json()["description"]  # an error for the SDK, not a state
    wrong = client.post("/v1/transfer", headers=auth, json=transfer_body(
        phone_number="+2210701020304", payment_method="MTN_CM"))
    assert wrong.status_code == 422
    assert set(wrong.json()["errors"]) == {"phone_number", "payment_method"}
    assert sim.transfers() == []


def test_transfer_to_99_fails_after_a_minute(client, sim):
    fund(sim)
    auth = bearer(client)
    client.post("/v1/transfer", json=transfer_body(phone_number="+2250701020399"), headers=auth)
    assert client.get("/v1/transfer/TR1", headers=auth).json()["status"] == "PENDING"
    sim.advance(61)
    failed = client.get("/v1/transfer/TR1", headers=auth).json()
    assert (failed["code"], failed["status"]) == (2010, "FAILED")


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("html_error", 502),
                                              ("rate_limit_429", 429)])
def test_faults_before_apply_leave_nothing(client, sim, kind, status):
    auth = bearer(client)
    client.post("/_sim/faults", json={"kinds": [kind], "count": 1, "paths": ["/v1/payment"]})
    answer = client.post("/v1/payment", json=pay_body("F1"), headers=auth)
    assert answer.status_code == status and sim.payments() == []
    if kind == "rate_limit_429":
        assert answer.json()["code"] == "429" and answer.headers["Retry-After"] == "1"
    assert sim.request_log()[-1]["endpoint"] == "current.payment"


def test_faults_after_apply_keep_the_payment(client, sim):
    auth = bearer(client)
    client.post("/_sim/faults", json={"kinds": ["malformed_json"], "count": 1,
                                      "paths": ["/v1/payment"]})
    answer = client.post("/v1/payment", json=pay_body("F2"), headers=auth)
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()
    client.post("/_sim/faults", json={"kinds": ["drop_after_commit"], "count": 1,
                                      "paths": ["/v1/transfer"]})
    fund(sim)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/transfer", json=transfer_body("F3"), headers=auth)
    assert [p["transaction_id"] for p in sim.payments()] == ["F2"]
    assert [t["client_transaction_id"] for t in sim.transfers()] == ["F3"]


def test_timeout_fault_holds_then_the_payment_exists(sim):
    with httpx.Client(base_url=sim.base_url, timeout=0.5) as short:
        auth = bearer(short)
        sim.set_faults(kinds=["timeout"], count=1, paths=["/v1/payment"], hang_seconds=2)
        with pytest.raises(httpx.ReadTimeout):
            short.post("/v1/payment", json=pay_body("F4"), headers=auth)
    assert [p["transaction_id"] for p in sim.payments()] == ["F4"]


def test_cli_simulator_announces_the_current_api_on_its_own_line():
    command = [sys.executable, "-m", "backoffice.cli", "simulator", "--host", "127.0.0.1",
               "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as proc:
        try:
            assert proc.stdout is not None
            first = proc.stdout.readline().strip()
            assert first.startswith("http://127.0.0.1:")
            lines = [proc.stdout.readline().strip() for _ in range(2)]
            assert f"current-api: {first}" in lines
            login = httpx.post(f"{first}/v1/oauth/login", json=LOGIN, timeout=5)
            assert login.json()["access_token"]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
