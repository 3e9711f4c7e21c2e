"""``comptoir --smoke-test``: does this build start, show its window and take a payment?

Runs the real application (:class:`backoffice.ui.app.ComptoirApp`, the code ``comptoir --demo``
runs) in training mode on the built-in simulator, in a throw-away data directory, and drives
it the way a cashier does:

1. the main window is shown and its title says "Comptoir" (training banner present);
2. Encaisser (F2): an amount typed in the amount field, the create button clicked; the link
   is created through the journal and the simulator, and its QR is drawn (≥ 300 px);
3. the payment page the QR points to is served (the simulator's packaged HTML);
4. the bundled resources are there: the app icon renders (SVG plugin), the translations load;
5. the keyring self-check is *reported* (on a headless machine no secure keyring is expected:
   it is printed, never a failure);
6. the application quits cleanly (journal closed, exit code 0).

Prints ``SMOKE OK <details>`` and returns 0, or ``SMOKE FAIL <reason>`` and returns 1. A hard
watchdog ends the process (exit 1) if anything hangs. Works from source
(``python -m backoffice.smoke``) and frozen (``comptoir --smoke-test``); honours
``QT_QPA_PLATFORM`` (``offscreen`` is chosen when there is no display at all).

Options: ``--timeout S`` (default 60), ``--keyring-probe`` (also write, read back and delete a
throw-away secret: needs an unlocked keyring), ``--screenshot FILE.png``, ``--lang fr|en``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT = 60.0
SMOKE_AMOUNT = 2500
MIN_QR_PX = 300


class SmokeFailure(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="comptoir --smoke-test",
                                     description="Start Comptoir in training mode, create a "
                                                 "payment link, check its QR, quit.")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="hard limit in seconds (default %(default)s)")
    parser.add_argument("--keyring-probe", action="store_true",
                        help="also round-trip a throw-away secret through the keyring")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a screenshot of the window (PNG)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    return parser


def _say(line: str) -> None:
    print(line, flush=True)


def _start_watchdog(seconds: float) -> threading.Timer:
    """The last resort: whatever hangs (Qt, the loop, a thread), the process ends."""

    def fire() -> None:
        _say(f"SMOKE FAIL timeout: no result after {seconds:.0f} s")
        os._exit(1)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    return timer


def _choose_platform(environ: dict[str, str] | os._Environ[str]) -> str:
    """Keep QT_QPA_PLATFORM when set; on Linux without any display, use offscreen rather than
    letting Qt abort the process."""
    from .platform.display import needs_offscreen

    if environ.get("QT_QPA_PLATFORM"):
        return "QT_QPA_PLATFORM"
    if needs_offscreen(environ):
        environ["QT_QPA_PLATFORM"] = "offscreen"
        return "no display"
    return "default"


# --------------------------------------------------------------------------- keyring


def keyring_summary(probe: bool = False) -> str:
    """One line on the secure keyring this build finds: its backend, and why it is absent
    (the import of the platform backend is checked separately: it proves a frozen build
    carries it)."""
    from .keyring import backends, self_check

    path = backends._platform_backend_path()
    module_name, _, class_name = path.rpartition(".")
    short = path.removeprefix("keyring.backends.")
    try:
        getattr(importlib.import_module(module_name), class_name)
        imported = "importable"
    except Exception as exc:
        imported = f"NOT importable ({type(exc).__name__}: {exc})"
    report = self_check(probe=probe)
    if report.ok:
        state = "round-trip ok" if probe else "present"
        return f"keyring={report.backend_name!r} [{state}; {short} {imported}]"
    detail = report.message_en
    if "(Detail:" in detail:
        detail = detail.rsplit("(Detail:", 1)[1].strip().removesuffix(")")
    if report.backend_name != backends.NO_KEYRING_NAME:  # there, but locked / refused
        return f"keyring={report.backend_name!r} [present, round-trip FAILED: {detail}]"
    return f"keyring=absent [{short} {imported}; {detail}]"


# --------------------------------------------------------------------------- the scenario


async def _until(test: Callable[[], bool], what: str, timeout: float,
                 errors: list[str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if errors:
            raise SmokeFailure(f"{what}: {errors[-1]}")
        if time.monotonic() > deadline:
            raise SmokeFailure(f"{what} (after {timeout:.0f} s)")
        await asyncio.sleep(0.02)


def _check_resources() -> list[str]:
    """The bundled resources: the icon (through Qt's SVG plugins), our translations and Qt's
    French one, the CA bundle for HTTPS."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon

    from .resources import resource_path

    icon_file = resource_path("icons", "comptoir.svg")
    if not icon_file.is_file():
        raise SmokeFailure(f"icon missing: {icon_file}")
    pixmap = QIcon(str(icon_file)).pixmap(64, 64)
    if pixmap.isNull():
        raise SmokeFailure("the SVG icon does not render (Qt svg icon engine missing?)")
    translations = resource_path("translations")
    english = QTranslator()
    if not english.load(QLocale("en"), "comptoir", "_", str(translations)):
        raise SmokeFailure(f"comptoir_en.qm not found in {translations}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_fr", qt_dir):  # the standard buttons in French
        raise SmokeFailure(f"qtbase_fr.qm not found in {qt_dir}")
    return ["icon=svg", "translations=fr,en+qtbase_fr", f"tls_cas={_tls_authorities()}"]


def _tls_authorities() -> int:
    """The CA bundle httpx verifies CinetPay's certificates with (certifi's, which a frozen
    build must carry): its number of authorities."""
    import ssl

    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    count = context.cert_store_stats()["x509_ca"]
    if not count:
        raise SmokeFailure(f"no certificate authority in {certifi.where()}")
    return count


async def _fetch_payment_page(url: str) -> int:
    import httpx

    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(url)
    if response.status_code != 200 or "<html" not in response.text.lower():
        raise SmokeFailure(f"payment page {url} answered {response.status_code}")
    return len(response.content)


def _fatal_notice(window) -> str | None:
    """The text of the page the app shows when it cannot go on (a journal that cannot be
    opened, another instance…): a notice with a Quit button."""
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    page = window.centralWidget()
    if not isinstance(page, QWidget) or page.objectName() != "notice":
        return None
    if page.findChild(QPushButton) is None:  # "Ouverture…", "Fermeture…": not an error
        return None
    label = page.findChild(QLabel, "noticeText")
    return label.text() if label is not None else "an error page"


async def _drive(controller: Any, run: asyncio.Future[int], details: list[str],
                 screenshot: Path | None) -> None:
    """What a cashier does: the window, F2, an amount, the link and its QR, then idle."""
    errors: list[str] = []
    t0 = time.perf_counter()
    ctx = await _workspace(controller, run, errors)
    t_window = time.perf_counter()
    details.append(f"workspace_ms={1000 * (t_window - t0):.0f}")
    ctx.bridge.failed.connect(lambda exc: errors.append(f"{type(exc).__name__}: {exc}"))
    _check_window(controller.window, ctx, details)
    tab, row = await _take_payment(controller.window, errors)
    await asyncio.sleep(0)
    pixmap = tab.qr.pixmap()
    if pixmap.isNull() or min(pixmap.width(), pixmap.height()) < MIN_QR_PX:
        raise SmokeFailure(f"QR not rendered at >= {MIN_QR_PX} px "
                           f"({pixmap.width()}x{pixmap.height()})")
    grab = controller.window.grab()
    if grab.isNull():
        raise SmokeFailure("the window could not be painted")
    if screenshot is not None:
        grab.save(str(screenshot))
    page = await _fetch_payment_page(row.payment_url)
    details.append(f"link={row.transaction_id} amount={row.amount} {row.currency}")
    details.append(f"qr={pixmap.width()}x{pixmap.height()}px page={page}B")
    details.append(f"link_ms={1000 * (time.perf_counter() - t_window):.0f}")
    # Quit once the first background sync is done: a quit in the middle of it is tested
    # elsewhere; here it would only make the timing of the smoke test vary.
    t_idle = time.perf_counter()
    try:
        await asyncio.wait_for(ctx.bridge.wait_idle(), 20)
    except TimeoutError:
        raise SmokeFailure("background operations still running after 20 s") from None
    details.append(f"idle_ms={1000 * (time.perf_counter() - t_idle):.0f}")


async def _workspace(controller: Any, run: asyncio.Future[int], errors: list[str]) -> Any:
    """The session's UI context, once the workspace is shown (or why it never was)."""
    window = controller.window

    def workspace_or_fatal() -> bool:
        if run.done():  # the application gave up by itself (its log says why)
            raise SmokeFailure(f"the application stopped before its window was ready "
                               f"(exit code {run.result() if not run.exception() else '?'})")
        notice = _fatal_notice(window)
        if notice:
            errors.append(f"the app stopped on: {notice}")
        return controller.ctx is not None and window.tabs is not None

    await _until(workspace_or_fatal, "the workspace was never shown", 30, errors)
    return controller.ctx


def _check_window(window: Any, ctx: Any, details: list[str]) -> None:
    if not window.isVisible():
        raise SmokeFailure("the main window is not visible")
    title = window.windowTitle()
    if "Comptoir" not in title:
        raise SmokeFailure(f"unexpected window title {title!r}")
    if window.banner is None or not ctx.training:
        raise SmokeFailure("not in training mode (no FORMATION banner)")
    details.append(f"title={title!r}")


async def _take_payment(window: Any, errors: list[str]) -> tuple[Any, Any]:
    """F2, an amount, the create button: the checkout tab and its new link (waiting)."""
    from .services.outcomes import LinkOutcome, link_outcome

    window.new_payment()  # F2: Encaisser, focus in the amount
    tab = window.checkout_tab
    if window.tabs.currentWidget() is not tab:
        raise SmokeFailure("F2 did not open the Encaisser tab")
    tab.amount.set_value(SMOKE_AMOUNT)
    tab.description.setText("Smoke test")
    if tab.amount.value() != SMOKE_AMOUNT:
        raise SmokeFailure(f"the amount field reads {tab.amount.value()!r}")
    tab.create_button.click()

    def shown() -> bool:
        row = tab.current
        return row is not None and link_outcome(row) not in (LinkOutcome.SENDING,
                                                             LinkOutcome.UNCERTAIN)

    await _until(shown, "no payment link was created", 20, errors)
    row = tab.current
    outcome = link_outcome(row)
    if outcome is not LinkOutcome.PENDING or not row.payment_url:
        raise SmokeFailure(f"the new link is {outcome.value!r} ({row.last_error or 'no url'})")
    return tab, row


async def _scenario(app, base: Path, opts: argparse.Namespace, details: list[str]) -> None:
    from .ui.app import ComptoirApp

    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    environ["COMPTOIR_LANG"] = opts.lang
    controller = ComptoirApp(app, base_dir=base, demo=True, lang=opts.lang,
                             install_signals=False, environ=environ)
    run = asyncio.ensure_future(controller.run())
    failure: BaseException | None = None
    code: int | None = None
    try:
        await _drive(controller, run, details, opts.screenshot)
    except BaseException as exc:
        failure = exc
    finally:
        t_quit = time.perf_counter()
        controller.request_quit()
        try:
            code = await asyncio.wait_for(run, 30)
        except Exception as exc:  # the quit itself failed or hung
            failure = failure or SmokeFailure(f"the application did not quit: {exc!r}")
    if failure is not None:
        raise failure
    if code != 0 or not controller.finished:
        raise SmokeFailure(f"the application quit with code {code}")
    details.append(f"quit=clean quit_ms={1000 * (time.perf_counter() - t_quit):.0f}")


def _last_logged_error(base: Path) -> str:
    """The last error the application logged (with its exception line), for the report."""
    lines: list[str] = []
    for log_file in sorted(base.glob("**/logs/*.log")):
        with contextlib.suppress(OSError):
            lines += log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if " ERROR " in lines[i] or " CRITICAL " in lines[i]:
            tail: list[str] = []
            for x in lines[i + 1:]:
                if re.match(r"\d{4}-\d\d-\d\d ", x):  # the next record
                    break
                if x.strip() and not x.startswith(" "):
                    tail.append(x.strip())
            cause = tail[-1] if tail else ""  # the exception line ends the traceback
            return " ".join(f"{lines[i].strip()} {cause}".split())[:400]
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    opts, _unknown = build_parser().parse_known_args(list(sys.argv[1:] if argv is None
                                                         else argv))
    watchdog = _start_watchdog(opts.timeout)
    started = time.perf_counter()
    base = Path(tempfile.mkdtemp(prefix="comptoir-smoke-"))
    details: list[str] = []
    try:
        platform = _choose_platform(os.environ)
        from PySide6.QtWidgets import QApplication

        from . import __version__
        from .logs import setup_logging
        from .ui.kit.qt_loop import QtLoop

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(
            [sys.argv[0] if sys.argv else "comptoir"])
        app.setApplicationName("Comptoir")
        app.setQuitOnLastWindowClosed(False)
        setup_logging(base / "formation")
        details.append(f"version={__version__}")
        details.append(f"frozen={'yes' if getattr(sys, 'frozen', False) else 'no'}")
        details.append(f"qpa={app.platformName()} ({platform})")
        details.extend(_check_resources())
        with asyncio.Runner(loop_factory=lambda: QtLoop(app)) as runner:
            runner.run(_scenario(app, base, opts, details))
        details.append(keyring_summary(probe=opts.keyring_probe))
    except BaseException as exc:  # anything is a failure, never a traceback only
        reason = str(exc) if isinstance(exc, SmokeFailure) else f"{type(exc).__name__}: {exc}"
        logged = _last_logged_error(base)
        _say(f"SMOKE FAIL {reason}" + (f" | log: {logged}" if logged else ""))
        return 1
    finally:
        watchdog.cancel()
        shutil.rmtree(base, ignore_errors=True)
    details.append(f"total_ms={1000 * (time.perf_counter() - started):.0f}")
    _say("SMOKE OK " + " ".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
