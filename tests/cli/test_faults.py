"""Each fault CinetPay's network can throw at ``transfer send`` and ``link create``: after the
command and a ``sync``, the operation is in the journal, reconciled, and never duplicated."""

from __future__ import annotations

import json
import time

import pytest

from tests.support.cli import Cli, a_contact, payments_with, transfers_with

KINDS = ["drop_after_commit", "timeout", "rate_limit_429", "http_500", "malformed_json"]
FAST = {"COMPTOIR_TIMEOUT": "0.5"}  # the simulator hangs 1 s: the client gives up first


def outbox_size(cli: Cli) -> int:
    return cli.journal("SELECT count(*) FROM outbox")[0][0]


@pytest.mark.parametrize("kind", KINDS)
def test_transfer_send_under_fault(cli: Cli, sim, kind: str):
    sim.set_faults(kinds=[kind], count=1, paths=["/v1/transfer/money/send"], hang_seconds=1)
    sent = cli.json("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                    "--amount", "5000", env=FAST)
    cid = sent["client_transaction_id"]
    cli.ok("sync", env=FAST)
    if kind == "http_500":  # may have been processed, yet "not found": the request could
        assert cli.journal("SELECT state FROM transfers") == [("uncertain",)]  # still arrive
        assert transfers_with(sim, cid) == []
        time.sleep(1.1)  # past an in-flight grace shortened to 1 s for the test
        cli.ok("sync", env={**FAST, "COMPTOIR_TRANSFER_GRACE": "1"})
    rows = cli.journal("SELECT client_transaction_id, state FROM transfers")
    assert rows == [(cid, "sent")]
    assert len(transfers_with(sim, cid)) == 1
    assert outbox_size(cli) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_link_create_under_fault(cli: Cli, sim, kind: str):
    sim.set_faults(kinds=[kind], count=1, paths=["/v2/payment"], hang_seconds=1)
    done = cli.run("--json", "link", "create", "--amount", "2500", env=FAST)
    cli.ok("sync", env=FAST)
    [(tx, state, url)] = cli.journal("SELECT transaction_id, state, payment_url"
                                     " FROM payment_links")
    created = payments_with(sim, tx)
    assert len(created) <= 1
    if kind == "http_500":  # never applied: failed, said so, nothing to pay
        assert done.returncode == 1 and state == "failed" and created == []
    else:
        assert done.returncode == 0, done.stderr
        assert state == "sent" and len(created) == 1
    if kind == "rate_limit_429":  # retried after Retry-After: a normal link
        assert url and json.loads(done.stdout)["payment_url"] == url
    assert outbox_size(cli) == 0


def test_uncertain_is_said_and_resolved_by_sync(cli: Cli, sim):
    """The send and the check both time out: the transfer stays uncertain (exit 0, the word
    "uncertain" in both languages); the next sync finds it at CinetPay, without re-sending."""
    sim.set_faults(kinds=["timeout"], count=2, paths=["/v1/transfer/money/send",
                                                      "/v1/transfer/check/money"],
                   hang_seconds=1)
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                   "--amount", "5000", env={**FAST, "COMPTOIR_LANG": "en"})
    assert done.returncode == 0, done.stderr
    assert "uncertain" in done.stdout and "checked" in done.stdout
    assert "incertain (uncertain)" in cli.ok("outbox").stdout
    [(cid,)] = cli.journal("SELECT client_transaction_id FROM transfers")
    cli.ok("sync", env=FAST)
    assert cli.json("transfer", "status", cid)["state"] == "sent"
    assert len(transfers_with(sim, cid)) == 1
    sends = [e for e in sim.request_log() if e["endpoint"] == "transfer.send"]
    assert len(sends) == 1


def test_uncertain_link_is_said_in_french(cli: Cli, sim):
    sim.set_faults(kinds=["timeout"], count=2, paths=["/v2/payment"], hang_seconds=1)
    done = cli.run("link", "create", "--amount", "1000", env=FAST)
    assert done.returncode == 0, done.stderr
    assert "incertain (uncertain)" in done.stdout and "sera vérifié" in done.stdout
    cli.ok("sync", env=FAST)
    [(tx, state)] = cli.journal("SELECT transaction_id, state FROM payment_links")
    assert state == "sent" and len(payments_with(sim, tx)) == 1
