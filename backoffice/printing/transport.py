"""Sending ESC/POS bytes to a printer (blocking: run it in a thread), every wait bounded by
``timeout`` seconds. A network printer is asked its status first (DLE EOT, answered at once
even while busy): no answer means a stalled printer, and one without paper or off line is
said so before anything is sent. USB and serial need pyusb / pyserial (optional)."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable
from typing import Any

from .errors import PrinterError, Trouble
from .uri import PrinterUri

DLE_EOT_PRINTER = b"\x10\x04\x01"  # printer status: bit 3 = off line
DLE_EOT_PAPER = b"\x10\x04\x04"  # roll paper sensor: bits 5 and 6 = paper end
OFFLINE_BIT, PAPER_END_BITS = 0x08, 0x60


def send(target: PrinterUri, data: bytes, timeout: float = 4.0) -> None:
    if target.kind == "tcp":
        send_tcp(target, data, timeout)
    elif target.kind == "usb":
        _send_device(lambda: _usb(target, timeout), "USB", data)
    elif target.kind == "serial":
        _send_device(lambda: _serial(target, timeout), "série / serial", data)
    else:  # pragma: no cover - the caller routes system/pdf elsewhere
        raise ValueError(target.kind)


def _where(target: PrinterUri) -> str:
    return f"{target.host}:{target.port}"


def send_tcp(target: PrinterUri, data: bytes, timeout: float) -> None:
    where = _where(target)
    try:
        sock = socket.create_connection((target.host, target.port), timeout=timeout)
    except ConnectionRefusedError:
        raise PrinterError(Trouble.REFUSED,
                           f"L'imprimante {where} refuse la connexion : est-elle allumée, et "
                           "l'adresse est-elle la bonne ?",
                           f"The printer {where} refuses the connection: is it on, and is the "
                           "address right?") from None
    except (TimeoutError, OSError) as exc:
        raise PrinterError(Trouble.UNREACHABLE,
                           f"L'imprimante {where} ne répond pas ({_why(exc)}) : vérifiez qu'elle "
                           "est allumée et sur le même réseau.",
                           f"The printer {where} does not answer ({_why(exc)}): check that it "
                           "is on and on the same network.") from None
    with contextlib.closing(sock):
        sock.settimeout(timeout)
        if target.ask_status:
            _check_status(sock, where, timeout)
        try:
            sock.sendall(data)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
        except TimeoutError:
            raise _stalled(where) from None
        except OSError as exc:
            raise PrinterError(Trouble.FAILED,
                               f"Impression interrompue sur {where} ({_why(exc)}).",
                               f"Printing interrupted on {where} ({_why(exc)}).") from None


def _why(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "délai dépassé / timed out"
    return getattr(exc, "strerror", None) or type(exc).__name__


def _stalled(where: str) -> PrinterError:
    return PrinterError(Trouble.STALLED,
                        f"L'imprimante {where} ne répond plus (bloquée, capot ouvert ou "
                        "occupée ?). Vérifiez-la puis réimprimez.",
                        f"The printer {where} stopped answering (jammed, cover open or busy?). "
                        "Check it, then print again.")


def _check_status(sock: socket.socket, where: str, timeout: float) -> None:
    """Ask the printer's and the paper's status; raise when it is off line, without paper,
    or silent."""
    try:
        sock.sendall(DLE_EOT_PRINTER + DLE_EOT_PAPER)
        answer = _read(sock, 2, timeout)
    except OSError:
        answer = b""
    if len(answer) < 2:
        raise _stalled(where)
    printer, paper = answer[0], answer[1]
    if paper & PAPER_END_BITS == PAPER_END_BITS:
        raise PrinterError(Trouble.PAPER,
                           f"Plus de papier dans l'imprimante {where} : remettez un rouleau "
                           "puis réimprimez.",
                           f"The printer {where} is out of paper: load a roll, then print "
                           "again.")
    if printer & OFFLINE_BIT:
        raise PrinterError(Trouble.OFFLINE,
                           f"L'imprimante {where} est hors ligne (capot ouvert ou erreur) : "
                           "vérifiez-la puis réimprimez.",
                           f"The printer {where} is off line (cover open or error): check it, "
                           "then print again.")


def _read(sock: socket.socket, count: int, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    got = b""
    while len(got) < count:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(count - len(got))
        except TimeoutError:
            break
        if not chunk:
            break
        got += chunk
    sock.settimeout(timeout)
    return got


# --- USB and serial (python-escpos printers; pyusb / pyserial are optional) ---------------

def _missing(what: str, package: str) -> PrinterError:
    return PrinterError(Trouble.MISSING,
                        f"Imprimante {what} : le module « {package} » n'est pas installé "
                        f"(pip install {package}).",
                        f"{what} printer: the '{package}' module is not installed "
                        f"(pip install {package}).")


def _usb(target: PrinterUri, timeout: float) -> Any:
    try:
        import usb.core  # noqa: F401  (pyusb)
    except ImportError:
        raise _missing("USB", "pyusb") from None
    from escpos.printer import Usb

    return Usb(target.vendor, target.product, timeout=int(timeout * 1000))


def _serial(target: PrinterUri, timeout: float) -> Any:
    try:
        import serial  # noqa: F401  (pyserial)
    except ImportError:
        raise _missing("série", "pyserial") from None
    from escpos.printer import Serial

    baud = int(target.options.get("baud", "9600"))
    return Serial(devfile=target.device, baudrate=baud, timeout=timeout)


def _send_device(make: Callable[[], Any], name: str, data: bytes) -> None:
    printer = None
    try:
        printer = make()
        printer.open()
        printer._raw(data)
    except PrinterError:
        raise
    except Exception as exc:  # pyusb / pyserial raise their own kinds
        raise PrinterError(Trouble.UNREACHABLE,
                           f"Imprimante {name} injoignable ({exc}) : est-elle branchée et "
                           "allumée ?",
                           f"{name} printer unreachable ({exc}): is it plugged in and on?"
                           ) from None
    finally:
        if printer is not None:
            with contextlib.suppress(Exception):
                printer.close()
