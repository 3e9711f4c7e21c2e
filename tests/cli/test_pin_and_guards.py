"""comptoir-cli end to end: the manager PIN guards every transfer (single and CSV), lives in the
keyring with a lockout shared by every process, fails closed; the duplicate guards (--again,
--allow-repeats, --yes); one instance even when comptoir.lock is deleted; credentials taken
out of the environment.

The keyring is a JSON vault shared by the CLI processes, installed through the test-only
launcher ``python -m harness.keyring_cli`` (the environment cannot select it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.store.instance import InstanceLock
from tests.support.cli import JOURNAL, Cli, a_contact
from tests.support.pin_cli import PIN, Till, send_args, set_pin


@pytest.fixture
def till(cli: Cli, tmp_path: Path) -> Till:
    return Till(cli, tmp_path / "vault.json")


# --- the PIN ---------------------------------------------------------------------------------


def test_pin_guards_single_and_csv_transfers(till: Till, sim, tmp_path):
    contact = a_contact(sim)
    set_pin(till)
    assert "pin" not in till.vault.read_text() or PIN not in till.vault.read_text()
    before = len(sim.transfers())

    missing = till.run(*send_args(contact))  # no terminal, no --pin-stdin
    assert missing.returncode == 3 and "Code gérant requis" in missing.stderr
    wrong = till.run(*send_args(contact), "--pin-stdin", input="0000\n")
    assert wrong.returncode == 3 and "incorrect" in wrong.stderr
    empty = till.run(*send_args(contact), "--pin-stdin", input="")
    assert empty.returncode == 3
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{contact['phone']},1500\n", encoding="utf-8")
    wrong_csv = till.run("transfer", "send", "--csv", str(csv), "--yes", "--pin-stdin",
                         input="1111\n")
    assert wrong_csv.returncode == 3
    assert till.transfers() == [] and len(sim.transfers()) == before  # nothing sent

    data = till.json(*send_args(contact), "--pin-stdin", input=f"{PIN}\n")
    assert data["state"] == "sent"
    batch = till.json("transfer", "send", "--csv", str(csv), "--yes", "--pin-stdin",
                      input=f"{PIN}\n")
    assert batch["sent"] is True
    assert len(till.transfers()) == 2 and len(sim.transfers()) == before + 2


def test_pin_is_never_taken_from_the_command_line_or_environment(till: Till, sim):
    set_pin(till)
    contact = a_contact(sim)
    done = till.run(*send_args(contact), env={"COMPTOIR_PIN": PIN})
    assert done.returncode == 3
    assert till.run(*send_args(contact), "--pin", PIN).returncode == 2  # no such option
    assert till.transfers() == []


def test_lockout_after_five_wrong_pins_is_shared_by_every_process(till: Till, sim):
    set_pin(till)
    contact = a_contact(sim)
    for n in range(4):
        done = till.run(*send_args(contact), "--pin-stdin", input="0000\n")
        assert done.returncode == 3 and f"{4 - n} essai" in done.stderr, done.stderr
    fifth = till.run(*send_args(contact), "--pin-stdin", input="0000\n")
    assert fifth.returncode == 3 and "Trop de codes erronés" in fifth.stderr
    # A new process, the right PIN: still locked (not reset by a restart), nothing sent.
    right = till.run(*send_args(contact), "--pin-stdin", input=f"{PIN}\n")
    assert right.returncode == 3 and "réessayez dans" in right.stderr
    status = till.json("pin", "status")
    assert status["state"] == "set" and status["locked_for"] > 0
    assert till.transfers() == []


def test_deleting_settings_or_the_marker_does_not_remove_the_pin(till: Till, sim):
    set_pin(till)
    data_dir = till.cli.data_dir
    (data_dir / "settings.json").write_text("{damaged", encoding="utf-8")
    (data_dir / "pin.required").unlink()
    done = till.run(*send_args(a_contact(sim)))
    assert done.returncode == 3 and "Code gérant requis" in done.stderr
    assert till.transfers() == []


def test_unreadable_verifier_locks_money_out_until_the_manager_resets(till: Till, sim):
    set_pin(till)
    contact = a_contact(sim)
    locked = till.run(*send_args(contact), "--pin-stdin", input=f"{PIN}\n", locked=True)
    assert locked.returncode == 3 and "ne peut pas être vérifié" in locked.stderr
    # The verifier erased from the keyring (the marker remains): still locked.
    till.vault.write_text("{}", encoding="utf-8")
    erased = till.run(*send_args(contact))
    assert erased.returncode == 3 and "ne peut pas être vérifié" in erased.stderr
    assert till.run("pin", "set", "--pin-stdin", input="1357\n1357\n").returncode == 3
    assert till.transfers() == []
    # The manager proves it with the CinetPay API key saved in the keyring (issue 11 review:
    # never one from the environment, which whoever runs the command chooses).
    from_env = till.run("pin", "reset", "--pin-stdin", input=f"{DEMO_CREDENTIALS['apikey']}\n")
    assert from_env.returncode == 3 and "trousseau" in from_env.stderr
    creds = DEMO_CREDENTIALS
    saved = till.run("credentials", "set", "--no-verify",
                     input=f"{creds['apikey']}\n{creds['site_id']}\n{creds['transfer_password']}\n",
                     env={"COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": "",
                          "COMPTOIR_TRANSFER_PASSWORD": ""})
    assert saved.returncode == 0, saved.stderr
    bad = till.run("pin", "reset", "--pin-stdin", input="not-the-key\n")
    assert bad.returncode == 3 and "incorrecte" in bad.stderr
    good = till.run("pin", "reset", "--pin-stdin", input=f"{DEMO_CREDENTIALS['apikey']}\n")
    assert good.returncode == 0, good.stderr
    assert DEMO_CREDENTIALS["apikey"] not in good.stdout + good.stderr
    assert till.json(*send_args(contact))["state"] == "sent"


def test_pin_set_change_and_clear_need_the_current_pin(till: Till, sim):
    assert till.run("pin", "set", "--pin-stdin", input="2468\n2469\n").returncode == 2
    assert till.run("pin", "set", "--pin-stdin", input="12\n12\n").returncode == 2
    set_pin(till)
    assert till.json("pin", "status")["state"] == "set"
    assert till.run("pin", "set", "--pin-stdin", input="0000\n1357\n1357\n").returncode == 3
    assert till.run("pin", "clear", "--pin-stdin", input="0000\n").returncode == 3
    assert till.run("pin", "clear").returncode == 3  # no terminal to ask on
    done = till.run("pin", "set", "--pin-stdin", input=f"{PIN}\n1357\n1357\n")
    assert done.returncode == 0, done.stderr
    assert till.run("pin", "clear", "--pin-stdin", input="1357\n").returncode == 0
    assert till.json("pin", "status")["state"] == "none"
    assert till.json(*send_args(a_contact(sim)))["state"] == "sent"  # no PIN, no question


# --- the same money twice by mistake -------------------------------------------------------


def good_phones(sim, n: int) -> list[str]:
    return [c["phone"] for c in sim.contacts() if not c["phone"].endswith("99")][:n]


def test_csv_prints_the_preview_and_sends_only_with_yes(cli: Cli, sim, tmp_path):
    phones = good_phones(sim, 2)
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{phones[0]},1000\n225,{phones[1]},2500\n",
                   encoding="utf-8")
    before = len(sim.transfers())
    done = cli.run("transfer", "send", "--csv", str(csv))
    assert done.returncode == 2 and "--yes" in done.stderr
    assert f"ligne 2 : OK — +225 {phones[0]}" in done.stdout and phones[1] in done.stdout
    assert cli.journal("SELECT count(*) FROM transfers") == [(0,)]
    assert len(sim.transfers()) == before
    data = cli.json("transfer", "send", "--csv", str(csv), code=2)
    assert data["sent"] is False and [x["line"] for x in data["lines"]] == [2, 3]
    assert cli.json("transfer", "send", "--csv", str(csv), "--yes")["sent"] is True
    assert len(sim.transfers()) == before + 2


def test_same_csv_twice_needs_again(cli: Cli, sim, tmp_path):
    phones = good_phones(sim, 2)
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{phones[0]},1000\n225,{phones[1]},2500\n",
                   encoding="utf-8")
    cli.ok("transfer", "send", "--csv", str(csv), "--yes")
    # The same content saved differently (separator, spaces, header) is the same batch.
    again = tmp_path / "lot-copie.csv"
    again.write_text(f"telephone;montant;prefixe\n {phones[0]};1 000;225\n{phones[1]};2500;225\n",
                     encoding="utf-8")
    done = cli.run("--json", "transfer", "send", "--csv", str(again), "--yes")
    assert done.returncode == 2 and "déjà été envoyé" in done.stderr
    assert json.loads(done.stdout)["duplicates"]["file_sent_at"]
    assert cli.journal("SELECT count(*) FROM transfers") == [(2,)]
    cli.ok("transfer", "send", "--csv", str(again), "--yes", "--again")
    assert cli.journal("SELECT count(*) FROM transfers") == [(4,)]


def test_a_line_already_sent_today_needs_again(cli: Cli, sim, tmp_path):
    phones = good_phones(sim, 2)
    cli.ok("transfer", "send", "--prefix", "225", "--phone", phones[0], "--amount", "1000")
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{phones[1]},700\n225,{phones[0]},1000\n",
                   encoding="utf-8")
    done = cli.run("--json", "transfer", "send", "--csv", str(csv), "--yes")
    assert done.returncode == 2 and "--again" in done.stderr
    assert json.loads(done.stdout)["duplicates"]["recent_lines"] == [3]
    assert cli.journal("SELECT count(*) FROM transfers") == [(1,)]


def test_repeated_lines_are_refused_unless_allowed(cli: Cli, sim, tmp_path):
    [phone] = good_phones(sim, 1)
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{phone},1000\n225,{phone},400\n"
                   f"225,{phone},1000\n", encoding="utf-8")
    done = cli.run("--json", "transfer", "send", "--csv", str(csv), "--yes")
    assert done.returncode == 2 and "--allow-repeats" in done.stderr
    assert json.loads(done.stdout)["duplicates"]["repeated_lines"] == [[2, 4]]
    assert cli.journal("SELECT count(*) FROM transfers") == [(0,)]
    human = cli.run("transfer", "send", "--csv", str(csv))
    assert "répété (lignes 2, 4)" in human.stdout
    cli.ok("transfer", "send", "--csv", str(csv), "--yes", "--allow-repeats")
    assert cli.journal("SELECT count(*) FROM transfers") == [(3,)]


def test_single_transfer_same_contact_and_amount_within_15_minutes_needs_again(cli: Cli, sim):
    contact = a_contact(sim)
    cli.ok(*send_args(contact, "3000"))
    done = cli.run(*send_args(contact, "3000"))
    assert done.returncode == 2 and "--again" in done.stderr and "15 minutes" in done.stderr
    cli.ok(*send_args(contact, "3500"))  # another amount: no question
    cli.ok(*send_args(contact, "3000"), "--again")
    amounts = sorted(a for (a,) in cli.journal("SELECT amount FROM transfers"))
    assert amounts == [3000, 3000, 3500]


def test_a_refused_transfer_does_not_count_as_sent(cli: Cli, sim):
    done = cli.run("transfer", "send", "--prefix", "225", "--phone", "0101010101",
                   "--amount", "5000")
    assert done.returncode == 1  # not a contact: failed, nothing paid
    assert cli.run("transfer", "send", "--prefix", "225", "--phone", "0101010101",
                   "--amount", "5000").returncode == 1  # asked again, no --again needed


# --- one instance, environment --------------------------------------------------------------


def test_deleting_the_lock_file_does_not_let_a_second_process_in(cli: Cli):
    cli.ok("outbox")
    with InstanceLock(cli.data_dir) as held:
        held.path.unlink()
        done = cli.run("outbox")
        assert done.returncode == 4 and "déjà ouvert" in done.stderr
        assert (cli.data_dir / JOURNAL).exists()
    assert cli.run("outbox").returncode == 0


def test_env_credentials_are_removed_once_read(monkeypatch):
    from backoffice.keyring import credentials_from_env

    monkeypatch.setenv("COMPTOIR_APIKEY", "apikey-for-this-run-only-123")
    monkeypatch.setenv("COMPTOIR_SITE_ID", "445160")
    monkeypatch.setenv("COMPTOIR_TRANSFER_PASSWORD", "pass-for-this-run")
    creds = credentials_from_env()
    assert creds is not None and creds.site_id == "445160"
    child = subprocess.run([sys.executable, "-c", "import os, json; print(json.dumps("
                            "{k: v for k, v in os.environ.items() if k.startswith('COMPTOIR')}))"],
                           capture_output=True, text=True, check=True)
    assert json.loads(child.stdout) == {}
    assert not any(k in os.environ for k in ("COMPTOIR_APIKEY", "COMPTOIR_SITE_ID",
                                             "COMPTOIR_TRANSFER_PASSWORD"))


def test_csv_lines_to_numbers_that_are_no_contact_are_refused_before_sending(
        cli: Cli, sim, tmp_path):
    [known] = good_phones(sim, 1)
    stranger = "0709090901"
    assert stranger not in {c["phone"] for c in sim.contacts()}
    csv = tmp_path / "lot.csv"
    csv.write_text(f"prefix,phone,amount\n225,{known},1000\n225,{stranger},2500\n",
                   encoding="utf-8")
    preview = cli.run("transfer", "send", "--csv", str(csv))
    assert preview.returncode == 2
    assert "ligne 3" in preview.stdout and "(724)" in preview.stdout
    assert f"Contacts à ajouter d'abord (1) : +225 {stranger}" in preview.stdout
    before = len(sim.transfers())
    done = cli.run("--json", "transfer", "send", "--csv", str(csv), "--yes")
    data = json.loads(done.stdout)
    assert done.returncode == 1 and data["sent"] is True
    assert [(x["line"], x["transfer"] is not None) for x in data["lines"]] == [
        (2, True), (3, False)]
    assert [t["phone"] for t in sim.transfers()[before:]] == [known]  # 724 never provoked
    cli.ok("contact", "add", "--prefix", "225", "--phone", stranger, "--name", "Kone",
           "--surname", "Awa")
    later = tmp_path / "reste.csv"
    later.write_text(f"prefix,phone,amount\n225,{stranger},2500\n", encoding="utf-8")
    assert cli.json("transfer", "send", "--csv", str(later), "--yes")["sent"] is True
    assert [t["phone"] for t in sim.transfers()[before:]] == [known, stranger]
