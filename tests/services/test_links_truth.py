"""Payment links are PAYÉ only when CinetPay's answer matches the link (issue 10), their QR
only on CinetPay's own address (issue 11): services against the simulator's odd shapes."""

from __future__ import annotations

import httpx
import pytest

from backoffice.api import NotSent
from backoffice.services.core import Comptoir
from backoffice.services.link_truth import anomaly_text
from backoffice.services.link_url import is_trusted, untrusted_reason
from backoffice.services.outcomes import LinkOutcome, link_outcome
from backoffice.store.states import State
from tests.support.clients import go_online, offline_client

CHECK_REFUSALS = ["603", "606", "804", "807", "808", "809", "810", "811", "812"]


def shape(sim, **body) -> dict:
    answer = httpx.post(f"{sim.base_url}/_sim/shapes/checkout", json=body, timeout=5)
    assert answer.status_code == 200, answer.text
    return answer.json()


def backdate(core: Comptoir, transaction_id: str) -> None:
    def run(db):  # the link was made two days ago
        with db.transaction() as conn:
            conn.execute("UPDATE payment_links SET created_at = '2026-01-01T08:00:00.000Z' "
                         "WHERE transaction_id = ?", (transaction_id,))
    return core.db.run(run)


async def paid_count(core: Comptoir) -> int:
    return await core.db.run(lambda db: db.scalar(
        "SELECT count(*) FROM payment_links WHERE payment_status = 'ACCEPTED'"))


@pytest.mark.parametrize(("name", "anomaly"), [
    ("success_but_refused", "status_mismatch"),
    ("success_but_pending", "status_mismatch"),
    ("other_amount", "amount_mismatch"),
    ("other_currency", "currency_mismatch"),
])
async def test_a_check_that_disagrees_with_the_link_is_an_anomaly_never_paid(
        core, sim, name, anomaly):
    row = await core.links.create(17500)
    shape(sim, shape=name, transaction_id=row.transaction_id)
    row = await core.links.refresh(row.transaction_id)
    assert row.anomaly == anomaly and row.payment_status != "ACCEPTED"
    assert row.state is State.SENT and link_outcome(row) is LinkOutcome.ANOMALY
    assert anomaly_text(row, "fr") and anomaly_text(row, "en") != anomaly_text(row, "fr")
    assert await paid_count(core) == 0
    assert (await core.unconfirmed()).awaiting_payment == 0  # "à vérifier", not awaiting


async def test_other_amount_stays_to_be_checked_even_if_a_later_answer_looks_right(core, sim):
    row = await core.links.create(5000)
    shape(sim, shape="other_amount", transaction_id=row.transaction_id, amount="50")
    row = await core.links.refresh(row.transaction_id)
    assert "50" in row.anomaly_detail and "5000" in row.anomaly_detail
    shape(sim, shape="clear")
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    row = await core.links.refresh(row.transaction_id)  # on demand: asked, recorded…
    assert row.status_code == "00" and row.anomaly == "amount_mismatch"  # …never PAYÉ
    assert row.payment_status != "ACCEPTED" and await paid_count(core) == 0
    before = len(sim.request_log())
    await core.links.refresh_all()  # a person settles it: no bulk re-checks
    assert len(sim.request_log()) == before


async def test_success_code_without_accepted_resolves_when_cinetpay_agrees(core, sim):
    row = await core.links.create(5000)
    shape(sim, shape="success_but_pending", transaction_id=row.transaction_id)
    assert (await core.links.refresh(row.transaction_id)).anomaly == "status_mismatch"
    shape(sim, shape="clear")
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    [row] = await core.links.refresh_all()
    assert row.state is State.FINAL and row.payment_status == "ACCEPTED"
    assert row.anomaly is None and link_outcome(row) is LinkOutcome.PAID


@pytest.mark.parametrize("code", CHECK_REFUSALS)
async def test_refusal_codes_in_a_check_are_a_refused_payment(core, sim, code):
    row = await core.links.create(5000)
    shape(sim, shape="refused_code", transaction_id=row.transaction_id, code=code)
    row = await core.links.refresh(row.transaction_id)
    assert row.payment_status == "REFUSED" and row.status_code == code
    assert link_outcome(row) is LinkOutcome.REFUSED
    assert (await core.unconfirmed()).awaiting_payment == 0


async def test_refused_then_paid_on_a_second_attempt_is_found(core, sim):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, outcome="REFUSED", code="602")
    row = await core.links.refresh(row.transaction_id)
    assert row.payment_status == "REFUSED" and row.state is State.SENT  # still checkable
    shape(sim, shape="accepted_after_refused", transaction_id=row.transaction_id)
    [row] = await core.links.refresh_all()  # the end-of-day / F5 bulk check finds it
    assert row.state is State.FINAL and row.payment_status == "ACCEPTED"
    assert row.payment_method == "OM"


