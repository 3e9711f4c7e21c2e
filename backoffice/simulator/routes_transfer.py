"""Transfer API (client.cinetpay.com): login, balance, contacts, send money, transfer status.

Form bodies and query parameters; ``token`` is read from the query, the form body or a header
(``token``, ``x-token`` or ``Authorization: Bearer …``); ``lang`` (fr/en, default fr) picks the
language of descriptions. Lists arrive as one form field ``data`` holding a JSON array.

Choices where the documentation is silent:

- Batches are judged per item, as CinetPay reports per item: a bad line gets its own error
  code in the double list (``data: [[…]]``) and the good lines are applied; the request
  itself answers code 0. Only insufficient funds (the sum of the good lines above the
  available balance) rejects the whole request (602) and applies nothing.
- Per-item codes are numbers (0, 724, 726, 802…); whole-request codes follow the seed
  examples: "701", "704", "705", "706", "716", "718" as strings, 602 and 723 as numbers.
- Token and credential errors (701, 705, 706) are HTTP 401; everything else HTTP 200.
- Phone numbers: 8 to 10 digits; prefixes of the countries CinetPay serves. A contact needs
  a name and a surname (716 per item otherwise); the e-mail is optional.
- Transfers are NEW for 20 simulated seconds, then REC, then VAL after 60 s, or REJ when
  the receiver's number ends in "99" (training rule; see ledger.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import shapes_transfer as shapes
from .codes import transfer_description, transfer_message
from .ledger import Transfer, operator_for
from .state import SimState
from .web import Request, Response, json_response

COUNTRY_PREFIXES = frozenset({"225", "221", "223", "226", "228", "229", "227", "237", "224", "243"})
MIN_TRANSFER, MAX_TRANSFER = 200, 1_500_000
STRING_CODES = frozenset({701, 704, 705, 706, 716, 718})
UNAUTHORIZED = frozenset({701, 705, 706})
COMMENTS = {
    "NEW": ("En attente de traitement", "Waiting to be processed"),
    "REC": ("En cours de traitement", "Being processed"),
    "NOS": ("En attente de confirmation du marchand", "Waiting for the merchant's confirmation"),
    "VAL": ("Transfert effectué avec succès", "Transfer completed successfully"),
    "REJ": ("Transfert rejeté par l'opérateur", "Transfer rejected by the operator"),
}

Handler = Callable[[SimState, Request], Response]


def lang_of(req: Request) -> str:
    return "en" if (req.query.get("lang") or "").lower() == "en" else "fr"


def params(req: Request) -> dict[str, str]:
    """Query parameters overlaid with form fields."""
    form = req.form() if not req.is_json() else {}
    return {**req.query, **form}


def transfer_error(req: Request, code: int, description: str | None = None) -> Response:
    body: dict[str, object] = {
        "code": str(code) if code in STRING_CODES else code,
        "message": transfer_message(code),
        "description": description or transfer_description(code, lang_of(req)),
        "data": [],
    }
    return json_response(body, 401 if code in UNAUTHORIZED else 200)


def success(data: Any) -> Response:
    return json_response({"code": 0, "message": "OPERATION_SUCCES", "data": data})


def _token(req: Request) -> str | None:
    auth = req.header("authorization") or ""
    bearer = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    return params(req).get("token") or req.header("token") or req.header("x-token") or bearer


def authenticated(handler: Handler) -> Handler:
    def wrapper(state: SimState, req: Request) -> Response:
        error = state.token_error(_token(req))
        return transfer_error(req, error) if error else handler(state, req)

    wrapper.__name__ = handler.__name__
    return wrapper


# -- login and balance --------------------------------------------------------------------------
def login(state: SimState, req: Request) -> Response:
    p = params(req)
    if not p.get("apikey") or not p.get("password"):
        return transfer_error(req, 704, "apikey et password sont obligatoires")
    creds = state.credentials
    if (p["apikey"], p["password"]) != (creds["apikey"], creds["transfer_password"]):
        return transfer_error(req, 701)
    return success({"token": state.issue_token()})


@authenticated
def balance(state: SimState, req: Request) -> Response:
    return success(state.ledger.transfer_balance(state.now()))


# -- contacts -----------------------------------------------------------------------------------
@authenticated
def list_contacts(state: SimState, req: Request) -> Response:
    return success([c.public() for c in state.ledger.contacts])


@authenticated
def add_contacts(state: SimState, req: Request) -> Response:
    items = _data_items(req)
    if isinstance(items, Response):
        return items
    lot = state.ledger.new_lot(state.now())
    return success([[_add_contact(state, req, item, lot, i) for i, item in enumerate(items)]])


def _add_contact(state: SimState, req: Request, item: Any, lot: str,
                 index: int = 0) -> dict[str, Any]:
    if not isinstance(item, dict):
        return _item_error(req, {"value": item}, 716, lot)
    number = _phone(item)
    if number is None:
        return _item_error(req, item, 802, lot)
    name, surname = (str(item.get(k) or "").strip() for k in ("name", "surname"))
    email = str(item.get("email") or "").strip()
    if not name or not surname or (email and "@" not in email):
        return _item_error(req, item, 716, lot)
    if state.ledger.find_contact(*number):
        return _item_error(req, item, 726, lot)
    state.ledger.add_contact(*number, name, surname, email, lot, state.now())
    echoed = shapes.echo_phone(state, *number, index)
    return {**item, "phone": echoed, "code": 0, "status": "success", "lot": lot}


# -- send money ---------------------------------------------------------------------------------
@authenticated
def send_money(state: SimState, req: Request) -> Response:
    items = _data_items(req)
    if isinstance(items, Response):
        return items
    lot = state.ledger.new_lot(state.now())
    shape = shapes.take_send_shape(state)
    if shape.get("duplicate"):  # 805 for every item, nothing applied (a check says 723)
        return success([[_item_error(req, item if isinstance(item, dict) else {}, 805, lot)
                         for item in items]])
    if shape.get("send_code") and not shape.get("applied"):
        return shapes.whole_answer(shape["send_code"])
    results: list[dict[str, Any]] = []
    orders: list[tuple[int, dict[str, Any], tuple[str, str], int]] = []
    seen_ids: set[str] = set()
    for item in items:
        checked = _check_order(state, req, item, lot, seen_ids)
        if isinstance(checked, dict):
            results.append(checked)
        else:
            orders.append((len(results), item, *checked))
            results.append({})
    total = sum(amount for *_, amount in orders)
    available = state.ledger.transfer_balance(state.now())["available"]
    if total > available:
        return transfer_error(req, 602, _insufficient(available, total, lang_of(req)))
    for index, item, number, amount in orders:
        results[index] = _send_one(state, item, number, amount, lot)
    if shape.get("send_code"):  # applied, then an error answered for the whole request
        return shapes.whole_answer(shape["send_code"])
    return success([shapes.reshape_items(results, shape)])


def _check_order(
    state: SimState, req: Request, item: Any, lot: str, seen_ids: set[str]
) -> dict[str, Any] | tuple[tuple[str, str], int]:
    """(number, amount) for a valid order line, else the line's error item."""
    if not isinstance(item, dict):
        return _item_error(req, {"value": item}, 716, lot)
    number = _phone(item)
    if number is None:
        return _item_error(req, item, 802, lot)
    amount = _amount(item.get("amount"))
    if amount is None:
        return _item_error(req, item, 801, lot)
    if amount < MIN_TRANSFER or amount > MAX_TRANSFER:
        return _item_error(req, item, 719 if amount < MIN_TRANSFER else 720, lot)
    if state.ledger.find_contact(*number) is None:
        return _item_error(req, item, 724, lot)
    client_id = str(item.get("client_transaction_id") or "").strip()
    if client_id and (client_id in seen_ids or state.ledger.client_id_used(client_id)):
        return _item_error(req, item, 805, lot)
    if client_id:
        seen_ids.add(client_id)
    return number, amount


