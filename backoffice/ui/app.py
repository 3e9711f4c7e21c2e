"""``comptoir`` (and ``python -m backoffice``): the desktop application.

``comptoir --demo`` runs in training mode: the built-in simulator in this process, its demo
credentials, and a separate data directory ``<data_dir>/formation`` whose journal is reset at
each launch (every training starts from the same demo shop; nothing ever mixes with the real
journal).

Start-up (issue 18): this module imports only what the first paint needs (Qt, the
preferences for the language and the look, the instance lock, the window's frame). ``main``
paints the window (title, banner, tab bar, status bar) right after ``QApplication``, then
imports the rest (``ui/session.py``: services, journal, simulator, keyring) and runs the
session, whose tabs are built when first shown.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # the bench's in-process clock (before any import of ours)

# Everything without Qt first: PySide6's import hook reads the source of each module that
# imports anything after PySide6 is loaded (its __feature__ check, ~0.4 ms a module), so the
# plain-Python modules the first paint needs are loaded before it (issue 18).
import argparse  # noqa: E402
import contextlib  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402 - ui.main_window too
import os  # noqa: E402
import re  # noqa: E402, F401 - ui.theme, ui.i18n, preferences
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

# isort: off
from .. import config  # noqa: E402
from ..preferences import load as load_preferences  # noqa: E402
from ..resources import resource_path  # noqa: E402
from ..store.errors import AlreadyRunning, StoreError  # noqa: E402
from ..store.instance import InstanceLock  # noqa: E402, F401 - ui.single_instance

from PySide6.QtCore import (  # noqa: E402 - after the plain-Python modules
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
)
from PySide6.QtWidgets import QApplication  # noqa: E402
# isort: on

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

from . import syslibs  # noqa: E402
from .i18n import install_translators, normalize_lang  # noqa: E402
from .main_window import TABS, MainWindow  # noqa: E402
from .single_instance import SingleInstance, notify_running_instance  # noqa: E402
from .theme import apply_look, needed_before_paint  # noqa: E402

ENV_FIRST_PAINT = "COMPTOIR_BENCH_FIRST_PAINT"  # print the time to the first paint, quit
ENV_FIRST_PAINT_MODULES = "COMPTOIR_BENCH_MODULES"  # a file (JSON): modules loaded, full GCs
ENV_STALLS = "COMPTOIR_BENCH_STALLS"  # print the event loop's longest stall at start-up, quit
PAINT_WAIT_MS = 500  # at most this long for the first paint before going on without it
# Loaded with the session (after the first paint): ``from backoffice.ui.app import
# ComptoirApp`` keeps working.
_SESSION_NAMES = ("ComptoirApp", "Mode", "make_context", "CLOSE_TIMEOUT", "GRACE_PERIOD")


def __getattr__(name: str) -> Any:
    if name in _SESSION_NAMES:
        from . import session

        return getattr(session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="comptoir", description="Comptoir: back-office CinetPay (fenêtre principale).")
    parser.add_argument("--demo", action="store_true",
                        help="mode formation sur le simulateur intégré / training mode")
    parser.add_argument("--current", action="store_true",
                        help="avec --demo : compte de la nouvelle plateforme CinetPay (clé "
                             "sk_test_) / with --demo: a current-platform account")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="dossier de données (défaut : COMPTOIR_DATA_DIR ou le dossier "
                             "de l'utilisateur)")
    parser.add_argument("--lang", choices=("fr", "en"), default=None,
                        help="langue de l'interface pour cette exécution")
    return parser


def window_settings(base_dir: Path) -> QSettings:
    """Where the window's geometry is kept between launches."""
    from PySide6.QtCore import QSettings

    return QSettings(str(Path(base_dir) / "window.ini"), QSettings.Format.IniFormat)


