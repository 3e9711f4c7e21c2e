"""The application's sessions (``ComptoirApp``), loaded by ``ui/app.py`` once the window's
first frame is painted (issue 18): the services, the journal, the simulator and the keyring
are all imported from here, never before that paint.

Lifecycle (platform-notes §1): qasync runs asyncio on the Qt thread through
``asyncio.Runner``; ``setQuitOnLastWindowClosed(False)``; closing the window only sets
``closing``; :meth:`ComptoirApp.run` then cancels the running operations
(``bridge.shutdown()``), drains the outbox and closes the journal (``core.aclose()``), and
only then lets the window close. SIGINT / SIGTERM do the same on Unix.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from ..api import Endpoints
from ..composition import (
    SetupError,
    real_endpoints,
    reset_training_journal,
    session_setup,
    training_dir,
)
from ..keyring import (
    CredentialStore,
    KeyringProblem,
    StoredCredentials,
    credentials_from_env,
    self_check,
)
from ..preferences import Preferences
from ..preferences import load as load_preferences
from ..services.core import Comptoir
from ..store.errors import AlreadyRunning, StoreError
from .app import STARTED, open_window, warm_up_wrapper_types, window_settings
from .context import UiContext
from .credentials import current_url_for
from .i18n import install_translators, normalize_lang
from .kit.bridge import AsyncBridge
from .kit.messages import MessageBar
from .main_window import MainWindow
from .single_instance import SingleInstance
from .stall_meter import current as stall_meter
from .stall_meter import step
from .theme import apply_look
from .welcome import WelcomePage

if TYPE_CHECKING:
    from ..simulator import Simulator

log = logging.getLogger(__name__)

CLOSE_TIMEOUT = 25.0  # seconds the outbox may take to drain when quitting
GRACE_PERIOD = 3.0  # seconds operations in flight may take to finish before a close


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


SETTLE_MS = 2  # between two start-up steps


async def yield_to_qt(ms: int = SETTLE_MS) -> None:
    """A turn of the event loop of its own: what the last step posted (layouts, paints) runs
    and the window answers (input, timers) before the next start-up step (issue 18: no long
    stall). A timer, not ``asyncio.sleep(0)``: Qt fires every due timer in one pass, so a
    0 ms one would run in the same pass as the work it follows."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    QTimer.singleShot(ms, lambda: None if done.done() else done.set_result(None))
    await done


class Mode(StrEnum):
    REAL = "real"
    TRAINING = "training"


def make_context(core: Comptoir, prefs: Preferences, data_dir: Path, training: bool
                 ) -> UiContext:
    bar = MessageBar(lang=prefs.lang)
    ctx = UiContext(core=core, bridge=AsyncBridge(), prefs=prefs, data_dir=data_dir,
                    messages=bar, training=training)
    ctx.bridge.failed.connect(bar.show_error)
    return ctx