def _send_one(
    state: SimState, item: dict[str, Any], number: tuple[str, str], amount: int, lot: str
) -> dict[str, Any]:
    now = state.now()
    transfer = state.ledger.add_transfer(
        Transfer(
            transaction_id=state.ledger.new_transfer_id(now),
            client_transaction_id=str(item.get("client_transaction_id") or "").strip() or None,
            lot=lot,
            prefix=number[0],
            phone=number[1],
            amount=amount,
            operator=operator_for(*number),
            notify_url=str(item.get("notify_url") or ""),
            created_at=now,
            awaits_confirmation=shapes.awaits_confirmation(state),
        )
    )
    return {
        **item,
        "code": 0,
        "status": "success",
        "treatment_status": transfer.status(now),
        "transaction_id": transfer.transaction_id,
        "lot": lot,
    }


def _insufficient(available: int, total: int, lang: str) -> str:
    def money(n: int) -> str:
        return f"{n:,.2f}".replace(",", " ").replace(".", ",")

    if lang == "en":
        return f"Insufficient funds: available {money(available)}, total: {money(total)}"
    return (
        f"Fonds Insuffisant :disponible {money(available)}, "
        f"Total de l'operation à effectuer : {money(total)}"
    )


# -- transfer status ----------------------------------------------------------------------------
@authenticated
def check_money(state: SimState, req: Request) -> Response:
    p = params(req)
    keys = ("transaction_id", "client_transaction_id", "lot")
    if not any(p.get(k) for k in keys):
        return transfer_error(req, 704, "transaction_id, client_transaction_id ou lot requis")
    found = state.ledger.find_transfers(**{k: p.get(k) or None for k in keys})
    if not found:
        return transfer_error(req, 723)
    now, lang = state.now(), lang_of(req)
    return success([_transfer_view(t, now, lang) for t in found])


