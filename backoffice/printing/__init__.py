"""Printing what the till prints (output/receipts.py documents) on the printer Réglages
names: ESC/POS thermal printers (network, USB, serial) through python-escpos, the system
printer and PDF files through Qt (``qt_paper``, imported only for those). Everything here
blocks: the services run :func:`deliver` in a thread, with every wait bounded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..output.receipts import PrintDoc
from .errors import PrinterError, Trouble
from .uri import PrinterUri, parse

__all__ = ["CODEPAGES", "WIDTHS", "PrinterConfig", "PrinterError", "PrinterUri", "Trouble",
           "deliver", "parse", "prepare", "write_pdf"]


# Code pages with the French letters (é è à ç ù ô °) that ESC/POS printers commonly have.
CODEPAGES = ("CP858", "CP850", "CP437", "CP1252", "CP860", "CP863", "ISO_8859-15")
WIDTHS = (58, 80)


@dataclass(frozen=True)
class PrinterConfig:
    uri: str = ""
    width: int = 80  # mm: 58 or 80
    codepage: str = "CP858"
    timeout: float = 4.0  # seconds, for each wait on the printer


def prepare(config: PrinterConfig) -> None:
    """What must happen on the main thread before :func:`deliver` runs in another one (Qt's
    application object for the system printer and PDFs). Raises PrinterError CONFIG."""
    target = parse(config.uri)
    if not target.thermal:
        from .qt_paper import ensure_app

        ensure_app()


def deliver(doc: PrintDoc, config: PrinterConfig) -> str:
    """Print ``doc``; returns where it went (the printer, or the PDF's path). Blocking.
    Raises PrinterError only."""
    target = parse(config.uri)
    if target.thermal:
        from .escpos_out import render
        from .transport import send

        try:
            data = render(doc, width=config.width, codepage=config.codepage,
                          native_qr=target.native_qr)
        except ValueError as exc:
            raise PrinterError(Trouble.CONFIG, f"Réglage d'imprimante invalide : {exc}",
                               f"Invalid printer setting: {exc}") from None
        send(target, data, config.timeout)
        return config.uri
    if target.kind == "pdf":
        folder = target.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrinterError(Trouble.CONFIG, f"Dossier PDF inutilisable : {folder} ({exc})",
                               f"PDF folder unusable: {folder} ({exc})") from None
        return str(write_pdf(doc, free_name(folder, doc), target.page))
    from .qt_paper import print_system

    return print_system(doc, target.device, target.page)


def write_pdf(doc: PrintDoc, path: Path, page: str = "A5") -> Path:
    from .qt_paper import write_pdf as qt_write

    try:
        return qt_write(doc, Path(path), page)
    except OSError as exc:
        raise PrinterError(Trouble.FAILED, f"PDF impossible à écrire : {path} ({exc})",
                           f"Cannot write the PDF: {path} ({exc})") from None


def free_name(folder: Path, doc: PrintDoc) -> Path:
    """recu-ID.pdf, qr-ID.pdf… in ``folder``; -2, -3… when it exists."""
    stem = {"receipt": "recu", "slip": "qr", "test": "test", "closing": "cloture"}[doc.kind]
    ident = re.sub(r"[^A-Za-z0-9_-]", "", doc.transaction_id)
    base = f"{stem}-{ident}" if ident else stem
    if doc.duplicate:
        base += "-duplicata"
    path, n = folder / f"{base}.pdf", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}.pdf"
    return path
