"""The training simulator stays a training tool: a web page open on the till cannot drive its
control API (/_sim/) nor submit its checkout page, while its own page and the tests still can."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from backoffice.simulator import Simulator
from tests.support.sim_http import create

EVIL = "http://evil.example"
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def client(sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=5) as http:
        yield http


def pending_payment(client: httpx.Client, sim: Simulator, tx: str = "GUARD-1") -> str:
    assert create(client, transaction_id=tx).json()["code"] == "201"
    return tx


def status(sim: Simulator, tx: str) -> str:
    return next(p["status"] for p in sim.payments() if p["transaction_id"] == tx)


@pytest.mark.parametrize(("headers", "body"), [
    ({"Content-Type": "text/plain"}, b'{"outcome": "ACCEPTED"}'),  # a fetch() "simple" request
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"outcome=ACCEPTED"),  # a <form>
    ({}, b""),  # no body, no type
    ({**JSON, "Origin": EVIL}, b'{"outcome": "ACCEPTED"}'),  # another site, even with JSON
    ({**JSON, "Origin": "null"}, b'{"outcome": "ACCEPTED"}'),  # sandboxed page / file://
])
def test_a_web_page_cannot_settle_a_payment(client, sim, headers, body):
    tx = pending_payment(client, sim)
    answer = client.post(f"/_sim/payments/{tx}/settle", content=body, headers=headers)
    assert answer.status_code == 403 and answer.json()["error"]
    assert status(sim, tx) == "PENDING"


def test_dns_rebinding_is_refused_even_for_reads(client, sim):
    port = urlsplit(sim.base_url).port
    rebound = client.get("/_sim/credentials", headers={"Host": f"evil.example:{port}"})
    assert rebound.status_code == 403
    tx = pending_payment(client, sim)
    answer = client.post(f"/_sim/payments/{tx}/settle", json={"outcome": "ACCEPTED"},
                         headers={"Host": f"evil.example:{port}",
                                  "Origin": f"http://evil.example:{port}"})
    assert answer.status_code == 403 and status(sim, tx) == "PENDING"
    cross_read = client.get("/_sim/ledger", headers={"Origin": EVIL})
    assert cross_read.status_code == 403


def test_same_origin_json_and_scripts_still_work(client, sim):
    tx = pending_payment(client, sim)
    own = client.post(f"/_sim/payments/{tx}/settle", json={"outcome": "ACCEPTED"},
                      headers={"Origin": sim.base_url})
    assert own.status_code == 200 and status(sim, tx) == "ACCEPTED"
    assert client.post("/_sim/reset", headers=JSON).json()["reset"] is True  # empty JSON body
    assert client.get("/_sim/credentials").status_code == 200
    port = urlsplit(sim.base_url).port
    assert client.get("/_sim/ledger", headers={"Host": f"localhost:{port}"}).status_code == 200


def test_the_checkout_page_settles_from_itself_only(client, sim):
    created = create(client, transaction_id="GUARD-PAGE").json()
    page = urlsplit(created["data"]["payment_url"]).path
    form = {"operator": "OM", "phone": "0701020304", "action": "pay"}
    foreign = client.post(page, data=form, headers={"Origin": EVIL})
    assert foreign.status_code == 403 and status(sim, "GUARD-PAGE") == "PENDING"
    assert client.get(page).status_code == 200  # the page itself opens as before
    own = client.post(page, data=form, headers={"Origin": sim.base_url})  # its own form
    assert own.status_code == 200 and "Paiement accepté" in own.text
    assert status(sim, "GUARD-PAGE") == "ACCEPTED"