class ComptoirApp:
    """One window, a succession of sessions (welcome → real, training, or a rebuild after a
    language change), and a clean shutdown. A plain object: every Qt object it creates is
    deleted on the GUI thread when it is done (``deleteLater``), never left to the GC."""

    def __init__(self, app: QApplication, *, base_dir: Path, demo: bool = False,
                 lang: str | None = None, endpoints: Endpoints | None = None,
                 store: CredentialStore | None = None, instance: SingleInstance | None = None,
                 client_options: dict[str, Any] | None = None, install_signals: bool = True,
                 background_sync: bool = True, first_paint: bool = False,
                 environ: dict[str, str] | None = None, current: bool = False,
                 window: MainWindow | None = None) -> None:
        self.app = app
        self.base_dir = Path(base_dir)
        self.demo = demo
        self.training_current = current  # training as a current-platform (sk_) account
        self.lang_override = lang
        self.endpoints = endpoints
        self._store = store
        self.instance = instance or SingleInstance()
        self.instance.on_activated = self.bring_to_front
        self.client_options = client_options or {}
        self.install_signals = install_signals
        self.background_sync = background_sync
        self.first_paint = first_paint  # bench: quit once the first workspace is up
        self.environ = os.environ if environ is None else environ
        self.window = window or MainWindow()  # main() passes the one already painted
        self.window.guard_close = True
        self.closing = asyncio.Event()
        self.window.close_requested.connect(self.request_quit)
        self.ctx: UiContext | None = None
        self.simulator: Simulator | None = None
        self.session_credentials: StoredCredentials | None = None
        self.mode: Mode | None = None
        self.finished = False

    # --- public ------------------------------------------------------------------------

    @property
    def store(self) -> CredentialStore:
        if self._store is None:
            self._store = CredentialStore()
        return self._store

    async def _open_store(self) -> CredentialStore:
        """The platform keyring, probed off the GUI thread (the probe may touch D-Bus)."""
        if self._store is None:
            self._store = await asyncio.to_thread(CredentialStore)
        return self._store

    def request_quit(self) -> None:
        self.closing.set()

    def bring_to_front(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def present_unexpected(self, exc: BaseException) -> None:
        """The excepthook's presenter: a calm message, the details are in the logs."""
        if self.ctx is not None:
            with contextlib.suppress(RuntimeError):
                self.ctx.messages.show_message(
                    tr("Erreur inattendue ({name}). L'opération en cours a peut-être échoué ; "
                       "les détails sont dans le dossier logs.").format(name=type(exc).__name__),
                    "error")

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        handled = self._install_signal_handlers(loop)
        if not self.window.isVisible():  # else main() painted it already
            open_window(self.window, self.base_dir, training=self.demo,
                        notice=tr("Ouverture de Comptoir…"))
        mode: Mode | None = Mode.TRAINING if self.demo else Mode.REAL
        code = 0
        try:
            while mode is not None and not self.closing.is_set():
                mode = await self._run_mode(mode)
        except Exception:
            log.exception("the application failed")
            code = 1
        finally:
            for sig in handled:
                with contextlib.suppress(Exception):
                    loop.remove_signal_handler(sig)
            await self._stop_simulator()
            self._save_geometry()
            self.window.guard_close = False
            self.window.close()
            self.window.deleteLater()  # on this (the GUI) thread, never by a GC elsewhere
            self.instance.release()
            self.finished = True
        return code

    # --- sessions --------------------------------------------------------------------

    async def _run_mode(self, mode: Mode) -> Mode | None:
        data_dir = training_dir(self.base_dir) if mode is Mode.TRAINING else self.base_dir
        step("hold the data directory")
        if not await self._hold(data_dir):
            return None
        step("preferences, translators, look")
        prefs = load_preferences(data_dir, self.environ)
        prefs.set_lang(normalize_lang(self.lang_override or prefs.lang))
        install_translators(self.app, prefs.lang)
        await yield_to_qt()
        step("apply_look")
        apply_look(prefs, self.app)  # theme and till text (Réglages → Apparence)
        await yield_to_qt()
        self.mode = mode
        step("connection (simulator / credentials)")
        connection = await self._connection(mode, data_dir, prefs.lang)
        if not isinstance(connection, tuple):
            return connection  # quitting, or the welcome page chose training
        await yield_to_qt()
        endpoints, creds = connection
        # The journal (and its migrations) opens here, after the window's first paint: nothing
        # on that frame needs it (issue 18).
        step("journal and services (setup.open)")
        try:  # sk_ credentials: Setup.open builds the current platform's client
            setup = dataclasses.replace(
                session_setup(data_dir, endpoints, prefs, self.client_options),
                api_url=current_url_for(endpoints, self.environ))
            core = await setup.open(creds)
        except (StoreError, SetupError) as exc:
            await self._fatal(exc.human(prefs.lang))
            return None
        step("wrapper types")
        warm_up_wrapper_types()
        await yield_to_qt()
        step("make_context")
        ctx = make_context(core, prefs, data_dir, mode is Mode.TRAINING)
        self.ctx = ctx
        # The keyring is opened only if it is already (it gave the credentials) or when
        # Réglages needs it: credentials from the environment never touch it at start-up.
        step("show_workspace")
        self.window.show_workspace(
            ctx, credentials=None if ctx.training else self._store,
            open_credentials=None if ctx.training else self._open_store,
            background_sync=self.background_sync, show_current=False)
        ending = asyncio.ensure_future(self._wait_for_end())  # a restart asked from now on
        await self._finish_start_up(ending)
        outcome = await ending
        await self._close_session(ctx, restarting=outcome is not None)
        return mode if outcome is not None else None

    async def _finish_start_up(self, ending: asyncio.Future[str | None]) -> None:
        """The current tab and the collector's freeze, each in a turn of the loop of its
        own once the workspace's frame is painted (issue 18)."""
        await yield_to_qt()  # the window lays out and paints the workspace's frame
        if ending.done():
            return
        self.window.build_current()  # its widgets
        await yield_to_qt()
        attribute = self.window.current_attribute()
        if ending.done() or attribute is None:
            return
        self.window.tab(attribute)  # in the window: laid out and painted
        await yield_to_qt()
        if ending.done():
            return
        self.window.show_current()  # shown: its data loads on the journal thread
        await yield_to_qt()
        if not ending.done():
            self._started()

    async def _hold(self, data_dir: Path) -> bool:
        """This data directory for this process only (else a message until quitting)."""
        try:
            self.instance.hold(data_dir)
        except AlreadyRunning:
            await self._fatal(tr("Comptoir est déjà ouvert sur ce poste avec le dossier "
                                 "{path}. Utilisez la fenêtre déjà ouverte.").format(
                path=data_dir))
            return False
        except StoreError as exc:
            await self._fatal(exc.human(self._lang()))
            return False
        return True

    async def _connection(self, mode: Mode, data_dir: Path, lang: str
                          ) -> tuple[Endpoints, StoredCredentials] | Mode | None:
        """Where to connect and with which credentials: the simulator in training; in real
        mode the keyring, the environment or the welcome page (which may choose training;
        None: quitting)."""
        if mode is Mode.TRAINING:
            return await self._start_simulator(data_dir)
        await self._stop_simulator()
        try:  # real mode never talks to the simulator (config.real_mode_only)
            endpoints = self.endpoints or real_endpoints(self.environ)
        except SetupError as exc:
            log.error("CinetPay address refused: %s", exc.en)
            await self._fatal(exc.human(lang))
            return None
        creds, notice = await self._credentials()
        if creds is not None:
            return endpoints, creds
        outcome = await self._welcome(endpoints, lang, notice)
        if outcome is None or isinstance(outcome, Mode):
            return outcome
        return endpoints, outcome

    async def _wait_for_end(self) -> str | None:
        """None when quitting; the reason of a restart otherwise."""
        loop = asyncio.get_running_loop()
        restart: asyncio.Future[str] = loop.create_future()

        def on_restart(reason: str) -> None:
            if not restart.done():
                restart.set_result(reason)

        self.window.restart_requested.connect(on_restart)
        closing = asyncio.ensure_future(self.closing.wait())
        try:
            waiting: set[asyncio.Future[Any]] = {closing, restart}
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            closing.cancel()
            with contextlib.suppress(RuntimeError, TypeError):
                self.window.restart_requested.disconnect(on_restart)
        if self.closing.is_set() or not restart.done():
            return None
        return restart.result()

    async def _close_session(self, ctx: UiContext, *, restarting: bool) -> None:
        # A short grace period lets an operation in flight get its answer; what is still
        # running then is cancelled (the journal resolves it at the next start).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ctx.bridge.wait_idle(), GRACE_PERIOD)
        await ctx.bridge.shutdown()
        self.window.show_notice(tr("Rechargement…") if restarting else
                                tr("Fermeture : envoi des opérations en attente…"))
        ctx.messages.deleteLater()
        self.ctx = None
        ctx.bridge.deleteLater()
        try:
            await asyncio.wait_for(ctx.core.aclose(drain=not restarting), CLOSE_TIMEOUT)
        except Exception:
            # Whatever was interrupted is in the journal: recovered at the next start.
            log.exception("closing the core failed")

    async def _fatal(self, text: str) -> None:
        self.window.show_notice(text, error=True)
        await self.closing.wait()
        return None

    async def _credentials(self) -> tuple[StoredCredentials | None, str]:
        creds = credentials_from_env(self.environ)  # removed from os.environ once read
        if creds is not None:
            self.session_credentials = creds  # the next session (language change…) too
            return creds, ""
        if self.session_credentials is not None:
            return self.session_credentials, ""
        store = await self._open_store()
        if not store.available:  # say clearly why, and what to install (frozen apps too)
            report = await asyncio.to_thread(self_check)
            log.warning("no secure keyring: %s", report.message_en)
            return None, report.human(self._lang())
        try:
            return await store.aload(), ""
        except KeyringProblem as exc:
            return None, exc.human(self._lang())

    async def _welcome(self, endpoints: Endpoints, lang: str, notice: str
                       ) -> StoredCredentials | Mode | None:
        loop = asyncio.get_running_loop()
        choice: asyncio.Future[StoredCredentials | Mode] = loop.create_future()
        bridge = AsyncBridge()
        page = WelcomePage(endpoints=endpoints, store=await self._open_store(), bridge=bridge,
                           lang=lang, notice=notice, client_options=self.client_options,
                           environ=self.environ)

        def connected(creds: StoredCredentials, saved: bool) -> None:
            if not saved:
                self.session_credentials = creds
            if not choice.done():
                choice.set_result(creds)

        page.connected.connect(connected)
        def training(current: bool = False) -> None:
            if not choice.done():
                self.training_current = current
                choice.set_result(Mode.TRAINING)

        page.training_requested.connect(training)
        page.current_training_requested.connect(lambda: training(True))
        self.window.show_welcome(page)
        page.focus_first()
        closing = asyncio.ensure_future(self.closing.wait())
        try:
            waiting: set[asyncio.Future[Any]] = {closing, choice}
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            closing.cancel()
            await bridge.shutdown()
            bridge.deleteLater()
        if self.closing.is_set() or not choice.done():
            return None
        return choice.result()

    async def _start_simulator(self, data_dir: Path) -> tuple[Endpoints, StoredCredentials]:
        from ..simulator import DEMO_CREDENTIALS, Simulator

        if self.simulator is None:
            def start() -> Simulator:  # the demo shop's seeding too: off the GUI thread
                reset_training_journal(data_dir)
                sim = Simulator(host="127.0.0.1", port=0, seed_demo=True)
                sim.start()
                return sim

            self.simulator = await asyncio.to_thread(start)
        creds = StoredCredentials(DEMO_CREDENTIALS["apikey"], DEMO_CREDENTIALS["site_id"],
                                  DEMO_CREDENTIALS["transfer_password"])
        if self.training_current:  # the simulator's sk_test_ account (/_sim/credentials)
            from ..simulator.state import CURRENT_CREDENTIALS as CURRENT

            creds = StoredCredentials(CURRENT["api_key"], "", api_password=CURRENT["api_password"],
                                      country=CURRENT["country"])
        return Endpoints.single(self.simulator.base_url), creds

    async def _stop_simulator(self) -> None:
        sim, self.simulator = self.simulator, None
        if sim is not None:
            await asyncio.to_thread(sim.stop)

    # --- details ---------------------------------------------------------------------

    def _lang(self) -> str:
        return self.ctx.lang if self.ctx is not None else normalize_lang(
            self.lang_override or self.environ.get("COMPTOIR_LANG"))

    def _install_signal_handlers(self, loop: asyncio.AbstractEventLoop) -> list[int]:
        handled: list[int] = []
        if not self.install_signals or sys.platform == "win32":
            return handled
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_quit)
                handled.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        return handled

    def _save_geometry(self) -> None:
        with contextlib.suppress(Exception):
            settings = window_settings(self.base_dir)
            settings.setValue("geometry", self.window.saveGeometry())
            settings.sync()

    def _started(self) -> None:
        """The workspace and its current tab are up."""
        # Everything built so far lives as long as the app: move it out of the collector's
        # way, so a full collection never stalls the event loop (bench/bulk_refresh_stall.py).
        # No full collection first: it cost 30-130 ms at start-up (issue 18); the young
        # generations are cheap to sweep.
        step("workspace up: gc.collect(1), gc.freeze()")
        gc.collect(1)
        gc.freeze()
        meter = stall_meter()
        if meter is not None:  # bench/startup_stall.py: a second more, then quit
            def measured() -> None:
                self.request_quit()  # first: whatever the meter does
                meter.finish()

            QTimer.singleShot(1000, measured)
        if self.first_paint:  # bench/gui_first_paint.py: the whole start-up went through
            self.request_quit()  # first: a bench that stopped reading must not keep us open
            with contextlib.suppress(OSError):
                print(f"workspace_ms={1000 * (time.perf_counter() - STARTED):.1f}", flush=True)

    def excepthook(self, logged: Callable[..., object]) -> Callable[..., None]:
        """Chain: the logging hook (crash file, redacted), then the on-screen presenter."""

        def hook(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
            logged(exc_type, exc, tb)
            if not issubclass(exc_type, KeyboardInterrupt):
                self.present_unexpected(exc)

        return hook
