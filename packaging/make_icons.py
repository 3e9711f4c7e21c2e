"""Render the app icon (resources/icons/comptoir.svg) to PNG for the Windows and macOS builds:
build/icons/comptoir-1024.png (PyInstaller turns it into .ico / .icns when Pillow is
installed) and comptoir-256.png. Uses Qt's own SVG renderer, so it runs wherever the venv runs.

    python packaging/make_icons.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1024, 256)


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out = Path(argv[0]) if argv else ROOT / "build" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "comptoir.svg"))
    if not renderer.isValid():
        print("cannot read resources/icons/comptoir.svg", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"comptoir-{size}.png"
        if not image.save(str(path), "PNG"):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
