"""The bare-window baseline of bench/gui_first_paint.py: a QApplication, a QMainWindow with six
tabs (the first one a table) and a status bar; prints ``first_paint_ms=…`` when the tab widget
is first painted (the signal the app gives under COMPTOIR_BENCH_FIRST_PAINT), then quits.

Under ``COMPTOIR_BENCH_STALLS=1`` (bench/startup_stall.py) it stays up, idle, for
``COMPTOIR_BENCH_STALL_SECONDS`` (1.5) after that paint with the app's stall meter running,
prints ``startup_stall_ms=…`` (the machine's idle floor), then quits."""

import os
import sys
import time
from pathlib import Path

_STARTED = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QMainWindow,
    QTableWidget,
    QTabWidget,
    QWidget,
)

TABS = ("Encaisser", "Historique", "Transferts", "Contacts", "Soldes", "Réglages")


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first_paint_ms={1000 * (time.perf_counter() - _STARTED):.1f}", flush=True)
            watched.removeEventFilter(self)
            if os.environ.get("COMPTOIR_BENCH_STALLS"):
                idle_floor()
            else:
                QTimer.singleShot(0, QApplication.quit)
        return False


def idle_floor() -> None:
    """The same meter as the app's, on an idle window (imported after the paint)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from backoffice.ui.stall_meter import StallMeter

    meter = StallMeter()
    meter.start()
    seconds = float(os.environ.get("COMPTOIR_BENCH_STALL_SECONDS", "1.5"))

    def done() -> None:
        meter.finish()
        QApplication.quit()

    QTimer.singleShot(int(1000 * seconds), done)


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Comptoir")
    tabs = QTabWidget()
    for n, name in enumerate(TABS):
        tabs.addTab(QTableWidget(50, 6) if n == 0 else QWidget(), name)
    probe = FirstPaint()
    tabs.installEventFilter(probe)
    window.setCentralWidget(tabs)
    window.statusBar().showMessage("Prêt")
    window.resize(1240, 780)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
