"""``pin status | set | clear | reset``: the code gérant (manager code), asked before money
leaves. A forgotten code is reset by the keyring's owner: ``pin reset`` asks the CinetPay API key
saved in the keyring (or the OS keyring tool deletes the ``pin_verifier`` entry).

A PIN is read from a hidden prompt (only on a terminal) or, with ``--pin-stdin``, from lines on
standard input; never from the command line (``ps`` shows it) or the environment."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from .. import config
from ..keyring import CredentialStore
from ..pin import PinCheck, PinGuard, PinState, pin_error
from .common import CliError, Exit, Outcome, lang, t


def guard() -> PinGuard:
    return PinGuard(config.data_dir())


class _Reader:
    """Secrets one after the other: stdin lines (``--pin-stdin``) or hidden prompts."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin
        self._lines: list[str] | None = None

    def __call__(self, fr: str, en: str) -> str | None:
        if self.from_stdin:
            if self._lines is None:
                self._lines = sys.stdin.read().splitlines()
            return self._lines.pop(0).strip() if self._lines else None
        if sys.stdin.isatty():
            return getpass.getpass(t(fr, en)).strip()
        return None


def reader(args: argparse.Namespace) -> _Reader:
    """The run's one reader of secrets (stdin is read once: every later secret — a cashier's
    code, then the code gérant — comes from the same lines)."""
    found = getattr(args, "secrets_reader", None)
    if found is None:
        found = _Reader(bool(getattr(args, "pin_stdin", False)))
        args.secrets_reader = found
    return found


def _no_prompt() -> CliError:
    return CliError(Exit.CREDENTIALS,
                    "Code gérant requis : aucun terminal pour le demander. Fournissez-le "
                    "sur l'entrée standard avec --pin-stdin. Rien n'a été envoyé.",
                    "Manager code required: no terminal to ask for it. Give it on standard "
                    "input with --pin-stdin. Nothing was sent.")


async def require_pin(args: argparse.Namespace) -> None:
    """Before money leaves: nothing to do without a PIN; otherwise the right PIN or a
    :class:`PinError` (exit 3). Keyring and scrypt run off the event loop. A manager who
    proved their own code in this run (cli/actor.act_as) is not asked again."""
    if getattr(args, "manager_proven", False):
        return
    g = guard()
    state = await asyncio.to_thread(g.state)
    if state is PinState.NONE:
        return
    if state is PinState.UNREADABLE:
        await asyncio.to_thread(g.require, None)  # raises: unreadable
    wait = await asyncio.to_thread(g.lockout)
    if wait:  # locked out: do not even ask
        raise PinCheck(False, "locked", wait=wait).error()
    pin = reader(args)("Code gérant : ", "Manager code: ")
    if pin is None:
        raise _no_prompt()
    await asyncio.to_thread(g.require, pin)


def _read_new(read: _Reader) -> str:
    new = read("Nouveau code (4 à 8 chiffres) : ", "New code (4 to 8 digits): ")
    again = read("Nouveau code, encore : ", "New code, again: ")
    if new is None or again is None:
        raise CliError(Exit.USAGE, "Saisissez le nouveau code deux fois (terminal ou "
                       "--pin-stdin)", "Type the new code twice (terminal or --pin-stdin)")
    if new != again:
        raise CliError(Exit.USAGE, "Les deux saisies du nouveau code diffèrent",
                       "The two entries of the new code differ")
    return new


def _current(read: _Reader) -> str:
    pin = read("Code actuel : ", "Current code: ")
    if pin is None:
        raise _no_prompt()
    return pin


def cmd_status(args: argparse.Namespace) -> Outcome:
    g = guard()
    state = g.state()
    wait = g.lockout() if state is PinState.SET else 0
    text = {PinState.NONE: t("Aucun code gérant.", "No manager code."),
            PinState.SET: t("Un code gérant protège les envois d'argent.",
                            "A manager code guards money transfers."),
            PinState.UNREADABLE: pin_error("unreadable").human(lang())}[state]
    lines = [text]
    if wait:
        lines.append(t(f"Bloqué encore {wait} s (trop de codes erronés).",
                       f"Locked for {wait} s more (too many wrong codes)."))
    return Outcome({"state": state.value, "locked_for": wait}, lines)


def cmd_set(args: argparse.Namespace) -> Outcome:
    g = guard()
    read = _Reader(args.pin_stdin)
    state = g.state()
    if state is PinState.UNREADABLE:
        raise pin_error("unreadable")
    current = _current(read) if state is PinState.SET else None
    new = _read_new(read)
    g.set(new, current)
    return Outcome({"state": "set"}, [t("Code gérant enregistré dans le coffre du système.",
                                        "Manager code saved in the system keyring.")])


def cmd_clear(args: argparse.Namespace) -> Outcome:
    g = guard()
    state = g.state()
    if state is PinState.UNREADABLE:
        raise pin_error("unreadable")
    if state is PinState.SET:
        g.clear(_current(_Reader(args.pin_stdin)))
    return Outcome({"state": "none"}, [t("Code gérant supprimé.", "Manager code removed.")])


def cmd_reset(args: argparse.Namespace) -> Outcome:
    """The manager's way out (PIN forgotten, or unreadable): proven by the CinetPay API key."""
    # Only the key saved in the keyring proves the manager: COMPTOIR_APIKEY is whatever the
    # person starting the command chose.
    if CredentialStore().load() is None:
        raise CliError(Exit.CREDENTIALS,
                       "Aucun identifiant CinetPay enregistré pour prouver qui vous êtes : la "
                       "réinitialisation demande la clé API enregistrée dans le trousseau.",
                       "No saved CinetPay credentials to prove who you are: the reset needs "
                       "the API key saved in the keyring.")
    typed = _Reader(args.pin_stdin)("Clé API CinetPay (preuve du gérant) : ",
                                    "CinetPay API key (the manager's proof): ")
    if typed is None:
        raise _no_prompt()
    if not guard().key_proves_manager(typed):
        raise CliError(Exit.CREDENTIALS, "Clé API incorrecte : code gérant inchangé.",
                       "Wrong API key: manager code unchanged.")
    guard().reset()
    return Outcome({"state": "none"}, [t(
        "Code gérant réinitialisé : définissez-en un nouveau (comptoir-cli pin set).",
        "Manager code reset: set a new one (comptoir-cli pin set).")])
