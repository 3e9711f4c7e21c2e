"""The current platform's codes, answer readers, hosts and payment methods (no network, except
one in-process HTTP exchange for a bare 401)."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from backoffice.api import (
    AuthError,
    BadResponse,
    DuplicateId,
    Forbidden,
    InsufficientFunds,
    InvalidRequest,
    NotFound,
    RateLimited,
    TokenError,
    Unavailable,
)
from backoffice.api.codes import CURRENT, Family
from backoffice.api.current import (
    LIVE_URL,
    SANDBOX_URL,
    CurrentClient,
    CurrentCredentials,
    State,
    account_kind,
    check_api_url,
    default_api_url,
    guess_method,
    method_name,
    methods_for,
)
from backoffice.api.current.auth import parse_login
from backoffice.api.current.methods import BY_COUNTRY, METHODS
from backoffice.api.current.payments import parse_link, parse_status
from backoffice.api.current.transfers import parse_created
from backoffice.api.errors import OutcomeUnknown, api_error
from backoffice.services.link_url import untrusted_reason

DOCUMENTED = ["200", "100", "-1", "404", "1002", "1003", "1004", "1005", "1200", "2001", "2002",
              "2003", "2004", "2005", "2006", "2007", "2008", "2010", "2011", "422", "401"]


@pytest.mark.parametrize("code", DOCUMENTED)
def test_every_code_has_a_french_and_an_english_message(code):
    info = CURRENT[code]
    assert info.fr and info.en and info.fr != info.en
    err = api_error(Family.CURRENT, code, info.name)
    assert err.human("fr") == f"{info.fr} (code {code})"
    assert err.human("en") == f"{info.en} (code {code})"


@pytest.mark.parametrize(("code", "cls"), [
    ("1002", TokenError), ("1003", TokenError), ("401", TokenError), ("1005", AuthError),
    ("1200", DuplicateId), ("404", NotFound), ("1004", InvalidRequest),
    ("422", InvalidRequest), ("2005", InsufficientFunds), ("2011", Forbidden),
    ("-1", Unavailable), ("429", RateLimited),
])
def test_codes_map_to_the_typed_errors(code, cls):
    assert type(api_error(Family.CURRENT, code)) is cls


def test_minus_one_or_an_unknown_code_on_a_money_request_is_uncertain():
    for code in (-1, 9999):
        with pytest.raises(OutcomeUnknown) as caught:
            parse_created({"code": code, "status": "OPERATION_ERROR"}, "T1")
        assert caught.value.may_have_been_processed
        with pytest.raises(OutcomeUnknown):
            parse_link({"code": code, "description": "x"}, "T1", LIVE_URL)


def test_refusals_of_a_money_request_are_certain():
    for code, cls in (("1004", InvalidRequest), ("2005", InsufficientFunds),
                      ("2006", InvalidRequest), ("2011", Forbidden)):
        with pytest.raises(cls) as caught:
            parse_created({"code": int(code), "status": "X", "description": "d"}, "T1")
        assert not caught.value.may_have_been_processed


def test_an_accepted_transfer_in_no_readable_state_is_uncertain():
    with pytest.raises(BadResponse) as caught:
        parse_created({"code": 200, "status": "SOMETHING_NEW"}, "T1")
    assert caught.value.may_have_been_processed
    with pytest.raises(BadResponse):  # an answer about another transfer
        parse_created({"code": 2002, "status": "PENDING", "merchant_transaction_id": "T2"}, "T1")


@pytest.mark.parametrize(("body", "state"), [
    ({"code": 100, "status": "SUCCESS"}, State.SUCCESS),
    ({"code": "2001"}, State.INITIATED),
    ({"code": 200, "status": "PENDING"}, State.PENDING),
    ({"code": 2010, "status": "FAILED", "description": "refusé"}, State.FAILED),
    ({"code": 2003, "status": "EXPIRED"}, State.EXPIRED),
])
def test_status_answers_are_read_by_status_and_code(body, state):
    assert parse_status(body, "T1").state is state


@pytest.mark.parametrize("body", [{"code": 100, "status": "FAILED"},
                                  {"code": 2010, "status": "SUCCESS"}])
def test_a_success_contradicted_is_never_believed(body):
    with pytest.raises(BadResponse):
        parse_status(body, "T1")


def test_status_amounts_are_decimal_and_absent_ones_none():
    paid = parse_status({"code": 100, "status": "SUCCESS", "amount": "865.5",
                         "currency": "xof"}, "T1")
    assert paid.amount == Decimal("865.5") and paid.currency == "XOF"
    assert parse_status({"code": 100, "status": "SUCCESS"}, "T1").amount is None
    with pytest.raises(BadResponse):
        parse_status({"code": 100, "status": "SUCCESS", "amount": 1.5e3}, "T1")


def test_payment_link_needs_an_https_address_outside_the_simulator():
    answer = {"code": 200, "payment_token": "tok", "payment_url": "http://secure.cinetpay.co/x"}
    with pytest.raises(BadResponse):
        parse_link(answer, "T1", LIVE_URL)
    link = parse_link({**answer, "payment_url": "https://secure.cinetpay.co/checkout/tok"},
                      "T1", LIVE_URL)
    assert link.payment_token == "tok" and link.must_be_redirected


def test_login_answers():
    token = parse_login({"code": 200, "access_token": "abc", "expires_in": 86400})
    assert (token.access_token, token.expires_in) == ("abc", 86400)
    assert parse_login({"access_token": "abc"}).expires_in == 86400
    with pytest.raises(AuthError) as caught:
        parse_login({"code": 1005, "status": "INVALID_CREDENTIALS"})
    assert caught.value.code == "1005"
    with pytest.raises(BadResponse):
        parse_login({"status": "OK"})


async def test_a_bare_401_reads_as_a_token_rejection_and_logs_in_again():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/v1/oauth/login":
            return httpx.Response(200, json={"code": 200, "access_token": f"t{len(seen)}"})
        if seen.count("/v1/balances") == 1:
            return httpx.Response(401, json={"message": "Unauthenticated."})
        return httpx.Response(200, json={"code": 200, "available_balance": "12.5",
                                         "currency": "XOF"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    creds = CurrentCredentials("sk_live_x", "pw", "CI")
    async with CurrentClient(creds, http=http) as client:
        balance = await client.balances.get()
    await http.aclose()
    assert balance.available == Decimal("12.5")
    assert seen == ["/v1/oauth/login", "/v1/balances", "/v1/oauth/login", "/v1/balances"]


# --- hosts ---------------------------------------------------------------------------------


def test_the_key_says_the_platform_and_the_host():
    assert account_kind("sk_test_abc") == account_kind(" sk_live_abc") == "current"
    assert account_kind("12345678901234567") == account_kind("") == "classic"
    assert default_api_url("sk_test_abc") == SANDBOX_URL == "https://api.cinetpay.net"
    assert default_api_url("sk_live_abc") == LIVE_URL == "https://api.cinetpay.co"
    assert check_api_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    with pytest.raises(ValueError):
        check_api_url("http://api.cinetpay.co")


@pytest.mark.parametrize("host", ["secure.cinetpay.co", "secure.cinetpay.net"])
def test_checkout_pages_of_the_current_platform_may_become_a_qr(host):
    url = f"https://{host}/checkout/abcdef0123456789"
    assert untrusted_reason(url, LIVE_URL) is None
    assert untrusted_reason(url.replace("https", "http"), LIVE_URL) is not None
    assert untrusted_reason(f"https://{host}.evil.example/x", LIVE_URL) is not None


# --- payment methods -------------------------------------------------------------------------


def test_every_country_has_its_methods_in_the_shops_words():
    assert [m.code for m in methods_for("ci")] == ["OM_CI", "MOOV_CI", "MTN_CI", "WAVE_CI"]
    assert [m.code for m in methods_for("NE")] == ["AIRTEL_NE", "MOOV_NE", "ZAMANI_NE"]
    assert methods_for("FR") == []
    assert len(METHODS) == sum(len(v) for v in BY_COUNTRY.values()) == 28
    assert method_name("OM_CI") == "Orange Money" and method_name("WAVE_SN", "en") == "Wave"
    assert method_name("XYZ") == "XYZ"


@pytest.mark.parametrize(("country", "number", "method"), [
    ("CM", "+237670000000", "MTN_CM"), ("CM", "+237699000000", "OM_CM"),
    ("CM", "+237655000000", "OM_CM"), ("CM", "+237651000000", "MTN_CM"),
    ("TG", "+22890000000", "TMONEY_TG"), ("TG", "+22896000000", "MOOV_TG"),
    ("GN", "+224620000000", "OM_GN"), ("GN", "+224660000000", "MTN_GN"),
    ("CD", "+243810000000", "MPESA_CD"), ("CD", "+243970000000", "AIRTEL_CD"),
    ("CD", "+243840000000", "OM_CD"), ("CD", "+243900000000", "AFRICELL_CD"),
])
def test_guess_where_the_numbering_is_certain(country, number, method):
    assert guess_method(country, number) == method


@pytest.mark.parametrize(("country", "number"), [
    ("CI", "+2250701020304"),  # Wave works on any operator's number
    ("SN", "+221770000000"), ("BF", "+22670000000"), ("ML", "+22370000000"),
    ("BJ", "+2290196000000"), ("NE", "+22790000000"),
    ("CM", "+237680000000"),  # 68x is shared: not certain
    ("CM", "+22890000000"),  # another country's number
    ("CM", "+23767000000"),  # too short
    ("TG", "+22880000000"),  # unassigned block
])
def test_no_guess_where_it_is_not_certain(country, number):
    assert guess_method(country, number) is None


def test_a_status_answer_about_another_transaction_is_refused():
    """Review finding: a SUCCESS naming another sale (same amount, same till) must never be
    read as this link's payment; asking by CinetPay's own id or token still works."""
    from backoffice.api.current.payments import parse_status

    other = {"code": 100, "status": "SUCCESS", "merchant_transaction_id": "CPT261203B2",
             "transaction_id": "CP999", "payment_token": "TOK9", "amount": "5000",
             "currency": "XOF"}
    with pytest.raises(BadResponse, match="another transaction"):
        parse_status(other, "CPT261203A1")
    for asked in ("CPT261203B2", "CP999", "TOK9"):
        assert parse_status(other, asked).merchant_transaction_id == "CPT261203B2"
