"""``--all-tills`` end to end: two tills (real comptoir-cli processes, the simulator, the tests'
own PostgreSQL server); the reads show every till's operations with the till and cashier, and
``close-day --all-tills`` reads the shop's day without sending or recording anything."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from tests.support.cli import Cli, a_contact, base_env, endpoint_env


def till(code: str, tmp_path: Path, sim: Simulator, dsn: str) -> Cli:
    data_dir = tmp_path / code
    env = {**base_env(), **endpoint_env(sim.base_url), "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "fr", "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
           "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
           "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"],
           "COMPTOIR_TILL": code, "COMPTOIR_SHOP_DB": dsn, "COMPTOIR_TRANSFER_GRACE": "0"}
    return Cli(data_dir, env)


@pytest.fixture
def tills(shop_dsn: str, tmp_path: Path, sim: Simulator) -> tuple[Cli, Cli]:
    """CAISSE-1 and CAISSE-2 on the tests' shop database (made by CAISSE-1's shop init)."""
    one, two = till("CAISSE-1", tmp_path, sim, shop_dsn), till("CAISSE-2", tmp_path, sim,
                                                                shop_dsn)
    one.ok("shop", "init")
    return one, two


def link_id(made: dict) -> str:  # type: ignore[type-arg]
    return str(made.get("transaction_id") or made["link"]["transaction_id"])


def test_all_tills_reads_show_every_till_with_its_till_and_cashier(
        tills: tuple[Cli, Cli], sim: Simulator) -> None:
    one, two = tills
    mine = link_id(one.json("link", "create", "--amount", "1500"))
    one.ok("cash", "add", "--amount", "2000")
    theirs = link_id(two.json("link", "create", "--amount", "3000"))
    sim.settle(theirs)  # the customer pays CAISSE-2's link
    two.ok("link", "refresh", "--all")
    sent = two.json("transfer", "send", "--prefix", "225", "--phone", a_contact(sim)["phone"],
                    "--amount", "500")
    transfer = sent.get("client_transaction_id") or sent["transfers"][0]["client_transaction_id"]

    own = one.json("link", "list")
    assert [r["transaction_id"] for r in own] == [mine]  # without the flag: this till only
    every = one.json("link", "list", "--all-tills")
    assert {(r["transaction_id"], r["till"]) for r in every} == {(mine, "CAISSE-1"),
                                                               (theirs, "CAISSE-2")}
    assert next(r for r in every if r["till"] == "CAISSE-2")["outcome"] == "paid"
    text = one.ok("link", "list", "--all-tills").stdout
    assert "CAISSE-2" in text and theirs in text

    history = one.json("history", "--all-tills")
    assert history["source"] == "shop"
    assert {r["transaction_id"] for r in history["rows"]} == {mine, theirs}

    moved = one.json("transfer", "list", "--all-tills")
    assert [(r["client_transaction_id"], r["till"]) for r in moved] == [(transfer, "CAISSE-2")]
    assert one.json("transfer", "list") == []

    payments, transfers = len(sim.payments()), len(sim.transfers())
    day = one.json("close-day", "--all-tills")
    assert day["day"] == datetime.now(UTC).astimezone().date().isoformat()
    per = {t["till"]: t for t in day["tills"]}
    assert (per["CAISSE-1"]["cash_amount"], per["CAISSE-1"]["waiting_count"]) == (2000, 1)
    assert (per["CAISSE-2"]["paid_amount"], per["CAISSE-2"]["transfers_done"]
            + per["CAISSE-2"]["transfers_open"]) == (3000, 1)
    assert day["total"]["takings"] == 5000
    words = one.ok("close-day", "--all-tills").stdout
    assert "CAISSE-1" in words and "CAISSE-2" in words and "BOUTIQUE" in words
    # reading only: nothing sent to CinetPay, no closing recorded at either till
    assert (len(sim.payments()), len(sim.transfers())) == (payments, transfers)
    assert one.journal("SELECT count(*) FROM closings") == [(0,)]
    assert two.journal("SELECT count(*) FROM closings") == [(0,)]


def test_all_tills_without_a_shop_database_says_how(tmp_path: Path, sim: Simulator) -> None:
    alone = till("CAISSE-1", tmp_path, sim, "")
    alone.env.pop("COMPTOIR_SHOP_DB")
    done = alone.run("link", "list", "--all-tills")
    assert done.returncode == 2 and "COMPTOIR_SHOP_DB" in done.stderr


def test_close_day_all_tills_refuses_what_only_a_tills_own_closing_does(
        shop_dsn: str, tmp_path: Path, sim: Simulator) -> None:
    one = till("CAISSE-1", tmp_path, sim, shop_dsn)
    one.ok("shop", "init")
    done = one.run("close-day", "--all-tills", "--counted-cash", "1000")
    assert done.returncode == 2 and "--counted-cash" in done.stderr
    assert one.journal("SELECT count(*) FROM closings") == [(0,)]


def test_each_tills_own_closing_shows_in_the_shop_day(
        tills: tuple[Cli, Cli], sim: Simulator) -> None:
    one, two = tills
    one.ok("cash", "add", "--amount", "2000")
    one.ok("close-day", "--counted-cash", "2000")  # CAISSE-1 closes its own till
    two.ok("cash", "add", "--amount", "700")
    day = two.json("close-day", "--all-tills")
    per = {t["till"]: t for t in day["tills"]}
    assert (per["CAISSE-1"]["closing_version"], per["CAISSE-1"]["counted_cash"]) == (1, 2000)
    assert per["CAISSE-2"]["closing_version"] is None
    words = two.ok("close-day", "--all-tills").stdout
    assert "clôture v1" in words and "pas clôturée" in words
    assert two.journal("SELECT count(*) FROM closings") == [(0,)]  # nothing recorded here


def test_history_all_tills_filters_and_exports_like_history(
        tills: tuple[Cli, Cli], sim: Simulator, tmp_path: Path) -> None:
    import csv

    one, two = tills
    waiting = link_id(one.json("link", "create", "--amount", "1500"))
    paid = link_id(two.json("link", "create", "--amount", "3000"))
    sim.settle(paid, payment_method="MOMOCI")
    two.ok("link", "refresh", "--all")
    refused = link_id(two.json("link", "create", "--amount", "700"))
    sim.settle(refused, "REFUSED", payment_method="OM")
    two.ok("link", "refresh", "--all")

    def ids(*args: str) -> set[str]:
        return {r["transaction_id"] for r in one.json("history", "--all-tills", *args)["rows"]}

    assert ids() == {waiting, paid, refused}
    assert ids("--status", "payé") == {paid}
    assert ids("--status", "PENDING,REFUSED") == {waiting, refused}
    assert ids("--operator", "MOMO") == {paid}
    assert ids("--operator", "OM") == {refused}  # the refusal came from Orange Money
    assert ids("--search", "caisse-1") == {waiting}
    assert ids("--offline") == {waiting, paid, refused}  # the shop database, never CinetPay
    assert len(ids("--limit", "1")) == 1

    out = tmp_path / "boutique.csv"
    done = one.json("history", "--all-tills", "--status", "ACCEPTED,REFUSED", "--csv", str(out))
    assert done["exported"] == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {(r["till"], r["transaction_id"], r["amount"], r["status"]) for r in rows} == {
        ("CAISSE-2", paid, "3000", "ACCEPTED"), ("CAISSE-2", refused, "700", "REFUSED")}
