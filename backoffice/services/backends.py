"""The services' backend seam: CinetPay's current platform (``sk_`` keys) seen through the
calls the services already make on the classic client (``checkout.init_payment`` /
``check_payment``, ``transfer.send_money`` / ``check_transfer`` / ``balance``).

Only translation lives here: every money decision (journal first, uncertain ⇒ check by id,
"not found" proves nothing in the grace, PAYÉ only through ``link_truth.judge``, a transfer
never sent twice) stays in the services, the same for both kinds. Errors pass through as the
API layer raised them (``may_have_been_processed`` keeps its meaning).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..api.current import (
    CurrentClient,
    CurrentPaymentRequest,
    CurrentTransferRequest,
    State,
    guess_method,
    methods_for,
)
from ..api.current.methods import CALLING_CODES
from ..api.errors import ValidationError
from ..api.models import (
    PaymentCheck,
    PaymentLink,
    PaymentRequest,
    PaymentStatus,
    TransferInfo,
    TransferOrder,
    TransferResult,
    TreatmentStatus,
)

# A till has no customer: CinetPay's current platform still wants names and an e-mail.
# Settings.extra may give the shop's own (client_first_name, client_last_name, client_email).
DEFAULT_CLIENT = {"client_first_name": "Client", "client_last_name": "Comptoir",
                  "client_email": "client@example.com"}


class Settings(Protocol):
    """What the backends read of the shop's settings (services.context.Settings)."""

    notify_url: str
    return_url: str
    currency: str
    description: str
    extra: dict[str, str]


@dataclass(frozen=True)
class MethodOrder(TransferOrder):
    """A transfer order of the current platform: E.164 number and its payment method."""

    payment_method: str = ""

    @property
    def e164(self) -> str:
        return f"+{self.prefix}{self.phone}"


def payment_state(state: State) -> PaymentStatus:
    """SUCCESS → accepted (still judged on amount/currency); INITIATED/PENDING → pending;
    every other state (FAILED, OTP_*, INSUFFICIENT_BALANCE, USER_*, NOT_ALLOWED, and EXPIRED:
    the page can no longer be paid) → refused, which stays checkable for a day."""
    if state is State.SUCCESS:
        return PaymentStatus.ACCEPTED
    return PaymentStatus.PENDING if state.is_pending else PaymentStatus.REFUSED


def treatment(state: State) -> TreatmentStatus:
    if state is State.SUCCESS:
        return TreatmentStatus.VAL
    return TreatmentStatus.NEW if state.is_pending else TreatmentStatus.REJ


class CurrentCheckout:
    """Payment links on the current platform, as the links service asks for them."""

    def __init__(self, client: CurrentClient, settings: Callable[[], Settings]) -> None:
        self.client = client
        self.settings = settings

    async def init_payment(self, req: PaymentRequest) -> PaymentLink:
        link = await self.client.payments.create(self.request(req))
        return PaymentLink(req.transaction_id, link.payment_token, link.payment_url,
                           link.transaction_id)

    def request(self, req: PaymentRequest) -> CurrentPaymentRequest:
        s = self.settings()
        client = {k: s.extra.get(k) or v for k, v in DEFAULT_CLIENT.items()}
        return CurrentPaymentRequest(
            merchant_transaction_id=req.transaction_id, amount=req.amount,
            currency=str(req.currency), designation=req.description,
            success_url=s.return_url, failed_url=s.return_url, notify_url=s.notify_url,
            lang="en" if req.lang.startswith("en") else "fr", **client)

    async def check_payment(self, transaction_id: str) -> PaymentCheck:
        """The status as a classic check answer: ``judge`` decides PAYÉ (code 00 *and*
        ACCEPTED *and* the amount and currency equal the link's; absent ones are anomalies)."""
        st = await self.client.payments.status(transaction_id)
        status = payment_state(st.state)
        paid = status is PaymentStatus.ACCEPTED
        return PaymentCheck(code="00" if paid else (st.code if st.code != "00" else "-"),
                            message=st.message or str(st.state), status=status,
                            amount=st.amount, currency=st.currency,
                            payment_method=st.payment_method, payment_date=st.payment_date,
                            phone_number=st.user_phone, api_response_id=st.transaction_id,
                            data_status="ACCEPTED" if paid else str(st.state))


class CurrentTransfers:
    """Transfers and balance on the current platform, as the transfers service asks."""

    enabled = True  # the API password is part of the account's credentials
    batch_size = 1  # one request per transfer: one answer decides one row

    def __init__(self, client: CurrentClient, settings: Callable[[], Settings]) -> None:
        self.client = client
        self.settings = settings

    @property
    def country(self) -> str:
        return self.client.session.country

    def method_for(self, prefix: str, phone: str, method: str = "") -> str:
        """The method given, else guessed where the numbering makes it certain; otherwise a
        ValidationError naming ``method`` and listing the account's methods."""
        chosen = method.strip().upper() or guess_method(self.country, f"+{prefix}{phone}")
        if chosen:
            return chosen
        names = ", ".join(m.code for m in methods_for(self.country))
        raise ValidationError("method", f"Choisissez le moyen de paiement ({names})",
                              f"Choose the payment method ({names})")

    @property
    def calling_code(self) -> str:
        return CALLING_CODES.get(self.country, "")

    async def send_money(self, orders: list[TransferOrder]) -> list[TransferResult]:
        [order] = orders  # batch_size 1
        assert isinstance(order, MethodOrder), order
        s = self.settings()
        st = await self.client.transfers.create(CurrentTransferRequest(
            merchant_transaction_id=order.client_transaction_id, phone_number=order.e164,
            amount=order.amount, payment_method=order.payment_method, currency=s.currency,
            reason=s.description, notify_url=order.notify_url or s.notify_url))
        return [TransferResult(order, "0", str(st.state), st.transaction_id, "",
                               treatment(st.state), st.message)]

    async def check_transfer(self, *, client_transaction_id: str) -> list[TransferInfo]:
        """NotFound (the service's in-flight grace) passes through."""
        st = await self.client.transfers.status(client_transaction_id)
        return [TransferInfo(st.transaction_id, st.merchant_transaction_id, "",
                             st.amount if st.amount is not None else Decimal(0),
                             st.phone_number, treatment(st.state), receiver_e164=st.phone_number,
                             comment=st.message or str(st.state))]
