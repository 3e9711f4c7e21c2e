"""comptoir-cli end to end (issue 10): a slow CinetPay and a kill -9 with an immediate restart
never get a transfer POSTed twice; the statuses a person must act on are shown as such."""

from __future__ import annotations

import time

from backoffice.simulator.shapes_transfer import configure
from tests.support.cli import Cli, a_contact, in_state, kill, logged, transfers_with, wait_for

SEND = "/v1/transfer/money/send"


def shapes(sim, **settings) -> None:
    with sim.state.lock:
        configure(sim.state, settings)


def posts(cli: Cli, cid: str) -> int:
    """How many times this process family claimed the transfer for a POST (journal)."""
    [(n,)] = cli.journal("SELECT count(*) FROM transfer_events WHERE client_transaction_id = ?"
                         " AND state = 'sending'", (cid,))
    return n


def state_of(cli: Cli, cid: str) -> str:
    [(state,)] = cli.journal("SELECT state FROM transfers WHERE client_transaction_id = ?",
                             (cid,))
    return state


def test_slow_cinetpay_gets_one_post_however_often_we_sync(cli: Cli, sim):
    """CinetPay needs 4 s, the CLI waits 1 s: the answer is lost, CinetPay's 723s flip the
    connectivity back online, and syncs follow at once: still one POST."""
    shapes(sim, slow_send_seconds=4)
    phone = a_contact(sim)["phone"]
    sent = cli.json("transfer", "send", "--prefix", "225", "--phone", phone, "--amount", "5000",
                    env={"COMPTOIR_TIMEOUT": "1"})
    cid = sent["client_transaction_id"]
    assert sent["state"] == "uncertain"
    for _ in range(2):
        cli.ok("sync", env={"COMPTOIR_TIMEOUT": "1"})
        assert state_of(cli, cid) == "uncertain"
    wait_for(lambda: transfers_with(sim, cid), timeout=15, what="the slow commit")
    shapes(sim)
    cli.ok("sync")
    assert state_of(cli, cid) == "sent" and posts(cli, cid) == 1
    assert len(transfers_with(sim, cid)) == 1
    assert sum(e["endpoint"] == "transfer.send" for e in sim.request_log()) == 1


def test_kill_9_and_immediate_restart_never_posts_again(cli: Cli, sim):
    sim.set_faults(latency_ms=3000, paths=[SEND])
    proc = cli.popen("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                     "--amount", "4000")
    cid = wait_for(lambda: in_state(cli, "transfers", "client_transaction_id", "sending"),
                   what="the transfer in state sending")
    wait_for(lambda: logged(sim, "transfer.login"), what="the login")
    time.sleep(0.3)  # the POST is in the simulator, asleep
    kill(proc)
    sim.clear_faults()  # the sleeping request is applied late
    cli.ok("sync")  # immediate restart: 723 proves nothing yet
    assert state_of(cli, cid) == "uncertain" and posts(cli, cid) == 1
    wait_for(lambda: transfers_with(sim, cid), timeout=15, what="the late commit")
    cli.ok("sync")
    assert state_of(cli, cid) == "sent" and posts(cli, cid) == 1
    assert len(transfers_with(sim, cid)) == 1


def test_awaiting_email_confirmation_is_shown_with_what_to_do(cli: Cli, sim):
    shapes(sim, email_confirmation=True)
    sent = cli.json("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                    "--amount", "6000")
    cli.ok("sync")
    status = cli.json("transfer", "status", sent["client_transaction_id"])
    assert status["sending_status"] == "PENDING" and status["treatment_status"] == "NOS"
    assert status["awaits_email_confirmation"] and status["currency"] == "XOF"
    assert "confirmation par e-mail" in status["label"] and "e-mail" in status["label"]
    listing = cli.ok("transfer", "list").stdout
    assert "en attente de votre confirmation par e-mail" in listing and "XOF" in listing
    english = cli.ok("transfer", "list", env={"COMPTOIR_LANG": "en"}).stdout
    assert "awaiting your e-mail confirmation" in english


def test_805_yet_723_stops_for_a_person(cli: Cli, sim):
    shapes(sim, duplicate_rounds=50)
    grace = {"COMPTOIR_TRANSFER_GRACE": "1"}
    sent = cli.json("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                    "--amount", "7000", env=grace)
    cid = sent["client_transaction_id"]
    for _ in range(5):
        time.sleep(1.1)  # past the shortened grace: each sync may re-send once
        cli.ok("sync", env=grace)
    assert posts(cli, cid) == 3  # bounded
    status = cli.json("transfer", "status", cid)
    assert status["needs_review"] and status["label"] == "à vérifier avec CinetPay"
    outbox = cli.ok("outbox").stdout
    assert "À vérifier avec CinetPay" in outbox and cid in outbox
    assert cli.json("outbox")["review"][0]["client_transaction_id"] == cid
    assert transfers_with(sim, cid) == []
