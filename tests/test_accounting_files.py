"""The accountant's files read back as Excel would: CSV with a BOM, ``;``, JJ/MM/AAAA dates in
the shop's zone and amounts without grouping; XLSX (read with zipfile + XML) with real dates,
times and numbers, and text that never becomes a formula."""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest

from backoffice.output.accounting import (
    CASH_FLOAT,
    CASH_PAYOUT,
    CASH_SALE,
    PAYMENT,
    TRANSFER,
    AccountMap,
    Movement,
    write_csv,
    write_xlsx,
)

ABIDJAN = ZoneInfo("Africa/Abidjan")
DHAKA = ZoneInfo("Asia/Dhaka")  # UTC+6: 20:30 UTC is already the next day there
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def movements() -> list[Movement]:
    def m(hour: int, minute: int, kind: str, ref: str, amount: int, method: str = "",
          text: str = "", currency: str = "XOF") -> Movement:
        return Movement(datetime(2026, 11, 23, hour, minute, 5, tzinfo=UTC), "CAISSE-1",
                        "Awa Koné", kind, ref, method, text, amount, currency)
    return [m(20, 30, CASH_PAYOUT, "CSH2", 700, text="=HYPERLINK(\"x\")"),
            m(8, 15, PAYMENT, "CPT1", 1_500_000, "OM", "Pagne wax; 2 m"),
            m(9, 0, CASH_SALE, "CSH1", 12500, text="Pain"),
            m(10, 0, TRANSFER, "TRF1", 5000, "OM_CI", "Koffi +225 0701020304"),
            m(7, 0, CASH_FLOAT, "CSH0", 10000, text="Fond de caisse")]


def read_csv(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for accents
    assert b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_csv_for_a_french_excel(tmp_path):
    path = tmp_path / "compta.csv"
    assert write_csv(movements(), path, AccountMap(), tz=ABIDJAN) == 5
    header, *rows = read_csv(path)
    assert header == ["Date", "Heure", "Caisse", "Caissier", "Nature", "Identifiant",
                      "Opérateur", "Libellé", "Montant", "Devise", "Compte débit",
                      "Compte crédit"]
    assert [r[5] for r in rows] == ["CSH0", "CPT1", "CSH1", "TRF1", "CSH2"]  # time order
    float_, payment, sale, transfer, payout = rows
    assert payment == ["23/11/2026", "08:15:05", "CAISSE-1", "Awa Koné", "Paiement CinetPay",
                       "CPT1", "OM", "Pagne wax; 2 m", "1500000", "XOF", "5521", "701"]
    assert sale[4] == "Vente espèces" and sale[-2:] == ["5711", "701"]
    assert transfer[4] == "Transfert" and transfer[-2:] == ["585", "552"]
    assert payout[4] == "Sortie d'espèces" and payout[-2:] == ["471", "5711"]
    assert float_[4] == "Apport d'espèces" and float_[-2:] == ["5711", "585"]
    assert payout[7] == "'=HYPERLINK(\"x\")"  # never a formula in Excel
    assert all(re.fullmatch(r"[0-9]+", r[8]) for r in rows)  # no grouping, no decimals


def test_csv_dates_follow_the_shop_zone_and_english_headers(tmp_path):
    path = tmp_path / "compta.csv"
    write_csv(movements(), path, AccountMap(), tz=DHAKA, lang="en")
    header, *rows = read_csv(path)
    assert header[:2] == ["Date", "Time"] and header[-1] == "Credit account"
    payout = next(r for r in rows if r[5] == "CSH2")
    assert payout[:2] == ["24/11/2026", "02:30:05"] and payout[4] == "Cash paid out"


def test_an_empty_period_still_has_its_header(tmp_path):
    path = tmp_path / "vide.csv"
    assert write_csv([], path, AccountMap()) == 0
    assert len(read_csv(path)) == 1


def sheet_rows(path) -> tuple[list[list[object]], dict[str, str]]:
    """Cell values per row (shared strings resolved, numbers as text) and each cell's
    number format code."""
    with zipfile.ZipFile(path) as book:
        strings = [("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
                   for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))]
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        names = book.read("xl/workbook.xml").decode()
    assert 'name="Mouvements"' in names
    codes = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind(".//m:numFmt", NS)}
    xfs = [xf.get("numFmtId") for xf in styles.find("m:cellXfs", NS)]
    rows: list[list[object]] = []
    formats: dict[str, str] = {}
    assert sheet.find(".//m:f", NS) is None  # no formula anywhere
    for row in sheet.iterfind(".//m:row", NS):
        values: list[object] = []
        for cell in row.iterfind("m:c", NS):
            value = cell.findtext("m:v", default="", namespaces=NS)
            values.append(strings[int(value)] if cell.get("t") == "s" else value)
            if cell.get("s"):
                formats[cell.get("r")] = codes.get(xfs[int(cell.get("s"))], "")
        rows.append(values)
    return rows, formats


def excel_day(serial: str) -> date:
    return date(1899, 12, 30) + timedelta(days=int(float(serial)))


def test_xlsx_real_dates_times_numbers_and_accounts(tmp_path):
    path = tmp_path / "compta.xlsx"
    assert write_xlsx(movements(), path, AccountMap(), tz=DHAKA) == 5
    (header, *rows), formats = sheet_rows(path)
    assert header[0] == "Date" and header[8] == "Montant" and header[11] == "Compte crédit"
    assert [r[5] for r in rows] == ["CSH0", "CPT1", "CSH1", "TRF1", "CSH2"]
    payment = rows[1]
    assert excel_day(payment[0]) == date(2026, 11, 23)
    assert float(payment[1]) == pytest.approx((14 * 3600 + 15 * 60 + 5) / 86400)  # 14:15:05
    assert payment[2:8] == ["CAISSE-1", "Awa Koné", "Paiement CinetPay", "CPT1", "OM",
                            "Pagne wax; 2 m"]
    assert payment[8] == "1500000" and payment[9:] == ["XOF", "5521", "701"]
    assert excel_day(rows[4][0]) == date(2026, 11, 24)  # 20:30 UTC is the 24th in Dhaka
    assert rows[4][7] == '=HYPERLINK("x")'  # kept as it was typed, as text
    assert formats["A2"] == "dd/mm/yyyy" and formats["B2"] == "hh:mm:ss"


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_a_file_that_cannot_be_created_is_an_os_error(tmp_path, writer):
    with pytest.raises(OSError):
        writer(movements(), tmp_path / "absent" / "compta.out", AccountMap())
