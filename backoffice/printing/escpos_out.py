"""A document (output/receipts.py) as ESC/POS bytes, built with python-escpos' Dummy printer:
initialise (ESC @), the chosen code page (ESC t n; French accents in CP858, never UTF-8),
text, the native QR command (GS ( k) or a QR picture for printers without it, then feed and
cut (GS V)."""

from __future__ import annotations

import logging
import os
import warnings

import platformdirs

# python-escpos caches its printer profiles at import; in Comptoir's cache, not a new
# temporary folder per process.
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR",
                      platformdirs.user_cache_dir("Comptoir", appauthor=False, ensure_exists=True))

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from ..output.receipts import BULLET, COLUMNS, Pair, PrintDoc, Qr, Rule, Text, aligned, pair_lines
from ..output.receipts import plain as plain_spaces
from . import CODEPAGES

_PYTHON_NAMES = {"ISO_8859-15": "iso8859_15"}
_QR_DOTS = {(80, "large"): 8, (80, "small"): 5, (58, "large"): 6, (58, "small"): 4}


def check_codepage(codepage: str) -> str:
    name = (codepage or "").upper()
    if name not in CODEPAGES:
        raise ValueError(f"unknown code page {codepage!r} ({', '.join(CODEPAGES)})")
    return name


def printable(text: str, codepage: str) -> str:
    """``text`` with only what the code page holds: money's spaces as spaces, the masking
    bullet as a middle dot (or *), anything else missing as ?."""
    codec = _PYTHON_NAMES.get(codepage, codepage.lower())
    out = []
    for char in plain_spaces(text):
        if char == BULLET:
            char = "·" if _fits("·", codec) else "*"
        out.append(char if _fits(char, codec) else "?")
    return "".join(out)


def _fits(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def render(doc: PrintDoc, *, width: int = 80, codepage: str = "CP858",
           native_qr: bool = True) -> bytes:
    """The bytes to send to the printer (``width``: 58 or 80 mm)."""
    codepage = check_codepage(codepage)
    width = 58 if width == 58 else 80
    columns = COLUMNS[width]
    p = Dummy()
    p.hw("INIT")
    p.charcode(codepage)
    for block in doc.blocks:
        if isinstance(block, Text):
            large = block.size == "large"
            p.set(align=block.align, bold=block.bold, normal_textsize=not large,
                  double_width=large, double_height=large)
            for line in aligned(block.text, "left", columns // (2 if large else 1)):
                p.textln(printable(line, codepage))
            p.set(normal_textsize=True, bold=False)
        elif isinstance(block, Pair):
            p.set(align="left", bold=block.bold)
            for line in pair_lines(block.label, block.value, columns):
                p.textln(printable(line, codepage))
            p.set(bold=False)
        elif isinstance(block, Rule):
            p.set(align="left")
            p.textln(block.char * columns)
        elif isinstance(block, Qr):
            _qr(p, block, width, native_qr)
    p.set(align="left", normal_textsize=True, bold=False)
    p.cut()
    return bytes(p.output)


def _qr(p: Dummy, block: Qr, width: int, native: bool) -> None:
    p.set(align="center")
    size = _QR_DOTS[(width, block.size)]
    if native:
        p.qr(block.payload, ec=QR_ECLEVEL_M, size=size, native=True)
        p.ln()
        return
    # A picture (GS v 0) centred by the alignment command: printers without GS ( k.
    logging.getLogger("escpos").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p.qr(block.payload, ec=QR_ECLEVEL_M, size=size, native=False)