def open_window(window: MainWindow, base_dir: Path, *, training: bool, notice: str) -> None:
    """Show the window's frame where it was last (fitted to this screen), ``notice`` in its
    status bar: what the first paint shows."""
    with contextlib.suppress(Exception):
        geometry = window_settings(base_dir).value("geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
    window.fit_to_screen()  # a 1024×768 screen too: nothing cut off
    window.show_frame(training=training, notice=notice)
    window.show()
    window.fit_to_screen()  # again with the real frame (title bar) known
    window.raise_()
    window.activateWindow()


class FirstPaint(QObject):
    """Waits for the first paint of the window's tabs (``wait()``: a short local event loop
    before the session's imports); under the bench, prints the time to it."""

    def __init__(self, *, report: bool, modules_file: str = "") -> None:
        super().__init__()
        self.report, self.modules_file = report, modules_file
        self.painted = False
        self._loop: QEventLoop | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            if self.report:
                print(f"first_paint_ms={1000 * (time.perf_counter() - STARTED):.1f}",
                      flush=True)
            if os.environ.get(ENV_STALLS):  # bench/startup_stall.py: from this paint on
                from .stall_meter import StallMeter

                StallMeter().start()
            if self.modules_file:  # the tests' seam: nothing heavy loaded, no full collection
                import json

                Path(self.modules_file).write_text(json.dumps({
                    "modules": sorted(sys.modules),
                    "full_collections": gc.get_stats()[2]["collections"]}), encoding="utf-8")
            if self._loop is not None:
                QTimer.singleShot(0, self._loop.quit)  # once this paint is done
        return False

    def wait(self) -> None:
        if self.painted:
            return
        self._loop = QEventLoop()
        QTimer.singleShot(PAINT_WAIT_MS, self._loop.quit)  # a hidden window never paints
        self._loop.exec()
        self._loop = None


# What the session needs, imported on a worker thread after the first paint while the GUI
# thread's event loop keeps turning (issue 18: the window answers during the ~150 ms of
# imports). Plain module code only: none of these creates a QObject when imported.
SESSION_MODULES = (
    "asyncio", "logging", "qasync", "backoffice.logs", "backoffice.ui.session",
    "PySide6.QtNetwork", "backoffice.ui.statusbar", "backoffice.ui.kit.events",
    "backoffice.ui.print_notice", "backoffice.ui.cash", "backoffice.ui.cashier",
    "anyio._backends._asyncio",  # what httpx's first request imports (the start-up sync)
)
TRAINING_MODULES = ("backoffice.simulator", "backoffice.simulator.state")
# The interpreter's switch interval from the first paint on: a worker (the preload's
# imports, a history answer's decoding, the database thread) hands the GIL to the GUI thread
# within half a millisecond instead of five (a history refresh of 100 000 rows stalled the
# loop 33-68 ms at 5 ms, 7-14 ms at 0.5 ms; issue 18).
GUI_SWITCH_S = 0.0005


class _Worker(QThread):
    """A Qt thread (it has an event dispatcher, unlike a plain Python one: see
    :func:`warm_up_wrapper_types`)."""

    def __init__(self, job: Callable[[], None]) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        import threading

        threading.current_thread().name = Preloader.NAME
        self.job()


class Preloader:
    """Imports ``modules`` on a worker thread; :meth:`wait` turns a local Qt event loop (paints,
    input, timers) until it is done. The GIL is handed back to the GUI thread within the
    interpreter's switch interval (the session's: GUI_SWITCH_S) when that thread wants
    it."""

    NAME = "comptoir-preload"

    def __init__(self, modules: Sequence[str]) -> None:
        self.modules = tuple(modules)
        self.imported: list[str] = []
        self.failed: list[tuple[str, BaseException]] = []
        self.thread = _Worker(self._run)

    def _run(self) -> None:
        for name in self.modules:
            try:
                importlib.import_module(name)
                self.imported.append(name)
            except Exception as exc:  # imported again (and reported) on the GUI thread
                self.failed.append((name, exc))
        with contextlib.suppress(Exception):
            warm_up_wrapper_types()

    def start(self) -> Preloader:
        self.thread.start()
        return self

    def wait(self) -> None:
        loop = QEventLoop()
        self.thread.finished.connect(loop.quit)  # queued: emitted on the worker
        if not self.thread.isFinished():
            loop.exec()
        self.thread.wait()


def warm_up_wrapper_types() -> None:
    """The first time C++ hands Python an object whose nearest public class is QObject
    itself (an application-wide event filter, as the cashier desk's, sees Qt's internal
    objects), PySide looks for a better class among every QObject class of the loaded Qt
    modules, creating their Python classes and their enums (~170, 15-25 ms, once). A file
    watcher's engine is such an object: the preload's worker shows it to Python, so that
    this happens there, not on the GUI thread (issue 18). It needs a Qt thread (the engine
    registers a socket notifier); on the GUI thread (once done: ~0.3 ms), it still takes
    that time out of the workspace's first paint."""
    from PySide6.QtCore import QFileSystemWatcher

    watcher = QFileSystemWatcher()
    watcher.children()
    del watcher  # ours (no parent): deleted now, on this thread


def session_modules(window: MainWindow, training: bool) -> list[str]:
    """The session's modules, the tab shown first and (training) the simulator."""
    names = list(SESSION_MODULES)
    index = window.tabs.currentIndex() if window.tabs is not None else 0
    if 0 <= index < len(TABS):
        names.append(f"{__package__}{TABS[index].module}")
    return [*names, *TRAINING_MODULES] if training else names


def show_message_box(icon: str, title: str, text: str) -> None:
    """Before the event loop runs (a plain blocking box is fine there); ``icon``:
    "information" or "critical"."""
    from PySide6.QtWidgets import QMessageBox

    kind = QMessageBox.Icon.Critical if icon == "critical" else QMessageBox.Icon.Information
    box = QMessageBox(kind, title, text)
    box.exec()


def _already_running(data_dir: Path) -> int:
    focused = notify_running_instance(data_dir)
    text = tr("Comptoir est déjà ouvert sur ce poste (dossier {path}).").format(path=data_dir)
    if focused:
        text += " " + tr("La fenêtre existante a été mise au premier plan.")
    print(text, file=sys.stderr)
    show_message_box("information", "Comptoir", text)
    return 3


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()  # no collection before the first paint (the session freezes what it built)
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    opts, qt_args = build_parser().parse_known_args(args)
    existing = QApplication.instance()
    missing = [] if existing is not None else syslibs.check_before_qt()
    if missing:  # say what to install instead of Qt's "could not load the platform plugin"
        print(syslibs.message(missing, normalize_lang(
            opts.lang or os.environ.get("COMPTOIR_LANG"))), file=sys.stderr)
        return syslibs.MISSING_EXIT
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else "comptoir", *qt_args])
    app.setApplicationName("Comptoir")
    app.setDesktopFileName("comptoir")  # docks match the window to comptoir.desktop
    app.setOrganizationName("Comptoir")
    app.setQuitOnLastWindowClosed(False)

    base = (opts.data_dir or config.data_dir()).expanduser()
    data_dir = config.training_dir(base) if opts.demo else base
    # Before the first paint: the preferences (the language of the titles, the theme: no
    # light frame repainted dark) and this data directory's lock (a second launch only
    # brings the first window to the front, it never flashes a window of its own).
    prefs = load_preferences(data_dir)
    lang = normalize_lang(opts.lang or prefs.lang)
    if lang != "fr":  # French is the source language: its translators load with the session
        install_translators(app, lang)

    instance = SingleInstance()
    try:
        instance.hold(data_dir, listen=False)
    except AlreadyRunning:
        return _already_running(data_dir)
    except StoreError as exc:
        show_message_box("critical", "Comptoir", exc.human(lang))
        return 1

    if needed_before_paint(prefs, app):  # a dark or larger look from the first frame
        apply_look(prefs, app)
    window = MainWindow()
    window.guard_close = True  # the session connects close_requested: a clean shutdown
    probe = FirstPaint(report=bool(os.environ.get(ENV_FIRST_PAINT)),
                       modules_file=os.environ.get(ENV_FIRST_PAINT_MODULES, ""))
    open_window(window, base, training=opts.demo, notice=tr("Ouverture de Comptoir…"))
    if window.tabs is not None:
        window.tabs.installEventFilter(probe)
    probe.wait()
    # The session's modules on a worker thread, the window answering meanwhile; no garbage
    # collection on that thread (a full one would hold the GIL for tens of ms): what they
    # built lives as long as the app, out of the collector's way (gc.freeze()).
    sys.setswitchinterval(GUI_SWITCH_S)
    Preloader(session_modules(window, opts.demo)).start().wait()
    gc.freeze()
    gc.enable()
    if window.tabs is not None:
        window.tabs.removeEventFilter(probe)
    return _run_session(app, window, instance, opts, base, data_dir)


