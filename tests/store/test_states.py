"""Properties of the state machine, checked on real rows with random sequences."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backoffice.store.db import Database
from backoffice.store.errors import InvalidTransition
from backoffice.store.links import create_link, get_link, link_events, mark_link
from backoffice.store.states import TERMINAL_STATES, State, can_transition

_ids = itertools.count()


def test_contact_and_operation_tables() -> None:
    assert not can_transition("link", State.SENT, State.QUEUED)
    assert not can_transition("transfer", State.UNCERTAIN, State.SENDING)
    assert can_transition("transfer", State.UNCERTAIN, State.QUEUED)
    assert not can_transition("contact", State.SENDING, State.FINAL)
    assert not any(can_transition("contact", State.SENT, s) for s in State)
    for kind, old, new in itertools.product(("link", "transfer"), TERMINAL_STATES, State):
        assert not can_transition(kind, old, new)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(list(State)), max_size=12))
def test_random_sequences_keep_the_money_invariants(db: Database, targets: list[State]) -> None:
    tid = f"H{next(_ids)}"
    create_link(db, tid, amount=100, currency="XOF", description="x", request={})
    seen = [State.QUEUED]
    for target in targets:
        status = "ACCEPTED" if target is State.FINAL else None
        try:
            row = mark_link(db, tid, target, payment_status=status)
        except InvalidTransition:
            continue
        seen.append(row.state)
    for old, new in itertools.pairwise(seen):
        assert old not in TERMINAL_STATES  # nothing leaves final / failed
        if old in (State.SENT, State.UNCERTAIN):
            assert new is not State.SENDING  # acknowledged or unknown: never re-sent
        if old is State.SENT:
            assert new is not State.QUEUED
    row = get_link(db, tid)
    events = link_events(db, tid)
    assert row.state is seen[-1] == events[-1].state
    assert row.attempts == seen.count(State.SENDING)
    assert [e.state for e in events if e.state is State.SENDING] == [State.SENDING] * row.attempts


def test_fixture_db_is_a_real_file(db: Database, db_path: Path) -> None:
    assert db.path == db_path and db_path.exists()
