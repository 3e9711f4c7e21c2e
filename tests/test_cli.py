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
        assert set(creds) == {"apikey", "site_id", "transfer_password", "current"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_documented_spelling_parses():
    """design.md §3: the spellings scripts rely on, with --json before or after."""
    from backoffice.cli import build_parser

    parser = build_parser()
    spellings = [
        "balance", "history --from 01-05-2025 --to 31-05-2025 --phone 0701 --status ACCEPTED "
        "--operator OM --search riz --limit 10 --csv out.csv --offline",
        "link create --amount 17500 --currency XOF --description Vente --channels ALL "
        "--customer-name K --customer-surname M --customer-phone 07 --customer-email e@x.ci "
        "--customer-address A --customer-city Abidjan --customer-country CI "
        "--customer-state CI --customer-zip 00225 --metadata m --lock-phone --qr q.png",
        "link status CPT1", "link refresh --all", "link refresh CPT1", "link refresh",
        "link list --today", "contact add --prefix 225 --phone 07 --name N --surname S "
        "--email e@x.ci", "contact list --search s --refresh", "contact import f.csv",
        "transfer send --prefix 225 --phone 07 --amount 5000", "transfer send --csv f.csv",
        "transfer status TRF1", "transfer list", "transfer refresh", "outbox", "sync",
        "credentials set", "credentials check", "credentials clear",
        "simulator --host 127.0.0.1 --port 0", "demo",
    ]
    for line in spellings:
        words = line.split()
        assert callable(parser.parse_args(words).func), line
        assert parser.parse_args(["--json", *words]).json is True, line
        assert parser.parse_args([*words, "--json"]).json is True, line
