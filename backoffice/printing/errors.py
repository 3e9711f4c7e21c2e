"""A printing problem, said in French and English. Printing never raises anything else to
the services: a printer that is off, refuses, stalls or has no paper is one of these."""

from __future__ import annotations

from enum import StrEnum


class Trouble(StrEnum):
    CONFIG = "config"  # no printer, or an address that cannot be used
    REFUSED = "refused"  # nothing listens there (printer off, wrong address)
    UNREACHABLE = "unreachable"  # no route, no answer to the connection
    STALLED = "stalled"  # connected, but the printer stopped answering
    PAPER = "paper"  # out of paper
    OFFLINE = "offline"  # the printer says it is off line (cover open, error)
    MISSING = "missing"  # a USB / serial device or a library that is not there
    FAILED = "failed"  # anything else (written in the message)


class PrinterError(Exception):
    def __init__(self, trouble: Trouble, fr: str, en: str) -> None:
        super().__init__(en)
        self.trouble, self.fr, self.en = trouble, fr, en

    def human(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr
