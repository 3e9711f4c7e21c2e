"""The manager PIN that guards every way money leaves (GUI and CLI), Qt-free.

* The verifier (scrypt, random salt) lives in the OS keyring next to the credentials
  (service ``Comptoir/<profile>``, entry ``pin_verifier``), where staff cannot edit it away.
* The failure counter and lockout (``pin_attempts``, JSON) live there too: shared by the GUI
  and the CLI, kept across restarts; 5 wrong PINs lock for 30 s, then 1 min, 2 min… (1 h max).
* A non-secret marker file ``pin.required`` in the data directory records that a PIN exists.
  The keyring is the truth; the marker only matters when the keyring cannot answer. Fail
  closed: a keyring error, or a marker without a verifier, locks money-out until a manager
  resets the PIN (:meth:`PinGuard.reset`, after proving they hold the CinetPay API key).
* A ``pin_hash`` left in ``settings.json`` by older versions is moved into the keyring once.

Every method may block on the keyring (unlock prompt, D-Bus) and scrypt is slow on purpose:
call them through ``asyncio.to_thread`` from an event loop.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from platformdirs import user_config_dir

from .config import ensure_private_dir
from .keyring import CredentialStore, KeyringProblem

log = logging.getLogger(__name__)

ENTRY_VERIFIER = "pin_verifier"
ENTRY_ATTEMPTS = "pin_attempts"
MARKER_FILE = "pin.required"
SETTINGS_FILE = "settings.json"
FREE_TRIES = 5
FIRST_DELAY = 30.0  # seconds, doubled at each further wrong PIN
MAX_DELAY = 3600.0
PIN_MIN, PIN_MAX = 4, 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_LEGACY_ITERATIONS = 200_000  # the PBKDF2 of settings.json's old pin_hash


class PinState(Enum):
    NONE = "none"  # no PIN: money-out needs only the confirmation
    SET = "set"  # a PIN is required
    UNREADABLE = "unreadable"  # a PIN exists or may exist but cannot be checked: locked


class PinError(Exception):
    """Why the PIN refused (``reason``: wrong / locked / unreadable / invalid / proof)."""

    def __init__(self, reason: str, fr: str, en: str, wait: int = 0) -> None:
        super().__init__(en)
        self.reason, self.fr, self.en, self.wait = reason, fr, en, wait

    def human(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    reason: str = "ok"  # ok / none / wrong / locked / unreadable
    wait: int = 0  # seconds before the next try (locked)
    tries_left: int = 0  # before the lockout (wrong)

    def error(self) -> PinError:
        return pin_error(self.reason, self.wait, self.tries_left)


def pin_error(reason: str, wait: int = 0, tries_left: int = 0) -> PinError:
    if reason == "locked":
        return PinError(reason, f"Trop de codes erronés : réessayez dans {_fr_wait(wait)}.",
                        f"Too many wrong codes: try again in {_en_wait(wait)}.", wait)
    if reason == "unreadable":
        return PinError(
            reason,
            "Le code gérant ne peut pas être vérifié (coffre du système illisible ou "
            "code effacé) : les envois d'argent restent bloqués. Déverrouillez le coffre, ou "
            "le gérant réinitialise le code (comptoir-cli pin reset, ou Réglages).",
            "The manager code cannot be checked (system keyring unreadable or code erased): "
            "money transfers stay locked. Unlock the keyring, or the manager resets the code "
            "(comptoir-cli pin reset, or Settings).")
    if reason == "missing":
        return PinError(reason, "Code gérant requis : rien n'a été envoyé.",
                        "Manager code required: nothing was sent.")
    left_fr = f" ({tries_left} essai(s) avant blocage)" if tries_left else ""
    left_en = f" ({tries_left} tr{'y' if tries_left == 1 else 'ies'} before lockout)" \
        if tries_left else ""
    return PinError("wrong", f"Code gérant incorrect{left_fr}.",
                    f"Wrong manager code{left_en}.")


def _fr_wait(seconds: int) -> str:
    return f"{seconds} s" if seconds < 120 else f"{(seconds + 59) // 60} min"


def _en_wait(seconds: int) -> str:
    return f"{seconds} s" if seconds < 120 else f"{(seconds + 59) // 60} min"


def valid_new_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def lockout_delay(failures: int) -> float:
    """Seconds locked after ``failures`` consecutive wrong PINs (0 below the free tries)."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY * 2 ** min(failures - FREE_TRIES, 20), MAX_DELAY)


