"""The journal keeps why an operation failed, waits or is checked as a reason code; the words
come at display time, in the reader's language (issue 12). Services against the simulator
over loopback and a real SQLite journal; the CLI's and the GUI's words are read from the row."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backoffice.api import BadResponse, Contact, NotSent
from backoffice.api.codes import Family
from backoffice.api.errors import (
    MaybeSent,
    OutcomeUnknown,
    ValidationError,
    api_error,
    as_read,
    uncertain_send_error,
)
from backoffice.cli.render import transfer_line, why
from backoffice.services.core import Comptoir
from backoffice.services.outcomes import LinkOutcome, TransferOutcome, link_outcome
from backoffice.services.reasons import (
    WORDS,
    Reason,
    reason_for,
    reason_text,
    with_answer,
)
from backoffice.store.states import State
from tests.support.clients import offline_client

NOT_A_CONTACT = {"fr": "Ce numéro n'est pas dans vos contacts (code 724)",
                 "en": "This number is not one of your contacts (code 724)"}


def speak(core: Comptoir, lang: str) -> None:
    """The shop switches its language (Réglages): what comes next is written in it."""
    core.context.settings = replace(core.settings, lang=lang)


async def test_never_created_link_reads_in_english_after_being_journaled_in_french(
        core, sim, monkeypatch):
    speak(core, "fr")
    sim.set_faults(rate=1.0, kinds=["http_500"], count=1, paths=["/v2/payment"])
    with pytest.raises(BadResponse):
        await core.links.create(2500)
    [row] = await core.links.list_all()
    assert row.last_error == WORDS[Reason.NEVER_CREATED]["fr"]  # written in French
    assert row.reason == "never_created" and link_outcome(row) is LinkOutcome.NEVER_CREATED

    speak(core, "en")
    [row] = await core.links.list_all()  # read back from the SQLite file
    assert reason_text(row.reason, "en") == "CinetPay does not know this link: it was never created"
    monkeypatch.setenv("COMPTOIR_LANG", "en")
    assert why(row) == "CinetPay does not know this link: it was never created"
    monkeypatch.setenv("COMPTOIR_LANG", "fr")
    assert why(row) == WORDS[Reason.NEVER_CREATED]["fr"]


async def test_a_link_that_failed_otherwise_is_not_never_created(sim, creds, tmp_path):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        with pytest.raises(NotSent):
            await core.links.create(5000)
        [row] = await core.links.list_all()
        assert row.reason == "NotSent" and link_outcome(row) is LinkOutcome.FAILED
        assert reason_text(row.reason, "en") == NotSent().human("en")
        assert row.last_error == NotSent().human("fr")
    finally:
        await core.aclose(drain=False)


async def test_transfer_refused_with_a_cinetpay_code_reads_in_the_readers_language(
        core, sim, monkeypatch):
    speak(core, "fr")
    row = await core.transfers.send("225", "0799887766", 1000)
    assert row.state is State.FAILED and row.code == "724"
    assert row.last_error == NOT_A_CONTACT["fr"]
    assert reason_text(row.reason, "en") == NOT_A_CONTACT["en"]
    assert reason_text(row.reason, "fr") == NOT_A_CONTACT["fr"]

    speak(core, "en")
    row = await core.transfers.get(row.client_transaction_id)
    monkeypatch.setenv("COMPTOIR_LANG", "en")
    assert transfer_line(row).endswith(f"failed — {NOT_A_CONTACT['en']}")


@pytest.mark.parametrize("what", ["transfer", "contact"])
async def test_waiting_offline_reads_in_the_readers_language(sim, creds, tmp_path, what):
    core = await Comptoir.open(tmp_path, offline_client(creds))
    try:
        if what == "transfer":
            row = await core.transfers.send("225", "0700000001", 1000)
        else:
            row = await core.contacts.add(Contact("225", "0700000001", "Awa", "Koné"))
        assert row.state is State.QUEUED and row.reason == "NotSent"
        assert row.last_error == NotSent().human("fr")
        assert reason_text(row.reason, "en") == NotSent().human("en")
    finally:
        await core.aclose(drain=False)


async def test_new_words_without_a_reason_clear_the_old_reason(core):
    """A reason always explains the words beside it: words written without one (an older
    code path, a deferral) never show the previous reason's words."""
    from backoffice.store import transfers as journal
    from backoffice.store.outbox import defer_item

    cid = "TRFREASON1"
    await core.db.run(journal.create_transfer, cid, prefix="225", phone="0700000001",
                      amount=1000)
    await core.db.run(journal.mark_transfer, cid, State.SENDING)
    row = await core.db.run(journal.mark_transfer, cid, State.UNCERTAIN, last_error="x",
                            reason=Reason.NOT_YET_FOUND)
    assert row.reason == "not_yet_found"
    row = await core.db.run(journal.mark_transfer, cid, State.QUEUED, detail="same words")
    assert (row.last_error, row.reason) == ("x", "not_yet_found")  # nothing new: both kept
    await core.db.run(defer_item, "transfer", cid, not_before=None, error="autre chose")
    row = await core.transfers.get(cid)
    assert (row.last_error, row.reason) == ("autre chose", None)
    await core.db.run(defer_item, "transfer", cid, not_before=None, error="y",
                      reason=Reason.CHECK_WITH_CINETPAY)
    await core.db.run(journal.mark_transfer, cid, State.SENDING)
    row = await core.db.run(journal.mark_transfer, cid, State.QUEUED, last_error="z")
    assert (row.last_error, row.reason) == ("z", None)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_named_reason_has_its_words(lang):
    for reason, words in WORDS.items():
        assert reason_text(reason, lang) == words[lang] and words[lang].strip()
    assert set(WORDS) | {Reason.UNCERTAIN_ANSWER, Reason.REFUSED,
                         Reason.CINETPAY_SAID} == set(Reason)


