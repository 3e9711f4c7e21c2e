"""Review pass: the 15-minute duplicate guard of a single CLI transfer, by phone spelling."""

from __future__ import annotations

from tests.support.cli import Cli, a_contact


def test_same_transfer_typed_with_the_country_prefix_needs_again(cli: Cli, sim):
    phone = a_contact(sim)["phone"]
    first = cli.json("transfer", "send", "--prefix", "225", "--phone", phone,
                     "--amount", "5000")
    assert first["state"] == "sent"
    again = cli.run("transfer", "send", "--prefix", "225", "--phone", f"+225 {phone}",
                    "--amount", "5000")
    rows = cli.journal("SELECT phone, amount FROM transfers")
    assert again.returncode == 2, (again.returncode, again.stdout, again.stderr)
    assert rows == [(phone, 5000)]


def test_same_transfer_with_spaces_in_the_phone_needs_again(cli: Cli, sim):
    """Holds: spaces and dots are digits-only in the guard's key."""
    phone = a_contact(sim)["phone"]
    cli.json("transfer", "send", "--prefix", "225", "--phone", phone, "--amount", "5000")
    spaced = " ".join(phone[i:i + 2] for i in range(0, len(phone), 2))
    again = cli.run("transfer", "send", "--prefix", "+225", "--phone", spaced,
                    "--amount", "5 000")
    assert again.returncode == 2 and "--again" in again.stderr
    assert len(cli.journal("SELECT 1 FROM transfers")) == 1