# --------------------------------------------------------------------------- verifier


def make_verifier(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def matches(verifier: str, pin: str) -> bool:
    parts = verifier.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(x) for x in parts[1:4])
            salt, want = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
            got = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(want),
                                 maxmem=256 * 1024 * 1024)
        elif parts[0] == "pbkdf2" and len(parts) == 3:
            salt, want = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
            got = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _LEGACY_ITERATIONS)
        else:
            return False
    except (ValueError, OverflowError):
        return False
    return hmac.compare_digest(got, want)


def _needs_upgrade(verifier: str) -> bool:
    return not verifier.startswith(f"scrypt${_SCRYPT['n']}$")


# --------------------------------------------------------------------------- the guard


class _Vault(KeyringBackend):
    """A private in-memory vault: training mode's PIN (reset at each launch)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self._d: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._d.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._d[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._d.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


KeyringBackend._classes.discard(_Vault)  # never auto-picked


class PinGuard:
    """The PIN of one data directory's shop profile.

    ``store``: the keyring entries' home (default: the platform's secure keyring, opened on
    first use, off the caller's thread). ``clock``: wall-clock seconds (tests).
    """

    def __init__(self, data_dir: os.PathLike[str] | str, *, store: CredentialStore | None = None,
                 profile: str = "default", clock: Callable[[], float] = time.time,
                 marker_on_disk: bool = True, lock_path: Path | None = None,
                 who: str = "") -> None:
        self.data_dir = Path(data_dir)
        self.profile = profile
        # ``who``: "" for the manager code; a cashier's own entries otherwise (for_cashier).
        self.who = who
        self.entry_verifier = f"{ENTRY_VERIFIER}.{who}" if who else ENTRY_VERIFIER
        self.entry_attempts = f"{ENTRY_ATTEMPTS}.{who}" if who else ENTRY_ATTEMPTS
        # The failure counter is one keyring entry per OS user and profile, shared by every
        # data directory: its read-check-write is serialised by a per-user lock file.
        self.lock_path = lock_path or Path(user_config_dir("comptoir")) / f"pin-{profile}.lock"
        self._store = store
        self._clock = clock
        self._marker_on_disk = marker_on_disk
        self._marked = False  # training: the marker lives in memory with the vault

    @classmethod
    def training(cls, data_dir: os.PathLike[str] | str) -> PinGuard:
        """Training mode: a PIN that lives in memory for this launch only."""
        return cls(data_dir, store=CredentialStore("formation", backend=_Vault()),
                   marker_on_disk=False, lock_path=Path(data_dir) / "pin.lock")

    def for_cashier(self, cashier_id: str) -> PinGuard:
        """A named cashier's PIN: its own verifier and failure counter in the same keyring
        service (and the same attempt lock). A cashier always has a PIN: a missing verifier
        reads as unreadable (fail closed), never as "no PIN"."""
        guard = PinGuard(self.data_dir, store=self._store, profile=self.profile,
                         clock=self._clock, marker_on_disk=False, lock_path=self.lock_path,
                         who=f"cashier.{cashier_id}")
        guard._marked = True
        return guard

    @property
    def store(self) -> CredentialStore:
        if self._store is None:
            self._store = CredentialStore(self.profile)
        return self._store

    @property
    def marker(self) -> Path:
        return self.data_dir / MARKER_FILE

    def marked(self) -> bool:
        return self.marker.exists() if self._marker_on_disk else self._marked

    def probably_required(self) -> bool:
        """Cheap, disk-only hint (no keyring): for a screen's first paint, never a decision."""
        return self.marked() or (self._marker_on_disk and bool(_legacy_hash(self.data_dir)))

    # --- keyring access (any failure: None = unreadable) --------------------------------

    def _backend(self) -> KeyringBackend | None:
        return self.store.backend

    def _get(self, entry: str) -> str | None:
        backend = self._backend()
        if backend is None:
            raise _NoKeyring()
        return backend.get_password(self.store.service, entry)

    def _put(self, entry: str, value: str) -> None:
        backend = self._backend()
        if backend is None:
            raise _NoKeyring()
        backend.set_password(self.store.service, entry, value)

    def _delete(self, entry: str) -> None:
        backend = self._backend()
        if backend is None:
            raise _NoKeyring()
        with contextlib.suppress(PasswordDeleteError):
            backend.delete_password(self.store.service, entry)

    # --- state ------------------------------------------------------------------------

    def _verifier(self) -> tuple[PinState, str | None]:
        """(state, verifier); migrates settings.json's legacy pin_hash once."""
        legacy = _legacy_hash(self.data_dir) if self._marker_on_disk else ""
        try:
            verifier = self._get(self.entry_verifier)
            if not verifier and legacy:
                verifier = f"pbkdf2${legacy}"
                self._put(self.entry_verifier, verifier)
                log.info("manager PIN moved from settings.json into the keyring")
        except _NoKeyring:
            if legacy:
                self._mark()
                _drop_legacy_hash(self.data_dir)
            return (PinState.UNREADABLE if self.marked() else PinState.NONE), None
        except Exception as exc:
            log.warning("manager PIN: keyring unreadable (%s): money-out locked",
                        type(exc).__name__)
            return PinState.UNREADABLE, None
        if legacy:
            self._mark()
            _drop_legacy_hash(self.data_dir)
        if verifier:
            self._mark()
            return PinState.SET, verifier
        return (PinState.UNREADABLE if self.marked() else PinState.NONE), None

    def state(self) -> PinState:
        return self._verifier()[0]

    def _attempts(self) -> tuple[int, float]:
        raw = self._get(self.entry_attempts)
        if not raw:
            return 0, 0.0
        try:
            data = json.loads(raw)
            return int(data["failures"]), float(data["until"])
        except (ValueError, KeyError, TypeError):
            return FREE_TRIES, self._clock() + FIRST_DELAY  # damaged: assume the worst

    def lockout(self) -> int:
        """Seconds before the next try is allowed (0: now)."""
        try:
            failures, until = self._attempts()
        except Exception:
            return 0
        return self._wait(failures, until)

    def _wait(self, failures: int, until: float) -> int:
        now = self._clock()
        # A clock set back must not lock for longer than the delay itself.
        until = min(until, now + lockout_delay(failures))
        return max(0, int(until - now + 0.999))

    def check(self, pin: str) -> PinCheck:
        """Check ``pin``, counting failures. Locked out: refused without looking at it.
        Concurrent checks (several processes, one keyring) are serialised, so every wrong PIN
        counts: N guesses at once cannot share one free try."""
        try:
            with _exclusive(self.lock_path):
                return self._check(pin)
        except OSError as exc:  # cannot serialise: fail closed
            log.warning("manager PIN: cannot lock the attempt counter (%s)", type(exc).__name__)
            return PinCheck(False, "unreadable")

    def _check(self, pin: str) -> PinCheck:
        state, verifier = self._verifier()
        if state is PinState.NONE:
            return PinCheck(True, "none")
        if verifier is None:
            return PinCheck(False, "unreadable")
        try:
            failures, until = self._attempts()
            wait = self._wait(failures, until)
            if wait:
                return PinCheck(False, "locked", wait=wait)
            if pin and matches(verifier, pin):
                if failures:
                    self._delete(self.entry_attempts)
                if _needs_upgrade(verifier):
                    self._put(self.entry_verifier, make_verifier(pin))
                return PinCheck(True)
            failures += 1
            delay = lockout_delay(failures)
            self._put(self.entry_attempts, json.dumps(
                {"failures": failures, "until": self._clock() + delay}))
        except Exception as exc:  # cannot count: fail closed
            log.warning("manager PIN: keyring error while checking (%s)", type(exc).__name__)
            return PinCheck(False, "unreadable")
        log.warning("manager PIN: wrong PIN (%d in a row)", failures)
        if delay:
            return PinCheck(False, "locked", wait=int(delay))
        return PinCheck(False, "wrong", tries_left=FREE_TRIES - failures)

    def key_proves_manager(self, typed: str) -> bool:
        """A forgotten or unreadable PIN is reset by whoever knows the CinetPay API key saved
        in the keyring (constant time). Never a key from the environment or the session:
        whoever starts Comptoir chooses those."""
        try:
            saved = self.store.load()
        except KeyringProblem:
            return False
        key = typed.strip()
        if saved is None or not key:
            return False
        return hmac.compare_digest(key.encode(), saved.apikey.encode())

    def require(self, pin: str | None) -> None:
        """Raise :class:`PinError` unless money may leave (no PIN, or the right one)."""
        state = self.state()
        if state is PinState.NONE:
            return
        if state is PinState.SET and not pin:
            raise pin_error("missing")
        result = self.check(pin or "")
        if not result.ok:
            raise result.error()

    def set(self, new: str, current: str | None = None) -> None:
        """Define or change the PIN (the current one is required when there is one)."""
        if not valid_new_pin(new):
            raise PinError("invalid", f"Le code doit comporter {PIN_MIN} à {PIN_MAX} chiffres.",
                           f"The code must have {PIN_MIN} to {PIN_MAX} digits.")
        state = self.state()
        if state is not PinState.NONE:
            self.require(current or "")
        self._write(make_verifier(new))

    def define(self, new: str) -> None:
        """A new cashier's first PIN (their entry is new: no current PIN to ask)."""
        if not valid_new_pin(new):
            raise PinError("invalid", f"Le code doit comporter {PIN_MIN} à {PIN_MAX} chiffres.",
                           f"The code must have {PIN_MIN} to {PIN_MAX} digits.")
        self._write(make_verifier(new))

    def _write(self, verifier: str) -> None:
        try:
            self._put(self.entry_verifier, verifier)
            self._delete(self.entry_attempts)
        except _NoKeyring:
            raise self.store_problem() from None
        except KeyringProblem:
            raise
        except Exception as exc:
            raise pin_error("unreadable") from exc
        self._mark()

    def clear(self, current: str) -> None:
        """Remove the PIN (the current one is required)."""
        if self.state() is PinState.NONE:
            return
        self.require(current)
        self._erase()

    def reset(self) -> None:
        """The manager's way out when the PIN is forgotten or unreadable. The caller has
        checked the manager's proof (the CinetPay API key); money-out is then free until a new
        PIN is set."""
        self._erase()
        log.warning("manager PIN reset by the manager")

    def _erase(self) -> None:
        try:
            self._delete(self.entry_verifier)
            self._delete(self.entry_attempts)
        except _NoKeyring:
            pass  # nothing can be stored there: only the marker remains
        except Exception as exc:
            raise pin_error("unreadable") from exc
        self._marked = False
        if self._marker_on_disk:
            with contextlib.suppress(FileNotFoundError):
                self.marker.unlink()
            _drop_legacy_hash(self.data_dir)

    def store_problem(self) -> KeyringProblem:
        try:
            self.store.load()
        except KeyringProblem as exc:
            return exc
        return KeyringProblem("Coffre du système indisponible.", "System keyring unavailable.")

    def _mark(self) -> None:
        self._marked = True
        if not self._marker_on_disk or self.marker.exists():
            return
        try:
            ensure_private_dir(self.data_dir)
            fd = os.open(self.marker, os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("A manager PIN guards money-out; its verifier is in the OS keyring.\n")
        except OSError as exc:
            log.warning("manager PIN marker not written: %s", exc)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """An exclusive, blocking lock on ``path`` (created 0600); released on close, also when the
    process dies."""
    from .platform.lock import exclusive

    ensure_private_dir(path.parent)
    with exclusive(path):
        yield


class _NoKeyring(Exception):
    pass


def _legacy_hash(data_dir: Path) -> str:
    try:
        raw = json.loads((Path(data_dir) / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    value = raw.get("pin_hash") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and "$" in value else ""


def _drop_legacy_hash(data_dir: Path) -> None:
    path = Path(data_dir) / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(raw, dict) and "pin_hash" in raw:
        del raw["pin_hash"]
        from .preferences import write_json

        write_json(path, raw)
