"""Control API (/_sim/), the Python interface and the standalone runner."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from backoffice.simulator import DEMO_CREDENTIALS, Conflict, NotFound, Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS
from tests.support.sim_http import create


def test_settle_via_control_api(client: httpx.Client) -> None:
    create(client)
    settle = "/_sim/payments/CMP-0001/settle"
    body = {
        "outcome": "REFUSED",
        "payment_method": "OM",
        "phone_number": "0701020304",
        "code": "602",
    }
    response = client.post(settle, json=body)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["code"]) == ("REFUSED", "602")
    assert client.post(settle, json={"outcome": "ACCEPTED"}).status_code == 409
    assert client.post("/_sim/payments/nope/settle", json={}).status_code == 404
    create(client, transaction_id="two")
    bad = client.post("/_sim/payments/two/settle", json={"outcome": "MAYBE"})
    assert bad.status_code == 400 and "error" in bad.json()
    assert (
        client.post(
            "/_sim/payments/two/settle", json={"outcome": "REFUSED", "code": "00"}
        ).status_code
        == 400
    )


def test_settle_via_python(sim: Simulator, client: httpx.Client) -> None:
    create(client)
    assert sim.settle("CMP-0001")["status"] == "ACCEPTED"
    with pytest.raises(Conflict):
        sim.settle("CMP-0001")
    with pytest.raises(NotFound):
        sim.settle("nope")


def test_clock(sim: Simulator, client: httpx.Client) -> None:
    before = client.get("/_sim/clock").json()["now"]
    after = client.post("/_sim/clock", json={"advance_seconds": 3600}).json()["now"]
    assert 3600 <= after - before < 3601
    assert sim.advance(60) - after >= 60
    assert client.post("/_sim/clock", json={"advance_seconds": -1}).status_code == 400


def test_reset_restores_the_initial_ledger(demo_sim: Simulator, demo_client: httpx.Client) -> None:
    initial = demo_client.get("/_sim/ledger").json()
    create(demo_client, transaction_id="NEW-1")
    demo_sim.advance(86_400)
    assert len(demo_client.get("/_sim/ledger").json()["payments"]) == len(initial["payments"]) + 1
    demo_client.post("/_sim/reset", headers={"Content-Type": "application/json"})
    assert demo_client.get("/_sim/ledger").json() == initial
    assert demo_sim.request_log() == []


def test_credentials_and_ledger_shapes(sim: Simulator, client: httpx.Client) -> None:
    assert client.get("/_sim/credentials").json() == {**DEMO_CREDENTIALS,
                                                        "current": CURRENT_CREDENTIALS}
    assert set(DEMO_CREDENTIALS) == {"apikey", "site_id", "transfer_password"}
    ledger = client.get("/_sim/ledger").json()
    assert set(ledger) == {"payments", "transfers", "contacts", "balances"}
    assert set(ledger["balances"]) == {"compte", "service", "transfer"}


def test_request_log_lists_api_calls_only(sim: Simulator, client: httpx.Client) -> None:
    create(client)
    client.post("/v1/?method=getCompteStatus", data={})
    client.get("/_sim/ledger")
    log = sim.request_log()
    assert [(e["method"], e["path"], e["status"]) for e in log] == [
        ("POST", "/v2/payment", 200),
        ("POST", "/v1", 200),
    ]
    assert log[1]["endpoint"] == "legacy.getCompteStatus"


def test_context_manager_and_ports() -> None:
    with Simulator(seed_demo=False) as sim:
        assert sim.base_url == f"http://127.0.0.1:{sim.port}" and sim.port > 0
        assert httpx.get(f"{sim.base_url}/_sim/credentials").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{sim.port}/_sim/credentials", timeout=1)


def test_standalone_runner_prints_the_url_first() -> None:
    command = [sys.executable, "-m", "backoffice.simulator", "--port", "0", "--no-demo"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            base_url = proc.stdout.readline().strip()
            assert base_url.startswith("http://127.0.0.1:")
            assert httpx.get(f"{base_url}/_sim/credentials").json() == {
                **DEMO_CREDENTIALS, "current": CURRENT_CREDENTIALS}
        finally:
            proc.terminate()
            started = time.monotonic()
            assert proc.wait(timeout=5) == 0
            assert time.monotonic() - started < 2
