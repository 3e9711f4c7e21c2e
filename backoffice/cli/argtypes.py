"""Bounded whole-number options: ``--limit`` and ``--port`` never reach SQLite or bind() with a
number they would overflow on (argparse then exits 2, naming the option)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from .common import t


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: ASCII digits only, from ``low`` to ``high``."""

    def parse(text: str) -> int:
        text = text.strip()
        if not re.fullmatch(r"-?[0-9]{1,18}", text) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(t(
                f"nombre entier de {low} à {high} attendu, pas {text[:20]!r}",
                f"a whole number from {low} to {high} is expected, not {text[:20]!r}"))
        return int(text)

    return parse


LIMIT = whole(0, 1_000_000)
PORT = whole(0, 65_535)
