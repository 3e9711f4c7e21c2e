"""QR codes for payment links (segno: PNG and SVG without Pillow)."""

from __future__ import annotations

import io
from pathlib import Path

import segno


def make_qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def save_qr(url: str, path: Path | str, *, scale: int = 8) -> Path:
    """Write the QR of ``url`` as PNG or SVG (by extension), black on white, quiet zone 4."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise ValueError("QR file must end in .png or .svg")
    make_qr(url).save(str(path), kind=kind, scale=scale, border=4, dark="black", light="white")
    return path


def qr_png_bytes(url: str, *, scale: int = 8) -> bytes:
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=scale, border=4, dark="black", light="white")
    return out.getvalue()
