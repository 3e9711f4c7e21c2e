"""Every subcommand's happy path, human and --json, checked against the simulator's ledger;
and the exit code of each class of error."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from backoffice.output.money import format_amount
from tests.support.cli import Cli, a_contact, payments_with, transfers_with

# --- balance & history -------------------------------------------------------------------


def test_balance_human_and_json_match_the_ledger(cli: Cli, sim):
    books = sim.balances()
    done = cli.ok("balance")
    assert "Solde du compte" in done.stdout and "(au " in done.stdout
    assert format_amount(Decimal(books["compte"]["solde"]), "XOF", "fr") in done.stdout
    data = cli.json("balance")
    assert data["stale"] is False and data["error"] is None
    assert Decimal(data["account"]["solde"]) == Decimal(books["compte"]["solde"])
    assert Decimal(data["transfer"]["available"]) == Decimal(books["transfer"]["available"])
    assert data["account"]["fetched_at"].endswith("+00:00")
    english = cli.ok("balance", env={"COMPTOIR_LANG": "en"})
    assert "Account balance" in english.stdout and "(as of " in english.stdout


def test_history_filters_totals_csv_and_offline_cache(cli: Cli, sim, tmp_path):
    settled = [p for p in sim.payments() if p["status"] != "PENDING"]
    data = cli.json("history", "--limit", "5")
    assert data["count"] == len(settled) and len(data["rows"]) == 5
    accepted = [p for p in settled if p["status"] == "ACCEPTED"]
    assert Decimal(data["totals"]["accepted_amount"]) == sum(p["amount"] for p in accepted)
    assert {r["transaction_id"] for r in data["rows"]} <= {p["transaction_id"] for p in settled}

    only_paid = cli.json("history", "--status", "accepted", "--operator", "OM", "--offline")
    assert only_paid["stale"] is True
    assert {(r["status"], r["operator"]) for r in only_paid["rows"]} == {("ACCEPTED", "OM")}

    out = tmp_path / "export.csv"
    done = cli.ok("history", "--from", "01-01-2000", "--to", "31-12-2099", "--csv", str(out))
    assert "Historique (au " in done.stdout and str(out) in done.stdout
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == len(settled) + 1
    # The cache answers without credentials nor network when asked to.
    no_creds = {"COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": ""}
    assert cli.run("history", "--offline", env=no_creds).returncode == 0


def test_history_bad_date_is_a_usage_error(cli: Cli):
    done = cli.run("history", "--from", "2024-13-45")
    assert done.returncode == 2 and "from" in done.stderr


# --- links -------------------------------------------------------------------------------


def test_link_create_status_refresh_list(cli: Cli, sim, tmp_path):
    qr = tmp_path / "lien.png"
    done = cli.ok("link", "create", "--amount", "17500", "--description", "Pagne wax",
                  "--qr", str(qr))
    assert "Lien de paiement créé" in done.stdout and "en attente" in done.stdout
    assert "17\u202f500\u00a0F\u202fCFA" in done.stdout
    assert qr.read_bytes().startswith(b"\x89PNG")
    [row] = cli.json("link", "list")
    tx = row["transaction_id"]
    assert tx in done.stdout and row["payment_url"] in done.stdout
    [payment] = payments_with(sim, tx)
    assert payment["amount"] == 17500 and payment["description"] == "Pagne wax"

    sim.settle(tx, outcome="ACCEPTED", payment_method="OM", phone_number="0701020304")
    assert "payé" in cli.ok("link", "status", tx).stdout
    status = cli.json("link", "status", tx, env={"COMPTOIR_LANG": "en"})
    assert status["payment_status"] == "ACCEPTED" and status["label"] == "paid"
    assert status["state"] == "final" and status["payment_method"] == "OM"


def test_link_create_json_with_customer_and_svg_qr(cli: Cli, sim, tmp_path):
    qr = tmp_path / "lien.svg"
    data = cli.json("link", "create", "--amount", "2500", "--currency", "xof",
                    "--channels", "MOBILE_MONEY", "--customer-name", "Kouassi",
                    "--customer-surname", "Marie", "--customer-phone", "0709080706",
                    "--metadata", "caisse-2", "--lock-phone", "--qr", str(qr))
    assert data["state"] == "sent" and data["payment_status"] == "PENDING"
    assert data["amount"] == 2500 and data["qr"] == str(qr) and "<svg" in qr.read_text()
    [payment] = payments_with(sim, data["transaction_id"])
    assert payment["channels"] == "MOBILE_MONEY" and payment["metadata"] == "caisse-2"
    assert payment["lock_phone_number"] is True
    assert payment["customer"]["customer_name"] == "Kouassi"
    # --all checks every waiting link; --today lists today's.
    refreshed = cli.json("link", "refresh", "--all")
    assert [r["transaction_id"] for r in refreshed] == [data["transaction_id"]]
    assert [r["transaction_id"] for r in cli.json("link", "list", "--today")] == \
        [data["transaction_id"]]
    assert cli.json("link", "refresh", data["transaction_id"])["state"] == "sent"


def test_settings_file_and_environment_choose_what_is_sent(cli: Cli, sim):
    cli.data_dir.mkdir(parents=True)
    (cli.data_dir / "settings.json").write_text(json.dumps({
        "description": "Boutique Awa", "notify_url": "https://awa.example/notify",
        "return_url": "https://awa.example/merci"}), encoding="utf-8")
    data = cli.json("link", "create", "--amount", "1000",
                    env={"COMPTOIR_RETURN_URL": "https://awa.example/retour"})
    [payment] = payments_with(sim, data["transaction_id"])
    assert payment["description"] == "Boutique Awa" and data["description"] == "Boutique Awa"
    assert payment["notify_url"] == "https://awa.example/notify"
    assert payment["return_url"] == "https://awa.example/retour"  # the environment wins


def test_bad_amount_exits_2_and_sends_nothing(cli: Cli, sim, tmp_path):
    before = len(sim.request_log())
    for amount in ("17502", "12.5"):
        done = cli.run("link", "create", "--amount", amount)
        assert done.returncode == 2 and "amount" in done.stderr, done.stderr
    assert cli.run("link", "create", "--amount", "500", "--qr", str(tmp_path / "x.gif")) \
        .returncode == 2
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", "0709080706",
                   "--amount", "50")
    assert done.returncode == 2 and "amount" in done.stderr
    assert len(sim.request_log()) == before
    assert cli.journal("SELECT count(*) FROM payment_links") == [(0,)]
    assert cli.journal("SELECT count(*) FROM transfers") == [(0,)]


def test_unknown_ids_are_usage_errors(cli: Cli):
    assert cli.run("link", "status", "CPT-NOPE").returncode == 2
    assert cli.run("transfer", "status", "TRF-NOPE").returncode == 2


# --- contacts ----------------------------------------------------------------------------


def test_contact_add_list_and_import(cli: Cli, sim, tmp_path):
    done = cli.ok("contact", "add", "--prefix", "225", "--phone", "0709080706", "--name",
                  "Kouassi", "--surname", "Marie", "--email", "marie@exemple.ci")
    assert "enregistré chez CinetPay" in done.stdout
    assert any(c["phone"] == "0709080706" for c in sim.contacts())
    listed = cli.json("contact", "list", "--search", "kouassi")
    assert [c["phone"] for c in listed["contacts"]] == ["0709080706"]
    assert listed["contacts"][0]["state"] == "sent"

    refreshed = cli.json("contact", "list", "--refresh")
    assert refreshed["stale"] is False and len(refreshed["contacts"]) == len(sim.contacts())

    csv = tmp_path / "contacts.csv"
    csv.write_text("indicatif;numéro;nom;prénom\n225;0505050505;Bamba;Awa\n"
                   "225;12;Koné;Ali\n", encoding="utf-8")
    done = cli.run("contact", "import", str(csv))
    assert done.returncode == 1  # one line refused
    assert "ligne 2 : OK" in done.stdout and "ligne 3" in done.stdout
    assert any(c["phone"] == "0505050505" for c in sim.contacts())
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert cli.run("contact", "import", str(empty)).returncode == 2
    assert cli.run("contact", "import", str(tmp_path / "missing.csv")).returncode == 2


# --- transfers ---------------------------------------------------------------------------


def test_transfer_send_status_list_refresh(cli: Cli, sim):
    contact = a_contact(sim)
    data = cli.json("transfer", "send", "--prefix", "225", "--phone", contact["phone"],
                    "--amount", "5000")
    cid = data["client_transaction_id"]
    assert data["state"] == "sent" and data["treatment_status"] == "NEW"
    [ledger] = transfers_with(sim, cid)
    assert ledger["amount"] == 5000 and ledger["phone"] == contact["phone"]
    assert data["cinetpay_transaction_id"] == ledger["transaction_id"]

    human = cli.ok("transfer", "status", cid)
    assert "en cours" in human.stdout and cid in human.stdout
    sim.advance(120)
    [row] = cli.json("transfer", "refresh")
    assert row["state"] == "final" and row["treatment_status"] == "VAL"
    assert "effectué" in cli.ok("transfer", "list").stdout
    assert "done" in cli.ok("transfer", "status", cid, env={"COMPTOIR_LANG": "en"}).stdout
    assert len(transfers_with(sim, cid)) == 1


def test_transfer_batch_reports_each_line_and_sends_good_lines_once(cli: Cli, sim, tmp_path):
    phones = [c["phone"] for c in sim.contacts() if not c["phone"].endswith("99")][:2]
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{phones[0]},1000\n225,{phones[1]},"
                   f"2 500\n225,{phones[1]},10\n", encoding="utf-8")
    done = cli.run("--json", "transfer", "send", "--csv", str(csv), "--yes")
    assert done.returncode == 1, done.stderr  # line 4 refused (amount)
    data = json.loads(done.stdout)
    lines = {item["line"]: item for item in data["lines"]}
    assert lines[4]["ok"] is False and lines[4]["field"] == "amount"
    assert lines[4]["transfer"] is None
    for n in (2, 3):
        row = lines[n]["transfer"]
        assert row["state"] == "sent" and row["batch_id"] == data["batch_id"]
        assert len(transfers_with(sim, row["client_transaction_id"])) == 1

    good = tmp_path / "bon.csv"
    good.write_text(f"prefix;phone;montant\n225;{phones[0]};1500\n", encoding="utf-8")
    human = cli.run("transfer", "send", "--csv", str(good), "--yes")
    assert human.returncode == 0 and "ligne 2 : OK" in human.stdout
    bad_file = tmp_path / "binaire.csv"
    bad_file.write_bytes(b"\x00\x01\x02")
    assert cli.run("transfer", "send", "--csv", str(bad_file)).returncode == 2


def test_transfer_refused_by_cinetpay_exits_1(cli: Cli, sim):
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", "0101010101",
                   "--amount", "5000")
    assert done.returncode == 1 and "724" in done.stderr
    assert "échec" in done.stdout
    assert not [t for t in sim.transfers() if t["phone"] == "0101010101"]


def test_transfer_send_needs_all_three_fields_or_csv(cli: Cli):
    assert cli.run("transfer", "send", "--phone", "0709080706").returncode == 2
    assert cli.run("transfer", "send", "--csv", "x.csv", "--amount", "5").returncode == 2


# --- outbox & sync -----------------------------------------------------------------------


def test_outbox_and_sync_when_all_is_well(cli: Cli):
    data = cli.json("outbox")
    assert data["items"] == [] and data["counts"]["total"] == 0
    report = cli.json("sync")
    assert report["remaining"] == 0 and report["offline"] is False


# --- errors ------------------------------------------------------------------------------


def test_json_before_or_after_the_subcommand(cli: Cli):
    before = cli.run("--json", "transfer", "list")
    after = cli.run("transfer", "list", "--json")
    assert before.stdout.strip() == after.stdout.strip() == "[]"


def test_wrong_apikey_is_a_credentials_problem_exit_3(cli: Cli, sim):
    wrong = {"COMPTOIR_APIKEY": "wrong-apikey-000000000"}
    done = cli.run("balance", env=wrong)
    assert done.returncode == 3 and "credentials set" in done.stderr
    contact = a_contact(sim)
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", contact["phone"],
                   "--amount", "5000", env=wrong)
    assert done.returncode == 3 and "credentials set" in done.stdout + done.stderr
    [row] = cli.json("transfer", "list")
    # not sent, not lost: it waits in the outbox until the keys are fixed
    assert row["state"] == "queued" and transfers_with(sim, row["client_transaction_id"]) == []
    assert cli.run("sync", env=wrong).returncode != 0  # still refused: nothing sent
    assert transfers_with(sim, row["client_transaction_id"]) == []
    cli.ok("sync")  # right keys again: sent exactly once
    assert len(transfers_with(sim, row["client_transaction_id"])) == 1


def test_missing_credentials_exit_3_with_the_way_out(cli: Cli):
    # an empty keyring, through the test-only seam (the environment cannot select one)
    done = subprocess.run(
        [sys.executable, "-m", "harness.keyring_cli", str(cli.data_dir.parent / "vault.json"),
         "balance"],
        capture_output=True, text=True, timeout=60,
        env={**cli.env, "COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": ""})
    assert done.returncode == 3 and "comptoir-cli credentials set" in done.stderr
    # Local reads of the journal need no credentials.
    assert cli.run("outbox", env={"COMPTOIR_APIKEY": ""}).returncode == 0


def test_damaged_journal_exits_5(cli: Cli):
    cli.data_dir.mkdir(parents=True)
    (cli.data_dir / "journal.sqlite3").write_bytes(b"this is not a database" * 100)
    done = cli.run("outbox")
    assert done.returncode == 5 and "journal" in done.stderr


def test_non_https_endpoint_is_refused(cli: Cli):
    done = cli.run("balance", env={"COMPTOIR_LEGACY_URL": "http://api.cinetpay.com"})
    assert done.returncode == 2 and "https" in done.stderr
