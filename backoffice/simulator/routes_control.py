"""Control API under /_sim/ (JSON, no auth, never delayed nor faulted).

POST /_sim/payments/{transaction_id}/settle, POST /_sim/payments (a payment made outside
the till), POST /_sim/payments/{transaction_id}/amend, POST /_sim/clock, GET|POST /_sim/faults,
POST /_sim/reset, GET /_sim/credentials, GET /_sim/ledger. Errors: ``{"error": "…"}`` with
HTTP 400 (invalid), 404 (unknown payment) or 409 (payment already final).

A web page open on the till must not drive it (settle a payment as paid): every control
request is refused (403) when it comes from another origin (an ``Origin`` header other than
the simulator itself), when its Host names a domain (DNS rebinding) and, for a POST, unless it
says ``Content-Type: application/json`` (which no form and no "simple" cross-site request
can send). Tests and scripts (httpx, curl with ``-H 'Content-Type: application/json'``) pass.
"""

from __future__ import annotations

from typing import Any

from .clock import fmt_datetime
from .faults import FaultConfig
from .ledger import Invalid, SimError
from .state import SimState
from .web import Request, Response, addressed_by_ip, json_response, same_origin


def _body(req: Request) -> dict[str, Any]:
    if not req.body.strip():
        return {}
    try:
        data = req.json()
    except ValueError as exc:
        raise Invalid("body must be JSON") from exc
    if not isinstance(data, dict):
        raise Invalid("body must be a JSON object")
    return data


def refuse_browser(req: Request) -> Response | None:
    """The 403 answer for a request a web page could have made, else None."""
    if not same_origin(req):
        why = "cross-origin request refused (Origin is not this simulator)"
    elif not addressed_by_ip(req):
        why = "Host must be an IP address or localhost"
    elif req.method == "POST" and not req.is_json():
        why = "POST requires Content-Type: application/json"
    else:
        return None
    return json_response({"error": why}, 403)


def guarded(handler: Any) -> Any:
    """Turn SimError into its JSON error answer."""

    def wrapper(state: SimState, req: Request, **params: str) -> Response:
        try:
            return handler(state, req, **params)
        except SimError as exc:
            return json_response({"error": str(exc)}, exc.status)

    wrapper.__name__ = handler.__name__
    return wrapper


@guarded
def settle(state: SimState, req: Request, transaction_id: str) -> Response:
    body = _body(req)
    payment = state.ledger.settle(
        transaction_id,
        str(body.get("outcome", "ACCEPTED")),
        now=state.now(),
        payment_method=str(body.get("payment_method") or "OM"),
        phone_number=str(body.get("phone_number") or "0701020304"),
        code=None if body.get("code") is None else str(body["code"]),
        phone_prefix=None if body.get("phone_prefix") is None else str(body["phone_prefix"]),
    )
    return json_response(payment.snapshot())


@guarded
def outside_payment(state: SimState, req: Request) -> Response:
    """POST /_sim/payments {"transaction_id", "amount", "currency"?, "payment_method"?}."""
    body = _body(req)
    try:
        amount = int(body.get("amount"))  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise Invalid("amount must be an integer") from exc
    if not str(body.get("transaction_id") or ""):
        raise Invalid("transaction_id is required")
    payment = state.ledger.outside_payment(
        str(body["transaction_id"]), amount, state.now(), str(body.get("currency") or ""),
        str(body.get("payment_method") or "OM"))
    return json_response(payment.snapshot())


@guarded
def amend(state: SimState, req: Request, transaction_id: str) -> Response:
    """POST /_sim/payments/{id}/amend {"amount"?, "status"?}."""
    body = _body(req)
    amount = body.get("amount")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        raise Invalid("amount must be an integer")
    status = body.get("status")
    payment = state.ledger.amend(transaction_id, amount,
                                 None if status is None else str(status))
    return json_response(payment.snapshot())


def _now(state: SimState) -> dict[str, Any]:
    now = state.now()
    return {"now": now, "now_text": fmt_datetime(now)}


@guarded
def clock(state: SimState, req: Request) -> Response:
    if req.method == "POST":
        try:
            state.clock.advance(float(_body(req).get("advance_seconds", 0)))
        except (TypeError, ValueError) as exc:
            raise Invalid(f"advance_seconds: {exc}") from exc
    return json_response(_now(state))


@guarded
def faults(state: SimState, req: Request) -> Response:
    if req.method == "POST":
        state.faults.configure(FaultConfig.from_json(_body(req)))
    return json_response(state.faults.describe())


def reset(state: SimState, req: Request) -> Response:
    state.reset()
    return json_response({"reset": True, **_now(state)})


def credentials(state: SimState, req: Request) -> Response:
    return json_response({**state.credentials, "current": dict(state.current_credentials)})


def ledger(state: SimState, req: Request) -> Response:
    return json_response(state.ledger.snapshot(state.now()))
