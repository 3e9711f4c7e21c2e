"""Secrets never land in the data directory; credentials live in the keyring only (set, check,
clear in-process: an in-memory keyring does not cross processes); one instance per data
directory."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from backoffice.cli import main
from backoffice.keyring import CredentialStore
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.store.instance import InstanceLock
from harness.memory_keyring import MemoryKeyring, use_test_keyring
from tests.support.cli import Cli, a_contact, endpoint_env


def test_no_secret_in_any_file_of_the_data_directory(cli: Cli, sim, tmp_path):
    contact = a_contact(sim)
    outputs = []
    for args in (("balance",), ("history", "--limit", "3"),
                 ("contact", "add", "--prefix", "225", "--phone", "0505050501", "--name", "Aka",
                  "--surname", "Ange"),
                 ("transfer", "send", "--prefix", "225", "--phone", contact["phone"],
                  "--amount", "2000"),
                 ("link", "create", "--amount", "1500", "--qr", str(tmp_path / "qr.svg")),
                 ("transfer", "refresh"), ("contact", "list", "--refresh"), ("sync",)):
        done = cli.ok(*args)
        outputs += [done.stdout, done.stderr]
    # A lost answer too: the uncertain path logs more.
    sim.set_faults(kinds=["drop_after_commit"], count=1, paths=["/v1/transfer/money/send"])
    cli.ok("transfer", "send", "--prefix", "225", "--phone", contact["phone"], "--amount", "300")

    tokens = list(sim.state.tokens)
    assert tokens, "the session logged in to the transfer API"
    secrets = [DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["transfer_password"], *tokens]
    files = [p for p in cli.data_dir.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"journal.sqlite3", "comptoir.log"} <= names
    assert (cli.data_dir / "logs" / "comptoir.log").stat().st_size > 0
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"secret found in {path}"
    for text in outputs:
        for secret in secrets:
            assert secret not in text


def test_second_instance_is_refused_with_exit_4(cli: Cli):
    with InstanceLock(cli.data_dir):
        for args in (("balance",), ("transfer", "list")):
            done = cli.run(*args)
            assert done.returncode == 4 and "déjà ouvert" in done.stderr, done
    assert cli.run("outbox").returncode == 0  # released: the next command runs


# --- credentials set / check / clear, in-process ------------------------------------------


@pytest.fixture
def keyring_env(monkeypatch, sim, tmp_path: Path) -> None:
    for var in ("COMPTOIR_APIKEY", "COMPTOIR_SITE_ID", "COMPTOIR_TRANSFER_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    for var, value in {**endpoint_env(sim.base_url),
                       "COMPTOIR_DATA_DIR": str(tmp_path / "data"),
                       "COMPTOIR_LANG": "fr"}.items():
        monkeypatch.setenv(var, value)
    MemoryKeyring.reset_shared()
    with use_test_keyring():  # the test-only seam (the environment cannot select it)
        yield
    MemoryKeyring.reset_shared()


def feed(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))


def test_credentials_set_check_clear(keyring_env, monkeypatch, capsys, sim):
    creds = DEMO_CREDENTIALS
    feed(monkeypatch, creds["apikey"], creds["site_id"], creds["transfer_password"])
    assert main(["credentials", "set"]) == 0
    out = capsys.readouterr()
    assert "vérifiés et enregistrés" in out.out and creds["apikey"] not in out.out + out.err
    stored = CredentialStore().load()
    assert stored is not None and stored.apikey == creds["apikey"]
    assert stored.transfer_password == creds["transfer_password"]
    assert any(e["endpoint"] == "transfer.login" for e in sim.request_log())

    assert main(["credentials", "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == "keyring" and report["keyring"]["ok"] is True
    assert report["verified"] == {"account": True, "transfer": True}
    assert report["site_id"] == creds["site_id"]

    assert main(["credentials", "clear"]) == 0
    assert CredentialStore().load() is None
    capsys.readouterr()
    assert main(["credentials", "check"]) == 3
    assert "credentials set" in capsys.readouterr().err


def test_credentials_refused_by_cinetpay_are_not_saved(keyring_env, monkeypatch, capsys):
    feed(monkeypatch, "wrong-apikey-0000000000", DEMO_CREDENTIALS["site_id"])
    assert main(["credentials", "set"]) == 3
    assert "609" in capsys.readouterr().err
    assert CredentialStore().load() is None
    feed(monkeypatch, "", "")
    assert main(["credentials", "set"]) == 2


@pytest.fixture
def no_test_keyring(keyring_env):
    """Take the test keyring away for one test, restored before keyring_env's own teardown
    (a monkeypatch would restore it after, leaking the test keyring into later tests)."""
    from backoffice.keyring import backends

    saved, backends._test_backend = backends._test_backend, None
    yield
    backends._test_backend = saved


def test_credentials_without_secure_keyring_exit_3(no_test_keyring, monkeypatch, capsys):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr("backoffice.keyring.backends._platform_backend_path",
                        lambda: "keyring.backends.fail.Keyring")
    feed(monkeypatch, DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"])
    assert main(["credentials", "set", "--no-verify"]) == 3
    assert "COMPTOIR_APIKEY" in capsys.readouterr().err
    assert main(["credentials", "clear"]) == 3
