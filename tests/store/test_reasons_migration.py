"""Migration 6 gives rows journaled before it their reason back when their words are one of
the fixed texts, in either language: an old "never created" link stays "never created"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backoffice.services.outcomes import LinkOutcome, link_outcome
from backoffice.services.reasons import WORDS, Reason
from backoffice.store.db import Database
from backoffice.store.links import get_link
from backoffice.store.migrations import load_migrations
from backoffice.store.transfers import get_transfer

NOW = "2026-05-17T10:00:00.000Z"


def old_journal(path: Path) -> None:
    """A journal at version 5, as a previous Comptoir left it."""
    Database.open(path, migrations=load_migrations()[:5]).close()


def insert_link(conn: sqlite3.Connection, tid: str, state: str, last_error: str | None) -> None:
    conn.execute(
        "INSERT INTO payment_links (transaction_id, created_at, updated_at, amount, currency,"
        " description, request_json, state, last_error) VALUES (?, ?, ?, 5000, 'XOF', 'x',"
        " '{}', ?, ?)", (tid, NOW, NOW, state, last_error))


def insert_transfer(conn: sqlite3.Connection, cid: str, last_error: str) -> None:
    conn.execute(
        "INSERT INTO transfers (client_transaction_id, created_at, updated_at, prefix, phone,"
        " amount, state, last_error) VALUES (?, ?, ?, '225', '0700000001', 1000,"
        " 'uncertain', ?)", (cid, NOW, NOW, last_error))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_old_rows_get_their_reason_back(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "journal.sqlite"
    old_journal(path)
    conn = sqlite3.connect(path)
    with conn:
        insert_link(conn, "NEVER", "failed", WORDS[Reason.NEVER_CREATED][lang])
        insert_link(conn, "NOTSENT", "failed", WORDS[Reason.NOT_SENT][lang])
        insert_link(conn, "OTHER", "failed", "CinetPay injoignable")
        insert_link(conn, "WAITING", "sent", None)
        insert_transfer(conn, "T-YET", WORDS[Reason.NOT_YET_FOUND][lang])
        insert_transfer(conn, "T-CHECK", WORDS[Reason.CHECK_WITH_CINETPAY][lang])
    conn.close()

    with Database.open(path) as db:
        assert db.user_version >= 6
        never = get_link(db, "NEVER")
        assert never is not None and never.reason == Reason.NEVER_CREATED
        assert link_outcome(never) is LinkOutcome.NEVER_CREATED
        reasons = {tid: getattr(get_link(db, tid), "reason", "?")
                   for tid in ("NOTSENT", "OTHER", "WAITING")}
        assert reasons == {"NOTSENT": Reason.NOT_SENT, "OTHER": None, "WAITING": None}
        other = get_link(db, "OTHER")
        assert other is not None and link_outcome(other) is LinkOutcome.FAILED
        assert getattr(get_transfer(db, "T-YET"), "reason", "?") == Reason.NOT_YET_FOUND
        assert getattr(get_transfer(db, "T-CHECK"), "reason", "?") == \
            Reason.CHECK_WITH_CINETPAY
        assert db.scalar("SELECT count(*) FROM contacts WHERE reason IS NOT NULL") == 0
