"""After a full desktop and command-line session, no secret is left anywhere on disk: not in
the journal (and its WAL), the logs, crash reports, settings.json or Qt's QSettings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from backoffice.simulator import DEMO_CREDENTIALS
from harness import with_root_on_path


def session_env(sim, root: Path) -> dict[str, str]:
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    return {**with_root_on_path(os.environ), "HOME": str(home),  # for ``-m harness.…``
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"), "QT_QPA_PLATFORM": "offscreen",
            "COMPTOIR_ALLOW_LOOPBACK": "1",  # real mode on the simulator (source tree only)
            "COMPTOIR_DATA_DIR": str(root / "data"), "COMPTOIR_CHECKOUT_URL": sim.base_url,
            "COMPTOIR_LEGACY_URL": sim.base_url, "COMPTOIR_TRANSFER_URL": sim.base_url,
            "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
            "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
            "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"]}


def run_app(env: dict[str, str], *args: str, seconds: float = 4.0) -> None:
    """The real desktop app for a while (start-up sync, balances, history), then quit."""
    app = subprocess.Popen([sys.executable, "-m", "backoffice", *args], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    app.send_signal(signal.SIGTERM)
    try:
        app.wait(timeout=40)
    finally:
        if app.poll() is None:
            app.kill()


def cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "backoffice.cli", *args], env=env, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def gui_operation(env: dict[str, str], sim, kind: str, amount: int) -> None:
    child = subprocess.Popen([sys.executable, "-m", "harness.gui_crash", "child",
                              env["COMPTOIR_DATA_DIR"], sim.base_url, kind, str(amount)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    child.stdout.readline()
    time.sleep(2.0)  # the operation completes
    child.kill()
    child.wait()


def test_no_secret_on_disk_after_a_full_session(sim, tmp_path):
    env = session_env(sim, tmp_path)
    contact = sim.contacts()[0]
    sim.set_faults(rate=1.0, kinds=["drop_after_commit"], count=1,
                   paths=["/v1/transfer/money/send"])  # an uncertain operation to resolve
    cli(env, "transfer", "send", "--prefix", contact["prefix"], "--phone", contact["phone"],
        "--amount", "1500")
    gui_operation(env, sim, "link", 17500)
    gui_operation(env, sim, "transfer", 2500)
    run_app(env)  # real mode: keys from the environment, start-up sync, then quit (drain)
    run_app(env, "--demo")  # training mode (its own folder, demo keys)
    for command in (("balance",), ("history", "--limit", "5"), ("link", "create", "--amount",
                    "5000"), ("sync",), ("contact", "list", "--refresh")):
        cli(env, *command)

    tokens = list(sim.state.tokens)
    assert tokens, "the session logged in to the transfer API"
    secrets = [DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["transfer_password"], *tokens]
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert "journal.sqlite3" in names and any(n.startswith("comptoir.log") for n in names)
    leaks = [(str(p.relative_to(tmp_path)), s[:6] + "…") for p in files
             for s in secrets if s.encode() in p.read_bytes()]
    assert leaks == []
