"""comptoir-cli as a user runs it: real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx

CLI = [sys.executable, "-m", "backoffice.cli"]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_demo_walks_every_api_family_in_json():
    done = run_cli("demo", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["payment"] == "ACCEPTED"
    assert result["transfer"] == "VAL"
    assert result["history"] >= 100
    assert result["base_url"].startswith("http://127.0.0.1:")


def test_demo_speaks_french_by_default_and_english_on_request():
    fr = run_cli("--json", "demo", env={"COMPTOIR_LANG": "fr"})
    assert fr.returncode == 0, fr.stderr
    human = run_cli("demo", env={"COMPTOIR_LANG": "fr"})
    assert "Lien de paiement" in human.stdout and "F\u202fCFA" in human.stdout
    english = run_cli("demo", env={"COMPTOIR_LANG": "en"})
    assert "Payment link" in english.stdout


def test_simulator_command_prints_its_base_url_first():
    proc = subprocess.Popen([*CLI, "simulator", "--host", "127.0.0.1", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:")
        creds = httpx.get(f"{first}/_sim/credentials", timeout=5).json()
        assert set(creds) == {"apikey", "site_id", "transfer_password"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