def _run_session(app: QApplication, window: MainWindow, instance: SingleInstance,
                 opts: argparse.Namespace, base: Path, data_dir: Path) -> int:
    """Everything after the first paint: logging, the session's modules, the event loop."""
    from .stall_meter import step

    step("imports asyncio, qasync, logs")
    import asyncio
    import logging
    import threading

    from PySide6.QtGui import QIcon

    from ..logs import install_excepthook, setup_logging
    from .kit.qt_loop import QtLoop

    step("import ui.session")
    from .session import ComptoirApp

    log = logging.getLogger(__name__)
    # The window's icon (an SVG: Qt loads its image plugin) arrives a moment after the paint.
    step("window icon")
    app.setWindowIcon(QIcon(str(resource_path("icons", "comptoir.svg"))))
    step("listen")
    instance.listen()
    step("logging")
    setup_logging(data_dir)
    for private in {base, data_dir}:  # 0700 / 0600, a wider mode tightened (logged)
        config.secure_data_dir(private)
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook
    logged = install_excepthook(data_dir)
    del logged  # the previous hook is not chained: it would print raw tracebacks
    step("ComptoirApp()")
    controller = ComptoirApp(app, base_dir=base, demo=opts.demo, lang=opts.lang,
                             instance=instance, current=opts.current, window=window,
                             first_paint=bool(os.environ.get(ENV_FIRST_PAINT)))
    sys.excepthook = controller.excepthook(sys.excepthook)
    log.info("Comptoir starting (%s, data %s)", "training" if opts.demo else "real", data_dir)
    step("event loop start")
    try:
        with asyncio.Runner(loop_factory=lambda: QtLoop(app)) as runner:
            return runner.run(controller.run())
    finally:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
        instance.release()  # already done by run(); here for an early failure
        log.info("Comptoir stopped")
