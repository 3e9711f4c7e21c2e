"""Answer shapes of the Transfer API that a real account meets and a trainee (or a test) must
see: ``POST /_sim/shapes/transfer`` sets them, ``GET`` shows them, ``{}`` clears them (so does
``/_sim/reset``). Settings (JSON object, all optional):

- ``send_code`` (e.g. ``"709"``, ``-1``, ``"999"``): the whole answer of the next send(s) is
  this code; with ``applied`` (default true) the orders are applied first, as when CinetPay
  fails after executing them.
- ``item_code``: each good item of the next send(s) answers this code instead of 0 (applied
  unless ``applied`` is false).
- ``item_without_code``: the next send(s) answer items without any ``code`` (applied).
- ``count``: how many sends the three settings above apply to (default 1).
- ``duplicate_rounds`` N: the next N sends answer 805 CLIENT_TRANSACTION_ID_EXIST for every
  item and apply nothing, so a check answers 723 NOT_FOUND: the contradiction a client must
  stop on.
- ``slow_send_seconds`` S: sends wait S seconds before they are applied (checks meanwhile
  answer 723). This replaces the fault settings (it is a latency on the send path).
- ``email_confirmation`` (bool): new transfers wait for the merchant's e-mail confirmation:
  ``sending_status`` PENDING and ``treatment_status`` NOS until confirmed.
- ``confirm_all`` (bool, one-off): the merchant confirms every waiting transfer now.
- ``contact_echo``: ``"formatted"`` (contact additions echo the number as ``+225 07 01 …``)
  or ``"other"`` (another number entirely, as in the documentation's own example).
"""

from __future__ import annotations

from typing import Any

from .codes import TRANSFER_CODES
from .faults import FaultConfig
from .ledger import Invalid
from .routes_control import _body, guarded
from .state import SimState
from .web import Request, Response, json_response

SEND_PATH = "/v1/transfer/money/send"
ECHOES = ("formatted", "other")
_KEYS = {"send_code", "applied", "item_code", "item_without_code", "count", "duplicate_rounds",
         "slow_send_seconds", "email_confirmation", "confirm_all", "contact_echo"}


@guarded
def transfer_shapes(state: SimState, req: Request) -> Response:
    if req.method == "POST":
        configure(state, _body(req))
    return json_response(dict(state.ledger.transfer_shapes))


def configure(state: SimState, body: dict[str, Any]) -> None:
    unknown = set(body) - _KEYS
    if unknown:
        raise Invalid(f"unknown transfer shapes: {sorted(unknown)}")
    ledger = state.ledger
    if body.pop("confirm_all", False):
        now = state.now()
        for t in ledger.transfers:
            if t.awaits_confirmation and t.confirmed_at is None:
                t.confirmed_at = now
        if not body:
            return  # a one-off action: the other settings stay as they are
    try:
        shapes = {**_send_shapes(body), **_other_shapes(body)}
        slow = float(body.get("slow_send_seconds") or 0)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"invalid transfer shapes: {exc}") from exc
    if slow:
        shapes["slow_send_seconds"] = slow
        state.faults.configure(FaultConfig(latency_ms=int(slow * 1000), paths=[SEND_PATH]))
    elif ledger.transfer_shapes.get("slow_send_seconds"):
        state.faults.configure(FaultConfig())
    ledger.transfer_shapes = shapes


def _send_shapes(body: dict[str, Any]) -> dict[str, Any]:
    """Answers to the next ``count`` sends: a whole-answer or per-item code, no code."""
    shapes: dict[str, Any] = {key: str(body[key]) for key in ("send_code", "item_code")
                              if body.get(key) is not None}
    if body.get("item_without_code"):
        shapes["item_without_code"] = True
    if shapes:
        shapes["count"] = int(body.get("count", 1))
        shapes["applied"] = bool(body.get("applied", True))
    return shapes


def _other_shapes(body: dict[str, Any]) -> dict[str, Any]:
    shapes: dict[str, Any] = {}
    if body.get("duplicate_rounds"):
        shapes["duplicate_rounds"] = int(body["duplicate_rounds"])
    if body.get("email_confirmation"):
        shapes["email_confirmation"] = True
    if body.get("contact_echo"):
        echo = str(body["contact_echo"])
        if echo not in ECHOES:
            raise Invalid(f"contact_echo must be one of {list(ECHOES)}")
        shapes["contact_echo"] = echo
    return shapes


# -- hooks used by routes_transfer ---------------------------------------------------------------
def take_send_shape(state: SimState) -> dict[str, Any]:
    """What shapes this send (consuming one use of the counted ones)."""
    shapes = state.ledger.transfer_shapes
    taken: dict[str, Any] = {}
    if shapes.get("duplicate_rounds", 0) > 0:
        shapes["duplicate_rounds"] -= 1
        return {"duplicate": True}
    if shapes.get("count", 0) > 0:
        shapes["count"] -= 1
        taken = {k: shapes[k] for k in ("send_code", "item_code", "item_without_code",
                                        "applied") if k in shapes}
    return taken


def awaits_confirmation(state: SimState) -> bool:
    return bool(state.ledger.transfer_shapes.get("email_confirmation"))


def whole_answer(code: str) -> Response:
    """A whole-answer code, documented or not (an undocumented one gets a generic message)."""
    known = TRANSFER_CODES.get(int(code)) if code.lstrip("-").isdigit() else None
    message, description = (known[0], known[1]) if known else ("UNKNOWN_ERROR", "Erreur")
    return json_response({"code": code, "message": message, "description": description,
                          "data": []})


def reshape_items(results: list[dict[str, Any]], shape: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-item codes of an applied send, as the shape asks."""
    out = []
    for item in results:
        if item.get("code") == 0 and shape.get("item_code") is not None:
            code = shape["item_code"]
            known = TRANSFER_CODES.get(int(code)) if code.lstrip("-").isdigit() else None
            item = {**item, "code": code, "status": "error",
                    "message": known[0] if known else "UNKNOWN_ERROR"}
        elif item.get("code") == 0 and shape.get("item_without_code"):
            item = {k: v for k, v in item.items() if k not in ("code", "status")}
        out.append(item)
    return out


def echo_phone(state: SimState, prefix: str, phone: str, index: int) -> str:
    """The number as the answer echoes it (unchanged unless ``contact_echo`` is set)."""
    echo = state.ledger.transfer_shapes.get("contact_echo")
    if echo == "formatted":
        pairs = " ".join(phone[i:i + 2] for i in range(0, len(phone), 2))
        return f"+{prefix} {pairs}"
    if echo == "other":
        return f"{(int(phone) * 7 + 13 + index) % 10**8:08d}"  # another number entirely
    return phone
