"""CinetPay's contact list fetched at start-up (catch_up) and kept: a transfer can then be
prepared and queued offline; a failed fetch keeps the cached list and says so as a read; the
batch pre-check (724) knows which numbers are contacts; the transfer balance alone."""

from __future__ import annotations

from backoffice.api import Contact
from backoffice.output.csvfiles import TransferLine
from backoffice.services.contacts import (
    FIRST_RETRY,
    ListFailure,
    transfer_blocker,
)
from backoffice.services.core import Comptoir
from backoffice.services.outcomes import ContactOutcome, contact_outcome
from backoffice.store.states import State
from tests.support.clients import go_online, make_client, offline_client

LIST = "/v1/transfer/contact"


def list_requests(sim) -> int:
    return sum(1 for r in sim.request_log()
               if r["path"].rstrip("/") == LIST and r["method"] == "GET")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_catch_up_fetches_the_list_once_then_a_transfer_is_queued_offline(
        sim, creds, tmp_path):
    data = tmp_path / "data"
    core = await Comptoir.open(data, make_client(sim, creds))
    try:
        assert await core.contacts.fetched_at() is None
        await core.sync.catch_up()  # start-up: nobody pressed F5 in Contacts
        assert list_requests(sim) == 1
        state = await core.contacts.list_state()
        assert state.fetched_at is not None and state.failure is None
        usable = [r for r in await core.contacts.list()
                  if contact_outcome(r) is ContactOutcome.ADDED]
        assert len(usable) == len(sim.contacts()) > 0
        await core.sync.catch_up()  # the follow-up timer: not fetched again
        assert list_requests(sim) == 1
    finally:
        await core.aclose(drain=False)

    # next start, offline: the list kept in the journal is what a transfer goes to
    target = usable[0]
    core = await Comptoir.open(data, offline_client(creds))
    try:
        await core.sync.catch_up()
        state = await core.contacts.list_state()
        assert state.failure is ListFailure.OFFLINE and state.fetched_at is not None
        note = state.note("au 14:05", "fr")
        assert note == "Liste des contacts non actualisée (hors ligne) : celle au 14:05 est " \
                       "conservée"
        assert "envoyé" not in note and "passée" not in note  # a read's words
        standing = await core.contacts.standing([(target.prefix, target.phone)])
        assert standing[(target.prefix, target.phone)] is ContactOutcome.ADDED
        row = await core.transfers.send(target.prefix, target.phone, 2500)
        assert row.state is State.QUEUED
        before = len(sim.transfers())
        await go_online(core, sim, creds)
        await core.sync.catch_up()
        assert len(sim.transfers()) == before + 1
        assert (await core.contacts.list_state()).failure is None
    finally:
        await core.aclose(drain=False)


async def test_a_failed_fetch_keeps_the_cached_list_and_waits_before_trying_again(
        sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    clock = Clock()
    core.contacts.monotonic = clock
    try:
        await core.contacts.refresh()
        kept = await core.contacts.list()
        fetched_at = await core.contacts.fetched_at()
        core.contacts._fetched = False  # as a new session would start
        sim.set_faults(kinds=["rate_limit_429"], paths=[LIST])
        state = await core.contacts.fetch_if_due()
        assert state.failure is ListFailure.BUSY and state.fetched_at == fetched_at
        assert await core.contacts.list() == kept
        assert "CinetPay demande de patienter" in state.note("au 14:05", "fr")
        assert "asked to wait" in state.note("as of 14:05", "en")
        tried = list_requests(sim)
        await core.contacts.fetch_if_due()  # within the delay: nothing asked
        await core.sync.catch_up()
        assert list_requests(sim) == tried
        sim.clear_faults()
        clock.now += FIRST_RETRY
        state = await core.contacts.fetch_if_due()
        assert list_requests(sim) == tried + 1 and state.failure is None
    finally:
        await core.aclose(drain=False)


async def test_never_fetched_and_offline_says_so_without_money_words(creds, tmp_path):
    core = await Comptoir.open(tmp_path / "data", offline_client(creds))
    try:
        await core.sync.catch_up()
        state = await core.contacts.list_state()
        assert state.fetched_at is None and state.failure is ListFailure.OFFLINE
        assert state.note("", "fr") == "Liste des contacts pas encore récupérée (hors ligne)"
        assert state.note("", "en") == "Contact list not fetched yet (offline)"
    finally:
        await core.aclose(drain=False)


async def test_pre_check_marks_numbers_cinetpay_would_refuse_with_724(core, sim):
    await core.contacts.refresh()
    known = (await core.contacts.list())[0]
    lines = [TransferLine(known.prefix, known.phone, 5000),
             TransferLine("225", "0777123456", 3000)]
    standing = await core.contacts.standing([(line.prefix, line.phone) for line in lines])
    assert transfer_blocker(standing[(known.prefix, known.phone)]) is None
    blocker = transfer_blocker(standing[("225", "0777123456")])
    assert blocker is not None and "724" in blocker["fr"] and "Add it first" in blocker["en"]
    # the proof that the mark is right: CinetPay does refuse that line with 724
    rows = await core.transfers.send_batch(lines)
    assert rows[0].state is not State.FAILED
    assert rows[1].state is State.FAILED and rows[1].code == "724"
    # added first, the number becomes a usable contact and the transfer goes
    await core.contacts.add(Contact("225", "0777123456", "Traoré", "Ali"))
    standing = await core.contacts.standing([("225", "07 77 12 34 56")])
    assert transfer_blocker(standing[("225", "07 77 12 34 56")]) is None
    again = await core.transfers.send("225", "0777123456", 3000)
    assert again.state is not State.FAILED


async def test_a_queued_addition_is_not_usable_yet(creds, tmp_path):
    core = await Comptoir.open(tmp_path / "data", offline_client(creds))
    try:
        await core.contacts.add(Contact("225", "0777123456", "Traoré", "Ali"))
        standing = await core.contacts.standing([("225", "0777123456")])
        outcome = standing[("225", "0777123456")]
        assert outcome is ContactOutcome.QUEUED
        assert transfer_blocker(outcome)["fr"].startswith("Contact en attente de CinetPay")
    finally:
        await core.aclose(drain=False)


async def test_transfer_balance_alone_fresh_then_cached_and_stale_offline(sim, creds, tmp_path):
    data = tmp_path / "data"
    core = await Comptoir.open(data, make_client(sim, creds))
    try:
        view = await core.balance.refresh_transfer()
        assert view.error is None and not view.transfer.stale
        figure = view.transfer.values["available"]
        assert figure == sim.balances()["transfer"]["available"]
    finally:
        await core.aclose(drain=False)
    core = await Comptoir.open(data, offline_client(creds))
    try:
        await core.connectivity.probe_now()
        view = await core.balance.refresh_transfer()
        assert view.transfer.stale and view.transfer.values["available"] == figure
        assert view.transfer.fetched_at is not None
    finally:
        await core.aclose(drain=False)
