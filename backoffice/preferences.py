"""Non-secret preferences, shared by the GUI and the CLI: ``settings.json`` in the data
directory, overridden by COMPTOIR_* variables. The manager PIN is stored only as a salted
PBKDF2 hash. Credentials are never here (they live in the OS keyring)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .services.core import Settings

FILE_NAME = "settings.json"
# The default payment description, in the shop's language (a merchant's own text is kept).
DEFAULT_DESCRIPTIONS = {"fr": "Vente comptoir", "en": "Counter sale"}
_PIN_ITERATIONS = 200_000


@dataclass
class Preferences:
    notify_url: str = Settings.notify_url
    return_url: str = Settings.return_url
    currency: str = Settings.currency
    description: str = Settings.description
    lang: str = "fr"
    transfer_notify_url: str = ""
    pin_hash: str = ""  # "salt$hash" (hex), empty: no manager PIN

    def to_settings(self) -> Settings:
        return Settings(notify_url=self.notify_url, return_url=self.return_url,
                        currency=self.currency, description=self.description, lang=self.lang,
                        transfer_notify_url=self.transfer_notify_url)

    def set_lang(self, lang: str) -> None:
        """Switch language; a default description follows it, a merchant's own text stays."""
        self.lang = lang
        if self.description in DEFAULT_DESCRIPTIONS.values():
            self.description = DEFAULT_DESCRIPTIONS["en" if lang.startswith("en") else "fr"]

    # --- manager PIN -------------------------------------------------------------------

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def set_pin(self, pin: str) -> None:
        if not pin:
            self.pin_hash = ""
            return
        salt = secrets.token_bytes(16)
        self.pin_hash = f"{salt.hex()}${_derive(pin, salt).hex()}"

    def check_pin(self, pin: str) -> bool:
        if not self.pin_hash:
            return True
        salt_hex, _, digest = self.pin_hash.partition("$")
        return hmac.compare_digest(_derive(pin, bytes.fromhex(salt_hex)).hex(), digest)


def _derive(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PIN_ITERATIONS)


ENV = {"notify_url": "COMPTOIR_NOTIFY_URL", "return_url": "COMPTOIR_RETURN_URL",
       "currency": "COMPTOIR_CURRENCY", "lang": "COMPTOIR_LANG"}


def load(data_dir: Path, environ: Mapping[str, str] = os.environ) -> Preferences:
    """The file's values (unknown keys ignored, a damaged file falls back to defaults),
    then the environment's."""
    prefs = Preferences()
    path = Path(data_dir) / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = {}
    if isinstance(raw, dict):
        for f in fields(Preferences):
            if isinstance(raw.get(f.name), str):
                setattr(prefs, f.name, raw[f.name])
    for name, var in ENV.items():
        if environ.get(var):
            setattr(prefs, name, environ[var])
    prefs.set_lang(prefs.lang)
    return prefs


def save(data_dir: Path, prefs: Preferences) -> Path:
    """Atomic write (temp file + rename)."""
    path = Path(data_dir) / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(prefs), indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path
