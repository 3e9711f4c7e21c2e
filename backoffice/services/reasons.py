"""Why an operation failed, waits or is checked, as a stable code the journal keeps (the
``reason`` column): the words are chosen when a row is shown, in the reader's language, by
:func:`reason_text`. ``last_error`` keeps the words written at the time (older rows have
only those).

Codes:
- named: ``never_created``, ``not_sent``, ``not_yet_found``, ``link_not_yet_found``,
  ``check_with_cinetpay``, ``contact_unclear``;
- with CinetPay's code and message: ``uncertain_answer:<code>:<message>`` (a transfer item
  that proves nothing), ``refused:<code>:<message>`` (a transfer item refused),
  ``cinetpay_said:<code>:<message>`` (a contact refused, in CinetPay's own words);
- an API error (:func:`reason_for`): ``NotSent``, ``MaybeSent``, ``BadResponse[:<status>]``…,
  ``api:<family>:<code>[:<message>]``, ``OutcomeUnknown:<family>:<code>[:<message>]``, each
  prefixed ``read:`` for the error of a pure read.
"""

from __future__ import annotations

from enum import StrEnum

from ..api.codes import Family, lookup
from ..api.errors import (
    AnswerTooLarge,
    ApiError,
    BadResponse,
    CinetPayError,
    MaybeSent,
    NotSent,
    OutcomeUnknown,
    TransportError,
    api_error,
    as_read,
)
from ..store.transfers import TransferRow

LANGS = ("fr", "en")


class Reason(StrEnum):
    NEVER_CREATED = "never_created"  # a link CinetPay does not know, for sure
    NOT_SENT = "not_sent"  # the program stopped before sending it
    NOT_YET_FOUND = "not_yet_found"  # a transfer not found yet: the send may still arrive
    LINK_NOT_YET_FOUND = "link_not_yet_found"  # the same for a link
    CHECK_WITH_CINETPAY = "check_with_cinetpay"  # 805 yet 723: a person must look
    CONTACT_UNCLEAR = "contact_unclear"  # an answer without a readable result
    UNCERTAIN_ANSWER = "uncertain_answer"  # :<code>:<message>
    REFUSED = "refused"  # :<code>:<message>
    CINETPAY_SAID = "cinetpay_said"  # :<code>:<message>


WORDS: dict[Reason, dict[str, str]] = {
    Reason.NEVER_CREATED: {"fr": "CinetPay ne connaît pas ce lien : il n'a jamais été créé",
                           "en": "CinetPay does not know this link: it was never created"},
    Reason.NOT_SENT: {"fr": "Interrompu avant l'envoi : rien n'a été envoyé à CinetPay",
                      "en": "Interrupted before sending: nothing was sent to CinetPay"},
    Reason.NOT_YET_FOUND: {
        "fr": "Pas encore trouvé chez CinetPay : la demande peut encore arriver, "
              "nouvelle vérification avant tout envoi",
        "en": "Not found at CinetPay yet: the request may still arrive, checked again "
              "before anything is sent"},
    Reason.LINK_NOT_YET_FOUND: {
        "fr": "Pas encore trouvé chez CinetPay : la demande peut encore arriver, "
              "nouvelle vérification bientôt",
        "en": "Not found at CinetPay yet: the request may still arrive, checked again soon"},
    Reason.CHECK_WITH_CINETPAY: {
        "fr": "À vérifier avec CinetPay : l'identifiant est déjà utilisé (805) mais le "
              "transfert reste introuvable (723) ; rien ne sera renvoyé automatiquement",
        "en": "Check with CinetPay: the id is already used (805) but the transfer cannot be "
              "found (723); nothing will be sent again automatically"},
    Reason.CONTACT_UNCLEAR: {
        "fr": "Réponse de CinetPay sans résultat lisible : vérification dans sa liste de "
              "contacts",
        "en": "CinetPay's answer has no readable result: checked against its contact list"},
}
"""The words of the named reasons (fr, en)."""

_TRANSPORT: dict[str, type[CinetPayError]] = {
    cls.__name__: cls for cls in (CinetPayError, TransportError, NotSent, MaybeSent,
                                  BadResponse, AnswerTooLarge)}


def with_answer(reason: Reason, code: str | None, message: str | None) -> str:
    """``uncertain_answer``, ``refused`` or ``cinetpay_said`` with CinetPay's code and
    message."""
    return f"{reason}:{code or ''}:{message or ''}"


