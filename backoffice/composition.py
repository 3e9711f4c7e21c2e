"""The one place Comptoir is assembled, for the desktop app and the command line alike:
data directory, CinetPay endpoints, preferences → settings, HTTP client options, then the
core over the data directory's journal. Qt-free; each front-end only adds how it asks for
credentials (keyring, welcome page, environment) and how it says what went wrong."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from . import config
from .api import CinetPayClient, Credentials, Endpoints
from .api.current import CurrentClient, check_api_url, default_api_url
from .config import TRAINING_DIR, training_dir  # noqa: F401 - re-exported
from .keyring.credentials import StoredCredentials
from .preferences import Preferences
from .preferences import load as load_preferences
from .services.context import Settings, default_till
from .services.core import JOURNAL_FILE, Comptoir
from .services.ids import configure_till
from .services.receipts import ReceiptSettings
from .shop.config import shop_dsn

TIMEOUT_VARIABLE = "COMPTOIR_TIMEOUT"
API_URL_VARIABLE = "COMPTOIR_API_URL"  # the current platform's host (sk_ keys)
DEFAULT_COUNTRY = "CI"
MAX_TIMEOUT = 600.0
NO_CREDENTIALS = Credentials("", "", "")


class SetupError(ValueError):
    """A COMPTOIR_* value that cannot be used (said in French and English)."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr, self.en = fr, en

    def human(self, lang: str = "fr") -> str:
        return self.en if lang == "en" else self.fr


# --- where and what ----------------------------------------------------------------------


def reset_training_journal(data_dir: Path) -> None:
    """Training starts from the demo shop each time: the formation journal is dropped (the
    preferences next to it are kept). Never called on a real data directory."""
    assert Path(data_dir).name == TRAINING_DIR, data_dir
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (Path(data_dir) / f"{JOURNAL_FILE}{suffix}").unlink()


def real_endpoints(environ: Mapping[str, str] = os.environ) -> Endpoints:
    """CinetPay's hosts (or COMPTOIR_*_URL); a loopback one is refused in real mode."""
    try:
        return config.endpoints_from_env(environ)
    except ValueError as exc:
        raise SetupError(f"Adresse CinetPay refusée : {exc}",
                         f"CinetPay address refused: {exc}") from None


def current_api_url(environ: Mapping[str, str] = os.environ) -> str:
    """COMPTOIR_API_URL checked (https; loopback only with COMPTOIR_ALLOW_LOOPBACK=1 in a
    source tree, as the classic addresses); "": the key's own host (default_api_url)."""
    url = environ.get(API_URL_VARIABLE, "").strip()
    if not url:
        return ""
    try:
        url = check_api_url(url)
        config.real_mode_only(Endpoints.single(url), environ)
    except ValueError as exc:
        raise SetupError(f"Adresse CinetPay refusée : {exc}",
                         f"CinetPay address refused: {exc}") from None
    return url


def http_timeout(environ: Mapping[str, str] = os.environ) -> httpx.Timeout | None:
    """COMPTOIR_TIMEOUT (seconds) bounds every wait on CinetPay; None: the API layer's."""
    raw = environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
        if not 0 < seconds <= MAX_TIMEOUT:
            raise ValueError(raw)
    except ValueError:
        raise SetupError(f"COMPTOIR_TIMEOUT invalide : {raw!r} (secondes, 0 à 600)",
                         f"Invalid COMPTOIR_TIMEOUT: {raw!r} (seconds, 0 to 600)") from None
    return httpx.Timeout(seconds, connect=min(seconds, 5.0))


# --- the core ----------------------------------------------------------------------------


def make_client(creds: Credentials, endpoints: Endpoints, lang: str,
                options: Mapping[str, Any] | None = None) -> CinetPayClient:
    """The CinetPay client (``options``: timeout, retry, deadline… for tests and the CLI)."""
    return CinetPayClient(creds, endpoints, lang=lang, **dict(options or {}))


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("local command: nothing is sent", request=request)


def local_client(endpoints: Endpoints, lang: str) -> CinetPayClient:
    """For work that only reads the journal: a client that cannot reach the network."""
    http = httpx.AsyncClient(transport=httpx.MockTransport(_refuse))
    return CinetPayClient(NO_CREDENTIALS, endpoints, lang=lang, http=http)


