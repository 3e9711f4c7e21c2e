"""``link cancel ID`` and ``link list`` with ended links (issue 17), end to end."""

from __future__ import annotations

from tests.support.cli import Cli


def test_cancel_sends_nothing_and_a_late_payment_is_flagged(cli: Cli, sim):
    tx = cli.json("link", "create", "--amount", "5000")["transaction_id"]
    sent = len(sim.request_log())

    done = cli.ok("link", "cancel", tx)

    assert "Lien annulé" in done.stdout and "ne pas payer" in done.stdout
    assert "Fin du lien" in done.stdout
    assert len(sim.request_log()) == sent  # CinetPay has no cancel: nothing is sent
    listed = cli.ok("link", "list").stdout
    assert tx in listed and "annulé (le client ne doit pas payer)" in listed
    [row] = cli.json("link", "list")
    assert row["outcome"] == "cancelled" and row["end_reason"] == "cancelled"
    assert row["late_payment"] is False
    english = cli.ok("link", "list", env={"COMPTOIR_LANG": "en"}).stdout
    assert "cancelled (the customer must not pay)" in english
    assert cli.json("outbox")["counts"]["awaiting_payment"] == 0

    sim.settle(tx, outcome="ACCEPTED")
    cli.ok("link", "refresh", "--all")  # an ended link is still checked
    [row] = cli.json("link", "list")
    assert row["outcome"] == "paid" and row["late_payment"] is True
    assert row["accepted_at"] > row["ended_at"]
    assert "paiement tardif" in cli.ok("link", "list").stdout


def test_cancel_refuses_a_paid_or_unknown_link(cli: Cli, sim):
    tx = cli.json("link", "create", "--amount", "5000")["transaction_id"]
    sim.settle(tx, outcome="ACCEPTED")
    cli.ok("link", "status", tx)
    paid = cli.run("link", "cancel", tx)
    assert paid.returncode == 2 and "ne peut pas être annulé" in paid.stderr
    unknown = cli.run("link", "cancel", "NO-SUCH-LINK")
    assert unknown.returncode == 2 and "Lien inconnu" in unknown.stderr
