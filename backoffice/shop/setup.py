"""How a till finds its shop database, and what composition attaches to a core.

Configuration (issue 16):

* ``COMPTOIR_SHOP_DB=postgresql://comptoir@server/boutique`` (wins), else the ``shop_db``
  preference (Réglages → Boutique); empty: no shop database, the till works alone.
* ``COMPTOIR_TILL=CAISSE-1`` (or the ``till`` preference; default: the host name).
* The password is never kept in settings.json (``preferences.save`` drops it). It comes from,
  in order: the DSN itself (an environment variable only), ``PGPASSWORD``, libpq's passfile
  (``PGPASSFILE``, else ``~/.pgpass``, mode 0600: ``server:5432:boutique:comptoir:secret``),
  or the OS keyring (service ``Comptoir/shop-db``, user: the redacted DSN;
  :func:`save_password`). It is never logged nor shown: :func:`~.schema.redact`.

:class:`ShopLink` (``core.shop``) owns the till's :class:`~.replicate.Replicator`::

    link = ShopLink(journal_path, dsn, till)
    await link.start(background=True)  # a first cycle (adoptions checked before the outbox
                                       # drains, bounded by the connect timeout), then a thread
    link.status()                      # ReplicationStatus (GUI status bar, ``shop status``)
    await link.sync()                  # one cycle now (``comptoir-cli sync``); False: failed
    await link.aclose()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import conninfo

from .config import VARIABLE, shop_dsn  # noqa: F401 - re-exported
from .replicate import ReplicationStatus, Replicator
from .schema import has_password, redact

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Comptoir/shop-db"
FIRST_CYCLE_WAIT = 3.5  # seconds a start waits for the first cycle (connect timeout + margin)


def strip_password(dsn: str) -> str:
    """``dsn`` without a password, as it may be saved (unparsable: kept as it is)."""
    if not dsn:
        return dsn
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return dsn
    if "password" not in params:
        return dsn
    params.pop("password")
    if dsn.startswith(("postgresql://", "postgres://")):
        return redact(conninfo.make_conninfo("", **params))
    return conninfo.make_conninfo("", **params)


def keyring_password(dsn: str) -> Callable[[], str | None]:
    """A lookup of the shop password in the OS keyring (run on the replicator's thread: an
    unlock prompt may block)."""
    def lookup() -> str | None:
        from ..keyring.backends import secure_backend

        backend = secure_backend()
        if backend is None:
            return None
        with contextlib.suppress(Exception):  # no keyring, locked, refused: libpq decides
            return backend.get_password(KEYRING_SERVICE, redact(dsn))
        return None
    return lookup


def save_password(dsn: str, password: str) -> None:
    """Keep the shop password in the OS keyring (raises NoSecureKeyring without one)."""
    from ..keyring.backends import secure_backend
    from ..keyring.errors import NoSecureKeyring, no_keyring_messages

    backend = secure_backend()
    if backend is None:
        raise NoSecureKeyring(*no_keyring_messages(""))
    backend.set_password(KEYRING_SERVICE, redact(dsn), password)


class ShopLink:
    """This till's tie to the shop database (see the module doc)."""

    def __init__(self, journal: Path | str, dsn: str, till: str, *, interval: float = 1.0,
                 password: Callable[[], str | None] | None = None,
                 on_status: Callable[[ReplicationStatus], None] | None = None) -> None:
        self.dsn_shown = redact(dsn)
        if password is None and not has_password(dsn) and not os.environ.get("PGPASSWORD"):
            password = keyring_password(dsn)
        self.replicator = Replicator(journal, dsn, till, interval=interval, on_status=on_status,
                                     password=password)

    @property
    def till(self) -> str:
        return self.replicator.till

    def status(self) -> ReplicationStatus:
        return self.replicator.status()

    async def start(self, *, background: bool) -> bool:
        """A first cycle now, then (``background``) the replicator's thread. Never raises:
        a shop server that is down is said in the status, the till goes on."""
        first = asyncio.ensure_future(self.sync())
        done, _ = await asyncio.wait({first}, timeout=FIRST_CYCLE_WAIT)
        if background:
            self.replicator.start()  # waits for the first cycle if it still runs
        return bool(done) and first.result()

    async def sync(self) -> bool:
        """One cycle on a worker thread (never on the loop); False when it failed."""
        try:
            await asyncio.to_thread(self.replicator.run_once)
        except Exception:  # said in the status (redacted), logged once by the replicator
            return False
        return True

    def wake(self) -> None:
        self.replicator.wake()

    async def aclose(self, *, final_push: bool = False) -> None:
        if final_push and self.replicator.status().connected:
            last = asyncio.ensure_future(self.sync())
            await asyncio.wait({last}, timeout=FIRST_CYCLE_WAIT * 2)  # never holds a close
        await asyncio.to_thread(self.replicator.stop, FIRST_CYCLE_WAIT * 2)
