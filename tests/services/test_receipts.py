"""Receipts and QR slips through the services: a real journal, the simulator over loopback
HTTP, and a loopback raw-TCP ESC/POS printer that records the bytes it is sent."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from backoffice.api import ValidationError
from backoffice.services.closing_report import (
    Cash,
    ClosingReport,
    HistorySource,
    SyncInfo,
    TotalLine,
    Totals,
    Transfers,
)
from backoffice.services.context import Cashier
from backoffice.services.receipts import PRINTED, PrintJob, ReceiptSettings
from backoffice.store import links as journal
from backoffice.store.cashiers import add_cashier
from tests.support.fake_printer import FakePrinter, refused_port
from tests.support.waits import until

ESC_INIT = b"\x1b@"
CUT = b"\x1dV"
QR_STORE = b"\x1d(k"  # GS ( k: the native QR command


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def use(core, uri: str, **changes) -> ReceiptSettings:
    settings = ReceiptSettings(printer=uri, shop_name="Boutique Chez Awa",
                               shop_address="Rue des Jardins, Cocody", till="CAISSE-1",
                               timeout=1.0, **changes)
    core.context.till = "CAISSE-1"  # what the links of this test record
    core.receipts.configure(settings)
    return settings


async def paid_link(core, sim, *, amount: int = 17500, method: str = "OM"):
    row = await core.links.create(amount)
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method=method,
               phone_number="0701023412")
    return await core.links.refresh(row.transaction_id)


def native_qr_payload(data: bytes) -> bytes:
    """The content stored by GS ( k cn=49 fn=80 (store the QR's data)."""
    at = data.index(b"\x1d(k", data.index(b"1P0") - 7)
    size = data[at + 3] + 256 * data[at + 4]
    return data[at + 8: at + 5 + size]


async def test_slip_reaches_the_printer_with_its_qr_amount_accents_and_cut(core, printer):
    use(core, printer.uri, codepage="CP858")
    row = await core.links.create(17500)
    job = await core.receipts.print_slip(row.transaction_id)
    assert job.ok and job.kind == "slip" and job.transaction_id == row.transaction_id
    (data,) = printer.wait_jobs(1)
    assert data.startswith(b"\x10\x04\x01\x10\x04\x04")  # status asked first
    assert data[6:].startswith(ESC_INIT)
    assert b"\x1bt\x13" in data  # ESC t 19: CP858
    assert QR_STORE in data and native_qr_payload(data) == row.payment_url.encode()
    assert b"17 500 F CFA" in data
    assert "À PAYER".encode("cp858") in data and "À PAYER".encode() not in data
    assert b"Valable 30 minutes" in data and row.transaction_id.encode() in data
    assert CUT in data[-8:]


async def test_receipt_says_paid_with_operator_reference_masked_phone_and_a_support_qr(
        core, sim, printer):
    use(core, printer.uri)
    row = await paid_link(core, sim)
    assert row.operator_id
    job = await core.receipts.print_receipt(row.transaction_id)
    assert job.ok and not job.duplicate
    (data,) = printer.wait_jobs(1)
    text = data.decode("cp858")
    for expected in ("REÇU DE PAIEMENT", "PAYÉ", "17 500 F CFA", row.operator_id,
                     "Orange Money", "07 ·· ·· 34 12", "CAISSE-1", "Boutique Chez Awa",
                     "Rue des Jardins, Cocody"):
        assert expected in text, expected
    assert "0701023412" not in text and "DUPLICATA" not in text
    assert native_qr_payload(data) == row.transaction_id.encode()
    assert "REÇU".encode() not in data  # never UTF-8

    again = await core.receipts.print_receipt(row.transaction_id)
    assert again.ok and again.duplicate
    assert b"DUPLICATA" in printer.wait_jobs(2)[1]


async def test_the_chosen_code_page_is_used_for_accents(core, sim, printer):
    use(core, printer.uri, codepage="CP1252")
    row = await paid_link(core, sim)
    await core.receipts.print_receipt(row.transaction_id)
    (data,) = printer.wait_jobs(1)
    assert b"\x1bt\x10" in data  # ESC t 16: CP1252
    assert "REÇU DE PAIEMENT".encode("cp1252") in data
    assert "PAYÉ".encode("cp1252") in data


async def test_test_page_prints_every_french_accent_and_the_degree_sign(core, printer):
    use(core, printer.uri, codepage="CP858")
    job = await core.receipts.print_test()
    assert job.ok
    (data,) = printer.wait_jobs(1)
    accents = "é è à ç ù ê ô ï °".encode("cp858")
    assert accents in data and b"\xc3" not in data  # no UTF-8 lead byte anywhere
    assert CUT in data[-8:]


async def test_image_qr_for_printers_without_the_native_command(core, printer):
    use(core, printer.uri + "?qr=image")
    row = await core.links.create(5000)
    assert (await core.receipts.print_slip(row.transaction_id)).ok
    (data,) = printer.wait_jobs(1)
    assert QR_STORE not in data and b"\x1dv0" in data  # GS v 0: a raster picture
    assert b"5 000 F CFA" in data


async def test_a_refused_connection_says_so_and_the_link_is_journaled(core):
    seen: list[PrintJob] = []
    core.bus.subscribe(PRINTED, seen.append)
    use(core, f"tcp://127.0.0.1:{refused_port()}")
    row = await core.links.create(17500)
    job = await core.receipts.print_slip(row.transaction_id)
    assert not job.ok and job.trouble == "refused"
    assert "refuse la connexion" in job.text("fr") and "refuses" in job.text("en")
    assert seen == [job]
    assert (await core.db.run(journal.get_link, row.transaction_id)).payment_url


@pytest.mark.parametrize(("mode", "trouble", "words"), [
    ("silent", "stalled", "ne répond plus"),
    ("paper_out", "paper", "Plus de papier"),
    ("offline", "offline", "hors ligne"),
])
async def test_a_printer_in_trouble_gives_a_clear_message(core, sim, mode, trouble, words):
    fake = FakePrinter(mode)
    try:
        use(core, fake.uri)
        row = await paid_link(core, sim)
        job = await core.receipts.print_receipt(row.transaction_id)
        assert not job.ok and job.trouble == trouble and words in job.text("fr")
        assert row.transaction_id not in core.receipts.printed_receipts  # a reprint: original
        if mode != "silent":
            (data,) = fake.wait_jobs(1)
            assert ESC_INIT not in data  # nothing printed on a printer that cannot
    finally:
        fake.close()


async def test_no_receipt_for_a_link_not_paid_and_no_slip_for_a_paid_one(core, sim, printer):
    use(core, printer.uri)
    waiting = await core.links.create(17500)
    with pytest.raises(ValidationError):
        await core.receipts.print_receipt(waiting.transaction_id)
    paid = await paid_link(core, sim)
    with pytest.raises(ValidationError):
        await core.receipts.print_slip(paid.transaction_id)
    with pytest.raises(ValidationError):
        await core.receipts.print_receipt("NOPE")
    assert printer.jobs == []


async def test_auto_print_slip_on_creation_and_receipt_on_paid(core, sim, printer):
    use(core, printer.uri, auto=True, auto_slip=True, auto_receipt=True)
    jobs: list[PrintJob] = []
    core.bus.subscribe(PRINTED, jobs.append)
    row = await core.links.create(17500)
    await until(lambda: len(printer.jobs) == 1)
    assert native_qr_payload(printer.jobs[0]) == row.payment_url.encode()
    sim.settle(row.transaction_id, outcome="ACCEPTED", payment_method="OM",
               phone_number="0701023412")
    await core.links.refresh(row.transaction_id)
    await until(lambda: len(printer.jobs) == 2)
    assert "PAYÉ".encode("cp858") in printer.jobs[1]
    await core.links.refresh(row.transaction_id)  # another change: nothing printed again
    await core.links.create(1000)
    await until(lambda: len(jobs) == 3)
    await until(lambda: len(printer.jobs) == 3)
    assert [j.kind for j in jobs] == ["slip", "receipt", "slip"]
    assert all(j.ok for j in jobs)


async def test_auto_print_with_the_printer_off_never_stops_a_link(core, sim):
    use(core, f"tcp://127.0.0.1:{refused_port()}", auto=True, auto_slip=True)
    jobs: list[PrintJob] = []
    core.bus.subscribe(PRINTED, jobs.append)
    row = await core.links.create(17500)
    assert row.payment_url
    await until(lambda: bool(jobs))
    assert not jobs[0].ok and jobs[0].transaction_id == row.transaction_id


async def test_the_command_line_session_never_auto_prints(core, printer):
    use(core, printer.uri, auto=False, auto_slip=True, auto_receipt=True)
    await core.links.create(17500)
    for _ in range(10):
        await asyncio.sleep(0)
    assert core.receipts._scan_task is None and printer.jobs == []


async def test_receipt_pdf_holds_the_receipts_text(core, sim, tmp_path):
    use(core, "")
    row = await paid_link(core, sim)
    path = await core.receipts.save_pdf(row.transaction_id, tmp_path / "recu.pdf")
    text = "".join(pypdf.PdfReader(path).pages[0].extract_text().split())
    for expected in ("REÇUDEPAIEMENT", "PAYÉ", "17500FCFA", row.transaction_id,
                     row.operator_id, "OrangeMoney", "BoutiqueChezAwa", "07••••3412"):
        assert expected in text, expected


async def test_pdf_printer_writes_one_file_per_document(core, sim, tmp_path):
    use(core, f"pdf:{tmp_path / 'recus'}?page=A4")
    row = await paid_link(core, sim)
    first = await core.receipts.print_receipt(row.transaction_id)
    second = await core.receipts.print_receipt(row.transaction_id)
    assert first.ok and second.ok and first.where != second.where
    assert first.where.endswith(f"recu-{row.transaction_id}.pdf")
    assert second.where.endswith(f"recu-{row.transaction_id}-duplicata.pdf")
    page = pypdf.PdfReader(second.where).pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4 in points
    assert "DUPLICATA" in page.extract_text()


async def test_training_documents_say_they_are_worth_nothing(core, sim, printer):
    settings = use(core, printer.uri)
    core.receipts.configure(replace(settings, training=True))
    row = await paid_link(core, sim)
    await core.receipts.print_receipt(row.transaction_id)
    assert b"FORMATION - SANS VALEUR" in printer.wait_jobs(1)[0]


async def test_closing_short_form_on_the_thermal_printer(core, printer):
    use(core, printer.uri)
    now = core.context.now()
    report = ClosingReport(
        closing_id="CLO-1", version=2, shop_day=date(2026, 5, 14), till="CAISSE-1",
        cashier_id=None, period_start=now, period_end=now, timezone="Africa/Abidjan",
        provisional=True, created_at=now, closed_by=None,
        totals=Totals(by_operator=(TotalLine("OM", "XOF", 3, 52500),),
                      by_currency=(TotalLine("XOF", "XOF", 3, 52500),)),
        cash=Cash("XOF", float_in=10000, sales=20000, expected=30000, counted=29000,
                  difference=-1000),
        transfers=Transfers(), sync=SyncInfo(HistorySource.LINKS_ONLY),
        shop_name="Boutique Chez Awa")
    job = await core.receipts.print_closing_short(report)
    assert job.ok
    text = printer.wait_jobs(1)[0].decode("cp858")
    for expected in ("CLÔTURE DE CAISSE", "PROVISOIRE", "14/05/2026", "52 500 F CFA",
                     "Orange Money (3)", "Écart", "-1 000 F CFA", "Version"):
        assert expected in text, expected


async def test_the_receipt_names_the_cashier_who_made_the_link(core, sim, printer):
    use(core, printer.uri)
    await core.db.run(add_cashier, "CSR1", "Awa Koné", "cashier")
    core.context.cashier = Cashier("CSR1", "Awa Koné", "cashier")
    row = await paid_link(core, sim)
    core.context.cashier = None  # someone else reprints it later: the link's cashier stays
    await core.receipts.print_receipt(row.transaction_id)
    text = printer.wait_jobs(1)[0].decode("cp858")
    assert "Caissier" in text and "Awa Koné" in text
