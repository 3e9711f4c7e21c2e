"""What a till prints, as data (output/receipts.py), its ESC/POS bytes (printing/escpos_out.py)
and the printer addresses (printing/uri.py): no printer, no Qt."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from backoffice.output.receipts import (
    Shop,
    mask_phone,
    operator_label,
    plain_text,
    printer_test_page,
    receipt,
    slip,
)
from backoffice.printing import PrinterConfig, PrinterError, Trouble, deliver, parse
from backoffice.printing.escpos_out import printable, render
from backoffice.store.links import LinkRow
from backoffice.store.states import State

AT = datetime(2026, 5, 14, 9, 5, tzinfo=UTC)
SHOP = Shop("Chez Awa", "Rue 12, Cocody\nAbidjan", "CAISSE-1", ZoneInfo("Africa/Abidjan"))


def link(**changes) -> LinkRow:
    values = dict(transaction_id="CPT1", created_at=AT, updated_at=AT, amount=17500,
                  currency="XOF", description="Vente comptoir", request={},
                  state=State.FINAL, payment_status="ACCEPTED", status_code="00",
                  status_message="SUCCES", payment_token="tok",
                  payment_url="https://checkout.example/p/tok", payment_method="OM_CI",
                  phone="0712345412", attempts=1, last_error=None, checked_at=AT,
                  not_before=None, till="CAISSE-2", operator_id="MP2205.1533.A1",
                  accepted_at=AT)
    values.update(changes)
    return LinkRow(**values)


@pytest.mark.parametrize(("phone", "prefix", "masked"), [
    ("0712345412", "225", "+225 07 •• •• 54 12"),
    ("0712345412", "", "07 •• •• 54 12"),
    ("+2250712345412", "", "+225 07 •• •• 54 12"),
    ("00221771234567", "", "+221 77 •• •• 45 67"),
    ("699123456", "237", "+237 69 •• •• 34 56"),
    ("", "225", ""),
    (None, "", ""),
])
def test_a_phone_is_masked_but_its_ends_stay(phone, prefix, masked):
    assert mask_phone(phone, prefix) == masked


@pytest.mark.parametrize(("method", "said", "payer"), [
    ("OM", "225", "+225 07 •• •• 54 12"),  # classic code: the check's prefix
    ("MOMO", "00237", "+237 07 •• •• 54 12"),
    ("OM_CI", None, "+225 07 •• •• 54 12"),  # not said: the current method's country
    ("WAVE_SN", "", "+221 07 •• •• 54 12"),
    ("OM", None, "07 •• •• 54 12"),  # neither: no prefix rather than a wrong one
])
def test_the_payer_prefix_comes_from_the_check_else_the_method(method, said, payer):
    lines = plain_text(receipt(link(payment_method=method, phone_prefix=said), SHOP))
    (line,) = [line for line in lines if line.startswith("Payeur")]
    assert line.endswith(" " + payer) and ("+" in line) == payer.startswith("+")


def test_operator_names():
    assert operator_label("OM") == operator_label("OM_CI") == "Orange Money"
    assert operator_label("WAVE_SN") == "Wave" and operator_label("XYZ") == "XYZ"
    assert operator_label(None) == ""


def test_receipt_lines_in_the_shops_time_and_words():
    lines = plain_text(receipt(link(), SHOP, cashier="Awa Koné"), 80)
    text = "\n".join(lines)
    for expected in ("Chez Awa", "Rue 12, Cocody", "Abidjan", "REÇU DE PAIEMENT",
                     "14/05/2026 09:05", "CAISSE-2", "Awa Koné", "MP2205.1533.A1",
                     "Orange Money", "+225 07 •• •• 54 12", "17 500 F CFA", "PAYÉ",
                     "[QR CPT1]"):
        assert expected in text, expected
    assert "DUPLICATA" not in text and "0712345412" not in text
    assert all(len(line) <= 48 for line in lines)
    copy = receipt(link(), SHOP, duplicate=True, lang="en")
    text = "\n".join(plain_text(copy, 58))
    assert "DUPLICATA" in text and "PAYMENT RECEIPT" in text and "PAID" in text
    assert "17,500 F CFA" in text and all(len(line) <= 32 for line in plain_text(copy, 58))


def test_no_receipt_unless_paid_and_no_slip_without_an_address():
    with pytest.raises(ValueError):
        receipt(link(payment_status="PENDING", state=State.SENT), SHOP)
    with pytest.raises(ValueError):
        slip(link(payment_url=None), SHOP)
    doc = slip(link(payment_status="PENDING", state=State.SENT), SHOP, valid_minutes=15)
    assert doc.qr_payloads == ["https://checkout.example/p/tok"]
    assert "Valable 15 minutes" in "\n".join(plain_text(doc))


def test_training_documents_are_marked():
    doc = receipt(link(), Shop("Chez Awa", training=True))
    assert "\n".join(plain_text(doc)).count("FORMATION - SANS VALEUR") == 2


def test_escpos_bytes_use_the_code_page_never_utf8():
    data = render(printer_test_page(SHOP, codepage="CP850"), codepage="CP850")
    assert data.startswith(b"\x1b@\x1bt\x02")  # ESC @, ESC t 2 (CP850)
    assert "é è à ç ù ê ô ï °".encode("cp850") in data
    assert b"\xc3" not in data and data.rstrip(b"\x00").endswith(b"\x1dV")
    with pytest.raises(ValueError):
        render(printer_test_page(SHOP), codepage="UTF-8")


def test_what_a_code_page_lacks_is_replaced():
    assert printable("07 •• 12\u202f500\u00a0F", "CP858") == "07 ·· 12 500 F"
    assert printable("€ ✓", "CP437") == "? ?"


def test_qr_sizes_follow_the_paper():
    doc = receipt(link(), SHOP)
    assert doc.qr_payloads == ["CPT1"]
    wide, narrow = render(doc, width=80), render(doc, width=58)
    assert b"\x1d(k\x03\x001C\x05" in wide and b"\x1d(k\x03\x001C\x04" in narrow


@pytest.mark.parametrize(("text", "kind", "check"), [
    ("tcp://192.168.1.50:9100", "tcp", lambda u: (u.host, u.port) == ("192.168.1.50", 9100)),
    ("tcp://imprimante", "tcp", lambda u: u.port == 9100 and u.ask_status),
    ("tcp://10.0.0.9:9100?qr=image&status=0", "tcp",
     lambda u: not u.native_qr and not u.ask_status),
    ("usb://04b8:0202", "usb", lambda u: (u.vendor, u.product) == (0x04B8, 0x0202)),
    ("serial:///dev/ttyUSB0?baud=19200", "serial",
     lambda u: u.device == "/dev/ttyUSB0" and u.options["baud"] == "19200"),
    ("serial://COM3", "serial", lambda u: u.device == "COM3"),
    ("system", "system", lambda u: u.device == "" and not u.thermal),
    ("system:Bureau", "system", lambda u: u.device == "Bureau"),
    ("pdf:/tmp/recus?page=A4", "pdf", lambda u: str(u.folder) == "/tmp/recus" and
     u.page == "A4"),
])
def test_printer_addresses(text, kind, check):
    uri = parse(text)
    assert uri.kind == kind and check(uri)


@pytest.mark.parametrize("text", ["", "ftp://x", "tcp://", "tcp://h:99999", "usb://zz:1",
                                  "usb://04b8", "pdf:", "serial://", "pdf:/x?page=A3"])
def test_bad_printer_addresses_are_refused_in_both_languages(text):
    with pytest.raises(PrinterError) as caught:
        parse(text)
    assert caught.value.trouble is Trouble.CONFIG
    assert caught.value.human("fr") and caught.value.human("en")


@pytest.mark.parametrize("uri", ["usb://04b8:0202", "serial:///dev/comptoir-no-such-port"])
def test_a_missing_usb_or_serial_printer_is_said_not_raised_raw(uri):
    doc = printer_test_page(SHOP)
    with pytest.raises(PrinterError) as caught:
        deliver(doc, PrinterConfig(uri, timeout=0.5))
    assert caught.value.trouble in (Trouble.MISSING, Trouble.UNREACHABLE)
    assert caught.value.human("fr") and caught.value.human("en")
