"""Adoption: a till takes over the outbox of a till that is gone (``comptoir-cli shop adopt``).

An operation is sent to CinetPay by exactly one till, its ``sender``: the till that created it,
or the one that adopted it. :func:`adopt` (one shop transaction) records the adoption, names
the operations it takes (``adopted_operations``: every link, transfer and contact of the
adopted till not final yet, as the shop database knows them) and makes the adopting till
their sender.

* The adopting till imports those rows into its own journal (:func:`import_adopted`, run by
  ``shop adopt`` and by every replicator cycle, idempotent), **keeping their ids**, so
  CinetPay's idempotence holds: whatever the gone till sent before dying is refused as a
  duplicate id, never paid twice. Each imported row not yet acknowledged becomes
  ``uncertain`` (a transfer with ``last_sent_at`` = now and no monotonic time): the adopter
  checks with CinetPay first and re-sends, with the same id, only after the in-flight grace,
  as for its own uncertain operations. Sent rows stay ``sent`` and are followed.
* The adopted till, when it comes back, copies its adopted operations into ``shop_adopted``
  (:func:`copy_adopted_away`, at its replicator's first cycle, which composition runs before
  the outbox drains, and at every cycle after): ``store/outbox.outbox_items`` never returns
  them again, so its outbox stops sending them. They stay listed in its outbox, and its
  stale copies never move the shop rows back (state ranks).
* Operations the gone till made but never replicated are unknown to the shop database: they
  are not adopted and stay that till's to send when it comes back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

OUTBOX_STATES = ("queued", "sending", "uncertain")
RECENTLY_SEEN = timedelta(minutes=2)  # a till seen since then is not "gone" (--force)
# (shop table, outbox kind, ref expression, rank below which it is not final)
_KINDS = (("links", "link", "{t}transaction_id", 2, "payment_links"),
          ("transfers", "transfer", "{t}client_transaction_id", 2, "transfers"),
          ("contacts", "contact", "{t}prefix || ':' || {t}phone", 1, "contacts"))


@dataclass(frozen=True)
class Adoption:
    id: int
    adopted_till: str
    by_till: str
    adopted_at: datetime
    links: int
    transfers: int
    contacts: int

    @property
    def operations(self) -> int:
        return self.links + self.transfers + self.contacts


class AdoptionRefused(ValueError):
    """Said in French and English (unknown till, itself, still alive)."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr, self.en = fr, en


def adopt(pg: psycopg.Connection, adopted_till: str, by_till: str, by_cashier: str | None,
          *, force: bool = False) -> Adoption:
    """Make ``by_till`` the sender of every not-final operation ``adopted_till`` sends."""
    if adopted_till == by_till:
        raise AdoptionRefused("Une caisse ne peut pas s'adopter elle-même.",
                              "A till cannot adopt itself.")
    with pg.transaction():
        seen = pg.execute("SELECT last_seen, now() FROM tills WHERE code = %s FOR UPDATE",
                          (adopted_till,)).fetchone()
        if seen is None:
            raise AdoptionRefused(f"Caisse inconnue de la base boutique : {adopted_till}",
                                  f"Till unknown to the shop database: {adopted_till}")
        if not force and seen[1] - seen[0] < RECENTLY_SEEN:
            raise AdoptionRefused(
                f"{adopted_till} a donné signe de vie il y a moins de 2 minutes : elle envoie "
                "peut-être encore. Arrêtez-la d'abord (ou --force).",
                f"{adopted_till} was seen less than 2 minutes ago: it may still be sending. "
                "Stop it first (or --force).")
        row = pg.execute("INSERT INTO adoptions (adopted_till, by_till, by_cashier)"
                         " VALUES (%s, %s, %s) RETURNING id, adopted_at",
                         (adopted_till, by_till, by_cashier)).fetchone()
        assert row is not None
        adoption_id, adopted_at = row
        counts = []
        for table, kind, ref, final_rank, _ in _KINDS:
            taken = pg.execute(
                f"UPDATE {table} SET sender = %(by)s WHERE sender = %(from)s"
                f" AND state_rank < {final_rank} RETURNING {ref.format(t='')}",
                {"by": by_till, "from": adopted_till}).fetchall()
            with pg.cursor() as cur:
                cur.executemany(
                    "INSERT INTO adopted_operations (kind, ref, from_till, adoption_id)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [(kind, r[0], adopted_till, adoption_id) for r in taken])
            counts.append(len(taken))
        pg.execute("UPDATE adoptions SET operations = %s WHERE id = %s",
                   (sum(counts), adoption_id))
    return Adoption(adoption_id, adopted_till, by_till, adopted_at, *counts)


def copy_adopted_away(pg: psycopg.Connection, local: sqlite3.Connection, till: str,
                      since: int = 0) -> int:
    """Copy into the journal's ``shop_adopted`` this till's operations adopted by another
    (adoptions after ``since``); returns the highest adoption id seen."""
    with pg.transaction():
        rows = pg.execute(
            "SELECT o.kind, o.ref, a.by_till, a.adopted_at, a.id FROM adopted_operations o"
            " JOIN adoptions a ON a.id = o.adoption_id WHERE o.from_till = %s AND a.id > %s",
            (till, since)).fetchall()
    if not rows:
        return since
    local.execute("BEGIN IMMEDIATE")
    try:
        local.executemany(
            "INSERT OR IGNORE INTO shop_adopted (kind, ref, adopted_by, adopted_at)"
            " VALUES (?, ?, ?, ?)",
            [(k, r, by, _iso(at)) for k, r, by, at, _ in rows])
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise
    return max(since, *(r[4] for r in rows))


def count_adopted_away(local: sqlite3.Connection) -> int:
    return int(local.execute("SELECT count(*) FROM shop_adopted").fetchone()[0])


def import_adopted(pg: psycopg.Connection, local: sqlite3.Connection, till: str,
                   since: int = 0) -> int:
    """Import into this till's journal the operations it adopted (adoptions after ``since``)
    that it does not have yet, ids kept; returns the highest adoption id seen."""
    with pg.transaction():
        top = pg.execute("SELECT coalesce(max(id), 0) FROM adoptions WHERE by_till = %s"
                         " AND id > %s", (till, since)).fetchone()
        if not top or not top[0]:
            return since
        found: list[tuple[str, dict[str, Any]]] = []
        for table, kind, ref, _, local_table in _KINDS:
            rows = pg.execute(
                f"SELECT t.row FROM {table} t JOIN adopted_operations o ON o.kind = %s"
                f" AND o.ref = {ref.format(t='t.')} JOIN adoptions a ON a.id = o.adoption_id"
                " AND a.by_till = %s AND a.id > %s", (kind, till, since)).fetchall()
            found += [(local_table, r[0]) for r in rows]
    if found:
        _insert_local(local, found)
    return int(top[0])


def _insert_local(local: sqlite3.Connection, rows: list[tuple[str, dict[str, Any]]]) -> None:
    now = _iso(datetime.now(UTC))
    columns = {t: {r[1] for r in local.execute(f"PRAGMA table_info({t})")}
               for t in {t for t, _ in rows}}
    local.execute("BEGIN IMMEDIATE")
    try:
        for table, row in rows:
            values = {k: v for k, v in row.items() if k in columns[table] and k != "id"}
            if values.get("state") in OUTBOX_STATES:
                # Checked with CinetPay before anything is sent again (same id).
                values["state"] = "uncertain"
                values["not_before"] = None
                if table == "transfers":
                    values["last_sent_at"], values["last_sent_mono"] = now, None
            names = list(values)
            local.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES"
                          f" ({', '.join('?' for _ in names)})", [values[n] for n in names])
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
