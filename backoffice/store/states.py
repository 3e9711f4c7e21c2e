"""Operation states and the transitions the journal allows.

``queued`` (offline or waiting) -> ``sending`` (request in flight) -> ``sent`` (server
acknowledged) -> ``final``. ``uncertain``: the request may have been processed but no answer
came; it is resolved by asking the server, never by re-sending (so ``uncertain`` cannot go to
``sending``: only back to ``queued`` once the server said it does not know the operation).
``failed``: rejected by the server or by validation (final, with a code and message).
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InvalidTransition


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FINAL = "final"
    UNCERTAIN = "uncertain"
    FAILED = "failed"


OUTBOX_STATES: tuple[State, ...] = (State.QUEUED, State.SENDING, State.UNCERTAIN)
"""Not yet acknowledged by the server: these rows make up the outbox."""

TERMINAL_STATES: tuple[State, ...] = (State.FINAL, State.FAILED)

_ALLOWED: dict[State, frozenset[State]] = {
    # queued -> failed: local validation refused it before any request.
    State.QUEUED: frozenset({State.SENDING, State.FAILED}),
    # sending -> queued only when the request certainly never left (connection refused…).
    State.SENDING: frozenset(
        {State.SENT, State.FINAL, State.FAILED, State.UNCERTAIN, State.QUEUED}
    ),
    # sent -> sent records a new server status (PENDING -> PENDING, NEW -> REC, …).
    State.SENT: frozenset({State.SENT, State.FINAL, State.FAILED}),
    # uncertain -> queued only after the server said it does not know the operation.
    State.UNCERTAIN: frozenset({State.SENT, State.FINAL, State.FAILED, State.QUEUED}),
    State.FINAL: frozenset(),
    State.FAILED: frozenset(),
}

# Contacts have no `final`: `sent` (known to CinetPay) is where they end.
_CONTACT_ALLOWED: dict[State, frozenset[State]] = {
    old: (frozenset() if old is State.SENT else targets - {State.FINAL})
    for old, targets in _ALLOWED.items()
    if old is not State.FINAL
}


def can_transition(kind: str, old: State, new: State) -> bool:
    table = _CONTACT_ALLOWED if kind == "contact" else _ALLOWED
    return new in table.get(old, frozenset())


def check_transition(kind: str, ref: str, old: State, new: State) -> None:
    if not can_transition(kind, old, new):
        raise InvalidTransition(kind, ref, str(old), str(new))
