"""PAYÉ or refused, noticed without looking (issue 17): a full-window colour flash and a short
sound, both optional (Réglages: ``flash``, ``sound``; on by default at the till).

The flash is a child widget over the whole window, in no layout, transparent to the mouse:
nothing under it moves and a click goes through. The sound needs no new dependency
(QtMultimedia is not in PySide6-Essentials): the system's player for a short tone written
once with the standard library (``paplay``/``aplay``/``afplay``; ``winsound`` on Windows),
else ``QApplication.beep()``."""

from __future__ import annotations

import math
import shutil
import struct
import sys
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QProcess, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from ...services.outcomes import LinkOutcome

# The flash's colour per outcome (the tone of wording.TONES, stronger).
FLASH_COLOURS = {LinkOutcome.PAID: "#1e7b34", LinkOutcome.REFUSED: "#b3261e"}
# A rising pair of notes for PAYÉ, a low double note for a refusal (Hz, seconds).
TONES = {LinkOutcome.PAID: ((880.0, 0.12), (1320.0, 0.22)),
         LinkOutcome.REFUSED: ((330.0, 0.18), (0.0, 0.08), (330.0, 0.18))}
PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


class Flash(QWidget):
    """A colour that covers ``host`` (a window) and fades out, with one word in big."""

    DURATION_MS = 1500
    PEAK_ALPHA = 0.6

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("flash")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.colour = QColor("#000000")
        self.text = ""
        self.level = 0.0
        self._fade = QVariantAnimation(self)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setDuration(self.DURATION_MS)
        self._fade.valueChanged.connect(self._set_level)
        self._fade.finished.connect(self.hide)
        host.installEventFilter(self)  # follow the window's size
        self.hide()

    def flash(self, colour: str, text: str) -> None:
        self.colour, self.text = QColor(colour), text
        self._fit()
        self.raise_()
        self.show()
        self._fade.stop()
        self._set_level(1.0)
        self._fade.start()

    def _fit(self) -> None:
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(host.rect())

    def _set_level(self, value: object) -> None:
        self.level = float(value)  # type: ignore[arg-type]
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = QColor(self.colour)
        colour.setAlphaF(self.PEAK_ALPHA * self.level)
        painter.fillRect(self.rect(), colour)
        if self.text:
            font = QFont(self.font())
            font.setPixelSize(max(24, min(self.height() // 6, 120)))
            font.setBold(True)
            painter.setFont(font)
            ink = QColor("#ffffff")
            ink.setAlphaF(min(1.0, 1.4 * self.level))
            painter.setPen(ink)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()


def flash_window(window: QWidget, outcome: LinkOutcome, text: str) -> Flash | None:
    """Flash ``window`` for a PAYÉ or refused outcome (None for any other)."""
    colour = FLASH_COLOURS.get(outcome)
    if colour is None:
        return None
    flash = window.findChild(Flash, "flash", Qt.FindChildOption.FindDirectChildrenOnly)
    if flash is None:
        flash = Flash(window)
    flash.flash(colour, text)
    return flash


# --- sound --------------------------------------------------------------------------------

def tone_file(outcome: LinkOutcome, folder: Path) -> Path:
    """A short 16-bit mono WAV for ``outcome`` in ``folder`` (the app's own data folder,
    never a shared temporary one), written once (a few kB)."""
    path = folder / f"sound-{outcome.value}.wav"
    if path.exists():
        return path
    rate = 22050
    frames = bytearray()
    for freq, seconds in TONES[outcome]:
        count = int(rate * seconds)
        for i in range(count):
            fade = min(1.0, i / 200, (count - i) / 200)  # no click at either end
            value = math.sin(2 * math.pi * freq * i / rate) * 0.45 * fade if freq else 0.0
            frames += struct.pack("<h", int(value * 32767))
    tmp = path.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    tmp.replace(path)
    return path


def choose_player(which: Callable[[str], str | None] = shutil.which) -> str | None:
    return next((found for name in PLAYERS if (found := which(name))), None)


class Sound:
    """Plays the tone of an outcome without waiting (a detached player, or the bell)."""

    def __init__(self, folder: Path, which: Callable[[str], str | None] = shutil.which,
                 start: Callable[[str, list[str]], object] | None = None) -> None:
        self.folder = folder
        self.player = None if sys.platform == "win32" else choose_player(which)
        self._start = start or (lambda program, args: QProcess.startDetached(program, args))
        self.played: list[LinkOutcome] = []  # what was asked (tests and the bench read it)

    def play(self, outcome: LinkOutcome) -> None:
        if outcome not in TONES:
            return
        self.played.append(outcome)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import winsound

                winsound.PlaySound(str(tone_file(outcome, self.folder)),
                                   winsound.SND_FILENAME | winsound.SND_ASYNC)
                return
            if self.player is not None:
                self._start(self.player, [str(tone_file(outcome, self.folder))])
                return
        except (OSError, RuntimeError):
            pass  # no sound is better than a stuck till: fall back to the bell
        QApplication.beep()
