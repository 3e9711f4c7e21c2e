"""Receipts from the journal (migration 0011): the payer's calling code CinetPay's check gives,
and DUPLICATA remembered across restarts. A real SQLite file, the simulator over loopback HTTP
and a loopback raw-TCP ESC/POS printer recording the bytes."""

from __future__ import annotations

import sqlite3
from contextlib import asynccontextmanager

import pytest

from backoffice.services.core import Comptoir
from backoffice.services.receipts import ReceiptSettings
from backoffice.store import links as journal
from backoffice.store import receipt_prints
from tests.support.clients import make_client
from tests.support.fake_printer import FakePrinter, refused_port
from tests.support.waits import until


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def use(core: Comptoir, uri: str) -> None:
    core.context.till = "CAISSE-1"
    core.receipts.configure(ReceiptSettings(printer=uri, shop_name="Chez Awa", till="CAISSE-1",
                                            timeout=1.0))


@asynccontextmanager
async def session(sim, creds, tmp_path, uri: str):
    """A Comptoir over the test's data directory, closed on leaving (a restart: open another)."""
    core = await Comptoir.open(tmp_path / "data", make_client(sim, creds))
    try:
        use(core, uri)
        yield core
    finally:
        await core.aclose(drain=False)


async def paid(core: Comptoir, sim, **settle) -> str:
    row = await core.links.create(17500)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412", **settle)
    await core.links.refresh(row.transaction_id)
    return row.transaction_id


async def test_a_classic_receipt_prints_the_prefix_the_check_gave(core, api, sim, printer):
    use(core, printer.uri)
    tid = await paid(core, sim)
    assert (await api.checkout.check_payment(tid)).phone_prefix == "225"  # the simulator says it
    row = await core.db.run(journal.get_link, tid)
    assert row.phone_prefix == "225" and row.payment_method == "OM"  # classic: no country
    assert (await core.receipts.print_receipt(tid)).ok
    text = printer.wait_jobs(1)[0].decode("cp858")
    assert "+225 07 ·· ·· 34 12" in text and "0701023412" not in text


async def test_the_prefix_is_the_checks_not_a_guess(core, sim, printer):
    use(core, printer.uri)
    tid = await paid(core, sim, phone_prefix="221")
    assert (await core.db.run(journal.get_link, tid)).phone_prefix == "221"
    await core.receipts.print_receipt(tid)
    text = printer.wait_jobs(1)[0].decode("cp858")
    assert "+221 07 ·· ·· 34 12" in text and "+225" not in text


async def test_duplicata_after_a_restart(sim, creds, tmp_path, printer):
    async with session(sim, creds, tmp_path, printer.uri) as core:
        tid = await paid(core, sim)
        first = await core.receipts.print_receipt(tid)
        assert first.ok and not first.duplicate
    async with session(sim, creds, tmp_path, printer.uri) as again:  # restarted
        assert await again.receipts.was_printed(tid)
        second = await again.receipts.print_receipt(tid)
        assert second.ok and second.duplicate
        rows = await again.db.run(lambda db: db.query(
            "SELECT duplicate, till, printer FROM receipt_prints WHERE transaction_id = ?"
            " ORDER BY id", (tid,)))
    assert [(r["duplicate"], r["till"]) for r in rows] == [(0, "CAISSE-1"), (1, "CAISSE-1")]
    assert rows[0]["printer"] == first.where
    original, copy = printer.wait_jobs(2)
    assert b"DUPLICATA" not in original and b"DUPLICATA" in copy


async def test_a_failed_print_does_not_count(sim, creds, tmp_path, printer):
    async with session(sim, creds, tmp_path, f"tcp://127.0.0.1:{refused_port()}") as core:
        tid = await paid(core, sim)
        failed = await core.receipts.print_receipt(tid)
        assert not failed.ok and not failed.duplicate
        assert not await core.receipts.was_printed(tid)
        use(core, printer.uri)  # the printer back: "Réimprimer" gives the original
        reprinted = await core.receipts.reprint(failed)
        assert reprinted.ok and not reprinted.duplicate
    assert b"DUPLICATA" not in printer.wait_jobs(1)[0]
    async with session(sim, creds, tmp_path, printer.uri) as again:
        assert (await again.receipts.print_receipt(tid)).duplicate
    assert b"DUPLICATA" in printer.wait_jobs(2)[1]


async def test_a_failed_print_before_a_restart_leaves_the_original_to_come(sim, creds, tmp_path,
                                                                          printer):
    async with session(sim, creds, tmp_path, f"tcp://127.0.0.1:{refused_port()}") as core:
        tid = await paid(core, sim)
        assert not (await core.receipts.print_receipt(tid)).ok
    async with session(sim, creds, tmp_path, printer.uri) as again:
        job = await again.receipts.print_receipt(tid)
        assert job.ok and not job.duplicate
        assert (await again.receipts.print_receipt(tid, duplicate=True)).duplicate
    original, copy = printer.wait_jobs(2)
    assert b"DUPLICATA" not in original and b"DUPLICATA" in copy


async def test_auto_print_marks_a_receipt_another_session_printed(core, sim, creds, tmp_path,
                                                                 printer):
    core.context.till = "CAISSE-1"
    core.receipts.configure(ReceiptSettings(printer=printer.uri, auto=True, auto_receipt=True,
                                            timeout=1.0))
    row = await core.links.create(17500)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    async with session(sim, creds, tmp_path, printer.uri) as other:  # the command line, say
        await other.links.refresh(row.transaction_id)
        assert (await other.receipts.print_receipt(row.transaction_id)).ok
    await core.links.create(1000)  # the app's next change: it sees the link PAYÉ
    await until(lambda: len(printer.jobs) == 2)
    original, auto = printer.jobs
    assert b"DUPLICATA" not in original and b"DUPLICATA" in auto


async def test_receipt_prints_are_never_edited(core, sim, printer):
    use(core, printer.uri)
    tid = await paid(core, sim)
    await core.receipts.print_receipt(tid)
    for sql in ("UPDATE receipt_prints SET duplicate = 1", "DELETE FROM receipt_prints"):
        with pytest.raises(sqlite3.IntegrityError, match="never"):
            await core.db.run(_execute, sql)
    assert await core.db.run(receipt_prints.print_count, tid) == 1


def _execute(db, sql: str) -> None:
    with db.transaction() as conn:
        conn.execute(sql)
