"""comptoir-cli shop init / status / adopt and sync, end to end: real processes, the
simulator, the tests' own PostgreSQL server; two tills with their own data directories."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backoffice.services.transfers import MIN_GRACE
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from tests.shop import tills
from tests.support.cli import Cli, a_contact, base_env, endpoint_env, transfers_with


def till(code: str, tmp_path: Path, sim: Simulator, dsn: str) -> Cli:
    data_dir = tmp_path / code
    env = {**base_env(), **endpoint_env(sim.base_url), "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "fr", "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
           "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
           "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"],
           "COMPTOIR_TILL": code, "COMPTOIR_SHOP_DB": dsn, "COMPTOIR_TRANSFER_GRACE": "0"}
    return Cli(data_dir, env)


def test_init_then_a_link_reaches_the_shop_with_its_till(
        shop_dsn: str, tmp_path: Path, sim: Simulator) -> None:
    one = till("CAISSE-1", tmp_path, sim, shop_dsn)
    assert one.json("shop", "init")["version"] >= 1
    again = one.json("shop", "init")
    assert again["version"] == again["previous"]
    made = one.json("link", "create", "--amount", "1500")
    ref = made.get("transaction_id") or made["link"]["transaction_id"]
    assert "CAISSE1" in ref and len(ref) <= 30
    rows = tills.shop_rows(shop_dsn, "SELECT till, amount FROM links WHERE transaction_id = %s",
                           (ref,))
    assert rows == [("CAISSE-1", 1500)]
    status = one.json("shop", "status")
    assert [(t["code"], t["pending"]) for t in status["tills"]] == [("CAISSE-1", 0)]
    assert status["this_till_pending"] == 0


def test_shop_server_absent_the_till_goes_on_and_sync_says_so(
        tmp_path: Path, sim: Simulator) -> None:
    secret = "Pa55-Secret-Word"
    dsn = f"postgresql://comptoir:{secret}@127.0.0.1:1/boutique"
    one = till("CAISSE-1", tmp_path, sim, dsn)
    made = one.run("--json", "link", "create", "--amount", "900")
    assert made.returncode == 0, made.stderr
    done = one.run("sync")
    assert "injoignable" in done.stderr and secret not in done.stderr + done.stdout
    assert one.journal("SELECT count(*) FROM shop_pending WHERE tbl = 'payment_links'") == [
        (1,)]
    status = one.run("shop", "status")
    assert status.returncode == 6 and secret not in status.stderr + status.stdout
    assert "postgresql://comptoir@127.0.0.1:1/boutique" in status.stderr


def test_adopt_moves_a_gone_tills_transfer_to_this_till_sent_once(
        shop_dsn: str, tmp_path: Path, sim: Simulator) -> None:
    gone, heir = (till("CAISSE-1", tmp_path, sim, shop_dsn),
                  till("CAISSE-2", tmp_path, sim, shop_dsn))
    gone.ok("shop", "init")
    gone.offline()  # CinetPay unreachable for CAISSE-1: its transfer stays queued
    sent = gone.run("--json", "transfer", "send", "--prefix", "225",
                    "--phone", a_contact(sim)["phone"], "--amount", "5000")
    assert sent.returncode == 0, sent.stderr
    (ref,), = gone.journal("SELECT client_transaction_id FROM transfers")
    assert tills.shop_rows(shop_dsn, "SELECT sender FROM transfers") == [("CAISSE-1",)]

    refused = heir.run("shop", "adopt", "CAISSE-1")  # seen seconds ago
    assert refused.returncode == 2 and "--force" in refused.stderr
    adopted = heir.json("shop", "adopt", "CAISSE-1", "--force")
    assert adopted["transfers"] == 1 and adopted["imported"] is True
    assert heir.journal("SELECT state FROM transfers WHERE client_transaction_id = ?",
                        (ref,)) == [("uncertain",)]

    adopted_at = time.monotonic()
    gone.online(sim)  # CAISSE-1 comes back: it must not send it any more
    gone.ok("sync")
    assert transfers_with(sim, ref) == []
    # The import counts as a send just made: "not found" proves nothing until the in-flight
    # grace (its floor, here) has passed since the adoption.
    time.sleep(max(0.0, MIN_GRACE.total_seconds() + 0.2 - (time.monotonic() - adopted_at)))
    heir.ok("sync")  # checked (not found), then sent with the same id
    assert len(transfers_with(sim, ref)) == 1
    gone.ok("sync")
    heir.ok("sync")
    assert len(transfers_with(sim, ref)) == 1
    state, sender = tills.shop_rows(shop_dsn, "SELECT state, sender FROM transfers")[0]
    assert state in ("sent", "final") and sender == "CAISSE-2"


@pytest.fixture(autouse=True)
def _no_keyring_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)


def test_shop_password_goes_to_the_keyring_or_nowhere(tmp_path: Path, sim: Simulator) -> None:
    one = till("CAISSE-1", tmp_path, sim, "postgresql://comptoir@server/boutique")
    done = one.run("shop", "password", "--password-stdin", input="Pa55-Secret-Word\n")
    # these machines have no secure keyring: refused (exit 3), the password written nowhere
    assert done.returncode == 3, done
    assert "Pa55-Secret-Word" not in done.stdout + done.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(b"Pa55-Secret-Word" not in p.read_bytes() for p in files)
    empty = one.run("shop", "password", "--password-stdin", input="\n")
    assert empty.returncode == 2


def test_only_a_manager_adopts(shop_dsn: str, tmp_path: Path, sim: Simulator) -> None:
    from tests.support.pin_cli import Till

    gone = till("CAISSE-1", tmp_path, sim, shop_dsn)
    gone.ok("shop", "init")
    gone.ok("link", "create", "--amount", "700")
    heir = Till(till("CAISSE-2", tmp_path, sim, shop_dsn), tmp_path / "vault.json")
    for name, role, lines, actor in (("Koffi", "manager", "5678\n", {}),
                                     ("Awa", "cashier", "5678\n1234\n",
                                      {"COMPTOIR_CASHIER": "Koffi"})):
        done = heir.run("cashier", "add", "--name", name, "--role", role, "--pin-stdin",
                        input=lines, env=actor)
        assert done.returncode == 0, done.stderr
    refused = heir.run("shop", "adopt", "CAISSE-1", "--force", "--pin-stdin", input="1234\n",
                       env={"COMPTOIR_CASHIER": "Awa"})
    assert refused.returncode == 3, refused.stderr
    assert tills.shop_rows(shop_dsn, "SELECT count(*) FROM adoptions") == [(0,)]
    done = heir.json("shop", "adopt", "CAISSE-1", "--force", "--pin-stdin", input="5678\n",
                     env={"COMPTOIR_CASHIER": "Koffi"})
    assert done["links"] == 1
    (koffi,), = heir.cli.journal("SELECT cashier_id FROM cashiers WHERE name = 'Koffi'")
    assert tills.shop_rows(shop_dsn, "SELECT adopted_till, by_till, by_cashier FROM"
                                     " adoptions") == [("CAISSE-1", "CAISSE-2", koffi)]
