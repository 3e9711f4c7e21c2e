"""``shop init | status | password | adopt``: the shop database shared by several tills (issue 16).

The DSN: COMPTOIR_SHOP_DB, else the ``shop_db`` preference; it is only ever shown redacted
(no password). ``shop adopt TILL`` is a manager's act (COMPTOIR_CASHIER + code, or the code
gérant in a shop without cashiers): this till takes over the outbox of TILL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from typing import Any

from .. import config
from ..preferences import load as load_preferences
from ..services.core import JOURNAL_FILE, Comptoir
from ..shop.config import shop_dsn
from .actor import act_as
from .common import CliError, Exit, Outcome, fmt_when, t
from .pin import reader, require_pin


def _dsn() -> str:
    dsn = shop_dsn(load_preferences(config.data_dir(os.environ), os.environ).shop_db)
    if not dsn:
        raise CliError(Exit.USAGE,
                       "Aucune base boutique : indiquez COMPTOIR_SHOP_DB=postgresql://… "
                       "(ou Réglages → Boutique).",
                       "No shop database: set COMPTOIR_SHOP_DB=postgresql://… "
                       "(or Settings → Shop).")
    return dsn


def _unreachable(dsn: str, exc: BaseException) -> CliError:
    from ..shop.replicate import safe_error
    from ..shop.schema import redact

    reason = safe_error(exc, dsn)
    return CliError(Exit.OFFLINE, f"Base boutique {redact(dsn)} injoignable : {reason}",
                    f"Shop database {redact(dsn)} unreachable: {reason}")


def init(args: argparse.Namespace) -> Outcome:
    """Create or migrate the shop schema (idempotent)."""
    import psycopg

    from ..shop.schema import connect, migrate, redact, version

    dsn = _dsn()
    try:
        with connect(dsn) as conn:
            before = version(conn)
            after = migrate(conn)
    except psycopg.Error as exc:
        raise _unreachable(dsn, exc) from None
    text = t(f"Base boutique {redact(dsn)} : schéma version {after}"
             f"{' (inchangé)' if before == after else f' (était {before})'}",
             f"Shop database {redact(dsn)}: schema version {after}"
             f"{' (unchanged)' if before == after else f' (was {before})'}")
    return Outcome({"shop": redact(dsn), "version": after, "previous": before}, [text])


def status(args: argparse.Namespace) -> Outcome:
    """The tills, when each was last seen, what each had not copied yet; this till's own."""
    import psycopg

    from ..shop.reads import tills
    from ..shop.replicate import pending_count
    from ..shop.schema import connect, redact, version

    dsn = _dsn()
    journal = config.data_dir(os.environ) / JOURNAL_FILE
    here: int | None = None
    if journal.exists():
        try:
            here = pending_count(journal)
        except Exception:  # an older journal (no shop_pending yet): not known
            here = None
    try:
        with connect(dsn) as conn:
            if version(conn) == 0:
                raise CliError(Exit.USAGE,
                               f"Base boutique {redact(dsn)} vide : comptoir-cli shop init",
                               f"Shop database {redact(dsn)} is empty: comptoir-cli shop init")
            rows = tills(conn)
    except psycopg.Error as exc:
        raise _unreachable(dsn, exc) from None
    data: dict[str, Any] = {"shop": redact(dsn), "this_till_pending": here,
                            "tills": [r.as_json() for r in rows]}
    text = [t(f"Base boutique : {redact(dsn)}", f"Shop database: {redact(dsn)}")]
    for r in rows:
        adopted = t(f" — adoptée par {r.adopted_by}", f" — adopted by {r.adopted_by}") \
            if r.adopted_by else ""
        text.append(t(f"{r.code} ({r.host}) vue {fmt_when(r.last_seen)}, {r.pending} à "
                      f"copier{adopted}",
                      f"{r.code} ({r.host}) seen {fmt_when(r.last_seen)}, {r.pending} to "
                      f"copy{adopted}"))
    if not rows:
        text.append(t("Aucune caisse n'a encore copié son journal.",
                      "No till has copied its journal yet."))
    if here is not None:
        text.append(t(f"Ce poste : {here} opération(s) pas encore copiée(s)",
                      f"This till: {here} operation(s) not copied yet"))
    return Outcome(data, text)


