"""Transfers through the services: never lost, never sent twice, whatever the network does."""

from __future__ import annotations

import pytest

from backoffice.api import ValidationError
from backoffice.output.csvfiles import TransferLine
from backoffice.services.core import Comptoir
from backoffice.store import transfers as journal
from backoffice.store.states import State
from tests.support.clients import go_online, make_client, offline_client


def ledger_count(sim, client_transaction_id: str) -> int:
    return sum(t["client_transaction_id"] == client_transaction_id for t in sim.transfers())


def pass_grace(core: Comptoir) -> None:
    """Both clocks move past the in-flight grace: a late request can no longer arrive."""
    from datetime import timedelta

    step = core.transfers.grace.total_seconds() + 1
    mono, wall = core.transfers.monotonic, core.clock.source
    core.transfers.monotonic = lambda: mono() + step
    core.clock.source = lambda: wall() + timedelta(seconds=step)


async def a_contact(core: Comptoir):
    [contact, *_] = await core.api.transfer.list_contacts()
    return contact


async def test_send_then_follow_to_val(core, sim):
    c = await a_contact(core)
    row = await core.transfers.send(c.prefix, c.phone, 5000)
    assert row.state is State.SENT and row.treatment_status == "NEW"
    assert row.cinetpay_transaction_id and row.lot
    assert ledger_count(sim, row.client_transaction_id) == 1
    counts = await core.unconfirmed()
    assert counts.transfers_in_progress == 1

    sim.advance(120)
    [row] = await core.transfers.refresh_all()
    assert row.state is State.FINAL and row.treatment_status == "VAL"
    events = await core.db.run(journal.transfer_events, row.client_transaction_id)
    assert [e.state for e in events][:3] == [State.QUEUED, State.SENDING, State.SENT]
    assert (await core.unconfirmed()).total == 0


async def test_rejected_transfer_is_final_rej(core, sim):
    from backoffice.api import Contact

    await core.contacts.add(Contact("225", "0700000099", "Test", "Rejet"))
    row = await core.transfers.send("225", "0700000099", 1000)
    sim.advance(120)
    row = await core.transfers.resolve(row.client_transaction_id)
    assert row.state is State.FINAL and row.treatment_status == "REJ"


async def test_invalid_transfer_journals_and_sends_nothing(core, sim):
    before = len(sim.request_log())
    for amount in (199, 1_500_001, 0):
        with pytest.raises(ValidationError):
            await core.transfers.send("225", "0701020304", amount)
    assert await core.transfers.list() == []
    assert len(sim.request_log()) == before


async def test_not_a_contact_is_failed_with_a_clear_message(core, sim):
    row = await core.transfers.send("225", "0799887766", 1000)
    assert row.state is State.FAILED and row.code == "724"
    assert "contacts" in row.last_error
    assert ledger_count(sim, row.client_transaction_id) == 0


