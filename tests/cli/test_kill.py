"""kill -9 in the middle of a transfer and of a link creation, before and after CinetPay
applied the request; the next command reconciles the journal and nothing is duplicated."""

from __future__ import annotations

import sqlite3
import subprocess
import time

from backoffice.simulator import Simulator
from tests.support.cli import (
    Cli,
    a_contact,
    in_state,
    kill,
    logged,
    payments_with,
    transfers_with,
    wait_for,
)

SEND = "/v1/transfer/money/send"
INIT = "/v2/payment"


def refuse_the_sleeping_request(sim: Simulator, path: str, endpoint: str) -> None:
    """The killed client's request is still asleep in the simulator's latency: wake it with a
    fault that answers before applying (HTTP 500), so CinetPay never applied it."""
    sim.set_faults(kinds=["http_500"], count=1, paths=[path])
    sim.state.faults.release_all()
    wait_for(lambda: logged(sim, endpoint, status=500), what="the refused request")
    sim.clear_faults()


def start_transfer(cli: Cli, sim: Simulator, **env: str) -> tuple[subprocess.Popen[str], str]:
    proc = cli.popen("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                     "--amount", "5000", env=env)
    cid = wait_for(lambda: in_state(cli, "transfers", "client_transaction_id", "sending"),
                   what="the transfer in state sending")
    return proc, cid


def start_link(cli: Cli, **env: str) -> tuple[subprocess.Popen[str], str]:
    proc = cli.popen("link", "create", "--amount", "7500", env=env)
    tx = wait_for(lambda: in_state(cli, "payment_links", "transaction_id", "sending"),
                  what="the link in state sending")
    return proc, tx


def test_transfer_killed_before_cinetpay_applied_it_is_sent_once_after(cli: Cli, sim):
    sim.set_faults(latency_ms=8000, paths=[SEND])
    proc, cid = start_transfer(cli, sim)
    wait_for(lambda: logged(sim, "transfer.login"), what="the login")
    time.sleep(0.3)  # the send request is in the simulator, asleep
    kill(proc)
    refuse_the_sleeping_request(sim, SEND, "transfer.send")
    assert transfers_with(sim, cid) == []

    cli.ok("sync")  # "not found" right after the kill proves nothing yet
    assert cli.journal("SELECT state FROM transfers WHERE client_transaction_id = ?",
                       (cid,)) == [("uncertain",)]
    time.sleep(1.1)  # a grace shortened to 1 s for the test is over
    done = cli.ok("sync", env={"COMPTOIR_TRANSFER_GRACE": "1"})
    assert "0 restante(s)" in done.stdout
    assert cli.journal("SELECT state FROM transfers WHERE client_transaction_id = ?",
                       (cid,)) == [("sent",)]
    assert len(transfers_with(sim, cid)) == 1
    cli.ok("sync")
    assert len(transfers_with(sim, cid)) == 1


def test_transfer_killed_after_cinetpay_applied_it_is_found_not_resent(cli: Cli, sim):
    sim.set_faults(kinds=["timeout"], count=1, paths=[SEND], hang_seconds=30)
    proc, cid = start_transfer(cli, sim, COMPTOIR_TIMEOUT="30")
    wait_for(lambda: logged(sim, "transfer.send", fault="timeout"), what="the applied send")
    kill(proc)
    assert len(transfers_with(sim, cid)) == 1

    status = cli.json("transfer", "status", cid)
    assert status["state"] == "sent" and status["treatment_status"] == "NEW"
    assert status["cinetpay_transaction_id"] == transfers_with(sim, cid)[0]["transaction_id"]
    cli.ok("sync")
    assert len(transfers_with(sim, cid)) == 1
    assert cli.json("outbox")["items"] == []


def backdate_link(cli: Cli, tx: str) -> None:
    with sqlite3.connect(cli.data_dir / "journal.sqlite3") as conn:
        conn.execute("UPDATE payment_links SET updated_at = '2026-01-01T08:00:00.000Z', "
                     "not_before = NULL WHERE transaction_id = ?", (tx,))


def test_link_killed_before_cinetpay_created_it_is_failed_never_resent(cli: Cli, sim):
    sim.set_faults(latency_ms=8000, paths=[INIT])
    proc, tx = start_link(cli)
    time.sleep(0.3)
    kill(proc)
    refuse_the_sleeping_request(sim, INIT, "checkout.init")

    cli.ok("sync")  # "not found" right after a kill proves nothing yet: the request may still
    assert cli.json("link", "status", tx)["state"] == "uncertain"  # be on its way
    backdate_link(cli, tx)  # the grace period has passed
    cli.ok("sync")
    status = cli.json("link", "status", tx)
    assert status["state"] == "failed" and status["last_error"]
    assert payments_with(sim, tx) == []
    assert not [e for e in sim.request_log() if e["endpoint"] == "checkout.init"
                and e["status"] != 500]


def test_link_killed_after_cinetpay_created_it_is_found(cli: Cli, sim):
    sim.set_faults(kinds=["timeout"], count=1, paths=[INIT], hang_seconds=30)
    proc, tx = start_link(cli, COMPTOIR_TIMEOUT="30")
    wait_for(lambda: logged(sim, "checkout.init", fault="timeout"), what="the applied init")
    kill(proc)

    done = cli.ok("sync")
    assert "0 restante(s)" in done.stdout
    status = cli.json("link", "status", tx)
    assert status["state"] == "sent" and status["payment_status"] == "PENDING"
    assert len(payments_with(sim, tx)) == 1
    inits = [e for e in sim.request_log() if e["endpoint"] == "checkout.init"]
    assert len(inits) == 1  # checked, never created a second time


def test_transfer_still_in_flight_at_restart_is_not_doubled(cli: Cli, sim):
    """The killed client's request is still travelling when the restart checks: CinetPay does
    not know it yet (723), which proves nothing, so nothing is sent again; once the late
    request is applied, a check finds it. One POST, one transfer."""
    sim.set_faults(latency_ms=2000, paths=[SEND])
    proc, cid = start_transfer(cli, sim)
    wait_for(lambda: logged(sim, "transfer.login"), what="the login")
    time.sleep(0.3)
    kill(proc)
    sim.clear_faults()  # the sleeping request keeps sleeping, then is applied late
    cli.ok("sync")
    assert cli.journal("SELECT state FROM transfers") == [("uncertain",)]
    wait_for(lambda: transfers_with(sim, cid), what="the late original request")
    cli.ok("sync")
    assert len(transfers_with(sim, cid)) == 1
    assert [e for e in sim.request_log() if e["endpoint"] == "transfer.send"] != []
    assert len([e for e in sim.request_log() if e["endpoint"] == "transfer.send"]) == 1
    assert cli.journal("SELECT state FROM transfers") == [("sent",)]


def test_link_still_in_flight_at_restart_is_not_declared_never_created(cli: Cli, sim):
    sim.set_faults(latency_ms=2000, paths=[INIT])
    proc, tx = start_link(cli)
    time.sleep(0.3)
    kill(proc)
    sim.clear_faults()
    cli.ok("sync")
    wait_for(lambda: payments_with(sim, tx), what="the late creation")
    [(state,)] = cli.journal("SELECT state FROM payment_links")
    assert state != "failed"  # the journal must not contradict CinetPay
    cli.ok("sync")  # the grace period is not over: it is checked again, and found
    [(state,)] = cli.journal("SELECT state FROM payment_links")
    assert state == "sent"
