"""``cash add | out | float | list`` and ``export`` end to end: real subprocesses on their own
data directory; the journal read back as another process would; the accountant's files read
back as Excel would."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from datetime import datetime

from tests.support.cli import JOURNAL, Cli


def cash_rows(cli: Cli) -> list[tuple]:
    return cli.journal("SELECT kind, amount, description, till, cashier_id FROM cash_movements"
                       " ORDER BY id")


def read_csv(path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def local_day(when: str | None = None) -> str:
    """The machine's day (the shop's zone when none is set) of an ISO time, or of now."""
    moment = datetime.fromisoformat(when) if when else datetime.now().astimezone()
    return moment.astimezone().strftime("%d-%m-%Y")


def test_cash_add_out_float_then_the_days_list(cli: Cli):
    done = cli.ok("cash", "add", "--amount", "12 500", "--description", "Pagne wax")
    assert "Vente espèces enregistrée : 12\u202f500\u00a0F\u202fCFA" in done.stdout
    out = cli.json("cash", "out", "--amount", "2000", "--reason", "Sachets")
    assert out["kind"] == "payout" and out["amount"] == 2000 and out["description"] == "Sachets"
    assert out["movement_id"].startswith("CSH") and out["cashier_id"] is None
    added = cli.json("cash", "float", "--amount", "10000", "--reason", "Fond de caisse")
    assert [r[:3] for r in cash_rows(cli)] == [
        ("sale", 12500, "Pagne wax"), ("payout", 2000, "Sachets"),
        ("float", 10000, "Fond de caisse")]
    assert len({r[3] for r in cash_rows(cli)}) == 1  # this till's code

    # The shop days these movements fell on (one, unless the test ran across midnight).
    days = sorted({local_day(out["created_at"]), local_day(added["created_at"])})
    lists = [cli.json("cash", "list", "--date", d) for d in days]
    assert sorted(m["kind"] for day in lists for m in day["movements"]) == [
        "float", "payout", "sale"]
    assert sum(day["totals"]["expected"] for day in lists) == 10000 + 12500 - 2000
    if len(days) == 1:
        assert lists[0]["totals"] == {"currency": "XOF", "sales": 12500, "payouts": 2000,
                                      "floats": 10000, "expected": 20500, "count": 3}
        human = cli.ok("cash", "list", "--date", days[0]).stdout
        assert "Espèces attendues en caisse : 20\u202f500\u00a0F\u202fCFA" in human
        english = cli.ok("cash", "list", "--date", days[0], env={"COMPTOIR_LANG": "en"}).stdout
        assert "Expected cash in the drawer: 20,500" in english
    before = local_day()
    default = cli.json("cash", "list")  # without --date: today
    if before == local_day():
        assert default["date"] == datetime.strptime(before, "%d-%m-%Y").date().isoformat()


def test_bad_cash_input_exits_2_and_writes_nothing(cli: Cli):
    for args in (("cash", "add", "--amount", "0"), ("cash", "add", "--amount", "-500"),
                 ("cash", "add", "--amount", "12,50"), ("cash", "add", "--amount", "douze"),
                 ("cash", "out", "--amount", "500", "--reason", "  "),
                 ("cash", "float", "--amount", "500", "--reason", "")):
        done = cli.run(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.strip() and not done.stdout.strip()
    assert cli.run("cash", "out", "--amount", "500").returncode == 2  # --reason required
    assert "reason" in cli.run("cash", "out", "--amount", "5", "--reason", " ",
                               env={"COMPTOIR_LANG": "en"}).stderr
    assert cash_rows(cli) == []
    assert cli.run("cash", "list", "--date", "31-02-2026").returncode == 2


def test_cash_needs_no_credentials_and_sends_nothing(cli: Cli, sim):
    before = len(sim.request_log())
    no_creds = {"COMPTOIR_APIKEY": "", "COMPTOIR_SITE_ID": "", "COMPTOIR_TRANSFER_PASSWORD": ""}
    cli.ok("cash", "add", "--amount", "3000", env=no_creds)
    cli.ok("export", "--csv", str(cli.data_dir / "x.csv"), env=no_creds)
    assert len(sim.request_log()) == before


def settle_link(cli: Cli, sim, amount: str, method: str) -> str:
    [row] = [cli.json("link", "create", "--amount", amount)]
    sim.settle(row["transaction_id"], outcome="ACCEPTED", payment_method=method,
               phone_number="0701020304")
    cli.ok("link", "refresh", row["transaction_id"])
    return row["transaction_id"]


def test_export_csv_and_xlsx_of_the_day(cli: Cli, sim, tmp_path):
    first = local_day()
    paid = settle_link(cli, sim, "17500", "OM")
    cli.json("link", "create", "--amount", "3000")  # still waiting: not money yet
    cli.ok("cash", "add", "--amount", "2500", "--description", "=1+1")
    last = local_day()  # the same day, unless the test ran across midnight

    path = tmp_path / "compta.csv"
    done = cli.ok("export", "--from", first, "--to", last, "--csv", str(path))
    assert "Export comptable : 2 ligne(s)" in done.stdout and "accounting.json" in done.stdout
    header, *rows = read_csv(path)
    assert header[0] == "Date" and header[-2:] == ["Compte débit", "Compte crédit"]
    by_id = {r[5]: r for r in rows}
    assert by_id[paid][4:] == ["Paiement CinetPay", paid, "OM", by_id[paid][7], "17500", "XOF",
                               "5521", "701"]
    [sale] = [r for r in rows if r[4] == "Vente espèces"]
    assert sale[7] == "'=1+1" and sale[8:] == ["2500", "XOF", "5711", "701"]
    assert {r[0] for r in rows} <= {first.replace("-", "/"), last.replace("-", "/")}
    mapping = json.loads((cli.data_dir / "accounting.json").read_text(encoding="utf-8"))
    assert mapping["cash"] == "5711"

    book = tmp_path / "compta.xlsx"
    data = cli.json("export", "--from", first, "--to", last, "--xlsx", str(book))
    assert data["count"] == 2 and data["format"] == "xlsx"
    with zipfile.ZipFile(book) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        assert paid in strings and "Vente espèces" in strings and "5711" in strings
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_export_refusals(cli: Cli, tmp_path):
    assert cli.run("export", "--from", "01-01-2026").returncode == 2  # no file named
    both = cli.run("export", "--csv", str(tmp_path / "a.csv"), "--xlsx", str(tmp_path / "a.xlsx"))
    assert both.returncode == 2
    backwards = cli.run("export", "--from", "02-01-2026", "--to", "01-01-2026",
                        "--csv", str(tmp_path / "a.csv"))
    assert backwards.returncode == 2 and "fin" in backwards.stderr
    assert cli.run("export", "--csv", str(tmp_path / "a.xlsx")).returncode == 2
    assert cli.run("export", "--xlsx", str(tmp_path / "nope" / "a.xlsx")).returncode == 2
    (cli.data_dir / "accounting.json").write_text("{broken", encoding="utf-8")
    broken = cli.run("export", "--csv", str(tmp_path / "a.csv"))
    assert broken.returncode == 2 and "accounting.json" in broken.stderr
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "a.xlsx").exists()


def test_the_shop_day_is_read_in_the_shop_time_zone(cli: Cli, tmp_path):
    """23:30 in Tahiti (UTC-10) is 09:30 UTC the next day: the shop's 14th, not the 15th."""
    cli.ok("cash", "list")  # creates the journal
    (cli.data_dir / "settings.json").write_text(json.dumps({"shop_timezone": "Pacific/Tahiti"}),
                                                encoding="utf-8")
    conn = sqlite3.connect(cli.data_dir / JOURNAL)
    try:
        with conn:
            for movement_id, at, amount in (("CSH-A", "2026-03-15T09:30:00.000Z", 3000),
                                            ("CSH-B", "2026-03-15T10:05:00.000Z", 4000)):
                conn.execute("INSERT INTO cash_movements (movement_id, created_at, kind, amount,"
                             " currency, description, till) VALUES (?, ?, 'sale', ?, 'XOF', '',"
                             " 'T1')", (movement_id, at, amount))
    finally:
        conn.close()
    day = cli.json("cash", "list", "--date", "14-03-2026")
    assert [m["movement_id"] for m in day["movements"]] == ["CSH-A"]
    assert day["totals"]["sales"] == 3000
    assert "23:30" in cli.ok("cash", "list", "--date", "14-03-2026").stdout
    path = tmp_path / "mars.csv"
    cli.ok("export", "--from", "15-03-2026", "--csv", str(path))
    [_, line] = read_csv(path)
    assert line[:2] == ["15/03/2026", "00:05:00"] and line[5] == "CSH-B"


