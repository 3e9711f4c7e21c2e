"""What a contact's row means (services/outcomes.py: ContactOutcome) and the contact search
as a person types it (services/contact_search.py): Qt-free, for every front-end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from backoffice.services.contact_search import contact_matches
from backoffice.services.outcomes import ContactOutcome, contact_outcome, tally_contacts
from backoffice.store.contacts import ContactRow
from backoffice.store.states import State


def contact(state: State = State.SENT, **changes) -> ContactRow:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    values = dict(prefix="225", phone="0701020304", name="Konaté", surname="Awa",
                  email="awa@example.ci", state=state, code=None, last_error=None, attempts=0,
                  not_before=None, created_at=now, updated_at=now)
    values.update(changes)
    return ContactRow(**values)


@pytest.mark.parametrize(("state", "outcome"), [
    (State.SENT, ContactOutcome.ADDED), (State.QUEUED, ContactOutcome.QUEUED),
    (State.SENDING, ContactOutcome.SENDING), (State.UNCERTAIN, ContactOutcome.UNCERTAIN),
    (State.FAILED, ContactOutcome.REFUSED)])
def test_each_state_has_one_meaning(state, outcome):
    assert contact_outcome(contact(state)) is outcome


def test_only_added_contacts_count_as_usable_and_tally_counts_each_meaning():
    rows = [contact(State.SENT, phone="1"), contact(State.SENT, phone="2"),
            contact(State.QUEUED, phone="3"), contact(State.FAILED, phone="4")]
    tally = tally_contacts(rows)
    assert tally[ContactOutcome.ADDED] == 2 and tally[ContactOutcome.QUEUED] == 1
    assert tally[ContactOutcome.REFUSED] == 1 and tally[ContactOutcome.UNCERTAIN] == 0


@pytest.mark.parametrize("typed", ["konate", "KONATÉ", "awa konaté", "Konaté Awa", "0701",
                                   "+225 07 01", "2250701020304", "example.ci", "", "  "])
def test_search_finds_names_numbers_and_email(typed):
    assert contact_matches(contact(), typed)


@pytest.mark.parametrize("typed", ["Traoré", "0702", "+226", "gmail"])
def test_search_leaves_out_what_does_not_match(typed):
    assert not contact_matches(contact(), typed)
