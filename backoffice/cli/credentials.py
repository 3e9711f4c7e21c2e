"""``credentials set | check | clear``: the merchant's keys in the OS keyring, nowhere else.

Secrets are read with getpass (or stdin lines when it is not a terminal, or the COMPTOIR_*
variables), never from the command line: arguments show in ``ps``."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any, TextIO

from ..api.current.methods import BY_COUNTRY
from ..api.errors import CinetPayError
from ..keyring import (
    CredentialStore,
    NoSecureKeyring,
    StoredCredentials,
    credentials_from_env,
    self_check,
)
from .common import (
    CliError,
    Exit,
    Outcome,
    error_exit,
    labelled,
    lang,
    missing_credentials,
    t,
)
from .session import environment

CURRENT_PREFIXES = ("sk_test_", "sk_live_")  # CinetPay's current platform


def read_credentials(stdin: TextIO | None = None) -> StoredCredentials:
    """From COMPTOIR_APIKEY/SITE_ID/TRANSFER_PASSWORD (sk_ key: COMPTOIR_API_PASSWORD/COUNTRY),
    else prompts (TTY) or stdin lines: API key first; a classic key then site id and transfer
    password (optional); an ``sk_test_``/``sk_live_`` key then API password and country (ISO
    code, optional: the shop's, else CI)."""
    from_env = credentials_from_env()
    if from_env is not None:
        return from_env
    stdin = stdin or sys.stdin
    if stdin.isatty():
        apikey = getpass.getpass(t("Clé API (apikey) : ", "API key (apikey): "))
        if apikey.strip().startswith(CURRENT_PREFIXES):
            return _current_from_tty(apikey.strip(), stdin)
        print(t("Identifiant du site (site_id) : ", "Site id (site_id): "), end="",
              file=sys.stderr, flush=True)
        site_id = stdin.readline()
        password = getpass.getpass(t("Mot de passe de transfert (vide : aucun) : ",
                                     "Transfer password (empty: none): "))
    else:
        lines = [*stdin.read().splitlines(), "", "", ""]
        apikey, site_id, password = lines[0], lines[1], lines[2]
        if apikey.strip().startswith(CURRENT_PREFIXES):
            return _current(apikey.strip(), site_id, password)
    if not (apikey.strip() and site_id.strip()):
        raise CliError(Exit.USAGE, "La clé API et l'identifiant du site sont obligatoires",
                       "The API key and the site id are required")
    return StoredCredentials(apikey.strip(), site_id.strip(), password.strip())


def _current_from_tty(apikey: str, stdin: TextIO) -> StoredCredentials:
    password = getpass.getpass(t("Mot de passe API (api_password) : ",
                                 "API password (api_password): "))
    print(t("Pays (code ISO, vide : celui de la boutique) : ",
            "Country (ISO code, empty: the shop's): "), end="", file=sys.stderr, flush=True)
    return _current(apikey, password, stdin.readline())


def _current(apikey: str, password: str, country: str) -> StoredCredentials:
    """An sk_ key: its API password is required; the country is an ISO code or empty."""
    country = country.strip().upper()
    if not password.strip():
        raise CliError(Exit.USAGE, "Une clé sk_ demande son mot de passe API",
                       "An sk_ key needs its API password")
    if country and country not in BY_COUNTRY:
        raise CliError(Exit.USAGE, f"Pays inconnu : {country} ({', '.join(BY_COUNTRY)})",
                       f"Unknown country: {country} ({', '.join(BY_COUNTRY)})")
    return StoredCredentials(apikey, "", api_password=password.strip(), country=country)


async def verify(creds: StoredCredentials) -> dict[str, Any]:
    """Ask CinetPay: legacy account status, and a transfer login when there is a password;
    an sk_ key: a login on the current platform (a wrong key or password: AuthError)."""
    if creds.kind == "current":
        current = environment().current_client(creds)
        try:
            await current.session.login()
        finally:
            await current.aclose()
        return {"account": True, "transfer": True, "kind": "current"}
    async with environment().client(creds.to_api()) as api:
        await api.legacy.account_status()
        if creds.transfer_password:
            await api.transfer.login()
    return {"account": True, "transfer": bool(creds.transfer_password)}


def _verify_or_exit(creds: StoredCredentials) -> dict[str, Any]:
    try:
        return asyncio.run(verify(creds))
    except CinetPayError as exc:
        code, message = error_exit(exc)
        message = t("Vérification refusée : ", "Verification failed: ") + message
        raise CliError(Exit(code), message, message) from None


def require_keyring() -> None:
    """No secure keyring: say so before asking for anything (nothing is ever saved to a file)."""
    report = self_check()
    if not report.ok:
        raise NoSecureKeyring(report.message_fr, report.message_en)


def cmd_set(args: argparse.Namespace) -> Outcome:
    require_keyring()
    creds = read_credentials()
    checked = None if args.no_verify else _verify_or_exit(creds)
    store = CredentialStore()
    store.save(creds)
    data = {"saved": True, "backend": store.backend_name, "site_id": creds.site_id,
            "kind": creds.kind, "country": creds.country or None,
            "transfer_password": bool(creds.transfer_password), "verified": checked}
    what = _account(creds)
    text = [t(f"Identifiants {'vérifiés et ' if checked else ''}enregistrés dans le coffre "
              f"« {store.backend_name} » ({what}).",
              f"Credentials {'verified and ' if checked else ''}saved in the keyring "
              f'"{store.backend_name}" ({what}).')]
    return Outcome(data, text)


def cmd_check(args: argparse.Namespace) -> Outcome:
    report = self_check()
    creds, source = credentials_from_env(), "environment"
    if creds is None:
        source = "keyring"
        require_keyring()
        creds = CredentialStore().load()
    if creds is None:
        raise missing_credentials()
    checked = _verify_or_exit(creds)
    data = {"keyring": {"ok": report.ok, "backend": report.backend_name},
            "source": source, "site_id": creds.site_id, "kind": creds.kind,
            "transfer_password": bool(creds.transfer_password), "verified": checked}
    where = t("variables d'environnement", "environment variables") \
        if source == "environment" else report.backend_name
    text = [report.human(lang()),
            labelled("Identifiants", "Credentials", f"{_account(creds)} ({where})"),
            t("Acceptés par CinetPay (compte" + (", transferts)" if checked["transfer"] else ")"),
              "Accepted by CinetPay (account" + (", transfers)" if checked["transfer"] else ")"))]
    return Outcome(data, text)


def _account(creds: StoredCredentials) -> str:
    """Which account, without a secret: the site id, or the sk_ key's platform and country."""
    if creds.kind == "current":
        platform = creds.apikey.strip()[:7]  # sk_test / sk_live: no secret
        return f"{platform} {creds.country or t('pays de la boutique', 'shop country')}"
    return f"site {creds.site_id}"


def cmd_clear(args: argparse.Namespace) -> Outcome:
    store = CredentialStore()
    store.clear()
    return Outcome({"cleared": True, "backend": store.backend_name},
                   [t(f"Identifiants effacés du coffre « {store.backend_name} ».",
                      f'Credentials removed from the keyring "{store.backend_name}".')])
