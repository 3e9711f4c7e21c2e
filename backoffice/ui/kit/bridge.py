"""The one bridge between Qt slots and the async services (qasync: asyncio on the Qt thread).

``bridge.run(coro, disable=[button])`` disables the controls *synchronously* (the user sees it
at once), schedules the coroutine, re-enables the controls when it ends, and sends any error
to the presenter: a slot never raises, the window never freezes. Running tasks are kept (qasync
0.28 holds no strong reference) and cancelled at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)
T = TypeVar("T")


class AsyncBridge(QObject):
    failed = Signal(object)  # the exception, for the error presenter
    busy_changed = Signal(int)  # number of running operations

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def busy(self) -> int:
        return len(self._tasks)

    def run(self, coro: Awaitable[T], *, disable: Iterable[QWidget] = (),
            on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], bool] | None = None) -> asyncio.Task[Any]:
        """Schedule ``coro``. ``on_error`` may return True to say it handled the error;
        otherwise it goes to ``failed`` (the presenter)."""
        widgets = [w for w in disable if w is not None]
        for w in widgets:
            w.setEnabled(False)

        async def wrapper() -> None:
            try:
                result = await coro
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # routed, never raised into Qt
                log.info("operation failed: %s", type(exc).__name__)
                if not (on_error and on_error(exc)):
                    self.failed.emit(exc)
            else:
                if on_done is not None:
                    on_done(result)
            finally:
                for w in widgets:
                    with contextlib.suppress(RuntimeError):  # widget deleted meanwhile
                        w.setEnabled(True)

        task = asyncio.ensure_future(wrapper())
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        if inspect.iscoroutine(coro):  # cancelled before it started: close it quietly
            task.add_done_callback(lambda _: coro.close())
        self.busy_changed.emit(len(self._tasks))
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        self.busy_changed.emit(len(self._tasks))

    async def wait_idle(self) -> None:
        """Wait for every running operation (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)


async def open_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` window-modal and await its result, without a nested event loop
    (``exec()`` inside a coroutine breaks qasync)."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(finished)
    QDialog.open(dialog)  # not dialog.open(): QPrintDialog's binding hides it behind an overload
    dialog.raise_()
    dialog.activateWindow()
    try:
        return await future
    finally:
        with contextlib.suppress(RuntimeError, TypeError):
            dialog.finished.disconnect(finished)


async def print_with_dialog(parent: QWidget, title: str,
                            print_to: Callable[[QPrinter], bool]) -> bool:
    """The system's print dialog, awaited (never exec()), then ``print_to`` on the printer
    chosen; False when the person cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    try:
        if await open_dialog(dialog) != QPrintDialog.DialogCode.Accepted:
            return False
        return print_to(printer)
    finally:
        dialog.deleteLater()
