"""No network: reads show the cache (stale, exit 0) or exit 6; money operations queue
(exit 0, "queued") and go out exactly once at the next sync."""

from __future__ import annotations

from tests.support.cli import Cli, transfers_with


def test_balance_offline_shows_the_cache_marked_stale(cli: Cli, sim):
    cli.ok("balance")
    cli.ok("history", "--limit", "1")
    cli.offline()
    done = cli.ok("balance")
    assert "hors ligne, données du" in done.stdout and "Hors ligne" in done.stderr
    data = cli.json("balance", env={"COMPTOIR_LANG": "en"})
    assert data["stale"] is True and data["account"]["stale"] is True
    assert "unreachable" in data["error"]
    assert cli.json("history", "--limit", "1")["stale"] is True


def test_reads_offline_without_cache_exit_6(cli: Cli):
    cli.offline()
    for command in (("balance",), ("history",)):
        done = cli.run(*command)
        assert done.returncode == 6 and "injoignable" in done.stderr, done


def test_offline_operations_queue_then_sync_sends_each_exactly_once(cli: Cli, sim):
    cli.offline()
    contact = cli.run("contact", "add", "--prefix", "225", "--phone", "0707070701",
                      "--name", "Yao", "--surname", "Koffi")
    assert contact.returncode == 0 and "queued" in contact.stdout
    sent = cli.run("transfer", "send", "--prefix", "225", "--phone", "0707070701",
                   "--amount", "12500", env={"COMPTOIR_LANG": "en"})
    assert sent.returncode == 0, sent.stderr
    assert "queued" in sent.stdout and "comptoir-cli sync" in sent.stdout
    link = cli.run("link", "create", "--amount", "5000")  # a link is never queued for later
    assert link.returncode == 6 and "rien n'a été envoyé" in link.stderr
    outbox = cli.json("outbox")
    assert {(i["kind"], i["state"]) for i in outbox["items"]} == {
        ("contact", "queued"), ("transfer", "queued")}
    assert cli.run("sync").returncode == 6  # still offline: said so, nothing lost
    [(cid,)] = cli.journal("SELECT client_transaction_id FROM transfers")
    assert transfers_with(sim, cid) == [] and sim.request_log() == []

    cli.online(sim)
    report = cli.json("sync")
    assert report["remaining"] == 0 and report["items"] == []
    assert any(c["phone"] == "0707070701" for c in sim.contacts())
    assert len(transfers_with(sim, cid)) == 1
    cli.ok("sync")
    assert len(transfers_with(sim, cid)) == 1
    assert cli.json("transfer", "status", cid)["state"] == "sent"
