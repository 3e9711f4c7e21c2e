"""comptoir-cli end to end: cashier add/list/remove, COMPTOIR_CASHIER + code for headless
runs, roles (a cashier never sends money), the code gérant becoming the first manager. The
keyring is the JSON test vault shared by the CLI processes (tests/support/pin_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import Cli, a_contact
from tests.support.pin_cli import PIN, Till, send_args, set_pin


@pytest.fixture
def till(cli: Cli, tmp_path: Path) -> Till:
    return Till(cli, tmp_path / "vault.json")


def as_(name: str) -> dict[str, str]:
    return {"COMPTOIR_CASHIER": name}


def add(till: Till, name: str, role: str, lines: str, actor: str = "", code: int = 0):
    done = till.run("cashier", "add", "--name", name, "--role", role, "--pin-stdin",
                    input=lines, env=as_(actor) if actor else None)
    assert done.returncode == code, (done.stdout, done.stderr)
    return done


def test_a_shop_of_one_works_as_before(till: Till):
    assert till.json("cashier", "list")["cashiers"] == []
    assert till.json("link", "create", "--amount", "1500")["state"] == "sent"
    named = till.run("link", "create", "--amount", "1500", env=as_("Awa"))
    assert named.returncode == 2 and "aucun caissier" in named.stderr
    first = add(till, "Awa", "cashier", "1234\n", code=2)  # the first must be a manager
    assert "gérant" in first.stderr
    assert till.json("cashier", "list")["cashiers"] == []


def test_cashiers_act_with_their_own_code(till: Till, sim):
    contact = a_contact(sim)
    add(till, "Koffi", "manager", "5678\n")
    assert "5678" not in till.vault.read_text()  # a verifier, never the code
    [koffi] = till.json("cashier", "list")["cashiers"]
    assert (koffi["name"], koffi["role"]) == ("Koffi", "manager")

    nobody = till.run("link", "create", "--amount", "1500")
    assert nobody.returncode == 3 and "COMPTOIR_CASHIER" in nobody.stderr
    name_only = till.run("link", "create", "--amount", "1500", env=as_("Koffi"))
    assert name_only.returncode == 3  # a name alone is never enough
    wrong = till.run("link", "create", "--amount", "1500", "--pin-stdin", input="0000\n",
                     env=as_("Koffi"))
    assert wrong.returncode == 3 and "incorrect" in wrong.stderr
    assert till.cli.journal("SELECT count(*) FROM payment_links") == [(0,)]

    link = till.json("link", "create", "--amount", "1500", "--pin-stdin", input="5678\n",
                     env=as_("koffi"))
    assert till.cli.journal("SELECT cashier_id FROM payment_links WHERE transaction_id = ?",
                            (link["transaction_id"],)) == [(koffi["cashier_id"],)]

    add(till, "Awa", "cashier", "5678\n1234\n", actor="Koffi")
    as_awa = till.run(*send_args(contact), "--pin-stdin", input="1234\n", env=as_("Awa"))
    assert as_awa.returncode == 3 and "gérant" in as_awa.stderr
    assert till.transfers() == []
    contact_add = till.run("contact", "add", "--prefix", "225", "--phone", "0701020399",
                           "--name", "Kone", "--surname", "Ali", "--pin-stdin",
                           input="1234\n", env=as_("Awa"))
    assert contact_add.returncode == 3
    assert till.json("link", "create", "--amount", "2000", "--pin-stdin", input="1234\n",
                     env=as_("Awa"))["state"] == "sent"
    sent = till.json(*send_args(contact), "--pin-stdin", input="5678\n", env=as_("Koffi"))
    assert sent["state"] == "sent"
    assert till.cli.journal("SELECT cashier_id FROM transfers") == [(koffi["cashier_id"],)]

    refused = till.run("cashier", "remove", "Awa", "--pin-stdin", input="1234\n",
                       env=as_("Awa"))
    assert refused.returncode == 3
    till.json("cashier", "remove", "Awa", "--pin-stdin", input="5678\n", env=as_("Koffi"))
    assert [c["name"] for c in till.json("cashier", "list")["cashiers"]] == ["Koffi"]
    every = till.json("cashier", "list", "--all")["cashiers"]
    assert [(c["name"], bool(c["removed_at"])) for c in every] == [("Awa", True),
                                                                     ("Koffi", False)]
    gone = till.run("link", "create", "--amount", "1500", "--pin-stdin", input="1234\n",
                    env=as_("Awa"))
    assert gone.returncode == 3


def test_the_code_gerant_becomes_the_first_manager(till: Till, sim):
    contact = a_contact(sim)
    set_pin(till)
    add(till, "Awa", "cashier", "1357\n1234\n", code=3)  # a wrong code gérant
    add(till, "Awa", "cashier", "1234\n", code=3)  # no code gérant at all
    assert till.json("cashier", "list")["cashiers"] == []
    added = till.json("cashier", "add", "--name", "Awa", "--role", "cashier", "--pin-stdin",
                      input=f"{PIN}\n1234\n")["added"]
    assert [(c["name"], c["role"]) for c in added] == [("Gérant", "manager"),
                                                       ("Awa", "cashier")]
    # Gérant's code is the code gérant; asked once (not again as the money-out code).
    sent = till.json(*send_args(contact), "--pin-stdin", input=f"{PIN}\n", env=as_("Gérant"))
    assert sent["state"] == "sent"
    awa = till.run(*send_args(contact), "--pin-stdin", input=f"1234\n{PIN}\n", env=as_("Awa"))
    assert awa.returncode == 3 and len(till.transfers()) == 1


def test_english_messages(till: Till):
    add(till, "Koffi", "manager", "5678\n")
    done = till.run("link", "create", "--amount", "1500", env={"COMPTOIR_LANG": "en"})
    assert done.returncode == 3 and "Cashiers are defined" in done.stderr
