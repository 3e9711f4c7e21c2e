"""The service context and what the façade offers the front-ends (Qt-free), against a real
journal and the simulator."""

from __future__ import annotations

from datetime import timedelta

from backoffice.api import Credentials
from backoffice.preferences import Preferences
from backoffice.services.connectivity import NetState
from backoffice.services.core import Comptoir
from backoffice.store.outbox import defer_item
from backoffice.store.states import State
from tests.support.clients import make_client, offline_client


def freeze(core: Comptoir):
    """Stop the clock the journal and the services share; returns the frozen time."""
    moment = core.clock().replace(microsecond=0)  # the journal keeps milliseconds
    core.clock.source = lambda: moment
    return moment


async def test_the_journal_and_the_services_read_one_clock(core):
    moment = freeze(core) + timedelta(days=400)
    core.clock.source = lambda: moment
    assert core.context.now() == moment
    row = await core.links.create(1500, "clock")
    assert row.created_at == moment  # written by the journal with the same clock


async def test_follow_up_in_follows_waiting_work_and_deferred_items(core, sim, creds):
    now = freeze(core)
    assert await core.sync.follow_up_in(60) is None  # nothing to follow
    [contact, *_] = await core.api.transfer.list_contacts()
    await core.api.aclose()
    core.api = offline_client(creds)
    row = await core.transfers.send(contact.prefix, contact.phone, 1000)
    assert row.state is State.QUEUED
    assert await core.sync.follow_up_in(60) == 60  # waiting work: the interval
    await core.db.run(defer_item, "transfer", row.client_transaction_id,
                      not_before=now + timedelta(seconds=30), error=None)
    assert await core.sync.follow_up_in(60) == 30  # due sooner than the interval
    await core.db.run(defer_item, "transfer", row.client_transaction_id,
                      not_before=now - timedelta(seconds=30), error=None)
    assert await core.sync.follow_up_in(60) == 1.0  # overdue: at once (never below 1 s)


async def test_api_key_is_checked_in_constant_time_against_the_session(core, creds):
    assert core.api_key_matches(creds.apikey)
    assert core.api_key_matches(f"  {creds.apikey} ")
    assert not core.api_key_matches(creds.apikey + "x")
    assert not core.api_key_matches(creds.apikey[:-1])
    assert not core.api_key_matches("")


async def test_an_empty_session_key_matches_nothing(tmp_path, sim):
    core = await Comptoir.open(tmp_path / "d", make_client(sim, Credentials("", "1", "")))
    try:
        assert not core.api_key_matches("")
        assert not core.api_key_matches(" ")
    finally:
        await core.aclose(drain=False)


async def test_preferences_applied_change_the_next_operations(core):
    assert core.currency == "XOF"
    prefs = Preferences(currency="USD", description="Boutique",
                        notify_url="https://shop.example/notify")
    core.apply_preferences(prefs)
    assert core.currency == "USD" and core.settings.currency == "USD"
    req = core.links.build_request(100)
    assert (req.currency, req.description, req.notify_url) == (
        "USD", "Boutique", "https://shop.example/notify")


async def test_transfers_enabled_follows_the_transfer_password(core, tmp_path, sim, creds):
    assert core.transfers.enabled
    bare = Credentials(creds.apikey, creds.site_id, "")
    other = await Comptoir.open(tmp_path / "other", make_client(sim, bare))
    try:
        assert not other.transfers.enabled
        view = await other.balance.refresh()  # no transfer balance asked without password
        assert view.transfer is None and view.account is not None
    finally:
        await other.aclose(drain=False)


async def test_endpoints_and_net_state_come_from_the_session(core, sim, creds):
    assert core.endpoints.checkout.startswith(sim.base_url)
    assert core.net_state is NetState.ONLINE and not core.credentials_refused
    await core.api.aclose()
    core.api = make_client(sim, Credentials("wrong", creds.site_id, ""))
    await core.balance.refresh()  # CinetPay refuses the key
    assert core.credentials_refused
    assert core.context.api is core.api  # the services use the client swapped in
