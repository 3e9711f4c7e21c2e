"""The current-platform client (api/current/) against the simulator over real loopback HTTP:
every endpoint, the token rules, the codes and every fault kind."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest

from backoffice.api import (
    AuthError,
    BadResponse,
    DuplicateId,
    InsufficientFunds,
    InvalidRequest,
    MaybeSent,
    NotFound,
    NotSent,
    RetryPolicy,
    TokenError,
    ValidationError,
)
from backoffice.api.current import (
    CurrentClient,
    CurrentCredentials,
    CurrentPaymentRequest,
    CurrentTransferRequest,
    State,
)
from backoffice.simulator import Conflict, Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS

URL = "https://boutique.example.ci/cinetpay"
FAST_RETRY = RetryPolicy(attempts=3, wait_initial=0.01, wait_max=0.05, retry_after_cap=0.05,
                         timeout=10)
SHORT_TIMEOUT = httpx.Timeout(connect=2.0, read=1.5, write=2.0, pool=2.0)
CREDS = CurrentCredentials(CURRENT_CREDENTIALS["api_key"], CURRENT_CREDENTIALS["api_password"],
                           CURRENT_CREDENTIALS["country"])


def make_current(sim: Simulator, creds: CurrentCredentials = CREDS) -> CurrentClient:
    return CurrentClient(creds, sim.base_url, timeout=SHORT_TIMEOUT, retry=FAST_RETRY)


@pytest.fixture
async def cur(sim: Simulator) -> AsyncIterator[CurrentClient]:
    async with make_current(sim) as client:
        yield client


def new_id() -> str:
    return f"T{uuid.uuid4().hex[:20].upper()}"


def pay_request(mtid: str, amount: int = 5000, **over: object) -> CurrentPaymentRequest:
    fields: dict[str, object] = dict(
        merchant_transaction_id=mtid, amount=amount, currency="XOF", designation="Vente",
        client_first_name="Aya", client_last_name="Kouassi", client_email="client@example.ci",
        success_url=f"{URL}/ok", failed_url=f"{URL}/ko", notify_url=f"{URL}/notify")
    fields.update(over)
    return CurrentPaymentRequest(**fields)  # type: ignore[arg-type]


def transfer_request(mtid: str, amount: int = 1000, phone: str = "+2250701020304",
                     method: str = "OM_CI") -> CurrentTransferRequest:
    return CurrentTransferRequest(mtid, phone, amount, method, "XOF", "Remboursement",
                                  f"{URL}/notify")


def api_calls(sim: Simulator, path: str, method: str = "") -> int:
    return sum(1 for e in sim.request_log()
               if e["path"] == path and (not method or e["method"] == method))


# --- login and token ---------------------------------------------------------------------


async def test_login_once_then_the_token_is_reused(cur, sim):
    first = await cur.balances.get()
    await cur.balances.get()
    assert cur.session.logins == 1
    assert isinstance(first.available, Decimal) and first.currency == "XOF"


async def test_expired_token_answered_200_1003_is_renewed_once(cur, sim):
    await cur.balances.get()
    sim.advance(86_401)  # expired at CinetPay; our cache (real monotonic clock) still fresh
    await cur.balances.get()
    assert cur.session.logins == 2
    assert api_calls(sim, "/v1/balances") == 3  # the refused one, then the retry


async def test_unknown_token_answered_401_1002_is_renewed_once(cur, sim):
    await cur.balances.get()
    sim.state.current_tokens.clear()  # CinetPay forgot every token
    await cur.balances.get()
    assert cur.session.logins == 2


async def test_token_refused_again_after_renewal_is_raised(cur, sim, monkeypatch):
    monkeypatch.setattr(sim.state, "current_token_error", lambda token: 1002)
    with pytest.raises(TokenError) as caught:
        await cur.payments.create(pay_request(new_id()))
    assert caught.value.code == "1002" and not caught.value.may_have_been_processed
    assert cur.session.logins == 2 and api_calls(sim, "/v1/payment") == 2


async def test_token_is_renewed_before_it_expires_locally(cur):
    now = [1000.0]
    cur.session._clock = lambda: now[0]
    await cur.balances.get()
    now[0] += 86_400 - 1800  # inside the renewal margin
    await cur.balances.get()
    assert cur.session.logins == 2


async def test_wrong_password_is_an_auth_error_without_retry(sim):
    wrong = CurrentCredentials(CREDS.api_key, "not-the-password", "CI")
    async with make_current(sim, wrong) as client:
        with pytest.raises(AuthError) as caught:
            await client.balances.get()
    assert caught.value.code == "1005" and not isinstance(caught.value, TokenError)
    assert "mot de passe API" in caught.value.human("fr")
    assert "API password" in caught.value.human("en")
    assert api_calls(sim, "/v1/oauth/login") == 1 and api_calls(sim, "/v1/balances") == 0


async def test_missing_password_is_refused_before_sending(sim):
    async with make_current(sim, CurrentCredentials(CREDS.api_key, "", "CI")) as client:
        with pytest.raises(ValidationError):
            await client.balances.get()
    assert sim.request_log() == []


@pytest.mark.parametrize("kind", ["timeout", "http_500", "malformed_json"])
async def test_a_lost_login_means_the_request_was_not_sent(cur, sim, kind):
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/oauth/login"], hang_seconds=3)
    with pytest.raises(NotSent) as caught:
        await cur.payments.create(pay_request(new_id()))
    assert not caught.value.may_have_been_processed
    assert api_calls(sim, "/v1/payment") == 0


# --- payments ----------------------------------------------------------------------------


async def test_payment_link_then_status_until_paid(cur, sim):
    mtid = new_id()
    link = await cur.payments.create(pay_request(mtid, 7500))
    assert link.merchant_transaction_id == mtid
    assert link.payment_url.startswith(f"{sim.base_url}/checkout/")
    assert link.payment_token and link.notify_token and link.transaction_id
    assert link.details_status == "INITIATED" and link.must_be_redirected
    pending = await cur.payments.status(mtid)
    assert pending.state is State.INITIATED and pending.state.is_pending
    sim.settle(mtid, "ACCEPTED")
    for identifier in (mtid, link.payment_token, link.transaction_id):
        paid = await cur.payments.status(identifier)
        assert paid.state is State.SUCCESS and paid.code == "100"
        assert paid.amount == Decimal(7500) and isinstance(paid.amount, Decimal)
        assert paid.currency == "XOF" and paid.merchant_transaction_id == mtid
        assert paid.payment_method == "OM_CI" and paid.payment_date is not None


@pytest.mark.parametrize(("code", "state"), [("627", State.FAILED), ("600", State.FAILED),
                                             ("602", State.INSUFFICIENT_BALANCE),
                                             ("604", State.OTP_ERROR)])
async def test_refused_payment_is_a_final_state(cur, sim, code, state):
    mtid = new_id()
    await cur.payments.create(pay_request(mtid))
    sim.settle(mtid, "REFUSED", code=code)
    status = await cur.payments.status(mtid)
    assert status.state is state and status.state.is_final and not status.state.is_success


async def test_unpaid_link_expires_and_can_no_longer_be_paid(cur, sim):
    mtid = new_id()
    await cur.payments.create(pay_request(mtid))
    sim.advance(3601)
    assert (await cur.payments.status(mtid)).state is State.EXPIRED
    with pytest.raises(Conflict):
        sim.settle(mtid, "ACCEPTED")


async def test_duplicate_id_is_1200_and_proves_nothing_was_done(cur, sim):
    mtid = new_id()
    await cur.payments.create(pay_request(mtid))
    with pytest.raises(DuplicateId) as caught:
        await cur.payments.create(pay_request(mtid))
    assert caught.value.code == "1200" and not caught.value.may_have_been_processed
    assert len([p for p in sim.payments() if p["transaction_id"] == mtid]) == 1


async def test_validation_error_422_names_the_field(cur, sim):
    with pytest.raises(InvalidRequest) as caught:  # XAF is valid, but not this account's
        await cur.payments.create(pay_request(new_id(), currency="XAF"))
    assert caught.value.code == "422" and "currency" in caught.value.description
    assert "refusées" in caught.value.human("fr")


async def test_unknown_payment_is_not_found_and_a_read(cur):
    with pytest.raises(NotFound) as caught:
        await cur.payments.status("NOSUCHPAYMENT")
    assert caught.value.code == "404" and caught.value.read


@pytest.mark.parametrize("bad", ["lower1", "WITH-HYPHEN", "A" * 31, "", "ÉTÉ1"])
async def test_ids_are_checked_before_anything_is_sent(cur, sim, bad):
    with pytest.raises(ValidationError) as caught:
        await cur.payments.create(pay_request(bad))
    assert caught.value.field == "merchant_transaction_id"
    assert sim.request_log() == []


async def test_amounts_are_whole_numbers_within_the_limits(cur, sim):
    for amount in (99, 2_500_001, 100.0, True):
        with pytest.raises(ValidationError):
            await cur.payments.create(pay_request(new_id(), amount))  # type: ignore[arg-type]
    assert sim.request_log() == []


async def test_a_current_payment_shows_on_the_classic_side_of_the_same_shop(cur, sim, api):
    mtid = new_id()
    await cur.payments.create(pay_request(mtid, 6000))
    sim.settle(mtid, "ACCEPTED")
    check = await api.checkout.check_payment(transaction_id=mtid)
    assert check.status == "ACCEPTED" and check.amount == Decimal(6000)


async def test_balance_follows_the_shared_ledger(cur, sim):
    before = (await cur.balances.get()).available
    mtid = new_id()
    await cur.payments.create(pay_request(mtid, 10_000))
    sim.settle(mtid, "ACCEPTED")
    assert (await cur.balances.get()).available == before + Decimal("9700.00")  # 3 % fee


# --- transfers ---------------------------------------------------------------------------


async def test_transfer_pending_then_success(cur, sim):
    mtid = new_id()
    sent = await cur.transfers.create(transfer_request(mtid, 1500))
    assert sent.state is State.PENDING and sent.merchant_transaction_id == mtid
    assert sent.amount == Decimal(1500) and sent.fee_amount == Decimal(0)
    assert sent.phone_number == "+2250701020304" and sent.notify_token
    sim.advance(61)
    for identifier in (mtid, sent.transaction_id):
        done = await cur.transfers.status(identifier)
        assert done.state is State.SUCCESS and done.amount == Decimal(1500)
    assert [t["client_transaction_id"] for t in sim.transfers()].count(mtid) == 1


async def test_transfer_to_a_number_ending_in_99_fails(cur, sim):
    mtid = new_id()
    await cur.transfers.create(transfer_request(mtid, phone="+2250701020399"))
    sim.advance(61)
    assert (await cur.transfers.status(mtid)).state is State.FAILED


async def test_transfer_over_the_balance_is_refused_2005(cur, sim):
    available = (await cur.balances.get()).available
    with sim.state.lock:  # leave 500 available
        sim.state.ledger.transfer_funds -= int(available) - 500
    assert 500 <= (await cur.balances.get()).available < 501
    with pytest.raises(InsufficientFunds) as caught:
        await cur.transfers.create(transfer_request(new_id(), 501))
    assert caught.value.code == "2005" and not caught.value.may_have_been_processed
    assert sim.transfers() == [t for t in sim.transfers() if t["current"] is None]


async def test_transfer_duplicate_id_is_1200(cur, sim):
    mtid = new_id()
    await cur.transfers.create(transfer_request(mtid))
    with pytest.raises(DuplicateId):
        await cur.transfers.create(transfer_request(mtid))
    assert [t["client_transaction_id"] for t in sim.transfers()].count(mtid) == 1


@pytest.mark.parametrize(("phone", "method", "field"), [
    ("0701020304", "OM_CI", "phone_number"),      # not E.164
    ("+2250701020304", "OM_SN", "payment_method"),  # another country's method
    ("+2210701020304", "OM_CI", "phone_number"),  # a Senegalese number for OM_CI
])
async def test_transfer_fields_are_checked_before_sending(cur, sim, phone, method, field):
    with pytest.raises(ValidationError) as caught:
        await cur.transfers.create(transfer_request(new_id(), phone=phone, method=method))
    assert caught.value.field == field and sim.request_log() == []


async def test_unknown_transfer_is_not_found(cur):
    with pytest.raises(NotFound):
        await cur.transfers.status("NOSUCHTRANSFER")


# --- faults ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["timeout", "drop_after_commit", "malformed_json"])
async def test_payment_answer_lost_after_commit_is_uncertain_and_not_resent(cur, sim, kind):
    await cur.balances.get()  # logged in before the fault
    mtid = new_id()
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/payment"], hang_seconds=3)
    with pytest.raises((MaybeSent, BadResponse)) as caught:
        await cur.payments.create(pay_request(mtid))
    assert caught.value.may_have_been_processed
    assert api_calls(sim, "/v1/payment", "POST") == 1  # never sent twice
    sim.clear_faults()
    assert (await cur.payments.status(mtid)).state is State.INITIATED  # it did exist


@pytest.mark.parametrize("kind", ["timeout", "drop_after_commit", "malformed_json"])
async def test_transfer_answer_lost_is_uncertain_and_sent_once(cur, sim, kind):
    await cur.balances.get()
    mtid = new_id()
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/transfer"], hang_seconds=3)
    with pytest.raises((MaybeSent, BadResponse)) as caught:
        await cur.transfers.create(transfer_request(mtid))
    assert caught.value.may_have_been_processed
    assert api_calls(sim, "/v1/transfer", "POST") == 1
    sim.clear_faults()
    assert (await cur.transfers.status(mtid)).merchant_transaction_id == mtid


@pytest.mark.parametrize("kind", ["http_500", "html_error"])
async def test_transfer_5xx_is_uncertain_though_nothing_was_applied(cur, sim, kind):
    await cur.balances.get()
    mtid = new_id()
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/transfer"])
    with pytest.raises(BadResponse) as caught:
        await cur.transfers.create(transfer_request(mtid))
    assert caught.value.may_have_been_processed  # a 5xx proves nothing: check first
    sim.clear_faults()
    with pytest.raises(NotFound):
        await cur.transfers.status(mtid)


async def test_rate_limit_429_is_retried_after_backoff(cur, sim):
    await cur.balances.get()
    mtid = new_id()
    sim.set_faults(kinds=["rate_limit_429"], count=1, paths=["/v1/payment"])
    link = await cur.payments.create(pay_request(mtid))
    assert link.merchant_transaction_id == mtid
    assert api_calls(sim, "/v1/payment", "POST") == 2


@pytest.mark.parametrize("kind", ["timeout", "http_500", "html_error", "malformed_json",
                                  "drop_after_commit"])
async def test_failed_reads_say_try_again(cur, sim, kind):
    await cur.balances.get()
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/balances"], hang_seconds=3)
    with pytest.raises((MaybeSent, BadResponse)) as caught:
        await cur.balances.get()
    assert caught.value.read and "réessayez" in caught.value.human("fr")