async def close_client(client: CinetPayClient) -> None:
    """Close the client and its HTTP pool (also one given to it, like the local client's)."""
    await client.aclose()
    await client.transport.client.aclose()


@dataclass(frozen=True)
class Setup:
    """Everything non-secret a session needs; :meth:`open` adds the credentials."""

    data_dir: Path
    endpoints: Endpoints
    settings: Settings
    client_options: Mapping[str, Any] = field(default_factory=dict)
    api_url: str = ""  # current platform: COMPTOIR_API_URL, else the key's host
    receipts: ReceiptSettings = field(default_factory=ReceiptSettings)  # printer, auto-print
    till: str = ""  # this till's code (preferences / COMPTOIR_TILL; "": the host name)
    shop_db: str = ""  # the shop database's DSN (COMPTOIR_SHOP_DB / shop_db; "": none)
    shop_background: bool = False  # replicate on a thread (the app); else at open and close

    def client(self, creds: Credentials | None) -> CinetPayClient:
        """None: the local client (nothing can be sent)."""
        if creds is None:
            return local_client(self.endpoints, self.settings.lang)
        return make_client(creds, self.endpoints, self.settings.lang, self.client_options)

    def current_client(self, creds: StoredCredentials) -> CurrentClient:
        """The current platform's client (``sk_`` keys) on its own HTTP pool, closed with it;
        the country: the credentials', else the shop's settings, else CI."""
        country = self.settings.extra.get("country", "") or DEFAULT_COUNTRY
        options = {k: v for k, v in self.client_options.items()
                   if k in ("timeout", "retry", "deadline")}
        return CurrentClient(creds.to_current(country),
                             self.api_url or default_api_url(creds.apikey), **options)

    async def open(self, creds: Credentials | StoredCredentials | None) -> Comptoir:
        """The core over this data directory's journal; the client is closed if the journal
        cannot be opened. Current-platform credentials (``sk_`` keys): the services talk to
        it through the context; the classic client is one that sends nothing."""
        current = None
        if isinstance(creds, StoredCredentials):
            if creds.kind == "current":
                current, creds = self.current_client(creds), None
            else:
                creds = creds.to_api()
        api = self.client(creds)
        try:
            core = await Comptoir.open(self.data_dir, api, self.settings, current=current)
            core.receipts.configure(self.receipts)
            core.context.till = self.till or default_till()
            configure_till(core.context.till)  # ids carry the till (unique across tills)
            if self.shop_db:
                from .shop.setup import ShopLink  # psycopg: only with a shop database

                core.shop = ShopLink(Path(self.data_dir) / JOURNAL_FILE, self.shop_db,
                                     core.context.till)
                await core.shop.start(background=self.shop_background)
                from .shop.view import ShopView  # every till's operations (back office)

                core.shop_view = ShopView(self.shop_db)
                if self.shop_background:  # the app: live updates (SHOP_CHANGED)
                    await core.shop_view.listen(core.bus)
            return core
        except BaseException:
            await close_client(api)
            if current is not None:
                await current.aclose()
            raise


def session_setup(data_dir: Path, endpoints: Endpoints, prefs: Preferences,
                  client_options: Mapping[str, Any] | None = None) -> Setup:
    """The desktop app's session (real or training): the preferences as they are shown."""
    return Setup(data_dir, endpoints, prefs.to_settings(), dict(client_options or {}),
                 receipts=ReceiptSettings.from_prefs(
                     prefs, auto=True, training=Path(data_dir).name == TRAINING_DIR),
                 till=prefs.till, shop_background=True,
                 shop_db="" if Path(data_dir).name == TRAINING_DIR else shop_dsn(prefs.shop_db))


def command_setup(lang: str, environ: Mapping[str, str] = os.environ) -> Setup:
    """A command line run: COMPTOIR_DATA_DIR, COMPTOIR_*_URL, COMPTOIR_TIMEOUT, settings.json;
    ``lang`` is the terminal's (the saved description is kept as it is)."""
    data_dir = config.data_dir(environ)
    endpoints = real_endpoints(environ)
    prefs = load_preferences(data_dir, environ)
    settings = prefs.to_settings()
    settings.lang = lang
    timeout = http_timeout(environ)
    return Setup(data_dir, endpoints, settings, {} if timeout is None else {"timeout": timeout},
                 current_api_url(environ), ReceiptSettings.from_prefs(prefs), till=prefs.till,
                 shop_db=shop_dsn(prefs.shop_db, environ))
