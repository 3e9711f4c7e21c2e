"""Open and save file dialogs, awaited without a nested event loop (never ``exec()``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from .bridge import open_dialog


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
