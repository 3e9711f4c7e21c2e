"""Where to print, written as one address (Réglages → Imprimante, ``COMPTOIR_PRINTER``):

- ``tcp://HOST[:9100]`` an ESC/POS printer on the network (raw port 9100);
- ``usb://VID:PID`` an ESC/POS printer on USB (hexadecimal ids, ``usb://04b8:0202``);
- ``serial:///dev/ttyUSB0[?baud=9600]`` (or ``serial://COM3``) an ESC/POS printer on a serial
  port;
- ``system[:NAME]`` the system's printer (the default one, or NAME), through Qt;
- ``pdf:DIR[?page=A5]`` a PDF file per document in DIR (A4 or A5).

Options after ``?``: ``qr=image`` prints QR codes as pictures (printers without the native
QR command), ``status=0`` skips the status question for network printers that never answer
it, ``page=A4|A5`` for PDFs and the system printer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from .errors import PrinterError, Trouble

THERMAL = ("tcp", "usb", "serial")
PAGES = ("A4", "A5")


@dataclass(frozen=True)
class PrinterUri:
    kind: str  # tcp / usb / serial / system / pdf
    host: str = ""
    port: int = 9100
    vendor: int = 0
    product: int = 0
    device: str = ""  # serial device, system printer name or PDF folder
    options: dict[str, str] = field(default_factory=dict)

    @property
    def thermal(self) -> bool:
        return self.kind in THERMAL

    @property
    def native_qr(self) -> bool:
        return self.options.get("qr", "native") != "image"

    @property
    def ask_status(self) -> bool:
        return self.options.get("status", "1") not in ("0", "no", "off")

    @property
    def page(self) -> str:
        return self.options.get("page", "A5").upper()

    @property
    def folder(self) -> Path:
        return Path(self.device).expanduser()


def _bad(text: str, fr: str, en: str) -> PrinterError:
    return PrinterError(Trouble.CONFIG, f"Adresse d'imprimante invalide « {text} » : {fr}",
                        f"Invalid printer address '{text}': {en}")


def parse(text: str) -> PrinterUri:
    """The address typed in Réglages or COMPTOIR_PRINTER (raises PrinterError CONFIG)."""
    raw = (text or "").strip()
    if not raw:
        raise PrinterError(Trouble.CONFIG, "Aucune imprimante choisie (Réglages → Imprimante).",
                           "No printer chosen (Settings → Printer).")
    head, _, query = raw.partition("?")
    options = {k.lower(): v for k, v in parse_qsl(query)}
    if options.get("page", "A5").upper() not in PAGES:
        raise _bad(raw, "page=A4 ou page=A5", "page=A4 or page=A5")
    scheme, _, rest = head.partition(":")
    scheme = scheme.lower()
    if scheme == "system":
        return PrinterUri("system", device=rest.lstrip("/"), options=options)
    if scheme == "pdf":
        folder = rest[2:] if rest.startswith("//") else rest
        if not folder:
            raise _bad(raw, "indiquez un dossier (pdf:/chemin/du/dossier)",
                       "give a folder (pdf:/path/to/folder)")
        return PrinterUri("pdf", device=folder, options=options)
    if scheme == "tcp":
        return _tcp(raw, head, options)
    if scheme == "usb":
        return _usb(raw, rest, options)
    if scheme == "serial":
        device = rest[2:] if rest.startswith("//") else rest
        if not device:
            raise _bad(raw, "indiquez le port (serial:///dev/ttyUSB0)",
                       "give the port (serial:///dev/ttyUSB0)")
        return PrinterUri("serial", device=device, options=options)
    raise _bad(raw, "commencez par tcp://, usb://, serial://, system ou pdf:",
               "start with tcp://, usb://, serial://, system or pdf:")


def _tcp(raw: str, head: str, options: dict[str, str]) -> PrinterUri:
    parts = urlsplit(head)
    try:
        port = parts.port or 9100
    except ValueError:
        raise _bad(raw, "port invalide", "invalid port") from None
    if not parts.hostname:
        raise _bad(raw, "indiquez l'adresse de l'imprimante (tcp://192.168.1.50:9100)",
                   "give the printer's address (tcp://192.168.1.50:9100)")
    return PrinterUri("tcp", host=parts.hostname, port=port, options=options)


def _usb(raw: str, rest: str, options: dict[str, str]) -> PrinterUri:
    ids = rest.lstrip("/").split(":")
    try:
        vendor, product = (int(x, 16) for x in ids)
        if not (0 < vendor <= 0xFFFF and 0 < product <= 0xFFFF):
            raise ValueError
    except ValueError:
        raise _bad(raw, "usb://VID:PID en hexadécimal (usb://04b8:0202)",
                   "usb://VID:PID in hexadecimal (usb://04b8:0202)") from None
    return PrinterUri("usb", vendor=vendor, product=product, options=options)