async def test_insufficient_balance_fails_without_retry(core, sim):
    c = await a_contact(core)
    balance = await core.api.transfer.balance()
    lines = [TransferLine(c.prefix, c.phone, 1_500_000)
             for _ in range(int(balance.available // 1_500_000) + 1)]
    rows = await core.transfers.send_batch(lines)
    assert all(r.state is State.FAILED and r.code == "602" for r in rows)
    before = len(sim.request_log())
    await core.sync.drain()
    assert len(sim.request_log()) == before  # a refusal is never retried blindly


@pytest.mark.parametrize("kind", ["drop_after_commit", "timeout", "malformed_json",
                                  "http_500", "html_error", "rate_limit_429"])
async def test_every_fault_ends_with_exactly_one_transfer(core, sim, kind):
    c = await a_contact(core)
    sim.set_faults(rate=1.0, kinds=[kind], count=1, paths=["/v1/transfer/money/send"],
                   hang_seconds=3)
    row = await core.transfers.send(c.prefix, c.phone, 1500)
    await core.sync.drain()
    row = await core.transfers.get(row.client_transaction_id)
    if kind in ("http_500", "html_error"):  # may have been processed, CinetPay says 723:
        assert row.state is State.UNCERTAIN  # not re-sent while the request may arrive
        assert ledger_count(sim, row.client_transaction_id) == 0
        pass_grace(core)
        await core.sync.drain(force=True)
        row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT, (kind, row)
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_faults_on_the_check_too_never_duplicate(core, sim):
    c = await a_contact(core)
    # the send answer is lost AND the next two checks are lost as well
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=1,
                   paths=["/v1/transfer/money/send"])
    row = await core.transfers.send(c.prefix, c.phone, 1200)
    assert row.state is State.SENT  # resolved at once by a check
    sim.set_faults(rate=1.0, kinds=["http_500"], count=2, paths=["/v1/transfer/check"])
    for _ in range(3):
        await core.sync.drain()
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_uncertain_until_the_check_succeeds(core, sim):
    c = await a_contact(core)
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=2,
                   paths=["/v1/transfer/money/send", "/v1/transfer/check"])
    row = await core.transfers.send(c.prefix, c.phone, 1300)
    assert row.state is State.UNCERTAIN
    # not re-sent while uncertain, whatever happens
    sends = [r for r in sim.request_log() if "money/send" in r["path"]]
    assert len(sends) == 1
    from backoffice.store.outbox import defer_item

    await core.db.run(defer_item, "transfer", row.client_transaction_id, not_before=None,
                      error=None)  # skip the backoff for the test
    await core.sync.drain()
    row = await core.transfers.get(row.client_transaction_id)
    assert row.state is State.SENT
    assert ledger_count(sim, row.client_transaction_id) == 1


async def test_offline_transfer_is_queued_then_sent_once_on_sync(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        c = (await make_client(sim, creds).transfer.list_contacts())[0]
        row = await core.transfers.send(c.prefix, c.phone, 2000)
        assert row.state is State.QUEUED
        second = await core.transfers.send(c.prefix, c.phone, 2500)  # known offline: no try
        assert second.state is State.QUEUED
        assert (await core.unconfirmed()).queued == 2

        await go_online(core, sim, creds)
        report = await core.sync.drain()
        assert report.remaining == 0
        for cid in (row.client_transaction_id, second.client_transaction_id):
            assert (await core.transfers.get(cid)).state is State.SENT
            assert ledger_count(sim, cid) == 1
        await core.sync.drain()  # draining again sends nothing more
        assert ledger_count(sim, row.client_transaction_id) == 1
    finally:
        await core.aclose(drain=False)


async def test_crash_during_send_is_resolved_after_restart(sim, creds, tmp_path):
    """The process died while the request was in flight: at restart the row is uncertain and
    is resolved by asking CinetPay, whether or not the request had arrived."""
    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    c = await a_contact(core)
    arrived = core.transfers.prepare(c.prefix, c.phone, 3000)
    lost = core.transfers.prepare(c.prefix, c.phone, 3500)
    await core.db.run(journal.create_transfers, [arrived, lost])
    for new in (arrived, lost):
        await core.db.run(journal.mark_transfer, new.client_transaction_id, State.SENDING)
    from backoffice.api import TransferOrder

    await core.api.transfer.send_money([TransferOrder(
        arrived.prefix, arrived.phone, arrived.amount, arrived.client_transaction_id)])
    await core.aclose(drain=False)  # "kill -9": rows left in `sending`

    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    try:
        assert (await core.transfers.get(arrived.client_transaction_id)).state is State.UNCERTAIN
        await core.sync.drain()
        # "not found" right after a restart proves nothing: the lost one waits out the grace
        assert (await core.transfers.get(lost.client_transaction_id)).state is State.UNCERTAIN
        assert ledger_count(sim, lost.client_transaction_id) == 0
        pass_grace(core)
        await core.sync.drain(force=True)
        for new in (arrived, lost):
            row = await core.transfers.get(new.client_transaction_id)
            assert row.state is State.SENT
            assert ledger_count(sim, new.client_transaction_id) == 1
    finally:
        await core.aclose(drain=False)


async def test_batch_sends_good_lines_in_one_request(core, sim):
    contacts = (await core.api.transfer.list_contacts())[:3]
    lines = [TransferLine(c.prefix, c.phone, 1000 + i * 100) for i, c in enumerate(contacts)]
    before = len([r for r in sim.request_log() if "money/send" in r["path"]])
    rows = await core.transfers.send_batch(lines)
    assert [r.state for r in rows] == [State.SENT] * 3
    assert len({r.batch_id for r in rows}) == 1 and rows[0].batch_id
    after = len([r for r in sim.request_log() if "money/send" in r["path"]])
    assert after - before == 1
    assert [r.amount for r in rows] == [1000, 1100, 1200]


async def test_refused_credentials_keep_the_transfer_queued_until_fixed(sim, creds, tmp_path):
    import dataclasses

    from backoffice.services.connectivity import NetState

    wrong = make_client(sim, dataclasses.replace(creds, transfer_password="wrong"))
    core = await Comptoir.open(tmp_path, wrong)
    try:
        c = (await make_client(sim, creds).transfer.list_contacts())[0]
        row = await core.transfers.send(c.prefix, c.phone, 2200)
        assert row.state is State.QUEUED and "701" in row.last_error
        assert core.connectivity.state is NetState.AUTH_ERROR
        before = len(sim.request_log())
        report = await core.sync.drain(force=True)  # probes, still refused: sends nothing
        assert report.attempted == 0
        assert not [r for r in sim.request_log()[before:] if "money/send" in r["path"]]
        await go_online(core, sim, creds)  # the manager fixed the password
        await core.sync.drain(force=True)
        row = await core.transfers.get(row.client_transaction_id)
        assert row.state is State.SENT and ledger_count(sim, row.client_transaction_id) == 1
    finally:
        await core.aclose(drain=False)
