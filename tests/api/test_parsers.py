"""Every response parser fed malformed bodies: only typed CinetPay errors may come out."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backoffice.api import BadResponse, CinetPayError, PaymentStatus
from backoffice.api.checkout import parse_check, parse_init
from backoffice.api.codes import CHECKOUT, TRANSFER, Family, lookup, normalize
from backoffice.api.errors import api_error
from backoffice.api.legacy import _raise_status, parse_history
from backoffice.api.transfer import _data, _flatten, parse_transfer_info
from backoffice.api.transport import decode

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.decimals(allow_nan=True, allow_infinity=True))
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=12), children, max_size=5)),
    max_leaves=20,
)
# Shapes close to the real answers, so the parsers get past the first checks.
CHECK_KEYS = ["code", "message", "data", "status", "amount", "payment_date", "metadata"]
TX_KEYS = ["cpm_trans_id", "cpm_amount", "cpm_payment_date", "created_at", "cpm_result"]
near_check = st.fixed_dictionaries({}, optional={k: json_like for k in CHECK_KEYS}) | \
    st.fixed_dictionaries({"code": st.sampled_from(["00", "662", "600", "201", "999"]),
                           "data": st.dictionaries(st.sampled_from(CHECK_KEYS), json_like)})
near_history = st.fixed_dictionaries({"Transactions": st.one_of(
    json_like, st.fixed_dictionaries({"transaction": st.one_of(
        json_like, st.lists(st.dictionaries(st.sampled_from(TX_KEYS), json_like), max_size=3))}))})

PARSERS = [
    lambda a: parse_init(a, "T1"),
    parse_check,
    parse_history,
    _raise_status,
    _data,
    _flatten,
    lambda a: parse_transfer_info(a) if isinstance(a, dict) else _flatten(a),
]


@pytest.mark.parametrize("parse", PARSERS)
@given(answer=json_like)
@settings(max_examples=150, deadline=None)
def test_random_answers_raise_only_typed_errors(parse, answer):
    with contextlib.suppress(CinetPayError):
        parse(answer)


@given(answer=near_check)
@settings(max_examples=300, deadline=None)
def test_near_miss_check_answers(answer):
    try:
        result = parse_check(answer)
    except CinetPayError:
        return
    assert isinstance(result.status, PaymentStatus)
    assert result.amount is None or isinstance(result.amount, Decimal)


@given(answer=near_history)
@settings(max_examples=300, deadline=None)
def test_near_miss_history_answers(answer):
    try:
        rows = parse_history(answer)
    except CinetPayError:
        return
    assert all(isinstance(r.amount, Decimal) for r in rows)


@given(body=st.binary(max_size=300), status=st.sampled_from([200, 201, 400, 403, 404, 500, 502]))
@settings(max_examples=300, deadline=None)
def test_decode_of_random_bytes(body, status):
    with contextlib.suppress(CinetPayError):
        decode(httpx.Response(status, content=body))


@given(text=st.text(max_size=200))
def test_truncated_json_never_escapes(text):
    full = '{"code":"201","message":"CREATED","data":{"payment_token":"abc","payment_url":' \
           '"https://checkout.cinetpay.com/payment/abc"},"api_response_id":"1"}'
    for cut in range(0, len(full), 7):
        with contextlib.suppress(CinetPayError):
            parse_init(decode(httpx.Response(200, content=full[:cut].encode())), "T1")


def test_html_error_page_is_bad_response():
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    with pytest.raises(BadResponse) as err:
        decode(httpx.Response(502, content=page, headers={"content-type": "text/html"}))
    assert "HTML" in str(err.value) and err.value.may_have_been_processed


def test_json_error_body_on_http_400_is_read():
    body = b'{"code":"624","message":"UNKNOWN_ERROR","description":"bad apikey"}'
    answer = decode(httpx.Response(400, content=body))
    with pytest.raises(CinetPayError) as err:
        parse_init(answer, "T1")
    assert err.value.code == "624"


def test_numbers_in_json_are_never_float():
    answer = decode(httpx.Response(200, content=b'{"a": 865.4, "b": 1e3}'))
    assert answer == {"a": Decimal("865.4"), "b": Decimal("1E+3")}
    assert all(not isinstance(v, float) for v in answer.values())


def test_codes_compare_as_text():
    assert normalize(0) == normalize("0") == "0"
    assert normalize("00") == "00"
    assert normalize(" 701 ") == normalize(701) == "701"
    assert lookup(Family.TRANSFER, 602).name == "INSUFFICIENT_BALANCE"
    assert lookup(Family.CHECKOUT, "602").name == "INSUFFISENT_BALANCE"
    assert lookup(Family.CHECKOUT, 429).name == "TOO_MANY_REQUEST"


DOCUMENTED = {
    Family.CHECKOUT: [*(str(c) for c in range(600, 626)), "627", "635", "636", "641", "642",
                      "662", "663", "664", "804", *(str(c) for c in range(807, 813))],
    Family.TRANSFER: ["-1", "602", *(str(c) for c in range(701, 711)),
                      *(str(c) for c in range(715, 722)), "723", "724", "725", "801", "802",
                      "804", "805"],
    Family.HTTP: ["400", "403", "404", "429", "1010"],
}


@pytest.mark.parametrize("family", list(DOCUMENTED))
def test_every_documented_code_has_both_messages(family):
    for code in DOCUMENTED[family]:
        info = lookup(family, code)
        assert info is not None, code
        assert info.fr and info.en
        err = api_error(family, code, info.name)
        assert err.code == code
        assert err.human("fr") == f"{info.fr} (code {code})"
        assert err.human("en") == f"{info.en} (code {code})"


def test_tables_have_no_invented_codes():
    documented = set(DOCUMENTED[Family.CHECKOUT]) | {"00", "201"}
    assert set(CHECKOUT) <= documented
    assert set(TRANSFER) <= set(DOCUMENTED[Family.TRANSFER]) | {"0", "726"}


def test_unknown_code_keeps_its_code_for_support():
    err = api_error(Family.CHECKOUT, "9999", "WEIRD")
    assert err.code == "9999" and "9999" in err.human("fr") and "WEIRD" in err.human("en")
