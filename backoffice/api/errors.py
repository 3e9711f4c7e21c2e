"""Typed errors of the API layer, each with a short French and English message.

The one property the money-safe services rely on is ``may_have_been_processed``:
- ``False``: CinetPay certainly did not act on the request (connection refused, validation
  refused by us or by CinetPay, rate limited…). Safe to retry later.
- ``True``: the request may have been applied without us seeing the answer (read timeout,
  dropped connection, garbled answer, HTTP 5xx). The operation is *uncertain*: ask CinetPay
  (check by id) before anything is sent again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .codes import CodeInfo, Family, Kind, lookup, normalize


class CinetPayError(Exception):
    """Base class: every failure of the API layer is one of these."""

    may_have_been_processed = False
    read = False  # raised by a pure read (see as_read): nothing can have been done
    fr = "Erreur de communication avec CinetPay"
    en = "Error while talking to CinetPay"

    def __init__(self, detail: str = "", *, code: str | None = None) -> None:
        super().__init__(detail or self.en)
        self.detail = detail
        self.code = code

    def human(self, lang: str = "fr") -> str:
        text = self.fr if lang.startswith("fr") else self.en
        return f"{text} (code {self.code})" if self.code else text


# --- our own refusal, before any request -------------------------------------------------


class ValidationError(CinetPayError):
    """Input refused client-side: nothing was sent. ``field`` names the offending field."""

    def __init__(self, field: str, fr: str, en: str) -> None:
        super().__init__(f"{field}: {en}")
        self.field = field
        self.fr = fr
        self.en = en


# --- transport ---------------------------------------------------------------------------


class TransportError(CinetPayError):
    """No usable HTTP answer."""


class NotSent(TransportError):
    """Connection failed before the request left: certainly not processed."""

    fr = "CinetPay injoignable (pas de réseau ?) : rien n'a été envoyé"
    en = "CinetPay unreachable (no network?): nothing was sent"


class MaybeSent(TransportError):
    """Timeout or dropped connection after the request was sent: outcome unknown."""

    may_have_been_processed = True
    fr = "Pas de réponse de CinetPay : l'opération est peut-être passée, vérification requise"
    en = "No answer from CinetPay: the operation may have gone through, it must be checked"


class BadResponse(CinetPayError):
    """An answer came but cannot be trusted (HTML page, truncated JSON, wrong types, 5xx)."""

    may_have_been_processed = True
    fr = "Réponse illisible de CinetPay : l'opération est peut-être passée, vérification requise"
    en = "Unreadable answer from CinetPay: the operation may have gone through, it must be checked"

    def __init__(self, detail: str, *, status: int | None = None) -> None:
        super().__init__(detail, code=str(status) if status and status >= 400 else None)
        self.status = status


# --- CinetPay answered with a code -------------------------------------------------------


class ApiError(CinetPayError):
    """CinetPay answered with an error code (it did not perform the operation)."""

    kind = Kind.INVALID

    def __init__(self, info: CodeInfo | None, code: str, message: str = "",
                 description: str = "") -> None:
        super().__init__(f"{code} {message} {description}".strip(), code=code)
        self.info = info
        self.api_message = message or (info.name if info else "")
        self.description = description
        if info:
            self.fr, self.en = info.fr, info.en
        else:
            self.fr = f"Erreur CinetPay inconnue « {message or code} »"
            self.en = f"Unknown CinetPay error '{message or code}'"


class AuthError(ApiError):
    kind = Kind.AUTH


class TokenError(AuthError):
    kind = Kind.TOKEN


class InvalidRequest(ApiError):
    kind = Kind.INVALID


class DuplicateId(ApiError):
    kind = Kind.DUPLICATE


class NotFound(ApiError):
    kind = Kind.NOT_FOUND


class InsufficientFunds(ApiError):
    kind = Kind.FUNDS


class LimitReached(ApiError):
    kind = Kind.LIMIT


class Unavailable(ApiError):
    kind = Kind.UNAVAILABLE


class Forbidden(ApiError):
    kind = Kind.FORBIDDEN


class RateLimited(ApiError):
    kind = Kind.RATE_LIMITED

    def __init__(self, info: CodeInfo | None, code: str = "429", message: str = "",
                 description: str = "", retry_after: float | None = None) -> None:
        super().__init__(info, code, message, description)
        self.retry_after = retry_after


class UnknownCode(ApiError):
    """A code none of CinetPay's documents name; treated as a refusal, shown with its code."""


