"""The Transfer API client against the simulator's odd answer shapes (/_sim/shapes/transfer)
over real loopback HTTP: what can come after execution is uncertain, echoes are matched."""

from __future__ import annotations

import httpx
import pytest

from backoffice.api import Contact, TransferOrder
from backoffice.api.errors import OutcomeUnknown, Unavailable
from backoffice.api.phones import normalize_phone


def shapes(sim, body: dict) -> dict:
    answer = httpx.post(f"{sim.base_url}/_sim/shapes/transfer", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def order(contact: Contact, cid: str, amount: int = 1000) -> TransferOrder:
    return TransferOrder(contact.prefix, contact.phone, amount, cid)


@pytest.mark.parametrize("code", ["-1", "709", "710", "715", "721", "804", "4242"])
async def test_whole_answer_after_execution_is_outcome_unknown(api, sim, code):
    [c, *_] = await api.transfer.list_contacts()
    shapes(sim, {"send_code": code})
    with pytest.raises(OutcomeUnknown) as caught:
        await api.transfer.send_money([order(c, f"SHAPE{code.strip('-')}")])
    assert caught.value.may_have_been_processed and caught.value.code == str(int(code))
    assert "vérification" in caught.value.human("fr")


async def test_other_calls_keep_their_meaning(api, sim):
    from backoffice.api.codes import Family
    from backoffice.api.errors import api_error, uncertain_send_error

    refusal = api_error(Family.TRANSFER, "724")
    assert uncertain_send_error(refusal) is refusal  # a documented refusal stays a refusal
    assert isinstance(api_error(Family.TRANSFER, "709"), Unavailable)  # reads: unchanged


async def test_item_codes_and_missing_codes_are_reported_as_such(api, sim):
    [c, *_] = await api.transfer.list_contacts()
    shapes(sim, {"item_code": "715"})
    [res] = await api.transfer.send_money([order(c, "SHAPEITEM1")])
    assert res.code == "715" and not res.ok
    shapes(sim, {"item_without_code": True})
    [res] = await api.transfer.send_money([order(c, "SHAPEITEM2")])
    assert res.code == "" and not res.ok


async def test_duplicate_rounds_then_not_found(api, sim):
    from backoffice.api.errors import NotFound

    [c, *_] = await api.transfer.list_contacts()
    shapes(sim, {"duplicate_rounds": 2})
    for _ in range(2):
        [res] = await api.transfer.send_money([order(c, "SHAPEDUP1")])
        assert res.code == "805"
    with pytest.raises(NotFound):
        await api.transfer.check_transfer(client_transaction_id="SHAPEDUP1")
    [res] = await api.transfer.send_money([order(c, "SHAPEDUP1")])  # rounds used up
    assert res.ok


async def test_email_confirmation_shape(api, sim):
    [c, *_] = await api.transfer.list_contacts()
    shapes(sim, {"email_confirmation": True})
    await api.transfer.send_money([order(c, "SHAPEMAIL1")])
    [info] = await api.transfer.check_transfer(client_transaction_id="SHAPEMAIL1")
    assert (info.sending_status, str(info.treatment_status)) == ("PENDING", "NOS")
    shapes(sim, {"confirm_all": True})
    [info] = await api.transfer.check_transfer(client_transaction_id="SHAPEMAIL1")
    assert info.sending_status == "CONFIRM" and str(info.treatment_status) == "NEW"


@pytest.mark.parametrize("echo", ["formatted", "other"])
async def test_contact_echo_in_another_form(api, sim, echo):
    shapes(sim, {"contact_echo": echo})
    wanted = [Contact("225", "0701020355", "A", "B"), Contact("225", "0701020344", "C", "D")]
    results = await api.transfer.add_contacts(wanted)  # never BadResponse
    assert [r.contact.phone for r in results] == ["0701020355", "0701020344"]
    assert all(r.ok for r in results)


def test_phone_forms():
    for typed in ("07 01 02 03 04", "07.01.02.03.04", "07-01-02-03-04", "+225 0701020304",
                  "00225 07 01 02 03 04", "2250701020304"):
        assert normalize_phone("225", typed) == ("225", "0701020304"), typed
    assert normalize_phone("+225", "0701020304") == ("225", "0701020304")
    assert normalize_phone("00225", "01020304") == ("225", "01020304")
