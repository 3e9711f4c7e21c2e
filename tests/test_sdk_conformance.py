"""CinetPay's official Python SDK (``cinetpay-python``) against the simulator's current-platform
routes: the simulator follows the SDK. Login, payment, status after settle, transfer, balance,
token renewal on 1003, and the SDK's reading of errors (1200, 404, 422, 429)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

cinetpay = pytest.importorskip(
    "cinetpay", reason="cinetpay-python (CinetPay's SDK, a dev extra) is not installed")

from backoffice.simulator import Simulator  # noqa: E402
from backoffice.simulator.state import CURRENT_CREDENTIALS  # noqa: E402

URL = "https://boutique.example.ci/cinetpay"


@pytest.fixture
def sdk(sim: Simulator) -> Iterator[object]:
    creds = cinetpay.CountryCredentials(api_key=CURRENT_CREDENTIALS["api_key"],
                                        api_password=CURRENT_CREDENTIALS["api_password"])
    client = cinetpay.CinetPayClient(cinetpay.ClientConfig(
        credentials={"CI": creds}, base_url=sim.base_url, timeout=5))
    yield client
    client.close()


def payment(mtid: str, amount: int = 5000) -> object:
    return cinetpay.PaymentRequest(
        currency="XOF", merchant_transaction_id=mtid, amount=amount, lang="fr",
        designation="Vente comptoir", client_email="client@example.ci",
        client_first_name="Aya", client_last_name="Kouassi", success_url=f"{URL}/ok",
        failed_url=f"{URL}/ko", notify_url=f"{URL}/notify", channel="PUSH")


def transfer(mtid: str, amount: int = 1000, phone: str = "+2250701020304") -> object:
    return cinetpay.TransferRequest(
        currency="XOF", merchant_transaction_id=mtid, phone_number=phone, amount=amount,
        payment_method="OM_CI", reason="Remboursement", notify_url=f"{URL}/notify")


def test_sdk_payment_then_status_after_settle(sdk, sim):
    created = sdk.payment.initialize(payment("SDKPAY1"), "CI")
    assert created.payment_url.startswith(f"{sim.base_url}/checkout/")
    assert created.payment_token and created.notify_token and created.transaction_id
    assert created.details.status == "INITIATED" and created.details.must_be_redirected
    assert sdk.payment.get_status("SDKPAY1", "CI").status == "INITIATED"
    sim.settle("SDKPAY1", "ACCEPTED")
    for identifier in ("SDKPAY1", created.payment_token, created.transaction_id):
        status = sdk.payment.get_status(identifier, "CI")
        assert (status.code, status.status) == (100, "SUCCESS")
        assert status.merchant_transaction_id == "SDKPAY1"
        assert status.transaction_id == created.transaction_id
    assert cinetpay.is_final_status(status.status)


def test_sdk_reads_a_refused_payment_as_a_status_not_an_error(sdk, sim):
    sdk.payment.initialize(payment("SDKPAY2"), "CI")
    sim.settle("SDKPAY2", "REFUSED")
    status = sdk.payment.get_status("SDKPAY2", "CI")
    assert (status.code, status.status) == (2010, "FAILED")


def test_sdk_transfer_and_balance(sdk, sim):
    before = cinetpay_decimal(sdk.balance.get("CI").available_balance)
    sent = sdk.transfer.create(transfer("SDKTR1", 1000), "CI")
    assert (sent.code, sent.status) == (2002, "PENDING")
    assert sent.merchant_transaction_id == "SDKTR1" and sent.phone_number == "+2250701020304"
    assert cinetpay_decimal(sdk.balance.get("CI").available_balance) == before - 1000
    sim.advance(61)
    for identifier in ("SDKTR1", sent.transaction_id):
        status = sdk.transfer.get_status(identifier, "CI")
        assert (status.code, status.status) == (100, "SUCCESS")
        assert status.amount == "1000" and status.currency == "XOF"
    balance = sdk.balance.get("CI")
    assert balance.currency == "XOF"
    assert cinetpay_decimal(balance.available_balance) == before - 1000


def cinetpay_decimal(text: str) -> Decimal:
    return Decimal(text)


def test_sdk_renews_an_expired_token_once(sdk, sim):
    sdk.balance.get("CI")
    sim.advance(86_401)  # the simulator's token expired; the SDK's cache (23 h, real clock) not
    sdk.balance.get("CI")
    logins = [e for e in sim.request_log() if e["path"] == "/v1/oauth/login"]
    assert len(logins) == 2


def test_sdk_sees_the_documented_errors(sdk, sim):
    sdk.payment.initialize(payment("SDKDUP"), "CI")
    with pytest.raises(cinetpay.ApiError) as duplicate:
        sdk.payment.initialize(payment("SDKDUP"), "CI")
    assert (duplicate.value.api_code, duplicate.value.api_status) == (1200, "TRANSACTION_EXIST")
    with pytest.raises(cinetpay.ApiError) as missing:
        sdk.payment.get_status("NOSUCHPAYMENT", "CI")
    assert (missing.value.api_code, missing.value.api_status) == (404, "NOT_FOUND")
    with pytest.raises(cinetpay.ApiError) as invalid:  # SDK allows hyphens, the platform not
        sdk.payment.initialize(payment("SDK-HYPHEN"), "CI")
    assert invalid.value.api_code == 422
    sim.set_faults(kinds=["rate_limit_429"], count=1)
    with pytest.raises(cinetpay.ApiError) as limited:
        sdk.balance.get("CI")
    assert limited.value.api_code == 429


def test_sdk_refuses_wrong_credentials(sim):
    creds = cinetpay.CountryCredentials(api_key="sk_test_wrong", api_password="nope")
    with cinetpay.CinetPayClient(cinetpay.ClientConfig(
            credentials={"CI": creds}, base_url=sim.base_url, timeout=5)) as client, \
            pytest.raises(cinetpay.AuthenticationError):
        client.balance.get("CI")
