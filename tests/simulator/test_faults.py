"""Fault injection: every kind, whether the request was applied, count/paths, latency, 1010."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from backoffice.simulator import Simulator
from tests.support.sim_http import check, create, init_body


def _body(transaction_id: str) -> dict:
    return init_body(transaction_id=transaction_id)


def test_timeout_applies_then_hangs(sim: Simulator, client: httpx.Client) -> None:
    sim.set_faults(kinds=["timeout"], count=1, hang_seconds=2)
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        client.post("/v2/payment", json=_body("T-HANG"), timeout=httpx.Timeout(5, read=0.3))
    assert time.monotonic() - started < 1.5
    assert [p["transaction_id"] for p in sim.payments()] == ["T-HANG"]  # applied
    assert sim.request_log()[-1]["fault"] == "timeout"
    assert sim.request_log()[-1]["status"] is None
    assert check(client, transaction_id="T-HANG").json()["code"] == "662"  # count exhausted


def test_drop_after_commit_applies_without_answering(sim: Simulator, client: httpx.Client) -> None:
    sim.set_faults(kinds=["drop_after_commit"], count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v2/payment", json=_body("T-DROP"))
    assert [p["transaction_id"] for p in sim.payments()] == ["T-DROP"]
    assert create(client, transaction_id="T-DROP").json()["code"] == "608"  # already used


@pytest.mark.parametrize(
    ("kind", "status", "content_type"),
    [
        ("http_500", 500, "text/plain"),
        ("html_error", 502, "text/html"),
        ("rate_limit_429", 429, "application/json"),
    ],
)
def test_errors_before_apply(
    sim: Simulator, client: httpx.Client, kind: str, status: int, content_type: str
) -> None:
    sim.set_faults(kinds=[kind], rate=1.0)
    response = client.post("/v2/payment", json=_body("T-ERR"))
    assert response.status_code == status
    assert response.headers["content-type"].startswith(content_type)
    assert sim.payments() == []  # nothing applied
    if kind == "rate_limit_429":
        assert response.json() == {"code": "429", "message": "TOO_MANY_REQUEST"}
        assert response.headers["retry-after"] == "1"


def test_malformed_json_applies_and_truncates(sim: Simulator, client: httpx.Client) -> None:
    sim.set_faults(kinds=["malformed_json"], count=1)
    response = client.post("/v2/payment", json=_body("T-BAD"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert [p["transaction_id"] for p in sim.payments()] == ["T-BAD"]


def test_paths_rate_and_count(sim: Simulator, client: httpx.Client) -> None:
    sim.set_faults(kinds=["http_500"], rate=1.0, count=2, paths=["/v2/payment/check"])
    assert create(client).status_code == 200  # not a matching path
    statuses = [check(client, transaction_id="CMP-0001").status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert client.get("/_sim/faults").json()["injected"] == 2


def test_seeded_rate_is_reproducible(sim: Simulator, client: httpx.Client) -> None:
    def run() -> list[int]:
        sim.set_faults(kinds=["http_500"], rate=0.5, seed=7)
        return [check(client, transaction_id="x").status_code for _ in range(12)]

    first = run()
    assert first == run() and {500, 404} == set(first)


def test_latency(sim: Simulator, client: httpx.Client) -> None:
    sim.set_faults(latency_ms=150)
    started = time.monotonic()
    check(client, transaction_id="x")
    assert time.monotonic() - started >= 0.15
    started = time.monotonic()
    client.get("/_sim/credentials")  # control API is never delayed
    assert time.monotonic() - started < 0.1


def test_control_api_configures_and_clears_faults(sim: Simulator, client: httpx.Client) -> None:
    config = {"latency_ms": 0, "rate": 1, "kinds": ["http_500"], "seed": 3, "count": 1}
    assert client.post("/_sim/faults", json=config).json()["kinds"] == ["http_500"]
    assert client.post("/_sim/ledger").status_code == 405
    assert client.get("/_sim/ledger").status_code == 200  # exempt
    assert client.post("/_sim/faults", json={"kinds": ["meteor"]}).status_code == 400
    empty = client.post("/_sim/faults", headers={"Content-Type": "application/json"})
    assert empty.json()["kinds"] == []  # empty body clears
    assert check(client, transaction_id="x").status_code == 404


def test_missing_user_agent_is_error_1010(client: httpx.Client) -> None:
    del client.headers["User-Agent"]
    response = client.post("/v2/payment", json=_body("T-UA"))
    assert response.status_code == 403 and response.text == "error code: 1010"
    response = client.get("/v1/transfer/check/balance")
    assert response.status_code == 403
    assert client.get("/_sim/credentials").status_code == 200
    client.headers["User-Agent"] = "Comptoir/0.1"
    assert client.post("/v2/payment", json=_body("T-UA")).status_code == 200


def test_reset_clears_faults_and_releases_hanging_requests(
    sim: Simulator, client: httpx.Client
) -> None:
    sim.set_faults(kinds=["timeout"], hang_seconds=30)
    with pytest.raises(httpx.ReadTimeout):
        client.post("/v2/payment", json=_body("T-R"), timeout=httpx.Timeout(5, read=0.2))
    started = time.monotonic()
    assert client.post("/_sim/reset", json={}).json()["reset"] is True
    assert client.get("/_sim/faults").json()["kinds"] == []
    assert sim.payments() == [] and time.monotonic() - started < 0.5


def test_stop_is_fast_even_with_a_hanging_request() -> None:
    sim = Simulator(seed_demo=False)
    sim.start()
    sim.set_faults(kinds=["timeout"], hang_seconds=30)
    with httpx.Client(base_url=sim.base_url, verify=False) as c, pytest.raises(httpx.ReadTimeout):
        c.post("/v2/payment", json=_body("T-S"), timeout=httpx.Timeout(5, read=0.1))
    started = time.monotonic()
    sim.stop()
    assert time.monotonic() - started < 0.2