class OutcomeUnknown(ApiError):
    """A money request answered with a code that can come after CinetPay executed it (-1,
    709, 710, 715, 721, 804, an undocumented code): the money may have left. Check first."""

    may_have_been_processed = True

    def __init__(self, info: CodeInfo | None, code: str, message: str = "",
                 description: str = "") -> None:
        super().__init__(info, code, message, description)
        what = self.fr if info else f"« {message or code} »"
        what_en = self.en if info else f"'{message or code}'"
        self.fr = f"{what} : l'opération est peut-être passée, vérification requise"
        self.en = f"{what_en}: the operation may have gone through, it must be checked"


def uncertain_send_error(exc: ApiError) -> ApiError:
    """The error a money request raises for ``exc``: uncertain when its code can come after
    execution or is undocumented (see :func:`codes.transfer_send_uncertain`)."""
    from .codes import transfer_send_uncertain

    if isinstance(exc, OutcomeUnknown) or not transfer_send_uncertain(exc.code):
        return exc
    return OutcomeUnknown(exc.info, exc.code or "", exc.api_message, exc.description)


_BY_KIND: dict[Kind, type[ApiError]] = {
    Kind.AUTH: AuthError,
    Kind.TOKEN: TokenError,
    Kind.INVALID: InvalidRequest,
    Kind.DUPLICATE: DuplicateId,
    Kind.NOT_FOUND: NotFound,
    Kind.FUNDS: InsufficientFunds,
    Kind.LIMIT: LimitReached,
    Kind.UNAVAILABLE: Unavailable,
    Kind.FORBIDDEN: Forbidden,
    Kind.RATE_LIMITED: RateLimited,
    Kind.PAYMENT_FAILED: InvalidRequest,
    Kind.PENDING: InvalidRequest,
}


def api_error(family: Family, code: object, message: str = "", description: str = "") -> ApiError:
    """The typed error for a CinetPay error code."""
    key = normalize(code)
    info = lookup(family, key)
    if info is None:
        return UnknownCode(None, key, message, description)
    return _BY_KIND.get(info.kind, InvalidRequest)(info, key, message, description)


# --- failed reads ------------------------------------------------------------------------


class AnswerTooLarge(BadResponse):
    """The answer went over the size cap: ask for less (a narrower date range)."""


_READ_WORDING: dict[type[CinetPayError], tuple[str, str]] = {
    BadResponse: ("Réponse illisible de CinetPay, réessayez",
                  "Unreadable answer from CinetPay, try again"),
    MaybeSent: ("Pas de réponse de CinetPay, réessayez", "No answer from CinetPay, try again"),
    NotSent: ("CinetPay injoignable (pas de réseau ?), réessayez",
              "CinetPay unreachable (no network?), try again"),
}


def as_read(exc: CinetPayError) -> CinetPayError:
    """Mark the error of a pure read (balance, history, contact list): nothing can have been
    done at CinetPay, so it says "try again", never "the operation may have gone through"."""
    exc.read = True
    for cls, (fr, en) in _READ_WORDING.items():
        if isinstance(exc, cls):
            exc.fr, exc.en = fr, en
    return exc


@contextmanager
def reading() -> Iterator[None]:
    """``with reading(): …`` around a pure read's request and parsing (see :func:`as_read`)."""
    try:
        yield
    except CinetPayError as exc:
        as_read(exc)
        raise
