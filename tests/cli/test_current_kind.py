"""comptoir-cli end to end with an sk_test_ key (CinetPay's current platform) against the
simulator's current routes: links, transfers, balance, credentials, same exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from backoffice.cli import main
from backoffice.keyring import CredentialStore, StoredCredentials, credentials_from_env
from backoffice.simulator import Simulator
from backoffice.simulator.state import CURRENT_CREDENTIALS
from tests.cli.test_secrets_and_lock import feed, keyring_env  # noqa: F401 (fixture)
from tests.support.cli import Cli, base_env, endpoint_env, payments_with, transfers_with


@pytest.fixture
def cur_cli(sim: Simulator, tmp_path: Path, pycache: Path) -> Cli:
    data_dir = tmp_path / "data"
    env = {**base_env(pycache), **endpoint_env(sim.base_url), "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "fr", "COMPTOIR_APIKEY": CURRENT_CREDENTIALS["api_key"],
           "COMPTOIR_API_PASSWORD": CURRENT_CREDENTIALS["api_password"],
           "COMPTOIR_COUNTRY": "CI", "COMPTOIR_API_URL": sim.base_url}
    return Cli(data_dir, env)


def test_link_create_settle_then_status_paid(cur_cli, sim):
    data = cur_cli.json("link", "create", "--amount", "2500")
    tx = data["transaction_id"]
    assert data["state"] == "sent" and len(tx) <= 30 and tx.isalnum() and tx == tx.upper()
    assert len(payments_with(sim, tx)) == 1
    httpx.post(f"{sim.base_url}/_sim/payments/{tx}/settle", json={"outcome": "ACCEPTED"},
               timeout=5).raise_for_status()
    status = cur_cli.json("link", "status", tx)
    assert status["payment_status"] == "ACCEPTED" and status["state"] == "final"
    assert "PAYÉ" in cur_cli.ok("link", "status", tx).stdout.upper()


def test_transfer_send_then_status(cur_cli, sim):
    data = cur_cli.json("transfer", "send", "--phone", "+2250701020304", "--amount", "1000",
                        "--method", "OM_CI")
    cid = data["client_transaction_id"]
    assert data["state"] == "sent" and len(transfers_with(sim, cid)) == 1
    sim.advance(61)
    status = cur_cli.json("transfer", "status", cid)
    assert status["state"] == "final" and len(transfers_with(sim, cid)) == 1


def test_transfer_without_a_method_it_cannot_guess_is_a_usage_error(cur_cli, sim):
    done = cur_cli.run("transfer", "send", "--phone", "+2250701020304", "--amount", "1000")
    assert done.returncode == 2 and "OM_CI" in done.stderr
    assert sim.transfers() == [t for t in sim.transfers() if t["current"] is None]


def test_method_on_a_classic_account_is_a_usage_error(cli, sim):
    before = len(sim.transfers())
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", "0701020304",
                   "--amount", "1000", "--method", "OM_CI")
    assert done.returncode == 2 and "sk_" in done.stderr and len(sim.transfers()) == before


def test_balance_and_sync(cur_cli):
    data = cur_cli.json("balance")
    assert data["transfer"]["available"] is not None and data["account"] is None
    cur_cli.ok("sync")


def test_history_reads_the_journal_and_says_so(cur_cli):
    cur_cli.json("link", "create", "--amount", "1000")
    data = cur_cli.json("history")
    assert data["source"] == "journal" and len(data["rows"]) == 1


def test_credentials_check_logs_in_and_a_wrong_password_exits_3(cur_cli):
    checked = cur_cli.json("credentials", "check")
    assert checked["kind"] == "current" and checked["verified"]["account"]
    wrong = cur_cli.run("credentials", "check", env={"COMPTOIR_API_PASSWORD": "not-it"})
    assert wrong.returncode == 3
    assert "not-it" not in wrong.stdout + wrong.stderr


# --- credentials set (stdin lines) and the keyring -----------------------------------------


@pytest.mark.usefixtures("keyring_env")
def test_credentials_set_with_an_sk_key_saves_the_current_fields(monkeypatch, capsys, sim):
    monkeypatch.setenv("COMPTOIR_API_URL", sim.base_url)
    creds = CURRENT_CREDENTIALS
    feed(monkeypatch, creds["api_key"], creds["api_password"], "ci")
    assert main(["credentials", "set"]) == 0
    out = capsys.readouterr()
    assert creds["api_password"] not in out.out + out.err and creds["api_key"] not in out.out
    stored = CredentialStore().load()
    assert stored is not None and stored.kind == "current" and stored.country == "CI"
    assert stored.api_password == creds["api_password"] and stored.site_id == ""
    assert creds["api_password"] not in repr(stored) and "***" in repr(stored)
    assert main(["credentials", "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "current"
    feed(monkeypatch, creds["api_key"], "wrong-password", "CI")
    assert main(["credentials", "set"]) == 3
    assert CredentialStore().load() == stored  # a refused key is never saved


@pytest.mark.usefixtures("keyring_env")
def test_an_sk_key_without_its_api_password_is_a_usage_error(monkeypatch):
    feed(monkeypatch, CURRENT_CREDENTIALS["api_key"], "", "")
    assert main(["credentials", "set", "--no-verify"]) == 2


@pytest.mark.usefixtures("keyring_env")
def test_classic_entries_stored_before_still_load():
    store = CredentialStore()
    store.save(StoredCredentials("classic-key-0123456789", "445566", "pw"))
    loaded = store.load()
    assert loaded is not None and loaded.kind == "classic" and loaded.api_password == ""
    store.save(StoredCredentials(CURRENT_CREDENTIALS["api_key"], "", api_password="p",
                                 country="SN"))
    switched = store.load()
    assert switched is not None and switched.site_id == "" and switched.transfer_password == ""


def test_env_sk_key_needs_its_password_and_is_removed_once_read():
    env = {"COMPTOIR_APIKEY": "sk_test_abc", "COMPTOIR_COUNTRY": "sn"}
    assert credentials_from_env(env) is None
    env["COMPTOIR_API_PASSWORD"] = "secret-pw"
    creds = credentials_from_env(env)
    assert creds is not None and creds.kind == "current" and creds.country == "SN"
    assert creds.to_current().api_password == "secret-pw" and "secret-pw" not in str(creds)
