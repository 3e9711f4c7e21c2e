"""Realistic, deterministic demo data for training mode (same rng_seed, same shop).

About 300 payments over the six weeks before the simulator started (mostly ACCEPTED, some
REFUSED with various codes, a few links still waiting for the customer), a dozen contacts,
a funded transfer account (250 000 XOF available) and a few past transfers, one of them
rejected (its receiver's number ends in 99, the simulator's rejection rule).

Payments, contacts and transfers each draw from their own random stream, and every stream
draws the same number of times whatever the hour: the contacts are identical at any time
of day, and the payments differ only in where "now" puts them.
"""

from __future__ import annotations

import math
import random
import unicodedata

from .clock import to_datetime
from .ledger import (
    TRANSFER_FINAL_AFTER,
    Ledger,
    Payment,
    Transfer,
    operator_for,
)

DAY = 86400.0
PAYMENT_COUNT = 300
HISTORY_DAYS = 42
PENDING_COUNT = 4
TRANSFER_AVAILABLE = 250_000

SURNAMES = (
    "Aya", "Adjoua", "Akissi", "Amenan", "Affoué", "Awa", "Mariam", "Fatou", "Aminata",
    "Koffi", "Kouadio", "Yao", "Kouamé", "Ibrahim", "Seydou", "Moussa", "Désiré", "Serge",
    "Arsène", "Hervé", "Brice", "Salimata", "Ange", "Grâce",
)  # fmt: skip
NAMES = (
    "Kouassi", "Koné", "Traoré", "Yao", "Kouamé", "Diabaté", "Bamba", "Coulibaly", "N'Guessan",
    "Ouattara", "Konan", "Touré", "Aka", "Gnagne", "Dje Bi", "Séka", "Brou", "Kacou", "Tanoh",
)  # fmt: skip
DESCRIPTIONS = (
    "Vente comptoir", "Vente comptoir", "Vente comptoir", "Pagne wax 6 yards", "Sac de riz 25 kg",
    "Huile 5 L", "Recharge téléphone", "Chaussures enfant", "Attiéké poisson braisé",
    "Savon et lessive", "Lot de cahiers", "Bidons d'eau", "Tissu bazin", "Livraison Cocody",
    "Réparation téléphone", "Abonnement mensuel", "Commande boutique en ligne",
)  # fmt: skip
REFUSALS = ("600", "602", "602", "604", "627", "627", "627", "635")
OPERATORS = (("OM", 40), ("MOMO", 25), ("WAVE", 15), ("FLOOZ", 12), ("VISAM", 8))
PHONE_PREFIX_BY_OPERATOR = {"OM": "07", "MOMO": "05", "FLOOZ": "01"}


def seed_demo_data(ledger: Ledger, rng_seed: int, anchor: float) -> None:
    _seed_payments(ledger, stream(rng_seed, "payments"), anchor)
    _seed_contacts(ledger, stream(rng_seed, "contacts"), anchor)
    _seed_transfers(ledger, stream(rng_seed, "transfers"), anchor)


def stream(rng_seed: int, kind: str) -> random.Random:
    """One independent random stream per kind of demo data."""
    return random.Random(f"comptoir-demo-{rng_seed}-{kind}")


def add_past_payments(ledger: Ledger, rng_seed: int, anchor: float, count: int,
                      days: int, prefix: str = "ARC") -> None:
    """``count`` more settled payments over the ``days`` before ``anchor`` (a long, busy
    history: e.g. a year over the client's answer size cap)."""
    _seed_payments(ledger, stream(rng_seed, f"past-{prefix}-{count}-{days}"), anchor,
                   count=count, days=days, prefix=prefix, pending=0)


def _phone(rng: random.Random, lead: str | None = None) -> str:
    lead = lead or rng.choice(("07", "05", "01"))
    return lead + "".join(str(rng.randrange(10)) for _ in range(8))


def _amount(rng: random.Random) -> int:
    """Log-uniform 500..150 000, rounded like shop prices (multiples of 50/500/1000)."""
    raw = math.exp(rng.uniform(math.log(500), math.log(150_000)))
    step = 50 if raw < 5_000 else 500 if raw < 50_000 else 1_000
    return int(min(max(round(raw / step) * step, 500), 150_000))


