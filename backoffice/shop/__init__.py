"""The shop database (issue 16): several tills, one PostgreSQL database. Qt-free.

Each till's SQLite journal stays the record of its own money operations; its replicator
copies them to the shop database, where a back office sees every till. Modules:

* :mod:`.schema` — ``connect(dsn)``, ``migrate(conn)`` (``comptoir-cli shop init``),
  ``version(conn)``, ``redact(dsn)`` (the only form of a DSN that may be logged or shown),
  ``CHANNEL`` (``LISTEN comptoir_shop``: JSON ``{"table", "till", "id"}`` on every insert or
  update of tills, links, transfers, contacts, cash_movements, closings, cashiers,
  day_reopenings, adoptions).
* :mod:`.replicate` — :class:`~.replicate.Replicator` (a thread per till: push, catch up,
  status), ``pending_count(journal)``.
* :mod:`.adoption` — ``adopt(pg, TILL, by_till, by_cashier)`` and how operations change
  hands (exactly one till sends an operation to CinetPay).
* :mod:`.reads` — what a back office reads: ``tills(pg)``, ``links(pg, till=…)``,
  ``transfers``, ``cash_movements``, ``closings``, and :class:`~.reads.ShopListener`
  (LISTEN on a thread of its own, each notification handed to a callback).
* :mod:`.setup` — where the DSN comes from (``COMPTOIR_SHOP_DB`` or the ``shop_db``
  preference; the password from the keyring, ``PGPASSWORD`` or libpq's passfile, never from
  settings.json) and :class:`~.setup.ShopLink`, what composition attaches to a core.

Tables (migrations/0001_shop.sql): each copy carries ``till`` (where it was made),
``cashier_id``, its typed columns (amounts BIGINT, timestamps timestamptz), and ``row``
(jsonb: the journal's full row). Links and transfers also carry ``sender`` (the till that
sends it to CinetPay) and ``state_rank`` (0 not acknowledged, 1 sent, 2 final/failed).
"""
