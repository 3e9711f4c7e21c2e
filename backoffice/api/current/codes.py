"""Reading the current platform's answers: states (100, 2001–2011) and request errors.

The code table itself (French and English messages) is ``api/codes.py``'s CURRENT family.
"""

from __future__ import annotations

from typing import Any

from .. import parsing as p
from ..codes import CURRENT, Family, normalize
from ..errors import ApiError, BadResponse, OutcomeUnknown, api_error
from .models import State

STATE_CODES: dict[str, State] = {
    "100": State.SUCCESS,
    "2001": State.INITIATED,
    "2002": State.PENDING,
    "2003": State.EXPIRED,
    "2004": State.OTP_ERROR,
    "2005": State.INSUFFICIENT_BALANCE,
    "2006": State.USER_NOT_FOUND,
    "2007": State.USER_IS_BLOCKED,
    "2008": State.OTP_EXPIRED,
    "2010": State.FAILED,
    "2011": State.NOT_ALLOWED,
}
OK_CODES = frozenset({"200", "100", "2001", "2002"})  # a request CinetPay accepted
# Codes a money request (POST /v1/payment, POST /v1/transfer) may get only when CinetPay did
# not act on it. Any other code (-1, an undocumented one) proves nothing: uncertain.
REFUSED_WITHOUT_ACTING = frozenset({
    "401", "1002", "1003", "1004", "1005", "1200", "422", "429", "400", "403", "1010",
    "2005", "2006", "2007", "2011",
})


def envelope(answer: Any, what: str) -> tuple[dict[str, Any], str]:
    """(body, normalised code). A body without a code cannot be trusted."""
    body = p.obj(answer, what)
    return body, normalize(p.text(body, "code", required=True))


def error(body: dict[str, Any], code: str) -> ApiError:
    """The typed error of an error answer (message and description kept for support)."""
    status = p.text(body, "status") or p.text(body, "message")
    return api_error(Family.CURRENT, code, status, _description(body))


def money_error(body: dict[str, Any], code: str) -> ApiError:
    """The error a money request raises: uncertain unless the code proves CinetPay refused."""
    exc = error(body, code)
    if code in REFUSED_WITHOUT_ACTING:
        return exc
    return OutcomeUnknown(exc.info, code, exc.api_message, exc.description)


def state_of(body: dict[str, Any], code: str) -> State:
    """The state an answer states, by its ``status`` text and its code. When both are known
    they must agree (a SUCCESS contradicted by the other is never believed)."""
    text = p.text(body, "status").upper()
    by_text = State(text) if text in State.__members__ else None
    by_code = STATE_CODES.get(code)
    if by_text and by_code and by_text is not by_code:
        raise BadResponse(f"status {text!r} contradicts code {code}")
    state = by_text or by_code
    if state is None or (code not in STATE_CODES and code not in OK_CODES):
        raise error(body, code)
    return state


def is_state_code(code: str) -> bool:
    return code in STATE_CODES


def message(code: str, lang: str = "fr") -> str:
    """The French (or English) message of a code, "" when unknown."""
    info = CURRENT.get(code)
    if info is None:
        return ""
    return info.fr if lang.startswith("fr") else info.en


def _description(body: dict[str, Any]) -> str:
    """``description``/``message``, plus the fields of a 422 (``errors``: {field: [text]})."""
    text = p.text(body, "description") or p.text(body, "message")
    errors = body.get("errors")
    if isinstance(errors, dict):
        parts = []
        for field, value in list(errors.items())[:10]:
            items = value if isinstance(value, list) else [value]
            parts.append(f"{field}: {' '.join(str(v) for v in items)[:200]}")
        text = "; ".join(x for x in (text, *parts) if x)
    return text