def test_reasons_with_cinetpay_answers():
    uncertain = with_answer(Reason.UNCERTAIN_ANSWER, "709", "EXECUTION_ERROR")
    assert reason_text(uncertain, "fr") == (
        "Réponse de CinetPay qui ne prouve rien (EXECUTION_ERROR, code 709) : le transfert "
        "est peut-être passé, vérification avant tout nouvel envoi")
    assert reason_text(uncertain, "en") == (
        "CinetPay's answer proves nothing (EXECUTION_ERROR, code 709): the transfer may "
        "have gone through, checked before anything is sent again")
    no_code = with_answer(Reason.UNCERTAIN_ANSWER, None, None)
    assert "(sans code, sans code)" in reason_text(no_code, "fr")
    assert "(no code, no code)" in reason_text(no_code, "en")
    refused = with_answer(Reason.REFUSED, "724", "ERROR_PHONE_NOT_MY_CONTACT")
    assert reason_text(refused, "fr") == NOT_A_CONTACT["fr"]
    assert reason_text(refused, "en") == NOT_A_CONTACT["en"]
    odd = with_answer(Reason.REFUSED, "999", "ODD: thing")
    assert reason_text(odd, "en") == "ODD: thing (code 999)"
    assert reason_text(with_answer(Reason.REFUSED, "999", ""), "en") == "Refused (code 999)"
    assert reason_text(with_answer(Reason.REFUSED, "999", ""), "fr") == "Refusé (code 999)"
    said = with_answer(Reason.CINETPAY_SAID, "717", "Pas un particulier")
    assert reason_text(said, "en") == reason_text(said, "fr") == "Pas un particulier (717)"


