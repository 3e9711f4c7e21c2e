"""comptoir-cli close-day / reopen-day / closings list end to end: subprocesses, a journal per
test, the simulator over loopback. The day closed is the one the journal dated the link
(shop time zone Africa/Abidjan), so the tests hold at any date and hour."""

from __future__ import annotations

import secrets
import sqlite3
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from backoffice import preferences
from tests.support.cli import JOURNAL, Cli

ZONE = "Africa/Abidjan"
NNBSP = "\u202f"


def shop_setup(cli: Cli) -> None:
    """The shop's zone; a test started in the last minute of a day waits for the next one
    (the CLI runs on the real clock: its link and the web payment must share a day)."""
    now = datetime.now(ZoneInfo(ZONE))
    left = (24 * 3600) - (now.hour * 3600 + now.minute * 60 + now.second)
    if left < 90:
        time.sleep(left + 1)
    cli.data_dir.mkdir(parents=True, exist_ok=True)
    preferences.save(cli.data_dir, preferences.Preferences(shop_timezone=ZONE,
                                                           shop_name="Chez Awa"))


def day_of(cli: Cli, tx: str) -> str:
    [(created,)] = cli.journal("SELECT created_at FROM payment_links WHERE transaction_id = ?",
                               (tx,))
    local = datetime.fromisoformat(created).astimezone(ZoneInfo(ZONE))
    return f"{local:%d-%m-%Y}"


def late_and_outside(cli: Cli, sim) -> tuple[str, str, str]:
    """A link paid after the till stopped checking, and a payment made on the web shop."""
    shop_setup(cli)
    tx = cli.json("link", "create", "--amount", "17500")["transaction_id"]
    sim.settle(tx, "ACCEPTED", payment_method="MOMO")
    web = f"WEB{secrets.token_hex(4).upper()}"
    sim.outside_payment(web, 9000)
    return tx, web, day_of(cli, tx)


def test_close_day_json_exit_0_with_anomalies(cli: Cli, sim):
    tx, web, day = late_and_outside(cli, sim)
    data = cli.json("close-day", "--date", day, "--counted-cash", "4000")
    assert {"closing_id", "period", "totals", "cash", "anomalies"} <= set(data)
    assert data["provisional"] is False and data["version"] == 1
    by_id = {a["transaction_id"]: a for a in data["anomalies"]}
    assert by_id[tx]["kind"] == "late_payment" and by_id[tx]["action"] == "check_goods_given"
    assert by_id[web]["kind"] == "not_in_journal" and by_id[web]["amount"] == 9000
    paid = next(t for t in data["totals"]["by_status"] if t["key"] == "paid")
    assert (paid["count"], paid["amount"]) == (1, 17500)
    assert data["cash"]["counted"] == 4000 and data["cash"]["difference"] == 4000
    [(version, provisional)] = cli.journal("SELECT version, provisional FROM closings")
    assert (version, provisional) == (1, 0)


def test_close_day_reads_in_french_then_english(cli: Cli, sim):
    tx, web, day = late_and_outside(cli, sim)
    fr = cli.ok("close-day", "--date", day).stdout
    assert "Clôture de caisse" in fr and f"17{NNBSP}500" in fr
    assert "Paiement tardif" in fr and tx in fr
    assert "vérifier que le client a bien reçu sa marchandise" in fr
    assert "Payés hors de cette caisse" in fr and web in fr
    en = cli.ok("close-day", "--date", day, env={"COMPTOIR_LANG": "en"}).stdout
    assert "Till closing" in en and "Late payment" in en and "17,500" in en
    assert "check that the customer got the goods" in en and "(version 2)" in en


def test_unreachable_cinetpay_exit_6_and_provisional(cli: Cli, sim):
    shop_setup(cli)
    tx = cli.json("link", "create", "--amount", "2500")["transaction_id"]
    day = day_of(cli, tx)
    cli.offline()
    done = cli.run("--json", "close-day", "--date", day)
    assert done.returncode == 6, (done.stdout, done.stderr)
    assert '"provisional": true' in done.stdout
    assert "PROVISOIRE" in done.stderr
    assert cli.journal("SELECT provisional FROM closings") == [(1,)]


def test_versions_list_and_reopening(cli: Cli, sim, tmp_path):
    shop_setup(cli)
    tx = cli.json("link", "create", "--amount", "1000")["transaction_id"]
    day = day_of(cli, tx)
    first = cli.json("close-day", "--date", day)
    reopened = cli.json("reopen-day", "--date", day, "--reason", "vente oubliée")
    assert reopened["reason"] == "vente oubliée"
    pdf, csv = tmp_path / "cloture.pdf", tmp_path / "mouvements.csv"
    second = cli.json("close-day", "--date", day, "--pdf", str(pdf), "--csv", str(csv))
    assert second["version"] == 2 and second["reopenings"][0]["reason"] == "vente oubliée"
    assert pdf.read_bytes().startswith(b"%PDF") and second["files"]["pdf"] == str(pdf)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # for a French Excel
    listed = cli.json("closings", "list", "--date", day)["closings"]
    assert [c["closing_id"] for c in listed] == [second["closing_id"], first["closing_id"]]
    assert [c["version"] for c in listed] == [2, 1]
    assert "v2" in cli.ok("closings", "list").stdout


def test_with_cashiers_nobody_named_may_not_close(cli: Cli, sim):
    shop_setup(cli)
    cli.ok("closings", "list")  # the journal exists
    conn = sqlite3.connect(cli.data_dir / JOURNAL)
    with conn:
        conn.execute("INSERT INTO cashiers (cashier_id, name, role, created_at) VALUES"
                     " ('C1', 'Awa', 'cashier', ?)", (datetime.now(UTC).isoformat(),))
    conn.close()
    done = cli.run("close-day")
    assert done.returncode == 3, (done.stdout, done.stderr)
    assert cli.journal("SELECT count(*) FROM closings") == [(0,)]
