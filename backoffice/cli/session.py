"""Opening Comptoir for one command: the shared assembly (:mod:`backoffice.composition`),
credentials, the single-instance lock, logging, then the core; closing it (draining the
outbox) afterwards."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Awaitable, Callable

from .. import config
from ..composition import Setup, SetupError, close_client, command_setup
from ..keyring import CredentialStore, StoredCredentials, resolve_credentials
from ..logs import install_excepthook, setup_logging
from ..services.core import Comptoir
from ..store.instance import InstanceLock
from .common import CliError, Exit, Outcome, lang, missing_credentials, print_outcome

log = logging.getLogger(__name__)

Handler = Callable[[Comptoir, argparse.Namespace], Awaitable[Outcome]]


def environment() -> Setup:
    """Everything non-secret a command needs, from COMPTOIR_* variables and settings.json
    (a refused value: exit 2)."""
    try:
        return command_setup(lang())
    except SetupError as exc:
        raise CliError(Exit.USAGE, exc.fr, exc.en) from None


def load_credentials() -> StoredCredentials:
    """COMPTOIR_APIKEY/SITE_ID/TRANSFER_PASSWORD (or, for an sk_ key, COMPTOIR_API_PASSWORD/
    COUNTRY) first, then the keyring (exit 3 if none)."""
    creds = resolve_credentials(CredentialStore())
    if creds is None:
        raise missing_credentials()
    return creds


def run_journal(args: argparse.Namespace, handler: Handler, *, online: bool = True) -> int:
    """Run ``handler`` on an open core, holding the data directory's instance lock.

    ``online=False``: a local read of the journal; no credentials needed, nothing is sent.
    """
    setup = environment()
    creds = load_credentials() if online else None
    with InstanceLock(setup.data_dir):
        setup_logging(setup.data_dir)
        config.secure_data_dir(setup.data_dir)  # 0700 / 0600, a wider mode tightened (logged)
        install_excepthook(setup.data_dir)
        log.info("comptoir-cli %s", " ".join(_command_words(args)))
        return asyncio.run(_with_core(setup, creds, args, handler))


async def _with_core(setup: Setup, creds: StoredCredentials | None, args: argparse.Namespace,
                     handler: Handler) -> int:
    online = creds is not None
    core = await setup.open(creds)
    try:
        try:
            outcome = await handler(core, args)
        except BaseException:
            await core.aclose(drain=False)
            raise
        print_outcome(outcome, args.json)
        # Drain the outbox before leaving, unless CinetPay refused our credentials (sending
        # more would only turn queued operations into failures).
        await core.aclose(drain=online and not core.credentials_refused)
    finally:
        await close_client(core.api)  # also the local client's pool (not owned by api)
    return int(outcome.code)


def _command_words(args: argparse.Namespace) -> list[str]:
    return [str(getattr(args, k)) for k in ("command", "action") if getattr(args, k, None)]
