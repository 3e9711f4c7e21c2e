"""Money truth for transfers (issue 10): never a second send while the first may still arrive,
answers that prove nothing are checked, contradictions stop in front of a person, and the
statuses a person can act on are kept. Services on a real journal, the simulator over
loopback with its answer shapes (/_sim/shapes/transfer)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from backoffice.api import Contact, TransferOrder
from backoffice.services.core import Comptoir
from backoffice.simulator.shapes_transfer import configure
from backoffice.store import transfers as journal
from backoffice.store.outbox import MAX_DELAY, outbox_items
from backoffice.store.states import State
from tests.services.test_transfers import a_contact, ledger_count, pass_grace

SEND = "/v1/transfer/money/send"


def shapes(sim, **settings) -> None:
    with sim.state.lock:
        configure(sim.state, settings)


def sends(sim) -> int:
    return sum(e["endpoint"] == "transfer.send" for e in sim.request_log())


def checks(sim) -> int:
    return sum(e["endpoint"] == "transfer.check" for e in sim.request_log())


def move_wall(core: Comptoir, delta: timedelta) -> None:
    wall = core.clock.source
    core.clock.source = lambda: wall() + delta


async def until(predicate, what: str, timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


# --- 1. in-flight grace --------------------------------------------------------------------


async def test_slow_send_is_never_sent_twice_even_with_the_clock_set_forward(core, sim):
    """CinetPay needs 3 s, we give up after 1.5 s: its 723s (which flip connectivity back to
    online and start a reconnect drain) must not trigger a second POST, even with the wall
    clock a day ahead; the late commit is then found by a check."""
    c = await a_contact(core)
    shapes(sim, slow_send_seconds=3)
    row = await core.transfers.send(c.prefix, c.phone, 1500)
    assert row.state is State.UNCERTAIN and row.last_sent_at and row.last_sent_mono
    move_wall(core, timedelta(days=1))  # clock set forward: the grace is not over
    for _ in range(3):
        await core.sync.drain(force=True)
        await core.transfers.refresh_all()
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.UNCERTAIN and row.not_before is not None
    events = await core.db.run(journal.transfer_events, row.client_transaction_id)
    assert [e.state for e in events].count(State.SENDING) == 1  # one POST, never a second
    await until(lambda: ledger_count(sim, row.client_transaction_id) == 1, "the late commit")
    shapes(sim)
    await core.sync.catch_up(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT and sends(sim) == 1
    events = await core.db.run(journal.transfer_events, row.client_transaction_id)
    assert [e.state for e in events].count(State.SENDING) == 1
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_after_the_grace_a_not_found_sends_again_with_the_same_id(core, sim):
    c = await a_contact(core)
    sim.set_faults(kinds=["http_500"], count=1, paths=[SEND])  # not applied, may have been
    row = await core.transfers.send(c.prefix, c.phone, 1600)
    assert row.state is State.UNCERTAIN
    await core.sync.drain(force=True)
    assert sends(sim) == 1
    pass_grace(core)
    await core.sync.drain(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT and sends(sim) == 2
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_wall_clock_set_back_does_not_make_the_retry_wait_a_day(core, sim):
    c = await a_contact(core)
    sim.set_faults(kinds=["http_500"], count=1, paths=[SEND])
    row = await core.transfers.send(c.prefix, c.phone, 1700)
    assert row.state is State.UNCERTAIN and row.not_before is not None
    move_wall(core, -timedelta(days=1))
    step = core.transfers.grace.total_seconds() + 1
    mono = core.transfers.monotonic
    core.transfers.monotonic = lambda: mono() + step  # real time did pass
    await core.sync.drain(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_far_future_not_before_is_capped_when_read(core, sim):
    c = await a_contact(core)
    sim.set_faults(kinds=["http_500"], count=1, paths=[SEND])
    row = await core.transfers.send(c.prefix, c.phone, 1800)
    now = core.db.db.now()
    far = now + timedelta(days=1)

    def write(db) -> None:
        with db.transaction() as conn:
            conn.execute("UPDATE transfers SET not_before = ?", (far.isoformat(),))

    await core.db.run(write)
    assert await core.db.run(outbox_items, now) == []
    row = await core.transfers.get(row.client_transaction_id)
    assert row.not_before <= now + MAX_DELAY["transfer"]
    due = await core.db.run(outbox_items, now + MAX_DELAY["transfer"])
    assert [i.ref for i in due] == [row.client_transaction_id]


# --- 2. answers that prove nothing ---------------------------------------------------------


@pytest.mark.parametrize("code", ["-1", "709", "710", "715", "721", "804", "999"])
async def test_whole_answer_codes_after_execution_are_checked(core, sim, code):
    c = await a_contact(core)
    shapes(sim, send_code=code)  # applied, then this code for the whole answer
    row = await core.transfers.send(c.prefix, c.phone, 2100)
    assert row.state is State.SENT, row  # found by the check, not re-sent, not "Échec"
    assert sends(sim) == 1 and checks(sim) >= 1
    assert ledger_count(sim, row.client_transaction_id) == 1


@pytest.mark.parametrize("code", ["709", "999"])
async def test_whole_answer_code_without_execution_waits_then_sends_once(core, sim, code):
    c = await a_contact(core)
    shapes(sim, send_code=code, applied=False)
    row = await core.transfers.send(c.prefix, c.phone, 2200)
    assert row.state is State.UNCERTAIN and ledger_count(sim, row.client_transaction_id) == 0
    await core.sync.drain(force=True)
    assert sends(sim) == 1
    pass_grace(core)
    await core.sync.drain(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT and ledger_count(sim, row.client_transaction_id) == 1


@pytest.mark.parametrize("code", ["-1", "709", "715", "721", "804", "999"])
async def test_item_codes_after_execution_are_checked(core, sim, code):
    c = await a_contact(core)
    shapes(sim, item_code=code)
    row = await core.transfers.send(c.prefix, c.phone, 2300)
    assert row.state is State.SENT and row.checked_at is not None and row.last_error is None
    assert sends(sim) == 1 and ledger_count(sim, row.client_transaction_id) == 1


async def test_item_without_code_is_not_a_success_until_checked(core, sim):
    c = await a_contact(core)
    shapes(sim, item_without_code=True)
    row = await core.transfers.send(c.prefix, c.phone, 2400)
    assert checks(sim) == 1  # it was checked: the item alone proved nothing
    assert row.state is State.SENT and row.checked_at is not None


# --- 3. 805 while the check says 723 --------------------------------------------------------


async def test_duplicate_yet_not_found_stops_for_a_person(core, sim):
    c = await a_contact(core)
    shapes(sim, duplicate_rounds=50)
    row = await core.transfers.send(c.prefix, c.phone, 2500)
    assert row.state is State.UNCERTAIN and row.code == "805"
    for _ in range(8):
        pass_grace(core)
        await core.sync.catch_up(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.UNCERTAIN and row.review and "CinetPay" in row.review
    assert row.conflicts == 3 and sends(sim) == 3  # bounded: never an endless loop
    assert ledger_count(sim, row.client_transaction_id) == 0
    # a later check that finds it settles it (and clears the flag)
    shapes(sim)
    await core.api.transfer.send_money([TransferOrder(row.prefix, row.phone, row.amount,
                                                      row.client_transaction_id)])
    pass_grace(core)
    await core.sync.catch_up(force=True)
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT and row.review is None


# --- 4. e-mail confirmation ----------------------------------------------------------------


async def test_nos_and_pending_are_kept_as_awaiting_email_confirmation(core, sim):
    c = await a_contact(core)
    shapes(sim, email_confirmation=True)
    row = await core.transfers.send(c.prefix, c.phone, 2600)
    [row] = await core.transfers.refresh_all()
    assert row.state is State.SENT and row.treatment_status == "NOS"
    assert row.sending_status == "PENDING" and row.awaits_email_confirmation
    shapes(sim, confirm_all=True)
    sim.advance(120)
    [row] = await core.transfers.refresh_all()
    assert row.state is State.FINAL and row.treatment_status == "VAL"
    assert row.sending_status == "CONFIRM" and not row.awaits_email_confirmation


# --- 7. phones normalised once ---------------------------------------------------------------


async def test_phones_are_normalised_before_journal_and_send(core, sim):
    added = await core.contacts.add(Contact("00225", "+225 07.01 02-03 88", "Kouassi", "Ama"))
    assert (added.prefix, added.phone, added.state) == ("225", "0701020388", State.SENT)
    assert any(x["phone"] == "0701020388" for x in sim.contacts())
    row = await core.transfers.send("+225", "00225 07 01 02 03 88", 2700)
    assert (row.prefix, row.phone, row.state) == ("225", "0701020388", State.SENT)
    [sent] = [t for t in sim.transfers() if t["client_transaction_id"] == row.client_transaction_id]
    assert sent["phone"] == "0701020388"


async def test_contact_csv_with_international_numbers(core, sim, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("prefix;phone;name;surname\n225;+225 05 44 33 22 11;Yao;Ali\n"
                    "+225;00225 0544332212;Yao;Bintou\n", encoding="utf-8")
    parsed, rows = await core.contacts.import_csv(path)
    assert not parsed.bad
    assert sorted((r.prefix, r.phone) for r in rows) == [("225", "0544332211"),
                                                         ("225", "0544332212")]


# --- 9. contact echo in another form -------------------------------------------------------


@pytest.mark.parametrize("echo", ["formatted", "other"])
async def test_contact_echo_in_another_form_is_matched(core, sim, echo):
    shapes(sim, contact_echo=echo)
    rows = await core.contacts.add_many([Contact("225", "0701020377", "A", "Test"),
                                         Contact("225", "0701020366", "C", "Test")])
    assert [r.state for r in rows] == [State.SENT, State.SENT]
    assert [r.phone for r in rows] == ["0701020377", "0701020366"]


@pytest.mark.parametrize(("value", "expected"), [
    ("0", "floor"), ("-5", "floor"), ("0.2", "floor"), ("3", 3.0),
    ("nan", "default"), ("inf", "default"), ("soon", "default"), ("", "default")])
def test_the_grace_variable_can_shorten_the_grace_but_never_below_its_floor(
        monkeypatch, value, expected):
    from backoffice.services.transfers import (
        GRACE_VARIABLE,
        IN_FLIGHT_GRACE,
        MIN_GRACE,
        grace_from_env,
    )

    monkeypatch.setenv(GRACE_VARIABLE, value)
    want = {"floor": MIN_GRACE, "default": IN_FLIGHT_GRACE}.get(
        expected) if isinstance(expected, str) else timedelta(seconds=expected)
    assert grace_from_env() == want
