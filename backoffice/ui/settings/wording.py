"""Why the manager PIN refused, said the same way on the lock page and the PIN page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...pin import PinCheck


def tr(text: str) -> str:
    return QCoreApplication.translate("settings", text)


def refusal(result: PinCheck, *, changing: bool = False) -> str:
    """``changing``: the code typed was the current one of a change or a removal."""
    if changing and result.reason == "wrong":
        return tr("Code actuel incorrect.")
    if result.reason == "locked":
        return tr("Trop de codes erronés : réessayez dans {seconds} s.").format(
            seconds=result.wait)
    if result.reason == "unreadable":
        return tr("Le code ne peut pas être vérifié (coffre du système illisible ou "
                  "code effacé) : le gérant le réinitialise ci-dessous.")
    return tr("Code incorrect.")
