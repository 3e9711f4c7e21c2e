"""comptoir-cli receipt / printer / link create --print, end to end: real subprocesses, the
simulator, and a loopback raw-TCP printer recording the bytes."""

from __future__ import annotations

import pypdf
import pytest

from tests.cli.test_close_day import late_and_outside
from tests.support.fake_printer import FakePrinter, refused_port


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def paid(cli, sim) -> str:
    link = cli.json("link", "create", "--amount", "17500")
    sim.settle(link["transaction_id"], outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    assert cli.json("link", "status", link["transaction_id"])["payment_status"] == "ACCEPTED"
    return link["transaction_id"]


def test_link_create_print_prints_the_slip(cli, printer):
    link = cli.json("link", "create", "--amount", "17500", "--print",
                    env={"COMPTOIR_PRINTER": printer.uri})
    assert link["print"]["printed"] is True and link["print"]["kind"] == "slip"
    (data,) = printer.wait_jobs(1)
    assert data.find(b"\x1b@") >= 0 and link["payment_url"].encode() in data
    assert b"17 500 F CFA" in data and b"\x1dV" in data[-8:]


def test_link_create_print_with_the_printer_off_still_creates_the_link(cli):
    env = {"COMPTOIR_PRINTER": f"tcp://127.0.0.1:{refused_port()}"}
    done = cli.run("--json", "link", "create", "--amount", "17500", "--print", env=env)
    assert done.returncode == 0, done.stderr  # a retry would make a second link
    assert "refuse la connexion" in done.stderr and "Le lien est bien créé" in done.stderr
    listed = cli.json("link", "list")
    assert len(listed) == 1 and listed[0]["payment_url"]


def test_receipt_print_and_duplicate(cli, sim, printer):
    tid = paid(cli, sim)
    env = {"COMPTOIR_PRINTER": printer.uri}
    done = cli.ok("receipt", "print", tid, env=env)
    assert f"Reçu {tid} imprimé" in done.stdout
    again = cli.json("receipt", "print", tid, "--duplicate", env=env)
    assert again["printed"] and again["duplicate"]
    first, second = printer.wait_jobs(2)
    assert "PAYÉ".encode("cp858") in first and b"DUPLICATA" not in first
    assert b"DUPLICATA" in second


def test_receipt_of_a_link_not_paid_is_refused(cli, printer):
    link = cli.json("link", "create", "--amount", "5000")
    done = cli.run("receipt", "print", link["transaction_id"],
                   env={"COMPTOIR_PRINTER": printer.uri})
    assert done.returncode == 2 and "n'est pas payé" in done.stderr
    assert printer.jobs == []


def test_receipt_print_on_a_stalled_printer_fails_clearly(cli, sim):
    tid = paid(cli, sim)
    stalled = FakePrinter("silent")
    try:
        done = cli.run("receipt", "print", tid, env={"COMPTOIR_PRINTER": stalled.uri,
                                                     "COMPTOIR_LANG": "en"})
    finally:
        stalled.close()
    assert done.returncode == 1 and "stopped answering" in done.stderr
    assert "Print again" in done.stderr


def test_receipt_pdf(cli, sim, tmp_path):
    tid = paid(cli, sim)
    out = tmp_path / "recu.pdf"
    result = cli.json("receipt", "pdf", tid, str(out), "--page", "A4")
    assert result["file"] == str(out)
    text = "".join(pypdf.PdfReader(out).pages[0].extract_text().split())
    assert "REÇUDEPAIEMENT" in text and tid in text and "17500FCFA" in text
    assert cli.run("receipt", "pdf", tid, str(tmp_path / "x.txt")).returncode == 2


def test_printer_test_page_and_no_printer(cli, printer):
    done = cli.ok("printer", "test", env={"COMPTOIR_PRINTER": printer.uri})
    assert "Page de test imprimée" in done.stdout
    assert "é è à ç".encode("cp858") in printer.wait_jobs(1)[0]
    none = cli.run("printer", "test")
    assert none.returncode == 2 and "Aucune imprimante" in none.stderr


def test_a_recorded_closing_prints_in_short_form(cli, sim, printer):
    _tx, _web, day = late_and_outside(cli, sim)
    closing = cli.json("close-day", "--date", day, "--counted-cash", "4000")
    done = cli.json("receipt", "closing", closing["closing_id"],
                    env={"COMPTOIR_PRINTER": printer.uri})
    assert done["printed"] and done["kind"] == "closing"
    text = printer.wait_jobs(1)[0].decode("cp858")
    for expected in ("Chez Awa", "CLÔTURE DE CAISSE", "17 500 F CFA", "Anomalies",
                     "4 000 F CFA"):
        assert expected in text, expected
    assert cli.run("receipt", "closing", "NOPE",
                   env={"COMPTOIR_PRINTER": printer.uri}).returncode == 2


def test_receipt_print_knows_an_earlier_print_and_the_payers_prefix(cli, sim, printer):
    tid = paid(cli, sim)
    env = {"COMPTOIR_PRINTER": printer.uri}
    first = cli.json("receipt", "print", tid, env=env)
    second = cli.json("receipt", "print", tid, env=env)  # another run: no --duplicate
    assert first["printed"] and not first["duplicate"]
    assert second["printed"] and second["duplicate"]
    original, copy = printer.wait_jobs(2)
    assert b"DUPLICATA" not in original and b"DUPLICATA" in copy
    assert "+225 07 ·· ·· 34 12" in original.decode("cp858")  # the check's prefix, journaled


def test_a_failed_receipt_print_is_not_counted(cli, sim, printer):
    tid = paid(cli, sim)
    off = cli.run("--json", "receipt", "print", tid,
                  env={"COMPTOIR_PRINTER": f"tcp://127.0.0.1:{refused_port()}"})
    assert off.returncode == 1 and "refuse la connexion" in off.stderr
    env = {"COMPTOIR_PRINTER": printer.uri}
    assert cli.json("receipt", "print", tid, env=env)["duplicate"] is False
    assert cli.json("receipt", "print", tid, env=env)["duplicate"] is True
    original, copy = printer.wait_jobs(2)
    assert b"DUPLICATA" not in original and b"DUPLICATA" in copy
