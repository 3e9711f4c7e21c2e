"""Keyring problems, with the French and English words a person reads."""

from __future__ import annotations

import sys

from keyring.backend import KeyringBackend

from backoffice.keyring.backends import backend_name
from backoffice.keyring.credentials import ENV_APIKEY, ENV_SITE_ID, ENV_TRANSFER_PASSWORD
from backoffice.logs import redact


class KeyringProblem(Exception):
    """A keyring problem with a message in French and in English."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en

    def human(self, lang: str = "fr") -> str:
        return self.fr if lang.lower().startswith("fr") else self.en


class NoSecureKeyring(KeyringProblem):
    """No usable secure keyring: credentials cannot be read or stored."""


class KeyringAccessError(KeyringProblem):
    """A secure keyring exists but the operation failed (locked, prompt dismissed, D-Bus…)."""


def no_keyring_messages(detail: str, platform: str | None = None) -> tuple[str, str]:
    """What to do without a secure keyring, for ``platform`` (this one by default) (fr, en)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        fr = (
            "Le Gestionnaire d'identification Windows (Credential Locker) n'est pas "
            "accessible : les identifiants ne peuvent pas être enregistrés. Vérifiez que vous "
            "êtes connecté avec une session Windows normale, puis relancez Comptoir."
        )
        en = (
            "The Windows Credential Locker is not available: credentials cannot be stored. "
            "Make sure you are logged in with a regular Windows session, then restart Comptoir."
        )
    elif platform == "darwin":
        fr = (
            "Le trousseau macOS n'est pas accessible : les identifiants ne peuvent pas être "
            "enregistrés. Ouvrez « Trousseau d'accès », déverrouillez le trousseau de session, "
            "puis relancez Comptoir."
        )
        en = (
            "The macOS Keychain is not available: credentials cannot be stored. Open Keychain "
            "Access, unlock the login keychain, then restart Comptoir."
        )
    else:
        fr = (
            "Aucun coffre sécurisé (Secret Service) n'est disponible : les identifiants ne "
            "peuvent pas être enregistrés. Installez gnome-keyring (sudo apt install "
            "gnome-keyring) ou activez le Secret Service de KWallet ou de KeePassXC, puis "
            "rouvrez votre session."
        )
        en = (
            "No secure keyring (Secret Service) is available: credentials cannot be stored. "
            "Install gnome-keyring (sudo apt install gnome-keyring) or enable the Secret "
            "Service integration of KWallet or KeePassXC, then log in again."
        )
    fr += (
        " Comptoir n'enregistre jamais les identifiants dans un fichier. Pour une exécution "
        f"sans écran, {ENV_APIKEY}, {ENV_SITE_ID} et {ENV_TRANSFER_PASSWORD} peuvent les "
        "fournir le temps d'une exécution."
    )
    en += (
        " Comptoir never stores credentials in a file. For a headless run, "
        f"{ENV_APIKEY}, {ENV_SITE_ID} and {ENV_TRANSFER_PASSWORD} may supply them for that "
        "run only."
    )
    if detail:
        fr += f" (Détail : {detail})"
        en += f" (Detail: {detail})"
    return fr, en


def access_error(
    backend: KeyringBackend, action_fr: str, action_en: str, exc: BaseException
) -> KeyringAccessError:
    """The keyring is there but refused ``action`` (locked, prompt dismissed…)."""
    name = backend_name(backend)
    detail = redact(str(exc)) or type(exc).__name__
    return KeyringAccessError(
        f"Impossible {action_fr} les identifiants dans le coffre « {name} » : il est "
        f"peut-être verrouillé ou l'accès a été refusé. Déverrouillez-le puis réessayez. "
        f"(Détail : {detail})",
        f'Could not {action_en} the credentials in the keyring "{name}": it may be locked '
        f"or access was denied. Unlock it and try again. (Detail: {detail})",
    )