async def adopt(core: Comptoir, args: argparse.Namespace) -> Outcome:
    """This till takes over the outbox of ``args.till`` (a manager's act)."""
    who = await act_as(core, args, "settings")
    if who is None:
        await require_pin(args)  # a shop without cashiers: the code gérant
    if core.shop is None:
        raise CliError(Exit.USAGE,
                       "Aucune base boutique : indiquez COMPTOIR_SHOP_DB=postgresql://…",
                       "No shop database: set COMPTOIR_SHOP_DB=postgresql://…")
    import psycopg

    from ..shop.adoption import AdoptionRefused
    from ..shop.adoption import adopt as adopt_outbox
    from ..shop.schema import connect

    dsn = _dsn()
    me = core.context.till

    def run() -> Any:
        with connect(dsn) as conn:
            return adopt_outbox(conn, args.till, me, who.cashier_id if who else None,
                                force=args.force)
    try:
        done = await asyncio.to_thread(run)
    except AdoptionRefused as exc:
        raise CliError(Exit.USAGE, exc.fr + " Rien n'a été fait.",
                       exc.en + " Nothing was done.") from None
    except psycopg.Error as exc:
        raise _unreachable(dsn, exc) from None
    imported = await core.shop.sync()  # into this journal, ids kept
    data = {"adopted_till": done.adopted_till, "by_till": done.by_till,
            "links": done.links, "transfers": done.transfers, "contacts": done.contacts,
            "imported": imported}
    text = [t(f"{me} reprend la file d'attente de {done.adopted_till} : {done.transfers} "
              f"transfert(s), {done.links} lien(s), {done.contacts} contact(s). Ils seront "
              "vérifiés auprès de CinetPay avant tout envoi (mêmes identifiants) : "
              "comptoir-cli sync.",
              f"{me} takes over the outbox of {done.adopted_till}: {done.transfers} "
              f"transfer(s), {done.links} link(s), {done.contacts} contact(s). They are "
              "checked with CinetPay before anything is sent (same ids): comptoir-cli sync.")]
    warnings = [] if imported else [t(
        "Copie dans ce journal pas encore faite : elle se fera à la prochaine synchronisation.",
        "Not copied into this journal yet: the next sync does it.")]
    return Outcome(data, text, warnings=warnings)


def password(args: argparse.Namespace) -> Outcome:
    """Keep the shop database's password in the OS keyring (never in settings.json). Read
    from a hidden prompt, or the first line of standard input with ``--password-stdin``."""
    from ..shop.schema import redact
    from ..shop.setup import save_password

    dsn = _dsn()
    args.pin_stdin = args.password_stdin
    secret = reader(args)(f"Mot de passe de {redact(dsn)} : ", f"Password of {redact(dsn)}: ")
    if not secret:
        raise CliError(Exit.USAGE, "Mot de passe vide : rien n'a été enregistré.",
                       "Empty password: nothing was saved.")
    save_password(dsn, secret)
    return Outcome({"shop": redact(dsn), "saved": True},
                   [t(f"Mot de passe de {redact(dsn)} enregistré dans le trousseau du système.",
                      f"Password of {redact(dsn)} saved in the system keyring.")])


def register(b: Any, sub: argparse._SubParsersAction, journal: Any,
             plain: Any) -> None:
    actions = b.group(sub, "shop", t("base boutique partagée par plusieurs caisses",
                                     "the shop database shared by several tills"))
    b.leaf(actions, "init", t("créer ou mettre à jour le schéma de la base boutique",
                              "create or migrate the shop database's schema"), plain(init))
    b.leaf(actions, "status", t("les caisses, leur dernière visite, ce qu'il reste à copier",
                                "the tills, when each was last seen, what is left to copy"),
           plain(status))
    p = b.leaf(actions, "password", t("enregistrer le mot de passe de la base boutique dans "
                                      "le trousseau du système", "save the shop database's "
                                      "password in the system keyring"), plain(password))
    p.add_argument("--password-stdin", action="store_true",
                   help=t("lire le mot de passe sur l'entrée standard",
                          "read the password from standard input"))
    p = b.leaf(actions, "adopt", t("reprendre la file d'attente d'une caisse disparue "
                                   "(gérant)", "take over the outbox of a till that is gone "
                                   "(manager)"), journal(adopt, online=False))
    p.add_argument("till", metavar="CAISSE")
    p.add_argument("--force", action="store_true",
                   help=t("même si elle a donné signe de vie il y a moins de 2 minutes",
                          "even if it was seen less than 2 minutes ago"))
    p.add_argument("--pin-stdin", action="store_true",
                   help=t("lire le code sur l'entrée standard", "read the code from standard "
                          "input"))
