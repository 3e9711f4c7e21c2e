"""Whether Qt has a display to paint on (Linux/BSD without X11 nor Wayland: no)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from . import is_macos, is_windows


def needs_offscreen(environ: Mapping[str, str] = os.environ,
                    platform: str | None = None) -> bool:
    """True when Qt would find no display and abort: no ``QT_QPA_PLATFORM`` chosen, and on
    Linux/BSD neither ``DISPLAY`` (X11) nor ``WAYLAND_DISPLAY``. Windows and macOS always have
    their own platform plugin (windows, cocoa), even in a service session."""
    if environ.get("QT_QPA_PLATFORM") or is_windows(platform) or is_macos(platform):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
