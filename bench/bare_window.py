"""The bare-window baseline of bench/gui_first_paint.py: a QApplication, a QMainWindow with six
tabs (the first one a table) and a status bar; prints ``first_paint_ms=…`` when the tab widget
is first painted (the signal the app gives under COMPTOIR_BENCH_FIRST_PAINT), then quits."""

import sys
import time

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
            QTimer.singleShot(0, QApplication.quit)
        return False


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
