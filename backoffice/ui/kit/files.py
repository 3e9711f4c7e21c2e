"""Open and save file dialogs, awaited without a nested event loop (never ``exec()``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ...output.csvfiles import CsvError, read_file
from .bridge import open_dialog
from .messages import MessageBar

T = TypeVar("T")


def tr(text: str) -> str:
    return QCoreApplication.translate("files", text)


async def ask_save_path(parent: QWidget, caption: str, filters: list[str],
                        suggested: str) -> Path | None:
    """A save-file dialog. The extension of the chosen filter is added when the name has
    none."""
    dialog = QFileDialog(parent, caption, suggested)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(filters)
    try:
        if await open_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        if not files:
            return None
        path = Path(files[0])
        if not path.suffix:
            chosen = dialog.selectedNameFilter()
            if "*." in chosen:
                path = path.with_suffix("." + chosen.split("*.", 1)[1].split(")")[0].strip())
        return path
    finally:
        dialog.deleteLater()


async def ask_open_path(parent: QWidget, caption: str, filters: list[str]) -> Path | None:
    dialog = QFileDialog(parent, caption)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(filters)
    try:
        if await open_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        files = dialog.selectedFiles()
        return Path(files[0]) if files else None
    finally:
        dialog.deleteLater()


async def ask_csv_path(parent: QWidget, caption: str) -> Path | None:
    """An open-file dialog for a CSV (or Excel "Unicode text") import."""
    return await ask_open_path(parent, caption, [tr("Fichiers CSV (*.csv *.txt)"),
                                                 tr("Tous les fichiers (*)")])


def read_csv(path: Path, parse: Callable[[bytes], T], messages: MessageBar,
             lang: str) -> T | None:
    """``parse`` the file's bytes, or say in the message bar why it cannot be read."""
    try:
        return parse(read_file(path))
    except CsvError as exc:
        messages.show_message(exc.human(lang), "error")
    except OSError as exc:
        messages.show_message(
            tr("Fichier illisible : {why}").format(why=exc.strerror or exc), "error")
    return None
