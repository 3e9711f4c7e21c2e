"""The closing's simulator controls over HTTP: a payment made outside the till shows in the
v1 history as paid; an amended payment shows its new amount or status in checks and history."""

from __future__ import annotations

import httpx

from tests.support.sim_http import check, create, legacy


def history_row(client: httpx.Client, transaction_id: str) -> dict:
    rows = legacy(client, "getTransHistory", cpm_trans_id=transaction_id)
    [row] = rows["Transactions"]["transaction"]
    return row


def test_outside_payment_is_paid_in_the_history(client: httpx.Client) -> None:
    made = client.post("/_sim/payments", json={"transaction_id": "WEB1", "amount": 9000,
                                               "payment_method": "WAVE"})
    assert made.status_code == 200 and made.json()["status"] == "ACCEPTED"
    row = history_row(client, "WEB1")
    assert (row["cpm_trans_status"], row["cpm_amount"], row["payment_method"]) == \
        ("ACCEPTED", "9000", "WAVE")
    again = client.post("/_sim/payments", json={"transaction_id": "WEB1", "amount": 1})
    assert again.status_code == 409
    assert client.post("/_sim/payments", json={"transaction_id": "W2", "amount": "x"}
                       ).status_code == 400
    assert client.post("/_sim/payments", json={"amount": 5}).status_code == 400


def test_amend_changes_amount_and_status(client: httpx.Client) -> None:
    create(client, transaction_id="AM1", amount=6000)
    client.post("/_sim/payments/AM1/settle", json={"outcome": "ACCEPTED"})
    amended = client.post("/_sim/payments/AM1/amend", json={"amount": 6500})
    assert amended.status_code == 200 and amended.json()["amount"] == 6500
    assert history_row(client, "AM1")["cpm_amount"] == "6500"
    assert check(client, transaction_id="AM1").json()["data"]["amount"] in ("6500", 6500)
    refused = client.post("/_sim/payments/AM1/amend", json={"status": "REFUSED"})
    assert refused.json()["status"] == "REFUSED"
    assert history_row(client, "AM1")["cpm_trans_status"] == "REFUSED"
    assert client.post("/_sim/payments/AM1/amend", json={"status": "MAYBE"}).status_code == 400
    assert client.post("/_sim/payments/nope/amend", json={}).status_code == 404
    assert client.post("/_sim/payments/AM1/amend", json={"amount": True}).status_code == 400