def test_once_cashiers_exist_cash_is_recorded_by_whoever_proves_their_code(cli: Cli,
                                                                           tmp_path):
    from tests.support.pin_cli import Till

    till = Till(cli, tmp_path / "vault.json")
    added = till.run("cashier", "add", "--name", "Koffi", "--role", "manager", "--pin-stdin",
                     input="5678\n")
    assert added.returncode == 0, added.stderr
    till.run("cashier", "add", "--name", "Awa", "--role", "cashier", "--pin-stdin",
             input="5678\n1234\n", env={"COMPTOIR_CASHIER": "Koffi"})
    nobody = till.run("cash", "add", "--amount", "1500")
    assert nobody.returncode == 3 and "COMPTOIR_CASHIER" in nobody.stderr
    wrong = till.run("cash", "out", "--amount", "500", "--reason", "x", "--pin-stdin",
                     input="0000\n", env={"COMPTOIR_CASHIER": "Awa"})
    assert wrong.returncode == 3
    assert cash_rows(cli) == []
    sale = till.json("cash", "add", "--amount", "1500", "--pin-stdin", input="1234\n",
                     env={"COMPTOIR_CASHIER": "Awa"})
    [awa] = [c for c in till.json("cashier", "list")["cashiers"] if c["name"] == "Awa"]
    assert sale["cashier_id"] == awa["cashier_id"]
    assert [r[4] for r in cash_rows(cli)] == [awa["cashier_id"]]
    # The accountant's file names the cashier.
    path = tmp_path / "awa.csv"
    day = local_day(sale["created_at"])
    till.run("export", "--from", day, "--csv", str(path))
    [_, line] = read_csv(path)
    assert line[3] == "Awa" and line[8] == "1500"
