"""One definition of "lost" and "duplicated", shared by the soak and the crash loops: the
journal's operations compared with the simulator's ledger, and loopback helpers."""

from __future__ import annotations

import re
import socket
from collections import Counter
from dataclasses import dataclass, field

# The ids Comptoir generates (services/ids.py): prefix, UTC time, then 8 random hex digits, or
# the till's tag (≤ 8 letters/digits) and 6 random hex digits. The demo shop's never match.
_TAIL = r"\d{12}(?:[0-9A-F]{8}|[A-Z0-9]{1,8}[0-9A-F]{6})"
OURS = {
    "link": re.compile("CPT" + _TAIL),
    "transfer": re.compile("TRF" + _TAIL),
}
PENDING_STATES = ("queued", "sending", "uncertain")


@dataclass
class Tally:
    confirmed: int = 0
    refused: int = 0
    pending: int = 0
    lost: int = 0
    duplicated: int = 0
    problems: list[str] = field(default_factory=list)


def reconcile(kind: str, journal: list[tuple[str, str]], ledger: Counter,
              ours: re.Pattern[str]) -> Tally:
    """``journal``: (ref, state) rows; ``ledger``: how often each ref exists at CinetPay.
    Lost: the journal says sent/final and CinetPay lacks it, the journal says failed and
    CinetPay has it (contacts excepted: 726 "already a contact"), or CinetPay has one of our
    ids the journal does not know. Duplicated: one of our ids more than once at CinetPay."""
    tally = Tally()
    rows = [(ref, state) for ref, state in journal if ours.fullmatch(ref)]
    known = {ref for ref, _ in rows}
    for ref, state in rows:
        count = ledger.get(ref, 0)
        if count > 1:
            tally.duplicated += 1
            tally.problems.append(f"{kind} {ref} appears {count} times at CinetPay")
        if state in ("sent", "final"):
            tally.confirmed += 1
            if count == 0:
                tally.lost += 1
                tally.problems.append(f"{kind} {ref} {state} here, unknown at CinetPay")
        elif state == "failed":
            tally.refused += 1
            if count and kind != "contact":
                tally.lost += 1
                tally.problems.append(f"{kind} {ref} failed here but exists at CinetPay")
        elif state in PENDING_STATES:
            tally.pending += 1
    for ref in ledger:
        if ours.fullmatch(ref) and ref not in known:
            tally.lost += 1
            tally.problems.append(f"{kind} {ref} at CinetPay, unknown to the journal")
    return tally


def closed_port_url() -> str:
    """A loopback URL where nothing listens (connection refused at once): "offline"."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def arm_money_fault(sim, rng, path: str, *, min_latency_ms: int = 100) -> None:
    """Make the next money request slow before the simulator applies it, or applied and
    then left without an answer: the two moments a kill -9 must survive."""
    if rng.random() < 0.5:
        sim.set_faults(latency_ms=rng.randrange(min_latency_ms, 1500), rate=0.0, kinds=[],
                       paths=[path])
    else:
        sim.set_faults(rate=1.0, kinds=["timeout"], count=1, paths=[path], hang_seconds=5)
