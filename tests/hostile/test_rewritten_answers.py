"""A hostile CinetPay (issue 11): the rewriting proxy changes the simulator's answers on their
way to the real services and comptoir-cli, and Comptoir still never shows a foreign payment
address as a QR, never shows PAYÉ on a check that disagrees with the link, never sends a
transfer twice and never crashes.

Real mode end to end: ``real_core`` / ``real_cli`` use CinetPay's own https host names (no
loopback endpoint, no COMPTOIR_ALLOW_LOOPBACK); their connections reach the proxy as a hostile
network would route them (HTTPS_PROXY, a CA the test trusts), so the real-mode URL rule is
the one applied. ``loopback_core`` / ``loopback_cli`` point at the proxy directly (training
rule: only the simulator's own loopback host)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from backoffice.services.core import Comptoir
from backoffice.services.outcomes import LinkOutcome, link_outcome
from backoffice.store.states import State
from tests.support.cli import Cli, a_contact, transfers_with
from tests.support.rewriting_proxy import RewritingProxy, posts_to

CREATE, CHECK = "/v2/payment", "/v2/payment/check"
SEND, TRANSFER_CHECK = "/v1/transfer/money/send/contact", "/v1/transfer/check/money"
HISTORY = "/v1/?method=getTransHistory"
GENUINE = "https://checkout.cinetpay.com/payment/"
HOSTILE_URLS = [
    "https://evil.example/pay",
    "http://checkout.cinetpay.com/payment/abc",
    "https://checkout.cinetpay.com.evil.net/payment/abc",
    "https://cinetpay.com@evil.net/",
    "https://checkout.cinetpay.com:8443/payment/abc",
    "https://checkout.cinetpay.com./payment/abc",
]


def payment_url(url: str | Callable[[str], str]) -> Callable[[Any], None]:
    """An edit of the create answer: its payment_url becomes ``url`` (or url(token))."""
    def edit(answer: Any) -> None:
        token = answer["data"]["payment_token"]
        answer["data"]["payment_url"] = url(token) if callable(url) else url
    return edit


def genuine(proxy: RewritingProxy) -> None:
    """CinetPay's real checkout address for every link (what real mode expects)."""
    proxy.edit_json(CREATE, payment_url(lambda token: GENUINE + token))


def says_paid(**data: str) -> Callable[[Any], None]:
    """An edit of a check answer: code 00 SUCCES, status ACCEPTED, then ``data`` on top."""
    def edit(answer: Any) -> None:
        answer.update(code="00", message="SUCCES")
        answer["data"].update({"status": "ACCEPTED", "payment_method": "OM",
                               "phone_number": "0701020304", **data})
    return edit


async def paid(core: Comptoir) -> int:
    return await core.db.run(lambda db: db.scalar(
        "SELECT count(*) FROM payment_links WHERE payment_status = 'ACCEPTED'"))


# --- payment_url: real mode accepts CinetPay's https hosts only ---------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS)
async def test_real_mode_refuses_a_foreign_payment_url(real_core, proxy, sim, url):
    proxy.edit_json(CREATE, payment_url(url))
    row = await real_core.links.create(5000)
    assert posts_to(sim, "checkout.init") == 1  # CinetPay (the simulator) made the link
    assert row.anomaly == "untrusted_url" and row.payment_url is None
    assert link_outcome(row) is LinkOutcome.ANOMALY
    stored = await real_core.links.get(row.transaction_id)
    assert stored is not None and stored.payment_url is None


async def test_real_mode_refuses_the_simulators_own_address(real_core, proxy, sim):
    """Unrewritten, the simulator's http://127.0.0.1 address is no CinetPay address."""
    row = await real_core.links.create(5000)
    assert row.anomaly == "untrusted_url" and row.payment_url is None
    assert [s.rewritten for s in proxy.seen] == [False]


@pytest.mark.parametrize("url", [GENUINE + "{token}", "https://secure.cinetpay.net/p/{token}",
                                 "https://cinetpay.co/{token}"])
async def test_real_mode_accepts_cinetpay_https_hosts(real_core, proxy, url):
    proxy.edit_json(CREATE, payment_url(lambda token: url.format(token=token)))
    row = await real_core.links.create(5000)
    assert row.anomaly is None and row.payment_url == url.format(token=row.payment_token)
    assert link_outcome(row) is LinkOutcome.PENDING


