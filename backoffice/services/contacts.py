"""Contacts: a transfer can only go to a number that is one of the merchant's CinetPay
contacts. Additions are journaled first and queue while offline.

CinetPay's list is fetched once per session (:meth:`ContactsService.fetch_if_due`, run by
``SyncService.catch_up`` at start-up), and kept in the journal: a transfer can then be
prepared and queued offline. A failed fetch keeps the cached list and says so in the words of
a read (:class:`ListFailure`), then waits a growing delay before trying again."""

from __future__ import annotations

import builtins
import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from ..api.codes import Family, transfer_send_uncertain
from ..api.errors import (
    AuthError,
    CinetPayError,
    NotSent,
    RateLimited,
    TokenError,
    Unavailable,
)
from ..api.models import Contact, ContactResult
from ..api.phones import normalize_phone
from ..api.validation import check_contact, check_phone, check_prefix
from ..output.csvfiles import LineResult, Parsed, contact_of, parse_contacts, read_file
from ..store import contacts as journal
from ..store.caches import cache_get, cache_put
from ..store.contacts import ContactRow, KnownContact
from ..store.errors import AlreadyExists
from ..store.states import State
from .cashiers import require, stamp
from .context import ServiceContext
from .events import CONTACTS_CHANGED, OUTBOX_CHANGED
from .guard import claim, known, mark_if
from .outcomes import ContactOutcome, contact_outcome
from .reasons import WORDS, Reason, reason_for, reason_text, with_answer

CACHE_KEY = "contacts"
FIRST_RETRY = 30.0  # seconds before fetching the list again after a failure (then doubled)
MAX_RETRY = 600.0


class ListFailure(StrEnum):
    """Why the last fetch of CinetPay's contact list failed (words chosen when shown)."""

    OFFLINE = "offline"
    BUSY = "busy"  # 429, service unavailable: CinetPay asked us to wait
    CREDENTIALS = "credentials"
    NO_ANSWER = "no_answer"  # timeout, dropped connection, unreadable answer
    ERROR = "error"  # any other error answer


LIST_FAILURE_WORDS: dict[ListFailure, dict[str, str]] = {
    ListFailure.OFFLINE: {"fr": "hors ligne", "en": "offline"},
    ListFailure.BUSY: {"fr": "CinetPay demande de patienter",
                       "en": "CinetPay asked to wait"},
    ListFailure.CREDENTIALS: {"fr": "identifiants refusés par CinetPay",
                              "en": "credentials refused by CinetPay"},
    ListFailure.NO_ANSWER: {"fr": "pas de réponse lisible de CinetPay",
                            "en": "no readable answer from CinetPay"},
    ListFailure.ERROR: {"fr": "CinetPay a répondu par une erreur",
                        "en": "CinetPay answered with an error"},
}


def list_failure_of(exc: CinetPayError) -> ListFailure:
    if isinstance(exc, NotSent):
        return ListFailure.OFFLINE
    if isinstance(exc, RateLimited | Unavailable):
        return ListFailure.BUSY
    if isinstance(exc, AuthError) and not isinstance(exc, TokenError):
        return ListFailure.CREDENTIALS
    if exc.may_have_been_processed or exc.code is None:
        return ListFailure.NO_ANSWER
    return ListFailure.ERROR


@dataclass(frozen=True)
class ListState:
    """CinetPay's contact list as this session has it: the cached list's time (None: never
    fetched) and, when the last fetch failed, why (the cached list is still the one used)."""

    fetched_at: datetime | None
    failure: ListFailure | None = None

    def note(self, when: str, lang: str) -> str:
        """A failed fetch in the words of a read (empty when the last fetch worked);
        ``when``: the cached list's time as the front-end writes it."""
        if self.failure is None:
            return ""
        why = LIST_FAILURE_WORDS[self.failure]["en" if lang.startswith("en") else "fr"]
        if lang.startswith("en"):
            return (f"Contact list not refreshed ({why}): the list {when} is kept"
                    if self.fetched_at else f"Contact list not fetched yet ({why})")
        return (f"Liste des contacts non actualisée ({why}) : celle {when} est conservée"
                if self.fetched_at else f"Liste des contacts pas encore récupérée ({why})")


