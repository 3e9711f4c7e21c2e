"""Hostile input: every form validator and every CSV import, fed garbage. Each one gives a
clear, translated message (or a valid value) and nothing is ever sent."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backoffice.api import ValidationError
from backoffice.api.models import Channel, Contact, Customer, PaymentRequest, TransferOrder
from backoffice.api.validation import (
    TRANSFER_MAX,
    TRANSFER_MIN,
    check_contact,
    check_payment,
    check_phone,
    check_transfer,
)
from backoffice.output.csvfiles import (
    MAX_BYTES,
    CsvError,
    parse_amount,
    parse_contacts,
    parse_transfers,
    safe_cell,
    write_csv,
)

FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                     st.decimals(allow_nan=True), st.binary(max_size=10))
unicode_digits = st.text(alphabet=st.characters(categories=["Nd"]), min_size=8, max_size=10)


def assert_clear(err: ValidationError) -> None:
    assert err.field and err.fr and err.en
    assert err.human("fr") == err.fr and err.human("en") == err.en


@FAST
@given(amount=anything, currency=anything, description=st.text(max_size=300))
def test_payment_validator_never_crashes(amount, currency, description):
    req = PaymentRequest("T1", amount, currency, description, "https://a.ci/n", "https://a.ci/r")
    try:
        check_payment(req)
    except ValidationError as err:
        assert_clear(err)
    else:  # accepted: then it really is what CinetPay takes
        assert type(amount) is int and amount > 0
        assert not set(description) & set("#/$_&") and description.strip()


@FAST
@given(phone=unicode_digits)
def test_non_ascii_digits_are_refused(phone):
    if phone.isascii():
        return
    with pytest.raises(ValidationError) as err:
        check_phone(phone)
    assert err.value.field == "phone"


@FAST
@given(prefix=st.text(max_size=8), phone=st.text(max_size=16), amount=anything)
def test_transfer_validator_never_crashes(prefix, phone, amount):
    try:
        check_transfer(TransferOrder(prefix, phone, amount, "X1"))
    except ValidationError as err:
        assert_clear(err)
    else:
        assert type(amount) is int and TRANSFER_MIN <= amount <= TRANSFER_MAX


@pytest.mark.parametrize("amount", [10**30, -(10**30), 2**63, 1_500_001, 199, True, 5.0,
                                    Decimal("500"), "500", None])
def test_absurd_transfer_amounts(amount):
    with pytest.raises(ValidationError):
        check_transfer(TransferOrder("225", "0701020304", amount, "X1"))


@FAST
@given(name=st.text(max_size=30), surname=st.text(max_size=30), email=st.text(max_size=30),
       prefix=st.text(max_size=5), phone=st.text(max_size=14))
def test_contact_validator_never_crashes(name, surname, email, prefix, phone):
    try:
        check_contact(Contact(prefix, phone, name, surname, email))
    except ValidationError as err:
        assert_clear(err)


@FAST
@given(channels=st.lists(st.sampled_from(list(Channel)), max_size=4),
       fields=st.lists(st.text(max_size=8), min_size=9, max_size=9))
def test_card_customer_rules(channels, fields):
    customer = Customer(*fields)
    req = PaymentRequest("T1", 1000, "XOF", "Vente", "https://a.ci/n", "https://a.ci/r",
                         channels=tuple(channels), customer=customer)
    try:
        check_payment(req)
    except ValidationError as err:
        assert_clear(err)
    else:
        assert channels
        if Channel.CREDIT_CARD in channels:
            assert all(f.strip() for f in fields)


# --- CSV imports -------------------------------------------------------------------------


@FAST
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_importers(raw):
    for parse in (parse_contacts, parse_transfers):
        try:
            parsed = parse(raw)
        except CsvError as err:
            assert err.human("fr") and err.human("en")
        else:
            for line in parsed.lines:
                assert line.ok or (line.error("fr") and line.error("en"))


cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@FAST
@given(rows=st.lists(st.tuples(cell, cell, cell), max_size=30),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       sep=st.sampled_from([";", ","]))
def test_transfer_csv_any_content_any_encoding(rows, encoding, sep):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(["indicatif", "téléphone", "montant"])
    writer.writerows(rows)
    try:
        raw = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        parsed = parse_transfers(raw)
    except CsvError as err:
        assert err.human("en")
        return
    for line in parsed.good:
        amount = int(line.values["amount"])
        assert TRANSFER_MIN <= amount <= TRANSFER_MAX
        assert line.values["phone"].isascii() and line.values["phone"].isdigit()


def test_huge_file_is_refused_before_parsing():
    raw = b"indicatif;telephone;montant\n" + b"225;0701020304;1000\n" * (MAX_BYTES // 19 + 10)
    with pytest.raises(CsvError) as err:
        parse_transfers(raw)
    assert "volumineux" in err.value.human("fr")


def test_excel_unicode_text_is_read():
    text = "indicatif\ttéléphone\tmontant\n225\t0701020304\t25 000\n"
    raw = text.replace("\t", ";").encode("utf-16")
    [line] = parse_transfers(raw).lines
    assert line.ok and line.values["amount"] == "25000"


def test_binary_file_is_refused():
    with pytest.raises(CsvError):
        parse_contacts(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


@pytest.mark.parametrize("text", ["25 000", "25\u202f000", "25.000", "25000"])
def test_amount_spellings(text):
    assert parse_amount(text) == 25000


@pytest.mark.parametrize("text", ["25,5", "1e3", "٢٥٠٠٠", "-500", "", "12.5", "=1+1"])
def test_bad_amount_spellings(text):
    with pytest.raises(ValidationError):
        parse_amount(text)


# --- exports -----------------------------------------------------------------------------


@FAST
@given(value=cell)
def test_formula_prefixes_are_neutralised(value):
    out = safe_cell(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert out.startswith("'") or out.lstrip("+-").replace(".", "", 1).isdigit()
    else:
        assert out == value


def test_export_file_has_no_live_formula(tmp_path):
    path = tmp_path / "x.csv"
    write_csv(path, ["a"], [["=cmd|' /C calc'!A0"], ["+SUM(1)"], ["@x"], ["-2+3"], ["-500"]])
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))[1:]
    assert [r[0] for r in rows] == ["'=cmd|' /C calc'!A0", "'+SUM(1)", "'@x", "'-2+3", "-500"]