async def test_untrusted_url_is_never_paid_even_if_a_check_says_so(real_core, proxy):
    proxy.edit_json(CREATE, payment_url(HOSTILE_URLS[0]))
    proxy.edit_json(CHECK, says_paid())  # amount and currency left as the link's
    row = await real_core.links.create(5000)
    row = await real_core.links.refresh(row.transaction_id)
    assert row.status_code == "00" and row.anomaly == "untrusted_url"
    assert row.payment_url is None and await paid(real_core) == 0


async def test_training_mode_refuses_even_cinetpays_address(loopback_core, proxy):
    """On loopback endpoints (the simulator) only the simulator's own host is accepted."""
    genuine(proxy)
    row = await loopback_core.links.create(5000)
    assert row.anomaly == "untrusted_url" and row.payment_url is None
    proxy.clear()
    row = await loopback_core.links.create(5000)
    assert row.anomaly is None and row.payment_url and row.payment_url.startswith("http://127.")


def test_cli_real_mode_foreign_url_gives_no_qr(real_cli: Cli, proxy, sim, tmp_path):
    """A look-alike host; the services' test above covers every other kind."""
    qr = tmp_path / "qr.png"
    proxy.edit_json(CREATE, payment_url(HOSTILE_URLS[2]))
    done = real_cli.run("--json", "link", "create", "--amount", "5000", "--qr", str(qr))
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["anomaly"] == "untrusted_url" and data["payment_url"] is None
    assert data["qr"] is None and not qr.exists()
    assert posts_to(sim, "checkout.init") == 1 and proxy.seen[-1].rewritten
    [(stored,)] = real_cli.journal("SELECT payment_url FROM payment_links")
    assert stored is None


def test_cli_real_mode_genuine_url_gives_a_qr(real_cli: Cli, proxy, tmp_path):
    qr = tmp_path / "qr.png"
    genuine(proxy)
    data = real_cli.json("link", "create", "--amount", "5000", "--qr", str(qr))
    assert data["payment_url"].startswith(GENUINE) and data["anomaly"] is None
    assert data["qr"] and qr.stat().st_size > 0


# --- check answers: PAYÉ only when they match the link -------------------------------------


@pytest.mark.parametrize(("change", "anomaly"), [
    ({"amount": "1750"}, "amount_mismatch"),
    ({"amount": "17500.01"}, "amount_mismatch"),
    ({"currency": "USD"}, "currency_mismatch"),
    ({"status": "REFUSED"}, "status_mismatch"),
])
async def test_rewritten_check_is_to_be_checked_never_paid(real_core, proxy, change, anomaly):
    genuine(proxy)
    proxy.edit_json(CHECK, says_paid(**change))
    row = await real_core.links.create(17500)
    row = await real_core.links.refresh(row.transaction_id)
    assert row.status_code == "00" and row.anomaly == anomaly
    assert row.payment_status != "ACCEPTED" and link_outcome(row) is LinkOutcome.ANOMALY
    assert await paid(real_core) == 0


async def test_rewritten_check_that_matches_is_paid(real_core, proxy):
    """The same rewrite with the link's own amount and currency: PAYÉ (the proxy path works,
    the refusals above are about the mismatch)."""
    genuine(proxy)
    proxy.edit_json(CHECK, says_paid(amount="17500", currency="XOF"))
    row = await real_core.links.create(17500)
    row = await real_core.links.refresh(row.transaction_id)
    assert link_outcome(row) is LinkOutcome.PAID and row.state is State.FINAL


def test_cli_rewritten_check_says_payment_to_be_checked(real_cli: Cli, proxy):
    genuine(proxy)
    tx = real_cli.json("link", "create", "--amount", "17500")["transaction_id"]
    proxy.edit_json(CHECK, says_paid(amount="175"))
    status = real_cli.json("link", "status", tx)
    assert status["anomaly"] == "amount_mismatch" and status["outcome"] == "anomaly"
    assert status["label"] == "Paiement à vérifier" and "175" in status["anomaly_text"]
    assert status["payment_status"] != "ACCEPTED" and status["state"] == "sent"


# --- transfer sends: an answer that proves nothing is checked, never sent again ------------


