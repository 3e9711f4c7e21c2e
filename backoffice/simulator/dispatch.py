"""Routing, the CinetPay front's behaviour (User-Agent check), faults and the request log.

Three kinds of routes:
- ``api``: the CinetPay API families; need a User-Agent (else 403 "error code: 1010"), are
  delayed and faulted as configured, and are written to the request log;
- ``page``: the customer's checkout page;
- ``control``: /_sim/ (never delayed nor faulted).
Handlers run under the simulator lock; delays and hangs happen outside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from . import checkout_page
from . import routes_checkout as checkout
from . import routes_control as control
from . import routes_current as current
from . import routes_legacy as legacy
from . import routes_transfer as transfer
from .faults import BEFORE_APPLY, early_response, truncate
from .shapes_checkout import control as checkout_shapes
from .shapes_transfer import transfer_shapes
from .state import SimState
from .web import DROP, Answer, Request, Response, nginx_error, same_origin, text_response

Handler = Callable[..., Response]


@dataclass(frozen=True)
class Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    handler: Handler
    kind: str  # "api" | "page" | "control"
    name: str


def _route(methods: str, pattern: str, handler: Handler, kind: str, name: str) -> Route:
    return Route(frozenset(methods.split()), re.compile(pattern + r"\Z"), handler, kind, name)


SETTLE = r"/_sim/payments/(?P<transaction_id>[^/]+)/settle"
TOKEN = r"(?P<token>[^/]+)"
IDENTIFIER = r"(?P<identifier>[^/]+)"
ROUTES: tuple[Route, ...] = (
    _route("POST", r"/v2/payment", checkout.init_payment, "api", "checkout.init"),
    _route("POST", r"/v2/payment/check", checkout.check_payment, "api", "checkout.check"),
    _route("GET POST", r"/v[12]", legacy.legacy, "api", "legacy"),
    _route("POST", r"/v1/auth/login", transfer.login, "api", "transfer.login"),
    _route("GET POST", r"/v1/transfer/check/balance", transfer.balance, "api", "transfer.balance"),
    _route("GET", r"/v1/transfer/contact", transfer.list_contacts, "api", "transfer.contacts"),
    _route("POST", r"/v1/transfer/contact", transfer.add_contacts, "api", "transfer.add_contacts"),
    _route("POST", r"/v1/transfer/money/send/contact", transfer.send_money, "api", "transfer.send"),
    _route("GET POST", r"/v1/transfer/check/money", transfer.check_money, "api", "transfer.check"),
    # CinetPay's current platform (after the classic routes: /v1/transfer/contact stays theirs).
    _route("POST", r"/v1/oauth/login", current.login, "api", "current.login"),
    _route("POST", r"/v1/payment", current.create_payment, "api", "current.payment"),
    _route("GET", rf"/v1/payment/{IDENTIFIER}", current.payment_status, "api",
           "current.payment_status"),
    _route("POST", r"/v1/transfer", current.create_transfer, "api", "current.transfer"),
    _route("GET", rf"/v1/transfer/{IDENTIFIER}", current.transfer_status, "api",
           "current.transfer_status"),
    _route("GET", r"/v1/balances", current.balances, "api", "current.balances"),
    _route("GET", rf"/checkout/{TOKEN}", checkout_page.show, "page", "checkout.page"),
    _route("POST", rf"/checkout/{TOKEN}", checkout_page.submit, "page", "checkout.submit"),
    _route("POST", SETTLE, control.settle, "control", "sim.settle"),
    _route("POST", r"/_sim/payments", control.outside_payment, "control", "sim.outside"),
    _route("POST", r"/_sim/payments/(?P<transaction_id>[^/]+)/amend", control.amend, "control",
           "sim.amend"),
    _route("GET POST", r"/_sim/clock", control.clock, "control", "sim.clock"),
    _route("GET POST", r"/_sim/faults", control.faults, "control", "sim.faults"),
    _route("POST", r"/_sim/reset", control.reset, "control", "sim.reset"),
    _route("GET", r"/_sim/credentials", control.credentials, "control", "sim.credentials"),
    _route("GET", r"/_sim/ledger", control.ledger, "control", "sim.ledger"),
    _route("GET POST", r"/_sim/shapes/transfer", transfer_shapes, "control",
           "sim.shapes.transfer"),
    _route("GET POST", r"/_sim/shapes/checkout", checkout_shapes, "control",
           "sim.shapes.checkout"),
)


def _match(req: Request) -> tuple[Route | None, dict[str, str], bool]:
    """(route, path parameters, whether the path exists for another method)."""
    path, method = req.path, "GET" if req.method == "HEAD" else req.method
    known_path = False
    for route in ROUTES:
        m = route.pattern.match(path)
        if m:
            known_path = True
            if method in route.methods:
                return route, {k: unquote(v) for k, v in m.groupdict().items()}, True
    return None, {}, known_path


def dispatch(state: SimState, req: Request) -> Answer:
    route, params, known_path = _match(req)
    if route is None:
        status, reason = (405, "Not Allowed") if known_path else (404, "Not Found")
        return nginx_error(status, reason)
    if route.kind == "api":
        return _api(state, req, route, params)
    if route.kind == "control" and (refused := control.refuse_browser(req)) is not None:
        return refused
    if route.kind == "page" and req.method == "POST" and not same_origin(req):
        return nginx_error(403, "Forbidden")
    with state.lock:
        return route.handler(state, req, **params)


def _api(state: SimState, req: Request, route: Route, params: dict[str, Any]) -> Answer:
    faults = state.faults
    target = f"{req.path}?{req.query_string}" if req.query_string else req.path
    matching = faults.applies_to(target)
    if matching:
        faults.wait(faults.latency())
    entry = {"method": req.method, "path": req.path, "endpoint": _endpoint(route, req)}
    if not (req.header("user-agent") or "").strip():
        state.log_request({**entry, "status": 403, "fault": None})
        return text_response("error code: 1010", 403)
    with state.lock:
        fault = faults.draw() if matching else None
        hang = faults.config.hang_seconds
        if fault in BEFORE_APPLY:
            response = early_response(fault)
        else:
            response = route.handler(state, req, **params)
    if fault == "malformed_json":
        response = truncate(response)
    answered = fault not in ("timeout", "drop_after_commit")
    state.log_request({**entry, "status": response.status if answered else None, "fault": fault})
    if fault == "timeout":
        faults.wait(hang)  # hold the connection: the client times out reading
    return response if answered else DROP


def _endpoint(route: Route, req: Request) -> str:
    if route.name == "legacy":
        return f"legacy.{req.query.get('method') or 'unknown'}"
    return route.name
