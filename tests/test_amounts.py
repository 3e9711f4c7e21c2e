"""The one reading of a written amount (backoffice.output.amounts), shared by the till's field
and the CSV imports: what it accepts it reads exactly, and it never drops a separator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backoffice.api import ValidationError
from backoffice.api.validation import MAXIMUM_AMOUNT, check_payment_amount
from backoffice.output.amounts import parse_amount, parse_amount_text
from backoffice.output.csvfiles import parse_transfers
from backoffice.output.money import format_amount

FAST = settings(max_examples=300, deadline=None)
CURRENCIES = ["XOF", "XAF", "CDF", "GNF", "USD"]
amounts = st.integers(min_value=0, max_value=10**10)
GROUP_SPACES = [" ", "\u00a0", "\u202f"]


def grouped(value: int, mark: str) -> str:
    return f"{value:,}".replace(",", mark)


@FAST
@given(value=amounts, currency=st.sampled_from(CURRENCIES), lang=st.sampled_from(["fr", "en"]))
def test_what_the_till_writes_reads_back_exactly(value, currency, lang):
    assert parse_amount_text(format_amount(value, currency, lang), currency, lang) == value


@FAST
@given(value=amounts, space=st.sampled_from(GROUP_SPACES),
       zeros=st.sampled_from(["", ",0", ",00", ".0", ".00"]))
def test_grouping_spaces_and_zero_decimals_are_accepted(value, space, zeros):
    assert parse_amount(grouped(value, space) + zeros) == value
    assert parse_amount(str(value) + zeros) == value


@FAST
@given(value=st.integers(min_value=1000, max_value=10**10))
def test_dot_and_comma_grouping_where_unambiguous(value):
    assert parse_amount(grouped(value, "."), lang="fr") == value  # French: "12.500"
    assert parse_amount(grouped(value, ","), lang="en") == value  # English: "12,500"
    assert parse_amount(grouped(value, ".") + ",00", lang="fr") == value
    assert parse_amount(grouped(value, ",") + ".00", lang="en") == value


@FAST
@given(value=amounts, cents=st.integers(min_value=1, max_value=99),
       mark=st.sampled_from([",", "."]), currency=st.sampled_from(CURRENCIES))
def test_non_zero_decimals_are_refused(value, cents, mark, currency):
    with pytest.raises(ValidationError) as err:
        parse_amount(f"{grouped(value, ' ')}{mark}{cents:02d}", currency)
    assert err.value.field == "amount" and err.value.fr and err.value.en


@FAST
@given(value=amounts, minus=st.sampled_from(["-", "\u2212", "\u2013"]))
def test_a_minus_sign_is_refused_never_dropped(value, minus):
    for text in (f"{minus}{value}", f"{value}{minus}", f"{minus} {grouped(value, ' ')}"):
        with pytest.raises(ValidationError) as err:
            parse_amount(text)
        assert "négatif" in err.value.fr


@FAST
@given(text=st.text(max_size=40), currency=st.sampled_from(CURRENCIES),
       lang=st.sampled_from(["fr", "en"]))
def test_any_text_is_read_exactly_or_refused_clearly(text, currency, lang):
    try:
        value = parse_amount_text(text, currency, lang)
    except ValidationError as err:
        assert err.field == "amount" and err.fr and err.en
        return
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    if value is None:
        assert not digits
        return
    # every digit written is in the value, except a zero decimal part: nothing dropped
    assert int(digits) in (value, value * 10, value * 100)
    assert not any(ch in text for ch in "-\u2212")


@pytest.mark.parametrize(("text", "currency", "lang", "why"), [
    ("12.50", "USD", "en", "dollars entiers"),
    ("12,50", "USD", "fr", "dollars entiers"),
    ("12 500,75", "XOF", "fr", "décimales"),
    ("1500.000", "XOF", "fr", "ambigu"),
    ("12,500", "XOF", "fr", "ambigu"),
    ("12.500", "XOF", "en", "ambigu"),
    ("1 25", "XOF", "fr", "mal placé"),
    ("1e3", "XOF", "fr", "Lettres"),
    ("$12", "XOF", "fr", "refusé"),
    ("100000000000000000000", "XOF", "fr", "trop grand"),
    ("9" * 5000, "XOF", "fr", "trop grand"),
])
def test_refusals_say_why(text, currency, lang, why):
    with pytest.raises(ValidationError) as err:
        parse_amount(text, currency, lang)
    assert why in err.value.fr


def test_symbols_of_the_currency_are_ignored():
    assert parse_amount("25 000 F CFA") == parse_amount("25000 FCFA") == 25000
    assert parse_amount("$12,500", "USD", "en") == parse_amount("12 500 $", "USD") == 12500
    assert parse_amount_text("F CFA") is None and parse_amount_text("  ") is None


@pytest.mark.parametrize("currency", CURRENCIES)
def test_every_currency_has_a_maximum_far_below_int64(currency):
    maximum = MAXIMUM_AMOUNT[currency]
    assert 1_000_000 <= maximum * (1 if currency != "USD" else 100) < 2**63
    assert check_payment_amount(maximum, currency) == maximum
    with pytest.raises(ValidationError) as err:
        check_payment_amount(maximum + 5, currency)
    assert err.value.field == "amount" and "maximum" in err.value.fr
    with pytest.raises(ValidationError):
        check_payment_amount(10**20, currency)


@pytest.mark.parametrize(("cell", "expected"), [
    ("1500.000", None),  # today read as 1 500 000: ambiguous, refused
    ("1 500,00", 1500), ("1.500", 1500), ("1\u202f500", 1500), ("-5000", None),
    ("12 500,75", None), ("100000000000000000000", None),
])
def test_csv_amounts_follow_the_same_rules(cell, expected):
    raw = f"indicatif;telephone;montant\n225;0701020304;{cell}\n".encode()
    [line] = parse_transfers(raw).lines
    if expected is None:
        assert not line.ok and line.field == "amount" and line.error("en")
    else:
        assert line.ok and line.values["amount"] == str(expected)