def item_code(code: int) -> Callable[[Any], None]:
    def edit(answer: Any) -> None:
        answer["data"][0][0].update(code=code, status="error", message="UNDOCUMENTED")
    return edit


def other_id(answer: Any) -> None:
    answer["data"][0][0]["client_transaction_id"] = "SOMEONE-ELSE"


LOST_ANSWERS: dict[str, Callable[[RewritingProxy], object]] = {
    "html_502": lambda p: p.html(SEND, 502),
    "truncated_json": lambda p: p.truncate(SEND, framed=True),
    "dropped_mid_body": lambda p: p.truncate(SEND),
    "undocumented_item_code": lambda p: p.edit_json(SEND, item_code(4242)),
    "undocumented_answer_code": lambda p: p.edit_json(
        SEND, lambda a: {"code": 4242, "message": "MAINTENANCE", "data": []}),
    "answer_too_late": lambda p: p.delay(SEND, 3.0),
    "item_for_another_id": lambda p: p.edit_json(SEND, other_id),
    "no_item": lambda p: p.edit_json(SEND, lambda a: {**a, "data": []}),
}


@pytest.mark.parametrize("lose", LOST_ANSWERS.values(), ids=LOST_ANSWERS.keys())
async def test_transfer_answer_that_proves_nothing_is_checked_not_resent(
        real_core, proxy, sim, lose):
    contact = a_contact(sim)
    lose(proxy)
    row = await real_core.transfers.send(contact["prefix"], contact["phone"], 5000)
    cid = row.client_transaction_id
    assert row.state in (State.SENT, State.FINAL), (row.state, row.last_error)  # found by a check
    assert posts_to(sim, "transfer.check") >= 1
    await real_core.sync.catch_up(force=True)
    assert posts_to(sim, "transfer.send") == 1 and len(transfers_with(sim, cid)) == 1


async def test_transfer_stays_uncertain_while_checks_fail_too(real_core, proxy, sim):
    contact = a_contact(sim)
    proxy.html(SEND, 502)
    proxy.truncate(TRANSFER_CHECK, framed=True)
    row = await real_core.transfers.send(contact["prefix"], contact["phone"], 5000)
    assert row.state is State.UNCERTAIN
    for _ in range(2):
        await real_core.sync.catch_up(force=True)
        row = await real_core.transfers.get(row.client_transaction_id)
        assert row is not None and row.state is State.UNCERTAIN
    proxy.clear()
    await real_core.sync.catch_up(force=True)
    row = await real_core.transfers.get(row.client_transaction_id)
    assert row is not None and row.state in (State.SENT, State.FINAL)
    assert posts_to(sim, "transfer.send") == 1
    assert len(transfers_with(sim, row.client_transaction_id)) == 1


async def test_not_found_proves_nothing_while_the_send_may_still_arrive(real_core, proxy, sim):
    """The send's answer is lost and every check says 723: still one POST (within the grace
    the first request may still arrive)."""
    contact = a_contact(sim)
    proxy.html(SEND, 502)
    proxy.reply(TRANSFER_CHECK, 200, {"code": 723, "message": "NOT_FOUND", "data": []})
    row = await real_core.transfers.send(contact["prefix"], contact["phone"], 5000)
    for _ in range(2):
        await real_core.sync.catch_up(force=True)
        row = await real_core.transfers.get(row.client_transaction_id)
        assert row is not None and row.state is State.UNCERTAIN
    assert posts_to(sim, "transfer.send") == 1 and posts_to(sim, "transfer.check") == 0
    assert sum(s.path == TRANSFER_CHECK for s in proxy.seen) >= 2


def test_cli_transfer_html_502_is_uncertain_then_found_never_resent(real_cli: Cli, proxy, sim):
    proxy.html(SEND, 502)
    proxy.html(TRANSFER_CHECK, 502)
    sent = real_cli.json("transfer", "send", "--prefix", "225", "--phone",
                         a_contact(sim)["phone"], "--amount", "5000")
    cid = sent["client_transaction_id"]
    assert sent["state"] == "uncertain"  # not "failed", not sent again
    assert posts_to(sim, "transfer.send") == 1 and posts_to(sim, "transfer.check") >= 1
    proxy.clear()
    real_cli.ok("sync")
    [(state,)] = real_cli.journal("SELECT state FROM transfers")
    assert state in ("sent", "final")
    assert posts_to(sim, "transfer.send") == 1 and len(transfers_with(sim, cid)) == 1


