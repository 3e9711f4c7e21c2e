"""The accountant's export through the services, on a real journal and the simulator: only
money that moved (paid links without anomaly, transfers CinetPay completed, cash movements),
one line each with its SYSCOHADA accounts; the mapping file written once, then the shop's."""

from __future__ import annotations

import csv
import json
import stat
from datetime import UTC, datetime

import httpx
import pytest

from backoffice.output.accounting import MappingError, load_mapping, write_csv
from backoffice.services import accounting
from backoffice.services.context import Cashier

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


async def paid_link(core, sim, amount: int, method: str = "OM"):
    row = await core.links.create(amount)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method=method,
               phone_number="0701020304")
    return await core.links.refresh(row.transaction_id)


async def test_one_line_per_movement_of_money_only(core, sim):
    core.context.cashier = Cashier("c-awa", "Awa", "cashier")
    paid = await paid_link(core, sim, 17500, "MOMO")
    refused = await core.links.create(3000)
    sim.settle(refused.transaction_id, outcome="REFUSED")
    await core.links.refresh(refused.transaction_id)
    await core.links.create(4000)  # still waiting
    [contact, *_] = await core.api.transfer.list_contacts()
    done = await core.transfers.send(contact.prefix, contact.phone, 5000)
    sim.advance(120)
    await core.transfers.refresh_all()
    in_progress = await core.transfers.send(contact.prefix, contact.phone, 6000)
    sale = await core.cash.sale(2500, "Pain")
    await core.cash.payout(700, "Sachets")
    await core.cash.add_float(10000, "Fond de caisse")

    rows = await accounting.movements(core, *EVER)
    assert [m.at for m in rows] == sorted(m.at for m in rows)  # oldest first
    by_kind = {m.kind: m for m in rows}
    assert len(rows) == len(by_kind) == 5
    assert {k: m.amount for k, m in by_kind.items()} == {
        "payment": 17500, "transfer": 5000, "cash_sale": 2500, "cash_payout": 700,
        "cash_float": 10000}
    payment, transfer, cash_sale = by_kind["payment"], by_kind["transfer"], by_kind["cash_sale"]
    assert payment.transaction_id == paid.transaction_id and payment.method == "MOMO"
    assert transfer.transaction_id == done.client_transaction_id
    assert transfer.transaction_id != in_progress.client_transaction_id
    assert transfer.currency == "XOF" and contact.phone in transfer.description
    assert cash_sale.transaction_id == sale.movement_id and cash_sale.description == "Pain"
    assert cash_sale.cashier == "c-awa"  # no cashiers row: the id stands for the name
    assert all(m.at.tzinfo is not None for m in rows)

    mapping = await core.accounting.mapping()
    assert {k: mapping.accounts(m) for k, m in by_kind.items()} == {
        "payment": ("5522", "701"), "transfer": ("585", "552"), "cash_sale": ("5711", "701"),
        "cash_payout": ("471", "5711"), "cash_float": ("5711", "585")}


async def test_an_anomaly_is_never_exported_as_paid(core, sim):
    row = await core.links.create(9000)
    answer = httpx.post(f"{sim.base_url}/_sim/shapes/checkout", timeout=5, json={
        "shape": "other_amount", "transaction_id": row.transaction_id, "amount": "900"})
    assert answer.status_code == 200, answer.text
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701020304")
    assert (await core.links.refresh(row.transaction_id)).anomaly == "amount_mismatch"
    assert await accounting.movements(core, *EVER) == []


async def test_period_and_till_filters(core):
    core.context.till = "T1"
    core.clock.source = lambda: datetime(2026, 5, 1, 10, tzinfo=UTC)
    await core.cash.sale(1000)
    core.clock.source = lambda: datetime(2026, 5, 2, 10, tzinfo=UTC)
    await core.cash.sale(2000)
    core.context.till = "T2"
    await core.cash.sale(4000)
    day2 = (datetime(2026, 5, 2, tzinfo=UTC), datetime(2026, 5, 3, tzinfo=UTC))
    assert sorted(m.amount for m in await core.accounting.movements(*day2)) == [2000, 4000]
    assert [m.amount for m in await core.accounting.movements(*day2, till="T1")] == [2000]
    with pytest.raises(ValueError):
        await core.accounting.movements(datetime(2026, 5, 2), datetime(2026, 5, 3))


async def test_mapping_file_written_private_with_defaults_then_edited_by_the_shop(
        core, tmp_path):
    path = tmp_path / "data" / "accounting.json"
    assert not path.exists()
    first = await core.accounting.mapping()
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["cash"] == "5711" and saved["e_money_by_operator"]["OM"] == "5521"
    assert "6317" in saved["_notes"]["fees"]  # what each account is, for whoever edits it
    assert first.fees == "6317" and first.transfers == "585"

    saved["cash"] = "5712"
    saved["e_money_by_operator"] = {"om": 55211}
    path.write_text(json.dumps(saved), encoding="utf-8")
    await core.cash.sale(800)
    mapping = await core.accounting.mapping()
    [m] = await core.accounting.movements(*EVER)
    assert mapping.accounts(m) == ("5712", "701")
    assert mapping.e_money_of("OM") == "55211" and mapping.e_money_of("WAVE") == "552"

    out = tmp_path / "out.csv"
    write_csv([m], out, mapping)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        [_, line] = list(csv.reader(handle, delimiter=";"))
    assert line[-2:] == ["5712", "701"]


@pytest.mark.parametrize("content", ["{not json", "[]", '{"cash": ""}', '{"sales": null}',
                                     '{"e_money_by_operator": ["OM"]}'])
def test_a_damaged_mapping_is_refused_not_guessed(tmp_path, content):
    path = tmp_path / "accounting.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(path)
    assert "accounting.json" in err.value.fr and err.value.en
    assert path.read_text(encoding="utf-8") == content  # never overwritten