def reason_for(exc: CinetPayError, family: Family) -> str | None:
    """The reason of an API error (``family``: the API that answered, for its codes), or
    None when its words cannot be rebuilt exactly (a validation refusal…): the row then has
    only ``last_error``."""
    reason = _error_reason(exc, family)
    if reason is None or any(reason_text(reason, lang) != exc.human(lang) for lang in LANGS):
        return None
    return reason


def reason_text(reason: str | None, lang: str) -> str | None:
    """The words of ``reason`` in ``lang`` ("fr"/"en"); None for no or an unknown reason."""
    if not reason:
        return None
    lang = "en" if lang.startswith("en") else "fr"
    head, _, rest = reason.partition(":")
    try:
        named = Reason(head)
    except ValueError:
        return _error_text(reason, lang)
    if named in WORDS:
        return WORDS[named][lang] if not rest else None
    code, _, message = rest.partition(":")
    if named is Reason.UNCERTAIN_ANSWER:
        return _uncertain_item(code, message)[lang]
    if named is Reason.REFUSED:
        return _item_message(code, message, lang)
    return f"{message} ({code})"  # CINETPAY_SAID: CinetPay's own words, as it sent them


def review_text(row: TransferRow, lang: str) -> str | None:
    """Why a person must check this transfer with CinetPay, in ``lang`` (None: nothing to
    check); the stored words when the row's reason is now another one (a check failed)."""
    if not row.review:
        return None
    if row.reason == Reason.CHECK_WITH_CINETPAY:
        return reason_text(row.reason, lang)
    return row.review


def _uncertain_item(code: str, message: str) -> dict[str, str]:
    what = f"code {code}" if code else "sans code"
    what_en = f"code {code}" if code else "no code"
    return {"fr": f"Réponse de CinetPay qui ne prouve rien ({message or what}, {what}) : le "
                  "transfert est peut-être passé, vérification avant tout nouvel envoi",
            "en": f"CinetPay's answer proves nothing ({message or what_en}, {what_en}): the "
                  "transfer may have gone through, checked before anything is sent again"}


def _item_message(code: str, message: str, lang: str) -> str:
    info = lookup(Family.TRANSFER, code)
    if info:
        return f"{info.fr if lang == 'fr' else info.en} (code {code})"
    return f"{message or ('Refusé' if lang == 'fr' else 'Refused')} (code {code})"


# --- API errors ----------------------------------------------------------------------------


def _family_of(exc: ApiError, family: Family) -> Family | None:
    """The family whose table gave ``exc`` its meaning (the one given first)."""
    if exc.info is None:
        return family
    for candidate in (family, *Family):
        if lookup(candidate, exc.code) == exc.info:
            return candidate
    return None


def _error_reason(exc: CinetPayError, family: Family) -> str | None:
    read = "read:" if exc.read else ""
    if isinstance(exc, ApiError):
        found = _family_of(exc, family)
        if found is None or not exc.code:
            return None
        head = "OutcomeUnknown" if isinstance(exc, OutcomeUnknown) else "api"
        tail = f":{exc.api_message}" if exc.info is None and exc.api_message else ""
        return f"{read}{head}:{found}:{exc.code}{tail}"
    if type(exc).__name__ not in _TRANSPORT:
        return None
    return f"{read}{type(exc).__name__}" + (f":{exc.code}" if exc.code else "")


def _rebuild(reason: str) -> CinetPayError | None:
    """The error a reason was made from (its words only: no detail, no network)."""
    read = reason.startswith("read:")
    name, _, rest = reason.removeprefix("read:").partition(":")
    exc: CinetPayError
    if name in ("api", "OutcomeUnknown"):
        family_name, _, rest = rest.partition(":")
        code, _, message = rest.partition(":")
        family = Family(family_name)
        exc = (api_error(family, code, message) if name == "api"
               else OutcomeUnknown(lookup(family, code), code, message))
    elif name in _TRANSPORT:
        cls = _TRANSPORT[name]
        if issubclass(cls, BadResponse):
            exc = cls("", status=int(rest) if rest.isdigit() else None)
        else:
            exc = cls(code=rest or None)
    else:
        return None
    return as_read(exc) if read else exc


def _error_text(reason: str, lang: str) -> str | None:
    try:
        exc = _rebuild(reason)
    except ValueError:  # a family or a status this version does not know
        return None
    return None if exc is None else exc.human(lang)