NOT_A_CONTACT = {
    "fr": "Pas un contact CinetPay : ce transfert serait refusé (724). Ajoutez-le d'abord",
    "en": "Not a CinetPay contact: this transfer would be refused (724). Add it first"}
CONTACT_WAITING = {
    "fr": "Contact en attente de CinetPay : pas encore utilisable (724)",
    "en": "Contact waiting for CinetPay: not usable yet (724)"}
CONTACT_REFUSED = {
    "fr": "Contact refusé par CinetPay : ce transfert serait refusé (724)",
    "en": "Contact refused by CinetPay: this transfer would be refused (724)"}


def transfer_blocker(outcome: ContactOutcome | None) -> dict[str, str] | None:
    """Why CinetPay would refuse a transfer to a number (724, not one of its contacts), in
    French and English; None when the number is a usable contact."""
    if outcome is ContactOutcome.ADDED:
        return None
    if outcome is None:
        return NOT_A_CONTACT
    return CONTACT_REFUSED if outcome is ContactOutcome.REFUSED else CONTACT_WAITING


class ContactsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.monotonic: Callable[[], float] = time.monotonic  # tests inject
        self._fetched = False  # CinetPay's list fetched during this session
        self._failure: ListFailure | None = None
        self._failures = 0
        self._retry_at = 0.0  # monotonic time before which a failed fetch is not retried

    async def add(self, contact: Contact) -> ContactRow:
        [row] = await self.add_many([contact])
        return row

    async def add_many(self, contacts: list[Contact]) -> list[ContactRow]:
        """Validate all (ValidationError names the field), journal, then send in one request.
        A number already journaled is returned as it is."""
        await require(self.ctx, "contacts")  # once cashiers exist: a manager
        cleaned = []
        for c in contacts:
            prefix = check_prefix(c.prefix)  # +225 / 00225 / 225…, one normal form
            c = Contact(prefix, check_phone(normalize_phone(prefix, c.phone)[1]), c.name.strip(),
                        c.surname.strip(), c.email.strip())
            check_contact(c)
            cleaned.append(c)
        db = self.ctx.db
        rows = []
        for c in cleaned:
            try:
                rows.append(await db.run(journal.create_contact, c.prefix, c.phone,
                                         name=c.name, surname=c.surname, email=c.email or None,
                                         **stamp(self.ctx)))
            except AlreadyExists:
                rows.append(known(await db.run(journal.get_contact, c.prefix, c.phone)))
        self._changed()
        return await self.dispatch(rows)

    async def dispatch(self, rows: list[ContactRow]) -> list[ContactRow]:
        if self.ctx.offline or not any(r.state is State.QUEUED for r in rows):
            return rows
        db = self.ctx.db
        queued = await db.run(claim, journal.get_contact, journal.mark_contact,
                              [(r.prefix, r.phone) for r in rows if r.state is State.QUEUED])
        if not queued:
            return rows
        payload = [Contact(r.prefix, r.phone, r.name, r.surname, r.email or "") for r in queued]
        try:
            results = await self.ctx.call(self.ctx.api.transfer.add_contacts(payload))
        except CinetPayError as exc:
            done = await self._after_failure(queued, exc)
        else:
            done = await self._after_answer(queued, results)
        self._changed()
        return [done.get(r.ref, r) for r in rows]

    async def _after_failure(self, queued: builtins.list[ContactRow],
                             exc: CinetPayError) -> dict[str, ContactRow]:
        if exc.may_have_been_processed:
            state = State.UNCERTAIN
        elif isinstance(exc, NotSent | RateLimited | Unavailable) or (
                isinstance(exc, AuthError) and not isinstance(exc, TokenError)):
            state = State.QUEUED  # waits for the network, or for the keys to be fixed
        else:
            state = State.FAILED
        reason = reason_for(exc, Family.TRANSFER)
        done = {r.ref: await self._mark(r, (State.SENDING,), state, code=exc.code,
                                        last_error=exc.human(self.ctx.lang), reason=reason)
                for r in queued}
        if state is State.UNCERTAIN:
            await self.resolve_uncertain()
            for r in queued:
                done[r.ref] = known(await self.ctx.db.run(journal.get_contact, r.prefix,
                                                          r.phone))
        return done

    async def _after_answer(self, queued: builtins.list[ContactRow],
                            results: builtins.list[ContactResult]) -> dict[str, ContactRow]:
        done: dict[str, ContactRow] = {}
        unclear = False
        for r, res in zip(queued, results, strict=True):
            # 726: already one of our contacts at CinetPay, which is what we wanted.
            ok = res.ok or res.code == "726"
            if not ok and transfer_send_uncertain(res.code):  # no code, -1, 709…: ask
                unclear = True
                done[r.ref] = await self._mark(
                    r, (State.SENDING,), State.UNCERTAIN, code=res.code or None,
                    last_error=self.ctx.text(WORDS[Reason.CONTACT_UNCLEAR]),
                    reason=Reason.CONTACT_UNCLEAR)
                continue
            said = None if ok else with_answer(Reason.CINETPAY_SAID, res.code, res.message)
            done[r.ref] = await self._mark(
                r, (State.SENDING,), State.SENT if ok else State.FAILED, code=res.code,
                last_error=reason_text(said, self.ctx.lang), reason=said)
        if unclear:  # settled by CinetPay's contact list, once (never a loop)
            await self.resolve_uncertain()
            for r in queued:
                settled = await self.ctx.db.run(journal.get_contact, r.prefix, r.phone)
                done[r.ref] = settled or r
        return done

    async def resolve_uncertain(self) -> int:
        """Uncertain additions: present in CinetPay's list → sent, else → queued again."""
        db = self.ctx.db
        uncertain = [r for r in await db.run(journal.list_contacts) if r.state is State.UNCERTAIN]
        if not uncertain:
            return 0
        try:
            listed = await self.refresh()
        except CinetPayError:
            return 0
        present = {normalize_phone(c.prefix, c.phone) for c in listed}
        for r in uncertain:
            state = State.SENT if (r.prefix, r.phone) in present else State.QUEUED
            await self._mark(r, (State.UNCERTAIN,), state,
                             detail="checked against CinetPay's contact list")
        self._changed()
        return len(uncertain)

    @property
    def has_list(self) -> bool:
        """This account has a CinetPay contact list (the classic Transfer API, with its
        transfer password); the current platform has none."""
        return self.ctx.current is None and bool(self.ctx.api.transfer.enabled)

    async def fetch_if_due(self) -> ListState:
        """CinetPay's list, fetched once per session (and again after a failure, once its
        delay has passed). Offline, or while the delay runs, nothing is asked: the cached list
        stays. Never raises for a failed fetch: the returned state says why."""
        if not self.has_list or self._fetched:
            return await self.list_state()
        if self.ctx.offline:
            self._note_failure(ListFailure.OFFLINE)
            return await self.list_state()
        if self.monotonic() >= self._retry_at:
            with contextlib.suppress(CinetPayError):  # recorded by refresh(); cache stays
                await self.refresh()
        return await self.list_state()

    async def list_state(self) -> ListState:
        return ListState(await self.fetched_at(), self._failure)

    async def refresh(self) -> list[Contact]:
        """Fetch CinetPay's contact list, remember it and cache it with its time. A failure
        is recorded (:meth:`list_state`), the cached list kept, and the error raised."""
        try:
            contacts = await self.ctx.call(self.ctx.api.transfer.list_contacts())
        except CinetPayError as exc:
            self._fetch_failed(exc)
            raise
        self._fetched, self._failure, self._failures, self._retry_at = True, None, 0, 0.0
        db = self.ctx.db
        await db.run(journal.remember_known_contacts,
                     [KnownContact(*normalize_phone(c.prefix, c.phone), c.name, c.surname,
                                   c.email or None) for c in contacts])
        await db.run(cache_put, CACHE_KEY, [c.__dict__ for c in contacts])
        self._changed()
        return contacts

    def _fetch_failed(self, exc: CinetPayError) -> None:
        failure = list_failure_of(exc)
        self._note_failure(failure)
        if failure is ListFailure.OFFLINE:
            return  # no delay: offline, nothing is asked; back online, it is fetched at once
        self._failures += 1
        delay = min(MAX_RETRY, FIRST_RETRY * 2 ** (self._failures - 1))
        wait = getattr(exc, "retry_after", None)
        if isinstance(wait, int | float):
            delay = max(delay, float(wait))  # CinetPay's own Retry-After, when it sent one
        self._retry_at = self.monotonic() + delay

    def _note_failure(self, failure: ListFailure) -> None:
        if failure is not self._failure:
            self._failure = failure
            self.ctx.bus.emit(CONTACTS_CHANGED)

    async def standing(self, numbers: Iterable[tuple[str, str]]
                       ) -> dict[tuple[str, str], ContactOutcome | None]:
        """Whether each (prefix, phone) is a contact a transfer may go to: its outcome
        (ADDED: usable), or None when it is not one of the merchant's contacts at all
        (CinetPay would refuse the transfer: 724). Keys are the numbers as given."""
        db = self.ctx.db
        out: dict[tuple[str, str], ContactOutcome | None] = {}
        for prefix, phone in numbers:
            row = await db.run(journal.get_contact, *normalize_phone(prefix, phone))
            out[(prefix, phone)] = None if row is None else contact_outcome(row)
        return out

    async def mark_unusable(self, base: Parsed) -> tuple[Parsed, builtins.list[LineResult]]:
        """A transfer file's lines with each good line whose number is not a usable CinetPay
        contact marked refused (field ``contact``: CinetPay would refuse it, 724; nothing is
        sent for it); and the lines whose number is no contact at all (to add first)."""
        good = [line.values for line in base.good]
        standing = await self.standing([(v["prefix"], v["phone"]) for v in good])
        lines, missing = [], []
        for line in base.lines:
            if line.ok:
                outcome = standing[(line.values["prefix"], line.values["phone"])]
                why = transfer_blocker(outcome)
                if why is not None:
                    if outcome is None:
                        missing.append(line)
                    line = replace(line, error_fr=why["fr"], error_en=why["en"],
                                   field="contact")
            lines.append(line)
        return Parsed(lines), missing

    async def list(self, search: str = "") -> builtins.list[ContactRow]:
        return await self.ctx.db.run(journal.list_contacts, search)

    async def fetched_at(self) -> datetime | None:
        cached = await self.ctx.db.run(cache_get, CACHE_KEY)
        return cached.fetched_at if cached else None

    async def import_csv(self, path: Path | str) -> tuple[Parsed, builtins.list[ContactRow]]:
        """Per-line results; only the good lines are added."""
        parsed = parse_contacts(read_file(path))
        rows = await self.add_many([contact_of(line.values) for line in parsed.good]) \
            if parsed.good else []
        return parsed, rows

    async def _mark(self, row: ContactRow, expected: tuple[State, ...], state: State,
                    **changes: object) -> ContactRow:
        current, _ = await self.ctx.db.run(mark_if, journal.get_contact, journal.mark_contact,
                                            (row.prefix, row.phone), expected, state, **changes)
        return known(current)

    def _changed(self) -> None:
        self.ctx.bus.emit(CONTACTS_CHANGED)
        self.ctx.bus.emit(OUTBOX_CHANGED)
