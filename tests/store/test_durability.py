"""kill -9 in the middle of writes: every commit the child reported survives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.store.db import Database
from backoffice.store.links import get_link, link_events
from backoffice.store.states import State
from backoffice.store.transfers import get_transfer, transfer_events

REPO = Path(__file__).resolve().parents[2]
REPORTED_BEFORE_KILL = 150

CHILD = """
import sys
from backoffice.store.db import Database
from backoffice.store.links import create_link, mark_link
from backoffice.store.states import State
from backoffice.store.transfers import create_transfer, mark_transfer

db = Database.open(sys.argv[1])
n = 0
while True:
    tid = f"L{n:06d}"
    create_link(db, tid, amount=100 + n, currency="XOF", description="kill -9", request={"n": n})
    print("created", tid, flush=True)
    mark_link(db, tid, State.SENDING)
    print("sending", tid, flush=True)
    cid = f"T{n:06d}"
    create_transfer(db, cid, prefix="225", phone="0707070707", amount=200 + n)
    print("created", cid, flush=True)
    n += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_kill_9_loses_no_reported_commit(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    Database.open(path).close()  # migrate first, so the child only writes operations
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    reported: list[tuple[str, str]] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            reported.append(tuple(line.split()))  # type: ignore[arg-type]
            if len(reported) >= REPORTED_BEFORE_KILL:
                break
        else:
            pytest.fail(f"child stopped early: {child.stderr.read() if child.stderr else ''}")
        os.kill(child.pid, signal.SIGKILL)  # in the middle of its next write
        rest, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    reported += [tuple(line.split()) for line in rest.splitlines() if line.strip()]  # type: ignore[misc]

    with Database.open(path) as db:
        assert db.integrity_check() == ["ok"]
        for what, ref in reported:
            row = get_link(db, ref) if ref.startswith("L") else get_transfer(db, ref)
            assert row is not None, f"{ref} was reported committed but is missing"
            if what == "sending":
                assert row.state is State.SENDING
        # Row and event were written together: the last event always matches the row.
        for n in range(len(reported)):
            for ref, get, events in (
                (f"L{n:06d}", get_link, link_events),
                (f"T{n:06d}", get_transfer, transfer_events),
            ):
                row = get(db, ref)
                if row is None:
                    continue
                assert events(db, ref)[-1].state is row.state
        assert db.scalar("SELECT count(*) FROM payment_links") >= sum(
            1 for what, ref in reported if what == "created" and ref.startswith("L")
        )