def _transfer_view(t: Transfer, now: float, lang: str) -> dict[str, Any]:
    status = t.status(now)
    fr, en = COMMENTS[status]
    return {
        "transaction_id": t.transaction_id,
        "client_transaction_id": t.client_transaction_id,
        "lot": t.lot,
        "amount": str(t.amount),
        "receiver": t.phone,
        "receiver_e164": f"+{t.prefix}{t.phone}",
        "operator": t.operator,
        "sending_status": t.sending_status,
        "transfer_valid": "Y",
        "treatment_status": status,
        "comment": en if lang == "en" else fr,
        "validated_at": t.validated_at(now),
    }


# -- helpers ------------------------------------------------------------------------------------
def _data_items(req: Request) -> list[Any] | Response:
    """The JSON array of the ``data`` field (or a JSON body), else the request's error."""
    if req.is_json():
        try:
            body = req.json()
        except ValueError:
            return transfer_error(req, 718)
        raw = body.get("data") if isinstance(body, dict) else body
    else:
        raw = params(req).get("data")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return transfer_error(req, 718)
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        return transfer_error(req, 716, "data doit être un tableau JSON non vide")
    return raw


def _item_error(req: Request, item: dict[str, Any], code: int, lot: str) -> dict[str, Any]:
    lang = lang_of(req)
    return {
        **item,
        "code": code,
        "status": "error",
        "message": transfer_message(code),
        "description": transfer_description(code, lang),
        "lot": lot,
    }


def _phone(item: dict[str, Any]) -> tuple[str, str] | None:
    """(prefix, phone) normalised, or None when invalid."""
    prefix = str(item.get("prefix") or "").replace(" ", "").lstrip("+")
    phone = str(item.get("phone") or "").replace(" ", "")
    if prefix not in COUNTRY_PREFIXES or not phone.isdigit() or not 8 <= len(phone) <= 10:
        return None
    return prefix, phone


def _amount(value: Any) -> int | None:
    """Amounts may come as numbers or strings ("500", "500.0")."""
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip().replace(" ", ""))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