def _opening_hours_times(rng: random.Random, anchor: float, count: int,
                         days: int = HISTORY_DAYS) -> list[float]:
    """Two draws per payment whatever the hour: a time not yet reached today (or in the last
    quarter of an hour) moves to the day before instead of being drawn again."""
    midnight = anchor - anchor % DAY
    times = []
    for _ in range(count):
        day = rng.randrange(days)
        ts = midnight - day * DAY + rng.uniform(7.5 * 3600, 20.5 * 3600)
        if ts >= anchor - 900:  # nothing in the last quarter of an hour
            ts -= DAY
        times.append(ts)
    return sorted(times)


def _seed_payments(ledger: Ledger, rng: random.Random, anchor: float, *,
                   count: int = PAYMENT_COUNT, days: int = HISTORY_DAYS, prefix: str = "VTE",
                   pending: int = PENDING_COUNT) -> None:
    times = _opening_hours_times(rng, anchor, count, days)
    # A few of the latest links are still waiting for the customer (a fixed-size window, so
    # the draws do not depend on the hour).
    latest = range(max(0, count - 2 * pending), count)
    waiting = set(rng.sample(latest, min(pending, len(latest))))
    methods = [name for name, _ in OPERATORS]
    weights = [weight for _, weight in OPERATORS]
    width = max(4, len(str(count)))
    for i, created in enumerate(times):
        name, surname = rng.choice(NAMES), rng.choice(SURNAMES)
        payment = ledger.add_payment(
            Payment(
                transaction_id=f"{prefix}-{to_datetime(created):%Y%m%d}-{i + 1:0{width}d}",
                token=ledger.new_token(),
                amount=_amount(rng),
                currency=ledger.currency,
                description=rng.choice(DESCRIPTIONS),
                created_at=created,
                metadata=rng.choice(("caisse-1", "caisse-2", None)),
                notify_url="https://boutique-demo.ci/cinetpay/notify",
                return_url="https://boutique-demo.ci/merci",
                customer={"customer_name": name, "customer_surname": surname},
                source="demo",
            )
        )
        if i in waiting:
            continue
        method = rng.choices(methods, weights)[0]
        refused = rng.random() < 0.12
        ledger.settle(
            payment.transaction_id,
            "REFUSED" if refused else "ACCEPTED",
            now=min(created + rng.uniform(30, 600), anchor - 60),
            payment_method=method,
            phone_number=_phone(rng, PHONE_PREFIX_BY_OPERATOR.get(method)),
            code=rng.choice(REFUSALS) if refused else None,
        )


def _email(surname: str, name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", f"{surname}.{name}").encode("ascii", "ignore")
    local = ascii_.decode().lower().replace(" ", "").replace("'", "")
    return f"{local}@exemple.ci"


def _seed_contacts(ledger: Ledger, rng: random.Random, anchor: float) -> None:
    lot = ledger.new_lot(anchor - 60 * DAY)
    for i in range(12):
        name, surname = NAMES[i], SURNAMES[(i * 5) % len(SURNAMES)]
        phone = _phone(rng)
        if i == 11:
            phone = phone[:-2] + "99"  # the contact whose transfers are rejected
        email = _email(surname, name) if i % 3 else ""
        ledger.add_contact("225", phone, name, surname, email, lot, anchor - 60 * DAY)


def _seed_transfers(ledger: Ledger, rng: random.Random, anchor: float) -> None:
    validated = 0
    midnight = anchor - anchor % DAY
    picks = [*rng.sample(ledger.contacts[:11], 5), ledger.contacts[11]]
    for n, contact in enumerate(picks):
        created = midnight - (20 - 3 * n) * DAY + rng.uniform(8 * 3600, 17 * 3600)
        created = min(created, anchor - TRANSFER_FINAL_AFTER - 3600)
        amount = rng.randrange(10, 150) * 500
        transfer = ledger.add_transfer(
            Transfer(
                transaction_id=ledger.new_transfer_id(created),
                client_transaction_id=f"TRF-{to_datetime(created):%Y%m%d}-{n + 1:03d}",
                lot=ledger.new_lot(created),
                prefix=contact.prefix,
                phone=contact.phone,
                amount=amount,
                operator=operator_for(contact.prefix, contact.phone),
                notify_url="",
                created_at=created,
            )
        )
        if transfer.status(anchor) == "VAL":
            validated += amount
    ledger.transfer_funds = TRANSFER_AVAILABLE + validated
