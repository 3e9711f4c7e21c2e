"""comptoir-cli end to end: a history with odd rows is shown with "N lignes illisibles" and
exact totals, never a traceback; a failed read says "try again", not "may have gone
through"."""

from __future__ import annotations

from decimal import Decimal

from tests.support.api_data import UNREADABLE_ODD_ROWS, row
from tests.support.cli import Cli

HUGE = "50000000000000000"  # 5·10^16: two of them overflow a 64-bit sum of hundredths


def odd_shop(sim) -> None:
    sim.state.history_quirks.odd_rows = True
    sim.state.history_quirks.extra_rows = [row("BIG-1", cpm_amount=HUGE),
                                           row("BIG-2", cpm_amount=HUGE)]


def test_odd_rows_are_counted_and_huge_totals_are_exact(cli: Cli, sim):
    odd_shop(sim)
    data = cli.json("history", "--limit", "5")
    assert data["unreadable"] == UNREADABLE_ODD_ROWS
    big = cli.json("history", "--search", "BIG-", "--offline")
    assert big["count"] == 2 and big["unreadable"] == UNREADABLE_ODD_ROWS
    assert Decimal(big["totals"]["accepted_amount"]) == 2 * Decimal(HUGE)

    done = cli.ok("history", "--limit", "3")
    assert f"{UNREADABLE_ODD_ROWS} lignes illisibles" in done.stdout
    assert "Traceback" not in done.stderr + done.stdout
    english = cli.ok("history", "--limit", "3", env={"COMPTOIR_LANG": "en"})
    assert f"{UNREADABLE_ODD_ROWS} unreadable rows" in english.stdout

    sim.state.history_quirks.odd_rows = False
    assert cli.json("history", "--limit", "1")["unreadable"] == 0
    assert "illisible" not in cli.ok("history", "--limit", "1").stdout


def test_php_empty_history_is_empty_not_an_error(cli: Cli, sim):
    sim.state.history_quirks.empty_as = "null"
    data = cli.json("history", "--from", "01-01-2001", "--to", "31-12-2001")
    assert data["count"] == 0 and data["unreadable"] == 0 and data["stale"] is False


def test_unreadable_history_answer_says_try_again(cli: Cli, sim):
    sim.set_faults(kinds=["malformed_json"], paths=["getTransHistory"])
    done = cli.run("history")
    assert done.returncode == 6  # nothing cached to show
    assert "Réponse illisible de CinetPay, réessayez" in done.stderr
    assert "peut-être" not in done.stderr and "Traceback" not in done.stderr
    english = cli.run("history", env={"COMPTOIR_LANG": "en"})
    assert "Unreadable answer from CinetPay, try again" in english.stderr
    assert "may have" not in english.stderr


def test_unreadable_balance_answer_says_try_again(cli: Cli, sim):
    sim.set_faults(kinds=["html_error"], paths=["getCompteStatus", "check/balance"])
    done = cli.run("balance")
    assert done.returncode == 6
    assert "Réponse illisible de CinetPay, réessayez" in done.stderr
    assert "peut-être" not in done.stderr


def test_unreadable_contact_list_says_try_again(cli: Cli, sim):
    sim.set_faults(kinds=["malformed_json"], paths=["/v1/transfer/contact"])
    done = cli.run("contact", "list", "--refresh")
    assert "Réponse illisible de CinetPay, réessayez" in done.stderr
    assert "peut-être" not in done.stderr and "Traceback" not in done.stderr
