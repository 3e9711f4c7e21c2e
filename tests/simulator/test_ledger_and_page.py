"""One ledger behind three APIs, and the customer's checkout page."""

from __future__ import annotations

import re
from decimal import Decimal

import httpx

from backoffice.simulator import Simulator
from tests.support.sim_http import check, create, legacy


def compte(client: httpx.Client) -> dict[str, Decimal]:
    balance = legacy(client, "getCompteStatus")["user"]["compte"]
    return {k: Decimal(v) for k, v in balance.items()}


def test_paid_v2_payment_shows_in_v1_history_and_balances(
    demo_sim: Simulator, demo_client: httpx.Client
) -> None:
    before = compte(demo_client)
    create(demo_client, transaction_id="LEDGER-1", amount=10_005)
    history = legacy(demo_client, "getTransHistory", cpm_trans_id="LEDGER-1")
    assert history["Transactions"]["transaction"] == []  # not paid yet: not in history
    assert compte(demo_client) == before

    demo_sim.settle("LEDGER-1", "ACCEPTED", payment_method="WAVE", phone_number="0544332211")
    [row] = legacy(demo_client, "getTransHistory", cpm_trans_id="LEDGER-1")["Transactions"][
        "transaction"
    ]
    assert (row["cpm_trans_status"], row["cpm_amount"], row["payment_method"]) == (
        "ACCEPTED",
        "10005",
        "WAVE",
    )
    after = compte(demo_client)
    assert after["credit"] - before["credit"] == 10_005
    assert after["debit"] - before["debit"] == Decimal("300.15")
    assert after["solde"] == after["credit"] - after["debit"]
    ledger = demo_client.get("/_sim/ledger").json()
    assert ledger["balances"]["compte"] == legacy(demo_client, "getCompteStatus")["user"]["compte"]


def test_refused_payment_in_history_without_touching_balances(
    sim: Simulator, client: httpx.Client
) -> None:
    create(client)
    sim.settle("CMP-0001", "REFUSED", code="602")
    [row] = legacy(client, "getTransHistory")["Transactions"]["transaction"]
    assert (row["cpm_trans_status"], row["cpm_result"]) == ("REFUSED", "602")
    assert compte(client) == {"solde": 0, "credit": 0, "debit": 0}


def test_demo_balances_match_the_accepted_demo_payments(demo_sim: Simulator) -> None:
    accepted = [p for p in demo_sim.payments() if p["status"] == "ACCEPTED"]
    balances = demo_sim.balances()
    assert Decimal(balances["compte"]["credit"]) == sum(p["amount"] for p in accepted)
    statuses = {p["status"] for p in demo_sim.payments()}
    assert statuses == {"ACCEPTED", "REFUSED", "PENDING"}
    assert all(p["amount"] % 5 == 0 and 500 <= p["amount"] <= 150_000 for p in accepted)
    assert all(re.fullmatch(r"0[157]\d{8}", p["phone_number"]) for p in accepted)
    assert len(demo_sim.contacts()) == 12
    assert {t["treatment_status"] for t in demo_sim.transfers()} == {"VAL", "REJ"}


def test_demo_data_is_deterministic(demo_sim: Simulator) -> None:
    with Simulator(seed_demo=True, rng_seed=1234) as twin:
        mine = [(p["transaction_id"], p["amount"], p["status"]) for p in demo_sim.payments()]
        assert mine == [(p["transaction_id"], p["amount"], p["status"]) for p in twin.payments()]
        assert demo_sim.contacts() == twin.contacts()


# -- checkout page ------------------------------------------------------------------------------
def _page_url(client: httpx.Client, **overrides: object) -> str:
    return create(client, **overrides).json()["data"]["payment_url"]


def test_checkout_page_shows_the_payment(client: httpx.Client) -> None:
    page = client.get(_page_url(client, amount=17_500, description="Pagne wax"))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "17\u202f500\u00a0F\u202fCFA" in page.text and "Pagne wax" in page.text
    for label in ("Orange Money", "MTN MoMo", "Moov", "Wave", "Payer", "Refuser"):
        assert label in page.text
    assert not re.search(r"""(src|href)=["']https?://""", page.text)  # no external assets


def test_checkout_page_pay(sim: Simulator, client: httpx.Client) -> None:
    url = _page_url(client)
    result = client.post(url, data={"operator": "MOMO", "phone": "05 44 33 22 11", "action": "pay"})
    assert result.status_code == 200 and "Paiement accepté" in result.text
    data = check(client, transaction_id="CMP-0001").json()["data"]
    assert (data["status"], data["payment_method"], data["phone_number"]) == (
        "ACCEPTED",
        "MOMO",
        "0544332211",
    )
    again = client.post(url, data={"operator": "OM", "phone": "0701020304", "action": "refuse"})
    assert again.status_code == 409 and "déjà été traité" in again.text


def test_checkout_page_refuse(client: httpx.Client) -> None:
    result = client.post(_page_url(client), data={"operator": "OM", "action": "refuse"})
    assert "Paiement refusé" in result.text
    body = check(client, transaction_id="CMP-0001").json()
    assert (body["code"], body["data"]["status"]) == ("627", "REFUSED")


def test_checkout_page_rejects_a_bad_phone_and_unknown_tokens(client: httpx.Client) -> None:
    url = _page_url(client)
    bad = client.post(url, data={"operator": "OM", "phone": "12", "action": "pay"})
    assert bad.status_code == 400 and "invalide" in bad.text
    assert check(client, transaction_id="CMP-0001").json()["code"] == "662"
    assert client.get(url[: url.rindex("/")] + "/unknown").status_code == 404