# --- 429 with Retry-After: waits, nothing lost, nothing doubled -----------------------------

TOO_MANY = {"code": "429", "message": "TOO_MANY_REQUEST", "data": []}


async def test_transfer_rate_limited_is_queued_then_sent_once(real_core, proxy, sim):
    contact = a_contact(sim)
    proxy.reply(SEND, 429, TOO_MANY, {"Retry-After": "1"})  # the simulator never sees it
    row = await real_core.transfers.send(contact["prefix"], contact["phone"], 5000)
    assert row.state is State.QUEUED and row.not_before is not None
    assert posts_to(sim, "transfer.send") == 0
    assert any(s.status == 429 for s in proxy.seen)
    proxy.clear()
    await real_core.sync.catch_up(force=True)
    row = await real_core.transfers.get(row.client_transaction_id)
    assert row is not None and row.state in (State.SENT, State.FINAL)
    assert posts_to(sim, "transfer.send") == 1


def test_cli_one_429_then_the_retry_goes_through_once(real_cli: Cli, proxy, sim):
    proxy.reply(SEND, 429, TOO_MANY, {"Retry-After": "0"}, times=1)
    sent = real_cli.json("transfer", "send", "--prefix", "225", "--phone",
                         a_contact(sim)["phone"], "--amount", "5000")
    assert sent["state"] in ("sent", "final")
    assert [s.status for s in proxy.seen if s.path == SEND] == [429, 200]
    assert posts_to(sim, "transfer.send") == 1


# --- history: huge amounts are unreadable rows, never a traceback ---------------------------

HUGE_AMOUNTS = ["1" + "0" * 30, "-5000", "NaN", "Infinity", "12.345"]
RAW_HUGE = 2  # two more rows carry a raw JSON number: 1e400 and -1e400


def huge_rows(answer: Any) -> None:
    rows = answer["Transactions"]["transaction"]
    model = rows[0]
    extra = [{**model, "cpm_trans_id": f"HUGE-{n}", "cpm_amount": amount}
             for n, amount in enumerate(HUGE_AMOUNTS)]
    extra += [{**model, "cpm_trans_id": f"RAW-{n}", "cpm_amount": f"@RAW{n}@"}
              for n in range(RAW_HUGE)]
    rows[:0] = extra


def raw_numbers(status: int, headers: dict[str, str], body: bytes) -> tuple[int, dict, bytes]:
    data = json.loads(body)
    huge_rows(data)
    text = json.dumps(data).replace('"@RAW0@"', "1e400").replace('"@RAW1@"', "-1e400")
    return status, headers, text.encode()


async def test_history_huge_amounts_are_counted_unreadable(real_core, proxy):
    proxy.rewrite(HISTORY, raw_numbers)
    count = await real_core.history.refresh()
    assert count > 0 and await real_core.history.unreadable() == len(HUGE_AMOUNTS) + RAW_HUGE
    kept = await real_core.db.run(lambda db: db.scalar(
        "SELECT count(*) FROM history WHERE transaction_id LIKE 'HUGE-%' "
        "OR transaction_id LIKE 'RAW-%'"))
    assert kept == 0


def test_cli_history_huge_amounts_no_traceback(real_cli: Cli, proxy):
    proxy.rewrite(HISTORY, raw_numbers)
    data = real_cli.json("history", "--limit", "5")
    assert data["unreadable"] == len(HUGE_AMOUNTS) + RAW_HUGE
    assert not any(r["transaction_id"].startswith(("HUGE-", "RAW-")) for r in data["rows"])
    proxy.clear()  # one amount of 5000 digits: the whole answer is unreadable
    proxy.rewrite(HISTORY, lambda s, h, b: (s, h, b.replace(
        b'"cpm_amount": "', b'"cpm_amount": ' + b"9" * 5000 + b', "was": "', 1)))
    done = real_cli.run("history")  # the cache of the first call is shown, said stale
    assert done.returncode == 0 and "Traceback" not in done.stderr + done.stdout
    assert "Réponse illisible de CinetPay, réessayez" in done.stderr
