"""Reads that one odd row must not break (issue 10): getTransHistory with PHP's empty shapes,
zero dates and unreadable amounts against the simulator over loopback; a transfer check with
a zero ``validated_at`` against a scripted loopback answer; failed reads say "try again"."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from backoffice.api import BadResponse, CinetPayClient, Credentials, Endpoints, HistoryFilter
from backoffice.api.errors import MaybeSent
from backoffice.api.legacy import parse_history
from backoffice.api.models import TreatmentStatus
from backoffice.api.parsing import MAX_AMOUNT
from backoffice.simulator.state import EMPTY_HISTORY_SHAPES
from tests.support.api_data import UNREADABLE_ODD_ROWS, row
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT


async def test_odd_rows_are_dropped_and_counted_the_rest_is_read(api, sim):
    everything = await api.legacy.history()
    assert everything.unreadable == 0
    sim.state.history_quirks.odd_rows = True
    odd = await api.legacy.history()
    assert odd.unreadable == UNREADABLE_ODD_ROWS
    normal = {t.transaction_id for t in everything}
    assert {t.transaction_id for t in odd} == normal | {"ODD-1"}
    [zero] = [t for t in odd if t.transaction_id == "ODD-1"]
    assert zero.payment_date is None and zero.created_at is None and zero.updated_at is None
    assert isinstance(zero.amount, Decimal)


@pytest.mark.parametrize("shape", [s for s in EMPTY_HISTORY_SHAPES if s != "list"])
async def test_php_empty_shapes_are_an_empty_history(api, sim, shape):
    sim.state.history_quirks.empty_as = shape
    found = await api.legacy.history(HistoryFilter(transaction_id="NO-SUCH-PAYMENT"))
    assert found == [] and found.unreadable == 0
    assert len(await api.legacy.history()) >= 100  # non-empty answers keep their shape


async def test_huge_amounts_within_the_maximum_are_exact(api, sim):
    sim.state.history_quirks.extra_rows = [row("BIG-1", cpm_amount="50000000000000000"),
                                           row("BIG-2", cpm_amount="5E+16"),
                                           row("OVER", cpm_amount=str(MAX_AMOUNT + 1))]
    found = {t.transaction_id: t for t in await api.legacy.history()}
    assert found["BIG-1"].amount == found["BIG-2"].amount == Decimal(5 * 10**16)
    assert "OVER" not in found


def test_each_kind_of_odd_field():
    answer = {"Transactions": {"transaction": [
        row("OK"),
        row("DATE", cpm_payment_date="2026-13-45", created_at="hier"),  # kept, without them
        row("TIME", cpm_payment_time="25:99"),  # kept, without the time
        row("TEXT", cpm_designation={"not": "text"}),  # kept, without the description
        row("ZERO", cpm_payment_date="0000-00-00", updated_at="0000-00-00 00:00:00"),
        row("PADDED", cpm_amount="1.500", cpm_payment_time="7:05"),
        row("", cpm_amount="100"),  # no id: dropped
        {"cpm_amount": "100"},  # no id at all: dropped
        row("NAN", cpm_amount="NaN"),
        row("INF", cpm_amount="Infinity"),
        row("THREE", cpm_amount="100.125"),
        row("NEG", cpm_amount="-1"),
        row("EMPTY", cpm_amount=""),
        row("ABC", cpm_amount="abc"),
        row("LIST", cpm_amount=["1"]),
        "not an object",
        None,
    ]}}
    rows = parse_history(answer)
    by_id = {t.transaction_id: t for t in rows}
    assert list(by_id) == ["OK", "DATE", "TIME", "TEXT", "ZERO", "PADDED"]
    assert by_id["DATE"].payment_date is None and by_id["DATE"].created_at is None
    assert by_id["DATE"].updated_at is not None
    assert by_id["TIME"].payment_time == "" and by_id["TIME"].payment_date == date(2026, 3, 1)
    assert by_id["TEXT"].designation == ""
    assert by_id["ZERO"].payment_date is None and by_id["ZERO"].updated_at is None
    assert by_id["PADDED"].amount == Decimal("1.5") and by_id["PADDED"].payment_time == "07:05:00"
    # 3 kept without a field + 11 dropped; the zero dates are PHP's "no date", not damage
    assert rows.unreadable == 3 + 11


def test_a_single_unwrapped_row_and_empty_shapes():
    assert [t.transaction_id for t in parse_history({"Transactions": {"transaction": row("A")}})
            ] == ["A"]
    for empty in ("", [], None, {}, {"Transactions": None}, {"Transactions": ""},
                  {"Transactions": []}, {"Transactions": {"transaction": None}},
                  {"Transactions": {"transaction": ""}}, {"Transactions": {}}):
        rows = parse_history(empty)
        assert rows == [] and rows.unreadable == 0, empty
    with pytest.raises(BadResponse):  # the answer as a whole is wrong: not a row's fault
        parse_history({"Transactions": "garbage"})


# --- failed reads say "try again" --------------------------------------------------------


async def test_a_garbled_history_answer_says_try_again(api, sim):
    sim.set_faults(kinds=["malformed_json"], count=1, paths=["getTransHistory"])
    with pytest.raises(BadResponse) as err:
        await api.legacy.history()
    assert err.value.read
    assert err.value.human("fr").startswith("Réponse illisible de CinetPay, réessayez")
    assert err.value.human("en").startswith("Unreadable answer from CinetPay, try again")
    assert "peut-être" not in err.value.human("fr")


async def test_a_balance_without_answer_says_try_again(api, sim):
    sim.set_faults(kinds=["drop_after_commit"], count=1, paths=["getCompteStatus"])
    with pytest.raises(MaybeSent) as err:
        await api.legacy.account_status()
    assert err.value.read and "réessayez" in err.value.human("fr")
    assert "may have" not in err.value.human("en")


@pytest.mark.parametrize(("read", "path"), [
    (lambda api: api.transfer.list_contacts(), "/v1/transfer/contact"),
    (lambda api: api.transfer.balance(), "check/balance"),
    (lambda api: api.legacy.check_pay_status("VTE-NONE"), "checkPayStatus"),
])
async def test_transfer_and_status_reads_say_try_again(api, sim, read, path):
    await api.transfer.login()  # only the read itself is garbled
    sim.set_faults(kinds=["html_error"], count=1, paths=[path])
    with pytest.raises(BadResponse) as err:
        await read(api)
    assert err.value.read and "réessayez" in err.value.human("fr")
    assert "peut-être" not in err.value.human("fr")


async def test_a_money_request_keeps_the_uncertain_wording(api, sim):
    from tests.support.api_data import new_request

    sim.set_faults(kinds=["malformed_json"], count=1, paths=["/v2/payment"])
    with pytest.raises(BadResponse) as err:
        await api.checkout.init_payment(new_request(amount=1000))
    assert not err.value.read and "peut-être passée" in err.value.human("fr")


# --- transfer check with a zero validated_at ---------------------------------------------


def scripted(answers: dict[str, Any]) -> Iterator[str]:
    """A loopback HTTP server answering each path with its scripted JSON."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = json.dumps(answers[self.path.split("?")[0]]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def zero_validated_at() -> Iterator[str]:
    item = {"transaction_id": "EA260301.100000.A123456", "client_transaction_id": "TRF-ZERO-1",
            "lot": "0044556617727040000001", "amount": "5000", "receiver": "+2250701020304",
            "receiver_e164": "+2250701020304", "operator": "OM", "sending_status": "CONFIRM",
            "transfer_valid": "Y", "treatment_status": "VAL", "comment": "",
            "validated_at": "0000-00-00 00:00:00"}
    yield from scripted({
        "/v1/auth/login": {"code": 0, "message": "OPERATION_SUCCES", "data": {"token": "T"}},
        "/v1/transfer/check/money": {"code": 0, "message": "OPERATION_SUCCES", "data": [item]},
    })


async def test_transfer_check_with_zero_validated_at_resolves(zero_validated_at):
    creds = Credentials("k" * 20, "445566", "pw")
    async with CinetPayClient(creds, Endpoints.single(zero_validated_at), timeout=SHORT_TIMEOUT,
                              retry=FAST_RETRY) as client:
        [info] = await client.transfer.check_transfer(client_transaction_id="TRF-ZERO-1")
    assert info.treatment_status is TreatmentStatus.VAL and info.validated_at is None
    assert info.amount == Decimal(5000)
