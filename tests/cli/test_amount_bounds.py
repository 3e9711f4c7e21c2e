"""Huge or unreadable numbers on the command line: refused with exit 2 and the field named,
never an OverflowError traceback, nothing journaled, nothing sent. Real mode never talks to the
simulator without the source-tree switch, and the simulator stays on this computer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backoffice import config
from backoffice.api import Endpoints
from backoffice.simulator import Simulator
from tests.support.cli import CLI, Cli, a_contact

HUGE = "100000000000000000000"


def assert_refused(done: subprocess.CompletedProcess[str], field: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert field in done.stderr
    assert "Traceback" not in done.stderr and "OverflowError" not in done.stderr


def nothing_happened(cli: Cli, sim: Simulator, before: int) -> None:
    assert cli.journal("SELECT count(*) FROM payment_links") in ([(0,)], [])
    assert cli.journal("SELECT count(*) FROM transfers") in ([(0,)], [])
    money = [e for e in sim.request_log()[before:]
             if e["endpoint"] in ("checkout.init", "transfer.send")]
    assert money == []


@pytest.mark.parametrize("amount", [HUGE, "1000000000000000000", "100000005", "9" * 5000])
def test_link_amount_beyond_the_maximum_is_refused(cli: Cli, sim: Simulator, amount):
    before = len(sim.request_log())
    assert_refused(cli.run("link", "create", "--amount", amount), "amount")
    nothing_happened(cli, sim, before)


@pytest.mark.parametrize(("amount", "currency", "why"), [
    ("12.50", "USD", ""), ("12 500,75", "XOF", "décimales"),
    ("-5000", "XOF", "négatif"), ("1500.000", "XOF", "ambigu"),
])
def test_link_amount_it_cannot_read_is_refused_with_the_reason(cli, sim, amount, currency, why):
    before = len(sim.request_log())
    done = cli.run("link", "create", "--amount", amount, "--currency", currency)
    assert_refused(done, "amount")
    assert why in done.stderr
    nothing_happened(cli, sim, before)


def test_transfer_amounts_never_overflow(cli: Cli, sim: Simulator, tmp_path: Path):
    contact = a_contact(sim)
    before = len(sim.request_log())
    done = cli.run("transfer", "send", "--prefix", contact["prefix"], "--phone",
                   contact["phone"], "--amount", HUGE)
    assert_refused(done, "amount")
    batch = tmp_path / "batch.csv"
    batch.write_text(f"indicatif;telephone;montant\n{contact['prefix']};{contact['phone']};"
                     f"{HUGE}\n", encoding="utf-8")
    done = cli.run("transfer", "send", "--csv", str(batch))
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "amount" in done.stdout + done.stderr or "montant" in done.stdout + done.stderr
    nothing_happened(cli, sim, before)


@pytest.mark.parametrize("args", [("link", "list", "--limit", HUGE),
                                  ("history", "--offline", "--limit", HUGE),
                                  ("simulator", "--port", HUGE)])
def test_whole_number_options_are_bounded(cli: Cli, args):
    assert_refused(cli.run(*args), "--" + args[-2].lstrip("-"))


def test_real_mode_refuses_the_simulator_without_the_source_tree_switch(cli, sim):
    before = len(sim.request_log())
    done = cli.run("balance", env={"COMPTOIR_ALLOW_LOOPBACK": "0"})
    assert done.returncode == 2 and "mode réel" in done.stderr
    assert len(sim.request_log()) == before  # not one request reached it


def test_an_installed_build_refuses_loopback_even_with_the_switch(monkeypatch):
    url = {"COMPTOIR_CHECKOUT_URL": "http://127.0.0.1:9", "COMPTOIR_LEGACY_URL": "",
           "COMPTOIR_ALLOW_LOOPBACK": "1"}
    assert config.endpoints_from_env(url).checkout == "http://127.0.0.1:9"  # source tree
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(ValueError, match="real mode"):
        config.endpoints_from_env(url)
    with pytest.raises(ValueError):
        config.real_mode_only(Endpoints.single("http://localhost:8000"), {})
    assert config.endpoints_from_env({}) == Endpoints()  # CinetPay's own hosts pass


def test_simulator_stays_on_this_computer_unless_allowed(cli: Cli):
    done = cli.run("simulator", "--host", "0.0.0.0", "--port", "0")
    assert_refused(done, "--allow-lan")
    proc = subprocess.Popen([*CLI, "simulator", "--host", "0.0.0.0", "--port", "0",
                             "--allow-lan", "--empty"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli.env)
    try:
        assert proc.stdout is not None and proc.stderr is not None
        port = proc.stdout.readline().strip().rpartition(":")[2]
        warning = proc.stderr.readline()
        assert f"0.0.0.0:{port}" in warning and "réseau local" in warning
    finally:
        proc.terminate()
        proc.wait(timeout=10)
