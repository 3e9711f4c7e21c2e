"""One wording table per outcome in the CLI: every outcome has its words in both languages,
and the words a script greps for are there."""

from __future__ import annotations

import pytest

from backoffice.cli.render import (
    CONTACT_WORDS,
    LINK_WORDS,
    TRANSFER_WORDS,
    words,
)
from backoffice.services.outcomes import ContactOutcome, LinkOutcome, TransferOutcome


@pytest.mark.parametrize(("table", "outcomes"), [
    (LINK_WORDS, LinkOutcome), (TRANSFER_WORDS, TransferOutcome),
    (CONTACT_WORDS, ContactOutcome)])
def test_every_outcome_has_words_in_french_and_english(table, outcomes):
    assert set(table) == set(outcomes)
    for fr, en in table.values():
        assert fr.strip() and en.strip()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_queued_and_uncertain_stay_greppable(monkeypatch, lang):
    monkeypatch.setenv("COMPTOIR_LANG", lang)
    assert "queued" in words(TRANSFER_WORDS, TransferOutcome.QUEUED)
    assert "queued" in words(CONTACT_WORDS, ContactOutcome.QUEUED)
    for table, outcome in ((LINK_WORDS, LinkOutcome.UNCERTAIN),
                           (TRANSFER_WORDS, TransferOutcome.UNCERTAIN),
                           (CONTACT_WORDS, ContactOutcome.UNCERTAIN)):
        assert "uncertain" in words(table, outcome)
    email = words(TRANSFER_WORDS, TransferOutcome.CONFIRM_EMAIL)
    assert ("e-mail" in email) and ("IP" in email)  # what it waits for, and what to do
