from decimal import Decimal

import pytest

from backoffice.output.money import format_amount


@pytest.mark.parametrize(
    ("value", "currency", "lang", "expected"),
    [
        (25000, "XOF", "fr", "25\u202f000\u00a0F\u202fCFA"),
        (25000, "XAF", "fr", "25\u202f000\u00a0FCFA"),
        (25000, "CDF", "fr", "25\u202f000\u00a0FC"),
        (25000, "GNF", "fr", "25\u202f000\u00a0FG"),
        (Decimal("865.4"), "XOF", "fr", "865,4\u00a0F\u202fCFA"),
        (Decimal("1234567.50"), "XOF", "en", "1,234,567.5\u00a0F\u202fCFA"),
        (Decimal("-34.6"), "XOF", "fr", "-34,6\u00a0F\u202fCFA"),
        (0, "XOF", "fr", "0\u00a0F\u202fCFA"),
        (Decimal("1E+3"), "XOF", "fr", "1\u202f000\u00a0F\u202fCFA"),
        (34, "USD", "en", "$34"),
    ],
)
def test_format_amount(value, currency, lang, expected):
    assert format_amount(value, currency, lang) == expected


def test_float_is_refused():
    with pytest.raises(TypeError):
        format_amount(1.5)  # type: ignore[arg-type]
