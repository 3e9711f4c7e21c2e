"""The CLI's wording and JSON values, in-process (no subprocess: fast)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from backoffice.api.errors import AuthError, MaybeSent, NotSent, ValidationError
from backoffice.cli.common import Exit, error_exit, freshness, to_json
from backoffice.cli.render import LINK_WORDS, STATE, TRANSFER_WORDS, state_label, words
from backoffice.services.outcomes import LinkOutcome, TransferOutcome
from backoffice.store.errors import AlreadyRunning, DatabaseCorrupt
from backoffice.store.states import State


@pytest.fixture(params=["fr", "en"])
def lang(request, monkeypatch) -> str:
    monkeypatch.setenv("COMPTOIR_LANG", request.param)
    return request.param


def test_queued_and_uncertain_are_greppable_in_both_languages(lang):
    assert "queued" in state_label(State.QUEUED)
    assert "uncertain" in state_label(State.UNCERTAIN)


def test_server_statuses_are_translated(lang):
    paid = words(LINK_WORDS, LinkOutcome.PAID)
    done = words(TRANSFER_WORDS, TransferOutcome.DONE)
    moving = words(TRANSFER_WORDS, TransferOutcome.IN_PROGRESS)
    assert (paid, done, moving) == (("payé", "effectué", "en cours") if lang == "fr"
                                     else ("paid", "done", "in progress"))
    assert set(STATE) == set(State)


def test_freshness_says_when_and_whether_offline(lang):
    when = datetime(2025, 5, 12, 14, 5, tzinfo=UTC)
    local = when.astimezone()
    live, stale = freshness(when, False), freshness(when, True)
    if lang == "fr":
        assert live == f"(au {local:%H:%M})"
        assert stale == f"(hors ligne, données du {local:%d-%m-%Y %H:%M})"
    else:
        assert live == f"(as of {local:%H:%M})"
        assert stale == f"(offline, as of {local:%Y-%m-%d %H:%M})"


def test_json_values_are_exact():
    assert to_json({"a": Decimal("865.40"), "b": Decimal("900.00"), "s": State.SENT}) == \
        {"a": "865.4", "b": "900", "s": "sent"}
    assert to_json(datetime(2025, 1, 2, 3, 4, tzinfo=UTC)) == "2025-01-02T03:04:00+00:00"


def test_exit_codes_by_error_class(tmp_path):
    assert error_exit(ValidationError("amount", "x", "y"))[0] == Exit.USAGE
    assert error_exit(AuthError(None, "609"))[0] == Exit.CREDENTIALS
    assert error_exit(NotSent("down"))[0] == Exit.OFFLINE
    assert error_exit(MaybeSent("lost"))[0] == Exit.FAILED
    assert error_exit(AlreadyRunning(tmp_path))[0] == Exit.RUNNING
    assert error_exit(DatabaseCorrupt(tmp_path / "j"))[0] == Exit.STORE
    assert error_exit(FileNotFoundError(2, "No such file", "x.csv"))[0] == Exit.USAGE
    with pytest.raises(ZeroDivisionError):
        error_exit(ZeroDivisionError())
