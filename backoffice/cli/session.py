"""Opening Comptoir for one command: data directory, endpoints, settings, credentials, the
single-instance lock, logging, then the core; closing it (draining the outbox) afterwards."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from .. import config, preferences
from ..api import CinetPayClient, Credentials, Endpoints
from ..keyring import CredentialStore, resolve_credentials
from ..logs import install_excepthook, setup_logging
from ..services.connectivity import NetState
from ..services.core import Comptoir, Settings
from ..store.instance import InstanceLock
from .common import CliError, Exit, Outcome, lang, missing_credentials, print_outcome

log = logging.getLogger(__name__)

Handler = Callable[[Comptoir, argparse.Namespace], Awaitable[Outcome]]
NO_CREDENTIALS = Credentials("", "", "")


@dataclass(frozen=True)
class Env:
    data_dir: Path
    endpoints: Endpoints
    timeout: httpx.Timeout
    settings: Settings


def http_timeout(environ: dict[str, str] | os._Environ[str] = os.environ) -> httpx.Timeout:
    """COMPTOIR_TIMEOUT (seconds) bounds every wait on CinetPay; default: the API layer's."""
    from ..api.transport import DEFAULT_TIMEOUT

    raw = environ.get("COMPTOIR_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
        if not 0 < seconds <= 600:
            raise ValueError(raw)
    except ValueError:
        raise CliError(Exit.USAGE, f"COMPTOIR_TIMEOUT invalide : {raw!r} (secondes, 0 à 600)",
                       f"Invalid COMPTOIR_TIMEOUT: {raw!r} (seconds, 0 to 600)") from None
    return httpx.Timeout(seconds, connect=min(seconds, 5.0))


def environment() -> Env:
    """Everything non-secret a command needs, from COMPTOIR_* variables and settings.json."""
    data_dir = config.data_dir()
    try:
        endpoints = config.endpoints_from_env()
    except ValueError as exc:
        raise CliError(Exit.USAGE, f"Adresse CinetPay refusée : {exc}",
                       f"CinetPay address refused: {exc}") from None
    settings = preferences.load(data_dir).to_settings()
    settings.lang = lang()
    return Env(data_dir, endpoints, http_timeout(), settings)


def load_credentials() -> Credentials:
    """COMPTOIR_APIKEY/SITE_ID/TRANSFER_PASSWORD first, then the keyring (exit 3 if none)."""
    creds = resolve_credentials(CredentialStore())
    if creds is None:
        raise missing_credentials()
    return creds.to_api()


def make_client(env: Env, creds: Credentials) -> CinetPayClient:
    return CinetPayClient(creds, env.endpoints, lang=env.settings.lang, timeout=env.timeout)


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("local command: nothing is sent", request=request)


def local_client(env: Env) -> CinetPayClient:
    """For commands that only read the journal: a client that cannot reach the network."""
    http = httpx.AsyncClient(transport=httpx.MockTransport(_refuse))
    return CinetPayClient(NO_CREDENTIALS, env.endpoints, lang=env.settings.lang, http=http)


def run_journal(args: argparse.Namespace, handler: Handler, *, online: bool = True) -> int:
    """Run ``handler`` on an open core, holding the data directory's instance lock.

    ``online=False``: a local read of the journal; no credentials needed, nothing is sent.
    """
    env = environment()
    creds = load_credentials() if online else None
    with InstanceLock(env.data_dir):
        setup_logging(env.data_dir)
        config.secure_data_dir(env.data_dir)  # 0700 / 0600, a wider mode tightened (logged)
        install_excepthook(env.data_dir)
        log.info("comptoir-cli %s", " ".join(_command_words(args)))
        return asyncio.run(_with_core(env, creds, args, handler))


async def _with_core(env: Env, creds: Credentials | None, args: argparse.Namespace,
                     handler: Handler) -> int:
    online = creds is not None
    api = make_client(env, creds) if creds is not None else local_client(env)
    try:
        core = await Comptoir.open(env.data_dir, api, env.settings)
        try:
            outcome = await handler(core, args)
        except BaseException:
            await core.aclose(drain=False)
            raise
        print_outcome(outcome, args.json)
        # Drain the outbox before leaving, unless CinetPay refused our credentials (sending
        # more would only turn queued operations into failures).
        await core.aclose(drain=online and core.connectivity.state is not NetState.AUTH_ERROR)
    finally:
        await api.aclose()
        await api.transport.client.aclose()  # also the local client's (not owned by api)
    return int(outcome.code)


def _command_words(args: argparse.Namespace) -> list[str]:
    return [str(getattr(args, k)) for k in ("command", "action") if getattr(args, k, None)]