async def test_refused_link_older_than_a_day_becomes_final(core, sim):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, outcome="REFUSED", code="627")
    await backdate(core, row.transaction_id)
    assert await core.links.refresh_all() == []  # not bulk-checked any more
    row = await core.links.refresh(row.transaction_id)  # on demand: still asked
    assert row.state is State.FINAL and row.payment_status == "REFUSED"


async def test_accepted_never_changes(core, sim):
    row = await core.links.create(5000)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    row = await core.links.refresh(row.transaction_id)
    shape(sim, shape="other_amount", transaction_id=row.transaction_id)
    before = len(sim.request_log())
    again = await core.links.refresh(row.transaction_id)
    assert again == row and len(sim.request_log()) == before


@pytest.mark.parametrize("body", [
    {"shape": "foreign_url"},
    {"shape": "http_url"},
    {"shape": "foreign_url", "payment_url": "https://checkout.cinetpay.com@evil.example/p"},
    {"shape": "foreign_url", "payment_url": "http://127.0.0.2/checkout/{token}"},
])
async def test_payment_url_off_the_simulator_is_an_anomaly_and_no_qr(core, sim, body):
    shape(sim, **body)
    row = await core.links.create(5000)
    assert row.anomaly == "untrusted_url" and row.payment_url is None
    assert row.payment_token  # created at CinetPay: checkable, never re-sent
    assert link_outcome(row) is LinkOutcome.ANOMALY
    assert (await core.unconfirmed()).awaiting_payment == 0
    assert await core.links.refresh_all() == []


async def test_link_whose_address_was_lost_is_said_at_once_and_not_awaited(core, sim):
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=1, paths=["/v2/payment"])
    row = await core.links.create(2500)
    assert row.state is State.SENT and row.payment_url is None
    assert link_outcome(row) is LinkOutcome.NO_URL
    assert (await core.unconfirmed()).awaiting_payment == 0
    assert await core.links.refresh_all() == []


async def test_a_stale_offline_does_not_refuse_a_new_link(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        with pytest.raises(NotSent):
            await core.links.create(5000)
        assert core.offline
        await go_online(core, sim, creds)  # the network is back; the probe backs off
        before = len(sim.request_log())
        with pytest.raises(NotSent):  # "offline" a moment ago: fail fast, nothing sent
            await core.links.create(5000)
        assert len(sim.request_log()) == before
        core.connectivity.last_outcome_at -= core.connectivity.FRESH_FOR + 1  # old news
        row = await core.links.create(5000)
        assert row.state is State.SENT and row.payment_url
        assert not core.offline
    finally:
        await core.aclose(drain=False)


SIM = "http://127.0.0.1:8765"
REAL = "https://api-checkout.cinetpay.com"


@pytest.mark.parametrize("url", [
    "https://checkout.cinetpay.com/payment/abc",
    "https://secure.cinetpay.co/pay?x=1",
    "https://cinetpay.net/p",
    "https://CHECKOUT.CINETPAY.COM:443/p",
])
def test_cinetpay_addresses_are_trusted_in_real_mode(url):
    assert is_trusted(url, REAL), untrusted_reason(url, REAL)


@pytest.mark.parametrize("url", [
    "http://checkout.cinetpay.com/payment/abc",  # not https
    "https://evilcinetpay.com/p",
    "https://cinetpay.com.evil.net/p",
    "https://cinetpay.com@evil.net/p",
    "https://user:pw@checkout.cinetpay.com/p",
    "https://checkout.cinetpay.com:8443/p",
    "https://checkout.cinetpаy.com/p",  # Cyrillic "а"
    "https://xn--cinetpy-9fg.com/p",
    "https://checkout.cinetpay.com./p",
    "https://%63inetpay.com/p",
    "https://evil.net\\@cinetpay.com/p",
    "https://evil.net#@cinetpay.com",
    "javascript:alert(1)",
    "https://checkout.cinetpay.com/p\n",
    "",
    "https://127.0.0.1:8765/checkout/x",  # the simulator's address is not CinetPay's
])
def test_anything_else_is_refused_in_real_mode(url):
    assert not is_trusted(url, REAL)


def test_training_accepts_only_the_simulators_loopback_host():
    assert is_trusted(f"{SIM}/checkout/abc", SIM)
    assert is_trusted("http://127.0.0.1:9999/checkout/abc", SIM)  # e.g. a proxy's port
    for url in ("https://checkout.cinetpay.com/p", "http://localhost:8765/checkout/a",
                "http://127.0.0.2:8765/checkout/a", "http://evil.example/checkout/a",
                "ftp://127.0.0.1/x", "http://x@127.0.0.1:8765/a"):
        assert not is_trusted(url, SIM), url
