"""Non-secret preferences, shared by the GUI and the CLI: ``settings.json`` in the data
directory (0600), overridden by COMPTOIR_* variables. Neither the credentials nor the manager
PIN are here: both live in the OS keyring (:mod:`backoffice.pin`; an old ``pin_hash`` found here
is moved there once and never written back)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .services.settings import Settings

FILE_NAME = "settings.json"
# The default payment description, in the shop's language (a merchant's own text is kept).
DEFAULT_DESCRIPTIONS = {"fr": "Vente comptoir", "en": "Counter sale"}


@dataclass
class Preferences:
    notify_url: str = Settings.notify_url
    return_url: str = Settings.return_url
    currency: str = Settings.currency
    description: str = Settings.description
    lang: str = "fr"
    transfer_notify_url: str = ""
    # The shop and this till (receipts, closings; the till defaults to the host name).
    shop_name: str = ""
    shop_address: str = ""
    shop_timezone: str = ""  # IANA name ("Africa/Abidjan"); empty: the machine's zone
    till: str = ""
    idle_lock_minutes: int = 10  # with cashiers: lock the till after this idle time (0: never)
    # Printing (issue 15): a printer URI (tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0,
    # system, pdf:DIR; empty: none), paper width in mm, the ESC/POS code page.
    printer: str = ""
    printer_width: int = 80
    printer_codepage: str = "CP858"
    auto_print_slip: bool = False
    auto_print_receipt: bool = False
    # The till's look and feedback (issue 17).
    theme: str = "system"  # system / light / dark
    till_text: bool = False  # a larger text size for the till
    sound: bool = True
    flash: bool = True
    link_expiry_minutes: int = 30  # a waiting link ends on its own after this time
    # The shop database (issue 16, backoffice/shop/setup.py): a PostgreSQL DSN without its
    # password (COMPTOIR_SHOP_DB wins; the password: keyring, PGPASSWORD or ~/.pgpass).
    shop_db: str = ""

    def to_settings(self) -> Settings:
        return Settings(notify_url=self.notify_url, return_url=self.return_url,
                        currency=self.currency, description=self.description, lang=self.lang,
                        transfer_notify_url=self.transfer_notify_url,
                        link_expiry_minutes=self.link_expiry_minutes)

    def set_lang(self, lang: str) -> None:
        """Switch language; a default description follows it, a merchant's own text stays."""
        self.lang = lang
        if self.description in DEFAULT_DESCRIPTIONS.values():
            self.description = DEFAULT_DESCRIPTIONS["en" if lang.startswith("en") else "fr"]


ENV = {"notify_url": "COMPTOIR_NOTIFY_URL", "return_url": "COMPTOIR_RETURN_URL",
       "currency": "COMPTOIR_CURRENCY", "lang": "COMPTOIR_LANG", "till": "COMPTOIR_TILL",
       "printer": "COMPTOIR_PRINTER"}


def load(data_dir: Path, environ: Mapping[str, str] = os.environ) -> Preferences:
    """The file's values (unknown keys ignored, a damaged file falls back to defaults),
    then the environment's."""
    prefs = Preferences()
    raw = _read(Path(data_dir) / FILE_NAME)
    for f in fields(Preferences):
        value = raw.get(f.name)
        kind = type(getattr(prefs, f.name))
        # bool is an int: a value is taken only when its JSON type is exactly the field's.
        if type(value) is kind:
            setattr(prefs, f.name, value)
    for name, var in ENV.items():
        if environ.get(var):
            setattr(prefs, name, environ[var])
    prefs.set_lang(prefs.lang)
    return prefs


def _read(path: Path) -> dict[str, object]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def save(data_dir: Path, prefs: Preferences) -> Path:
    """Atomic write (temp file + rename), owner-only."""
    path = Path(data_dir) / FILE_NAME
    from .config import ensure_private_dir

    ensure_private_dir(path.parent)
    data: dict[str, object] = asdict(prefs)
    if prefs.shop_db:  # a password never reaches settings.json
        from .shop.setup import strip_password

        data["shop_db"] = strip_password(prefs.shop_db)
    legacy = _read(path).get("pin_hash")
    if legacy:  # an old PIN not moved into the keyring yet (backoffice.pin does it): keep it
        data["pin_hash"] = legacy
    write_json(path, data)
    return path


def write_json(path: Path, data: object) -> None:
    """``data`` as JSON at ``path``, atomically, mode 0600 whatever the umask."""
    tmp = path.with_suffix(".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False))
    os.replace(tmp, path)
