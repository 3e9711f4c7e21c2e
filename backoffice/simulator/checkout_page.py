"""The customer's side of a payment link: GET/POST /checkout/{token}.

A trainee (or a test) opens the link of a QR code, picks an operator, types a phone number and
clicks "Payer" or "Refuser"; the form POST settles the payment (REFUSED with code 627, as a
customer cancelling) and a result page follows. Self-contained French HTML, no external assets.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from html import escape
from importlib.resources import files
from string import Template

from .ledger import Conflict, NotFound, Payment
from .state import SimState
from .web import Request, Response, html_response

OPERATORS = {
    "OM": "Orange Money",
    "MOMO": "MTN MoMo",
    "FLOOZ": "Moov Money (Flooz)",
    "WAVE": "Wave",
    "VISAM": "Carte Visa / Mastercard",
}
MOBILE_OPERATORS = ("OM", "MOMO", "FLOOZ", "WAVE")
CURRENCY_SYMBOLS = {"XOF": "F\u202fCFA", "XAF": "FCFA", "CDF": "FC", "GNF": "FG", "USD": "$"}


@cache
def _layout() -> Template:
    text = files(__package__).joinpath("checkout_page.html").read_text(encoding="utf-8")
    return Template(text)


def page(title: str, content: str, status: int = 200) -> Response:
    return html_response(_layout().substitute(title=escape(title), content=content), status)


def money(amount: int, currency: str) -> str:
    """Like "17 500 F CFA", with a narrow no-break space for grouping, as fr_CI writes it."""
    grouped = f"{amount:,}".replace(",", "\u202f")
    return f"{grouped}\u00a0{CURRENCY_SYMBOLS.get(currency, currency)}"


def not_found() -> Response:
    content = (
        '<div class="result"><div class="icon ko">?</div><h1>Lien de paiement introuvable</h1>'
        "<p>Ce lien n'existe pas ou a été mal copié.</p></div>"
    )
    return page("Introuvable", content, 404)


def _operators(p: Payment) -> list[str]:
    channels = set(p.channels.split(","))
    ops = list(MOBILE_OPERATORS) if channels & {"ALL", "MOBILE_MONEY", "WALLET"} else []
    return [*ops, "VISAM"] if channels & {"ALL", "CREDIT_CARD"} else ops


def _form(p: Payment, error: str = "") -> str:
    ops = _operators(p)
    radios = "\n".join(
        f'<label><input type="radio" name="operator" value="{op}"{" checked" if i == 0 else ""}>'
        f"<span>{escape(OPERATORS[op])}</span></label>"
        for i, op in enumerate(ops)
    )
    locked = p.lock_phone_number and p.customer.get("customer_phone_number")
    phone = escape(p.customer.get("customer_phone_number", ""))
    readonly = " readonly" if locked else ""
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return f"""<h1>Paiement</h1>
<p class="merchant">Boutique de démonstration</p>
<div class="amount">{money(p.amount, p.currency)}</div>
<p class="description">{escape(p.description)}</p>
<p class="reference">Référence : {escape(p.transaction_id)}</p>
{error_html}
<form method="post">
<fieldset><legend>Moyen de paiement</legend>
<div class="operators">
{radios}
</div></fieldset>
<label class="phone">Numéro de téléphone
<input name="phone" type="tel" inputmode="tel" autocomplete="tel" value="{phone}"{readonly}
 placeholder="07 01 02 03 04"></label>
<div class="actions">
<button class="pay" type="submit" name="action" value="pay">Payer</button>
<button class="refuse" type="submit" name="action" value="refuse" formnovalidate>Refuser</button>
</div>
</form>"""


def _result(p: Payment, note: str = "") -> str:
    accepted = p.status == "ACCEPTED"
    if p.status == "PENDING":
        return _form(p)
    icon, css = ("✓", "ok") if accepted else ("✗", "ko")
    title = "Paiement accepté" if accepted else "Paiement refusé"
    rows = [
        ("Montant", money(p.amount, p.currency)),
        ("Référence", p.transaction_id),
        ("Moyen", OPERATORS.get(p.payment_method or "", p.payment_method or "")),
        ("Téléphone", p.phone_number or "—"),
        ("Code", f"{p.code} {p.message}"),
    ]
    if accepted and p.operator_id:
        rows.append(("Opération", p.operator_id))
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    note_html = f"<p>{escape(note)}</p>" if note else ""
    back = ""
    if p.return_url:
        back = f'<a class="back" href="{escape(p.return_url)}">Retour à la boutique</a>'
    return (
        f'<div class="result"><div class="icon {css}">{icon}</div><h1>{title}</h1>{note_html}'
        f"<dl>{details}</dl>{back}</div>"
    )


def _find(state: SimState, token: str) -> Payment | None:
    try:
        return state.ledger.find_payment(token=token)
    except NotFound:
        return None


def show(state: SimState, req: Request, token: str) -> Response:
    p = _find(state, token)
    if p is None:
        return not_found()
    return page("Paiement", _result(p))


def submit(state: SimState, req: Request, token: str) -> Response:
    p = _find(state, token)
    if p is None:
        return not_found()
    if p.final:
        return page("Paiement", _result(p, "Ce paiement a déjà été traité."), 409)
    form = req.form()
    operator = form.get("operator", "").upper() or _operators(p)[0]
    phone = "".join(ch for ch in form.get("phone", "") if ch.isdigit())
    if p.lock_phone_number and p.customer.get("customer_phone_number"):
        phone = "".join(ch for ch in p.customer["customer_phone_number"] if ch.isdigit())[-10:]
    if form.get("action") == "refuse":
        outcome, code = "REFUSED", "627"
    elif operator not in _operators(p):
        return page("Paiement", _form(p, "Choisissez un moyen de paiement."), 400)
    elif not 8 <= len(phone) <= 10:
        return page("Paiement", _form(p, "Numéro de téléphone invalide (8 à 10 chiffres)."), 400)
    else:
        outcome, code = "ACCEPTED", None
    with suppress(Conflict):  # settled meanwhile by the control API: show what it is now
        state.ledger.settle(p.transaction_id, outcome, state.now(), operator, phone, code)
    return page("Paiement", _result(p))
