"""Legacy v1 (form-encoded, ?method=NAME): shapes, string values, filters, signatures, errors."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from backoffice.simulator import Simulator
from tests.support.sim_http import APIKEY, SITE_ID, create, legacy

HISTORY_FIELDS = {
    "cpm_site_id", "signature", "cpm_amount", "cpm_trans_id", "cpm_custom", "cpm_currency",
    "cpm_payid", "cpm_payment_date", "cpm_payment_time", "cpm_error_message", "payment_method",
    "cpm_phone_prefix", "cel_phone_num", "cpm_ipn_ack", "created_at", "updated_at", "cpm_result",
    "cpm_trans_status", "cpm_designation", "buyer_name",
}  # fmt: skip
SIGNATURE_FORM = {
    "cpm_amount": "2500",
    "cpm_currency": "CFA",
    "cpm_site_id": SITE_ID,
    "cpm_trans_id": "SIG-1",
    "cpm_trans_date": "2017-04-09 15:45:22",
    "cpm_payment_config": "SINGLE",
    "cpm_page_action": "PAYMENT",
    "cpm_version": "V1",
    "cpm_language": "fr",
    "cpm_designation": "Mon produit",
    "cpm_custom": "client 42",
}


def test_compte_status_numbers_are_strings(demo_client: httpx.Client) -> None:
    body = legacy(demo_client, "getCompteStatus")
    for part in ("compte", "service"):
        balance = body["user"][part]
        assert set(balance) == {"solde", "credit", "debit"}
        assert all(isinstance(v, str) for v in balance.values())
        credit, debit = float(balance["credit"]), float(balance["debit"])
        assert float(balance["solde"]) == pytest.approx(credit - debit)
        assert debit == pytest.approx(credit * 0.03)


def test_history_shape_and_order(demo_client: httpx.Client) -> None:
    rows = legacy(demo_client, "getTransHistory")["Transactions"]["transaction"]
    assert len(rows) > 250
    for row in rows:
        assert set(row) == HISTORY_FIELDS
        assert all(isinstance(v, str) for v in row.values()), row
        assert row["cpm_trans_status"] in ("ACCEPTED", "REFUSED")
        assert (row["cpm_result"] == "00") == (row["cpm_trans_status"] == "ACCEPTED")
        assert row["cpm_currency"] == "CFA" and row["cpm_site_id"] == SITE_ID
    created = [row["created_at"] for row in rows]
    assert created == sorted(created, reverse=True)
    assert {row["payment_method"] for row in rows} == {"OM", "MOMO", "FLOOZ", "WAVE", "VISAM"}


def test_history_filters(demo_sim: Simulator, demo_client: httpx.Client) -> None:
    all_rows = legacy(demo_client, "getTransHistory")["Transactions"]["transaction"]
    sample = all_rows[10]
    day = date.fromisoformat(sample["created_at"][:10])
    one_day = legacy(
        demo_client, "getTransHistory", date_debut=f"{day:%d-%m-%Y}", date_fin=f"{day:%d-%m-%Y}"
    )["Transactions"]["transaction"]
    assert sample in one_day
    assert {row["created_at"][:10] for row in one_day} == {day.isoformat()}
    later = day + timedelta(days=1)
    since = legacy(demo_client, "getTransHistory", date_debut=f"{later:%d-%m-%Y}")
    assert sample not in since["Transactions"]["transaction"]

    by_id = legacy(demo_client, "getTransHistory", cpm_trans_id=sample["cpm_trans_id"])
    assert by_id["Transactions"]["transaction"] == [sample]
    # "+225…" posted unencoded reads as " 225…": tolerated.
    raw = f"apikey={APIKEY}&cpm_site_id={SITE_ID}&cel_phone_num=+225{sample['cel_phone_num']}"
    response = demo_client.post(
        "/v1/?method=getTransHistory",
        content=raw.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    rows = response.json()["Transactions"]["transaction"]
    assert sample in rows
    assert {row["cel_phone_num"] for row in rows} == {sample["cel_phone_num"]}


def test_history_bad_date_is_614(client: httpx.Client) -> None:
    body = legacy(client, "getTransHistory", date_debut="2024-01-31")
    assert body["status"]["code"] == "614"
    assert body["status"]["message"] == "ERROR_FORMAT_TRANSACTION_DATE"


def test_check_pay_status_echoes_and_signature_matches(
    sim: Simulator, client: httpx.Client
) -> None:
    create(client, amount=2500, metadata="client 42")
    sim.settle("CMP-0001", phone_number="0749012966")
    tx = legacy(client, "checkPayStatus", cpm_trans_id="CMP-0001")["transaction"]
    assert set(tx) >= HISTORY_FIELDS
    assert all(isinstance(v, str) for v in tx.values())
    assert tx["cpm_result"] == "00" and tx["cpm_trans_status"] == "ACCEPTED"
    assert tx["cpm_amount"] == "2500" and tx["cpm_custom"] == "client 42"
    assert tx["cpm_phone_prefixe"] == "225" and tx["cel_phone_num"] == "0749012966"
    assert len(tx["cpm_trans_date"]) == 14 and tx["cpm_trans_date"].isdigit()
    assert tx["cpm_payid"].startswith("MP")
    # A client recomputes the signature from the echoed fields and compares.
    recomputed = legacy(
        client,
        "getSignatureByPost",
        **{
            **SIGNATURE_FORM,
            "cpm_amount": tx["cpm_amount"],
            "cpm_trans_id": tx["cpm_trans_id"],
            "cpm_trans_date": tx["cpm_trans_date"],
            "cpm_designation": tx["cpm_designation"],
            "cpm_custom": tx["cpm_custom"],
            "cpm_phone_prefixe": tx["cpm_phone_prefixe"],
            "cel_phone_num": tx["cel_phone_num"],
        },
    )
    assert recomputed == tx["signature"]


def test_check_pay_status_pending_refused_and_unknown(sim: Simulator, client: httpx.Client) -> None:
    create(client)
    pending = legacy(client, "checkPayStatus", cpm_trans_id="CMP-0001")["transaction"]
    assert (pending["cpm_result"], pending["cpm_trans_status"]) == ("607", "PENDING")
    sim.settle("CMP-0001", "REFUSED", code="604")
    refused = legacy(client, "checkPayStatus", cpm_trans_id="CMP-0001")["transaction"]
    assert (refused["cpm_result"], refused["cpm_error_message"]) == ("604", "OTP_CODE_ERROR")
    assert refused["cpm_trans_status"] == "REFUSED" and refused["cpm_payid"] == ""
    assert legacy(client, "checkPayStatus", cpm_trans_id="nope")["status"]["code"] == "624"


def test_signature_is_a_deterministic_json_string(client: httpx.Client) -> None:
    first = legacy(client, "getSignatureByPost", **SIGNATURE_FORM)
    assert isinstance(first, str) and len(first) == 40
    assert legacy(client, "getSignatureByPost", **SIGNATURE_FORM) == first
    assert legacy(client, "getSignatureByPost", **{**SIGNATURE_FORM, "cpm_amount": "2505"}) != first


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("cpm_amount", "abc", "611"),
        ("cpm_currency", "EUR", "612"),
        ("cpm_trans_date", "hier", "614"),
        ("cpm_language", "de", "615"),
        ("cpm_page_action", "REFUND", "616"),
        ("cpm_payment_config", "MULTI", "617"),
        ("cpm_version", "V9", "618"),
        ("cpm_designation", "", "608"),
    ],
)
def test_signature_validation(client: httpx.Client, field: str, value: str, code: str) -> None:
    body = legacy(client, "getSignatureByPost", **{**SIGNATURE_FORM, field: value})
    assert body["status"]["code"] == code


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        ({"apikey": "bad"}, "609", "AUTH_NOT_FOUND"),
        ({"cpm_site_id": "1"}, "613", "ERROR_SITE_ID_NOTVALID"),
        ({"apikey": ""}, "608", "MINIMUM_REQUIRED_FIELDS"),
    ],
)
def test_auth_errors(client: httpx.Client, fields: dict, code: str, message: str) -> None:
    status = legacy(client, "getCompteStatus", **fields)["status"]
    assert (status["code"], status["message"]) == (code, message)


def test_auth_error_is_exactly_the_documented_object(client: httpx.Client) -> None:
    body = legacy(client, "getCompteStatus", apikey="bad")
    assert body == {"status": {"code": "609", "message": "AUTH_NOT_FOUND"}}


def test_methods_are_also_served_under_v2(client: httpx.Client) -> None:
    response = client.post(
        "/v2/?method=getCompteStatus", data={"apikey": APIKEY, "cpm_site_id": SITE_ID}
    )
    assert response.json()["user"]["compte"] == {"solde": "0", "credit": "0", "debit": "0"}
