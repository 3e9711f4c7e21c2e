"""Disk trouble during a session: the journal cannot be written, so nothing is sent; the
database stays intact and the message is clear."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from backoffice.services.core import JOURNAL_FILE, Comptoir
from backoffice.store.errors import DatabaseLocked, DiskFull, StoreError
from tests.support.clients import make_client


async def fill_the_disk(core: Comptoir) -> None:
    def cap(db) -> None:  # no page may be added any more: SQLITE_FULL on the next growth
        pages = db.scalar("PRAGMA page_count")
        db.connection.execute(f"PRAGMA max_page_count = {pages}")

    await core.db.run(cap)


async def test_disk_full_means_nothing_is_sent(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    try:
        contact = sim.contacts()[0]
        await fill_the_disk(core)
        before = len(sim.request_log())
        with pytest.raises(StoreError) as err:
            for i in range(200):  # until the journal really needs a new page
                await core.transfers.send(contact["prefix"], contact["phone"], 200 + 5 * i)
        assert isinstance(err.value, DiskFull)
        assert "disque" in err.value.human("fr").lower()
        assert "disk" in err.value.human("en").lower()
        sent = [r for r in sim.request_log()[before:] if "money/send" in r["path"]]
        journaled = await core.transfers.list()
        # every transfer that reached CinetPay is in the journal; none was sent unjournaled
        assert len(sent) == len(journaled)
        ok = await core.db.run(lambda db: db.integrity_check())
        assert ok == ["ok"]
    finally:
        await core.aclose(drain=False)


async def test_locked_journal_is_a_clear_message_not_a_reset(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, make_client(sim, creds))
    await core.links.create(5000)
    await core.aclose(drain=False)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(tmp_path / JOURNAL_FILE)!r}, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        from backoffice.store.db import AsyncDatabase

        with pytest.raises(DatabaseLocked) as err:
            await AsyncDatabase.open(tmp_path / JOURNAL_FILE, busy_timeout_ms=200)
        assert err.value.human("fr") and err.value.human("en")
    finally:
        holder.kill()
        holder.wait()
    with sqlite3.connect(tmp_path / JOURNAL_FILE) as conn:  # nothing was reset or lost
        assert conn.execute("SELECT count(*) FROM payment_links").fetchone()[0] == 1
