"""``comptoir-cli link …`` end to end when CinetPay's answer does not match the link (issue
10) or its payment address is not CinetPay's (issue 11): never "payé", never a QR."""

from __future__ import annotations

import json

import httpx

from tests.support.cli import Cli

FAST = {"COMPTOIR_TIMEOUT": "0.5"}


def shape(sim, **body) -> None:
    answer = httpx.post(f"{sim.base_url}/_sim/shapes/checkout", json=body, timeout=5)
    assert answer.status_code == 200, answer.text


def test_other_amount_is_payment_to_be_checked_never_paid(cli: Cli, sim):
    tx = cli.json("link", "create", "--amount", "17500")["transaction_id"]
    shape(sim, shape="other_amount", transaction_id=tx, amount="175")
    done = cli.ok("link", "status", tx)
    assert "Paiement à vérifier" in done.stdout and "autre montant" in done.stdout
    assert "payé" not in done.stdout.lower().replace("payé par", "")
    status = cli.json("link", "status", tx, env={"COMPTOIR_LANG": "en"})
    assert status["anomaly"] == "amount_mismatch" and status["outcome"] == "anomaly"
    assert status["label"] == "Payment to be checked" and "175" in status["anomaly_text"]
    assert status["payment_status"] != "ACCEPTED" and status["state"] == "sent"
    [row] = cli.json("link", "list")
    assert row["anomaly"] == "amount_mismatch"
    assert cli.json("outbox")["counts"]["awaiting_payment"] == 0


def test_refusal_code_then_a_second_attempt_is_found_by_refresh_all(cli: Cli, sim):
    tx = cli.json("link", "create", "--amount", "5000")["transaction_id"]
    shape(sim, shape="refused_code", transaction_id=tx, code="804")
    done = cli.ok("link", "status", tx)
    assert "refusé" in done.stdout and "24 h" in done.stdout
    status = cli.json("link", "status", tx)
    assert status["payment_status"] == "REFUSED" and status["status_code"] == "804"
    assert status["anomaly"] is None
    shape(sim, shape="accepted_after_refused", transaction_id=tx)
    [row] = cli.json("link", "refresh", "--all")
    assert row["payment_status"] == "ACCEPTED" and row["state"] == "final"
    assert row["label"] == "payé"


def test_foreign_payment_url_gives_no_qr_and_exit_1(cli: Cli, sim, tmp_path):
    qr = tmp_path / "qr.png"
    shape(sim, shape="foreign_url")
    done = cli.run("--json", "link", "create", "--amount", "5000", "--qr", str(qr))
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["anomaly"] == "untrusted_url" and data["payment_url"] is None
    assert data["qr"] is None and not qr.exists()
    assert "evil" not in done.stdout.replace(data["anomaly_text"], "")
    text = cli.run("link", "status", data["transaction_id"]).stdout
    assert "Paiement à vérifier" in text and "n'est pas celle de CinetPay" in text


def test_lost_address_is_said_at_once_and_not_awaited(cli: Cli, sim):
    sim.set_faults(kinds=["drop_after_commit"], count=1, paths=["/v2/payment"])
    done = cli.run("link", "create", "--amount", "2500", env=FAST)
    assert done.returncode == 0, done.stderr
    assert "adresse est perdue : créez un nouveau lien" in done.stdout
    [row] = cli.json("link", "list")
    assert row["outcome"] == "nourl" and row["payment_url"] is None
    assert cli.json("outbox")["counts"]["awaiting_payment"] == 0
