"""Contacts, balances, history and connectivity through the services."""

from __future__ import annotations

import asyncio
import csv
from decimal import Decimal

import pytest

from backoffice.api import Contact, ValidationError
from backoffice.services.connectivity import NetState
from backoffice.services.core import Comptoir
from backoffice.services.events import CONNECTIVITY_CHANGED
from backoffice.store.history import HistoryQuery
from backoffice.store.states import State
from tests.support.clients import go_online, offline_client

# --- contacts ----------------------------------------------------------------------------


async def test_add_contact_then_list_and_search(core, sim):
    row = await core.contacts.add(Contact("225", "07 07 07 07 01", "Yao", "Ama", "ama@ex.ci"))
    assert row.state is State.SENT and row.phone == "0707070701"
    assert any(c["phone"] == "0707070701" for c in sim.contacts())
    await core.contacts.refresh()
    everyone = await core.contacts.list()
    assert len(everyone) >= 12
    assert [c.phone for c in await core.contacts.list("ama")] == ["0707070701"]
    assert await core.contacts.fetched_at() is not None


async def test_already_a_contact_counts_as_done(core, sim):
    existing = sim.contacts()[0]
    row = await core.contacts.add(Contact(existing["prefix"], existing["phone"], "X", "Y"))
    assert row.state is State.SENT and row.code == "726"


async def test_invalid_contact_is_refused_before_anything(core, sim):
    before = len(sim.request_log())
    with pytest.raises(ValidationError) as err:
        await core.contacts.add(Contact("225", "12", "Yao", "Ama"))
    assert err.value.field == "phone"
    assert await core.contacts.list() == [] and len(sim.request_log()) == before


async def test_offline_contact_is_queued_then_added_on_sync(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        row = await core.contacts.add(Contact("225", "0102030405", "Traoré", "Moussa"))
        assert row.state is State.QUEUED
        await go_online(core, sim, creds)
        await core.sync.drain()
        [row] = [r for r in await core.contacts.list() if r.phone == "0102030405"]
        assert row.state is State.SENT
        assert sum(c["phone"] == "0102030405" for c in sim.contacts()) == 1
    finally:
        await core.aclose(drain=False)


async def test_contact_csv_import_gives_per_line_results(core, sim, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        "Indicatif;Téléphone;Nom;Prénom;E-mail\n"
        "225;0708091011;Koffi;Jean;jean@ex.ci\n"
        "225;12;Bad;Phone;\n"
        "999;0708091012;Bad;Prefix;\n"
        "225;0708091013;Bamba;Awa;\n".encode("cp1252"))
    parsed, rows = await core.contacts.import_csv(path)
    assert [line.ok for line in parsed.lines] == [True, False, False, True]
    assert parsed.lines[1].field == "phone" and parsed.lines[1].error("fr")
    assert [r.state for r in rows] == [State.SENT, State.SENT]
    assert {c["phone"] for c in sim.contacts()} >= {"0708091011", "0708091013"}


# --- balances ----------------------------------------------------------------------------


async def test_balance_refresh_then_stale_offline(sim, creds, tmp_path):
    from tests.support.clients import make_client

    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    view = await core.balance.refresh()
    assert view.error is None
    assert isinstance(view.account.values["solde"], Decimal) and not view.account.stale
    assert view.transfer.values["available"] == Decimal(
        (await core.api.transfer.balance()).available)
    fetched = view.account.fetched_at
    await core.aclose(drain=False)

    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        view = await core.balance.refresh()
        assert view.error is not None
        assert view.account.stale and view.transfer.stale
        assert view.account.fetched_at == fetched
        assert core.connectivity.state is NetState.OFFLINE
    finally:
        await core.aclose(drain=False)


# --- history -----------------------------------------------------------------------------


async def test_history_refresh_filter_totals_and_csv_export(core, sim, tmp_path):
    fetched = await core.history.refresh()
    assert fetched >= 100
    everything = HistoryQuery()
    assert await core.history.count(everything) == fetched
    accepted = HistoryQuery(statuses=("ACCEPTED",))
    totals = await core.history.totals(accepted)
    ledger = [p for p in sim.payments() if p.get("status") == "ACCEPTED"]
    assert totals.count == len(ledger)
    assert totals.accepted.amount == sum(Decimal(str(p["amount"])) for p in ledger)

    om = HistoryQuery(operators=("OM",), sort_key="amount", descending=False)
    page = await core.history.page(om, 0, 50)
    assert page and all(r.operator == "OM" for r in page)
    assert [r.amount for r in page] == sorted(r.amount for r in page)

    out = tmp_path / "export.csv"
    written = await core.history.export_csv(om, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert written == await core.history.count(om) == len(rows) - 1
    assert [Decimal(r[2]) for r in rows[1:51]] == [r.amount for r in page]


async def test_export_neutralises_formulas(core, tmp_path):
    from backoffice.store.history import HistoryRow, upsert_history

    await core.db.run(upsert_history, [HistoryRow(
        transaction_id="EVIL1", amount=Decimal(100), currency="XOF", status="ACCEPTED",
        designation='=HYPERLINK("http://evil")', buyer_name="@SUM(A1)")])
    out = tmp_path / "x.csv"
    await core.history.export_csv(HistoryQuery(transaction_id="EVIL1"), out)
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text


# --- connectivity ------------------------------------------------------------------------


async def test_connectivity_follows_real_outcomes_and_reconnect_drains(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    seen: list[NetState] = []
    core.bus.subscribe(CONNECTIVITY_CHANGED, seen.append)
    try:
        row = await core.contacts.add(Contact("225", "0504030201", "Ouattara", "Ali"))
        assert core.connectivity.state is NetState.OFFLINE and row.state is State.QUEUED
        await go_online(core, sim, creds)
        assert await core.connectivity.probe_now() is NetState.ONLINE
        for _ in range(100):  # the reconnect drain runs in the background
            await asyncio.sleep(0.02)
            [row] = [r for r in await core.contacts.list() if r.phone == "0504030201"]
            if row.state is State.SENT:
                break
        assert row.state is State.SENT
        assert seen[:2] == [NetState.OFFLINE, NetState.ONLINE]
    finally:
        await core.aclose(drain=False)


async def test_wrong_credentials_are_an_auth_state(sim, creds, tmp_path):
    import dataclasses

    from tests.support.clients import make_client

    bad = dataclasses.replace(creds, apikey="wrong")
    core = await Comptoir.open(tmp_path, make_client(sim, bad))
    try:
        await core.balance.refresh()
        assert core.connectivity.state is NetState.AUTH_ERROR
    finally:
        await core.aclose(drain=False)


async def test_staleness_is_per_group(core, sim):
    await core.balance.refresh()
    sim.set_faults(rate=1.0, kinds=["http_500"], paths=["/v1/transfer/check/balance"])
    view = await core.balance.refresh()
    assert view.error is not None
    assert not view.account.stale and view.transfer.stale