ERRORS = [
    NotSent("offline"), MaybeSent("timeout"), BadResponse("html", status=502),
    BadResponse("truncated"), as_read(MaybeSent("timeout")),
    as_read(BadResponse("html", status=503)),
    api_error(Family.CHECKOUT, "609", "AUTH_NOT_FOUND"),
    api_error(Family.TRANSFER, 724, "ERROR_PHONE_NOT_MY_CONTACT"),
    api_error(Family.TRANSFER, "429"), api_error(Family.CHECKOUT, "602"),
    api_error(Family.TRANSFER, "602"), api_error(Family.TRANSFER, "9999", "WEIRD: thing"),
    uncertain_send_error(api_error(Family.TRANSFER, "709", "EXECUTION_ERROR")),
    uncertain_send_error(api_error(Family.TRANSFER, "998", "ODD")),
    api_error(Family.CURRENT, "1005"),
]


@pytest.mark.parametrize("exc", ERRORS, ids=lambda e: f"{type(e).__name__}-{e.code}")
def test_an_error_reason_gives_back_the_errors_words_in_both_languages(exc):
    reason = reason_for(exc, Family.TRANSFER)
    assert reason is not None
    assert reason_text(reason, "fr") == exc.human("fr")
    assert reason_text(reason, "en") == exc.human("en")


def test_error_reasons_are_stable_codes():
    assert reason_for(api_error(Family.CHECKOUT, "609"), Family.CHECKOUT) == "api:checkout:609"
    assert reason_for(api_error(Family.TRANSFER, 724), Family.TRANSFER) == "api:transfer:724"
    # the same number means another thing on the other API: the family that answered counts
    assert reason_for(api_error(Family.CHECKOUT, "602"), Family.TRANSFER) == "api:checkout:602"
    assert reason_for(NotSent(), Family.CHECKOUT) == "NotSent"
    assert reason_for(as_read(MaybeSent()), Family.TRANSFER) == "read:MaybeSent"
    assert reason_for(BadResponse("x", status=502), Family.TRANSFER) == "BadResponse:502"
    unknown = uncertain_send_error(api_error(Family.TRANSFER, "709"))
    assert isinstance(unknown, OutcomeUnknown)
    assert reason_for(unknown, Family.TRANSFER) == "OutcomeUnknown:transfer:709"


def test_words_that_cannot_be_rebuilt_get_no_reason():
    assert reason_for(ValidationError("amount", "Montant invalide", "Invalid amount"),
                      Family.CHECKOUT) is None
    changed = api_error(Family.TRANSFER, 724)
    changed.en = "Something else"  # words no code gives back: the row keeps last_error only
    assert reason_for(changed, Family.TRANSFER) is None


@pytest.mark.parametrize("reason", [None, "", "no_such_reason", "never_created:extra",
                                    "api:no_family:609", "Exception", "read:NoSuchError"])
def test_unknown_reasons_have_no_words(reason):
    assert reason_text(reason, "fr") is None and reason_text(reason, "en") is None


def test_review_words_follow_the_reason(monkeypatch):
    from datetime import UTC, datetime

    from backoffice.services.outcomes import transfer_outcome
    from backoffice.services.reasons import review_text
    from backoffice.store.transfers import TransferRow

    now = datetime.now(UTC)
    row = TransferRow("C1", now, now, None, "225", "0700000001", 1000, None, State.UNCERTAIN,
                      None, None, None, "805", WORDS[Reason.CHECK_WITH_CINETPAY]["fr"], 3, None,
                      None, review=WORDS[Reason.CHECK_WITH_CINETPAY]["fr"],
                      reason=Reason.CHECK_WITH_CINETPAY)
    assert transfer_outcome(row) is TransferOutcome.REVIEW
    assert review_text(row, "en") == WORDS[Reason.CHECK_WITH_CINETPAY]["en"]
    monkeypatch.setenv("COMPTOIR_LANG", "en")
    assert transfer_line(row).endswith(WORDS[Reason.CHECK_WITH_CINETPAY]["en"])
    later = replace(row, reason="read:MaybeSent")  # a later check failed: the flag stays
    assert review_text(later, "en") == WORDS[Reason.CHECK_WITH_CINETPAY]["fr"]
    assert review_text(replace(row, review=None), "en") is None
