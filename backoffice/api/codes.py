"""Every code named in CinetPay's documentation, with a short French and English message.

Three families share numbers with different meanings (602 is the *payer's* balance on checkout
and the *merchant's* transfer balance on the Transfer API), so codes are looked up per family.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    CHECKOUT = "checkout"  # v2 payment init / check (also the v1 Annex I codes)
    TRANSFER = "transfer"
    HTTP = "http"  # codes CinetPay's front answers before the API (403, 429, 1010)
    CURRENT = "current"  # CinetPay's current platform (sk_test_/sk_live_ keys; api/current/)


class Kind(StrEnum):
    """What a code means for the caller: drives the error class and whether to retry."""

    SUCCESS = "success"
    PENDING = "pending"  # payment not final yet: check again later
    PAYMENT_FAILED = "payment_failed"  # a payment outcome (final), not an API failure
    AUTH = "auth"  # credentials or token rejected
    TOKEN = "token"  # transfer token expired / invalid: log in again, retry once
    INVALID = "invalid"  # request rejected as invalid: never retry blindly
    DUPLICATE = "duplicate"  # id already used
    NOT_FOUND = "not_found"
    FUNDS = "funds"  # merchant balance too low
    LIMIT = "limit"  # operator / account limits reached
    UNAVAILABLE = "unavailable"  # service / operator down: try later
    RATE_LIMITED = "rate_limited"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    kind: Kind
    fr: str
    en: str


def _table(family: Family, rows: list[tuple[str, str, Kind, str, str]]) -> dict[str, CodeInfo]:
    return {code: CodeInfo(code, name, kind, fr, en) for code, name, kind, fr, en in rows}


K = Kind
CHECKOUT = _table(Family.CHECKOUT, [
    ("00", "SUCCES", K.SUCCESS, "Paiement réussi", "Payment successful"),
    ("201", "CREATED", K.SUCCESS, "Lien de paiement créé", "Payment link created"),
    ("600", "PAYMENT_FAILED", K.PAYMENT_FAILED, "Le paiement a échoué", "Payment failed"),
    ("601", "MERCHANT_NOT_FOUND", K.AUTH, "Marchand introuvable", "Merchant not found"),
    ("602", "INSUFFISENT_BALANCE", K.PAYMENT_FAILED,
     "Solde du client insuffisant", "The customer's balance is too low"),
    ("603", "SERVICE_UNAVAILABLE", K.UNAVAILABLE,
     "Service momentanément indisponible", "Service temporarily unavailable"),
    ("604", "OTP_CODE_ERROR", K.PAYMENT_FAILED,
     "Code de validation (OTP) erroné", "Wrong validation code (OTP)"),
    ("605", "TRANSACTION_CLOSED", K.PAYMENT_FAILED, "Transaction clôturée", "Transaction closed"),
    ("606", "INCORRECT_SETTINGS", K.INVALID,
     "Paramètres du compte incorrects", "Incorrect account settings"),
    ("607", "PENDING", K.PENDING, "Paiement en attente", "Payment pending"),
    ("608", "MINIMUM_REQUIRED_FIELDS", K.INVALID,
     "Champ obligatoire manquant ou invalide", "A required field is missing or invalid"),
    ("609", "AUTH_NOT_FOUND", K.AUTH, "Clé API incorrecte", "Wrong API key"),
    ("610", "ERROR_PAYMETHOD_NOTFOUND", K.INVALID,
     "Moyen de paiement introuvable", "Payment method not found"),
    ("611", "ERROR_AMOUNT_TYPE", K.INVALID, "Montant invalide", "Invalid amount"),
    ("612", "ERROR_CURRENCY_NOTVALID", K.INVALID, "Devise invalide", "Invalid currency"),
    ("613", "ERROR_SITE_ID_NOTVALID", K.AUTH, "Identifiant de site incorrect", "Wrong site id"),
    ("614", "ERROR_FORMAT_TRANSACTION_DATE", K.INVALID,
     "Format de date invalide", "Invalid date format"),
    ("615", "ERROR_LANGUAGE_NOTVALID", K.INVALID, "Langue invalide", "Invalid language"),
    ("616", "ERROR_PAGE_ACTION_NOTVALID", K.INVALID,
     "Action de page invalide", "Invalid page action"),
    ("617", "ERROR_PAYMENT_CONFIG_NOTVALID", K.INVALID,
     "Configuration de paiement invalide", "Invalid payment configuration"),
    ("618", "ERROR_API_VERSION_NOTVALID", K.INVALID,
     "Version d'API invalide", "Invalid API version"),
    ("619", "ERROR_SIGNATURE_DONT_MATCHED", K.INVALID,
     "Signature non conforme", "Signature does not match"),
    ("620", "ERROR_DOUBLE_PAYEMNT", K.DUPLICATE, "Paiement en double", "Duplicate payment"),
    ("621", "ERROR_OMPAY_UNAVAILABLE", K.UNAVAILABLE,
     "Orange Money indisponible", "Orange Money unavailable"),
    ("622", "ERROR_MOMOPAY_UNAVAILABLE", K.UNAVAILABLE,
     "MTN Mobile Money indisponible", "MTN Mobile Money unavailable"),
    ("623", "WAITING_CUSTOMER_TO_VALIDATE", K.PENDING,
     "En attente de validation par le client", "Waiting for the customer to confirm"),
    ("624", "UNKNOWN_ERROR", K.UNAVAILABLE, "Erreur inconnue chez CinetPay", "Unknown error"),
    ("625", "ABONNEMENT_OR_TRANSACTIONS_EXPIRED", K.AUTH,
     "Abonnement ou transactions expirés", "Subscription or transactions expired"),
    ("627", "TRANSACTION_CANCEL", K.PAYMENT_FAILED, "Paiement annulé", "Payment cancelled"),
    ("635", "ERROR_PHONE_NUMBER_NOT_FOUND", K.PAYMENT_FAILED,
     "Numéro de téléphone introuvable", "Phone number not found"),
    ("636", "ERROR_PHONE_NUMBER_NOT_SUPPORTED", K.PAYMENT_FAILED,
     "Numéro de téléphone non pris en charge", "Phone number not supported"),
    ("641", "ERROR_AMOUNT_TOO_LOW", K.PAYMENT_FAILED, "Montant trop faible", "Amount too low"),
    ("642", "ERROR_AMOUNT_TOO_HIGH", K.PAYMENT_FAILED, "Montant trop élevé", "Amount too high"),
    ("662", "WAITING_CUSTOMER_PAYMENT", K.PENDING,
     "En attente du paiement du client", "Waiting for the customer to pay"),
    ("663", "WAITING_CUSTOMER_OTP_CODE", K.PENDING,
     "En attente du code OTP du client", "Waiting for the customer's OTP code"),
    ("664", "WAITING_CUSTOMER_PAYMENT_AT_OPERATOR_SIDE", K.PENDING,
     "En attente de confirmation chez l'opérateur", "Waiting for the operator's confirmation"),
    ("804", "OPERATOR_UNAVAILABLE", K.UNAVAILABLE,
     "Opérateur indisponible", "Operator unavailable"),
    ("807", "DAILY_MAX_NUMBER_TRANSACTION_REACHED", K.LIMIT,
     "Nombre maximal de transactions du jour atteint", "Daily transaction count limit reached"),
    ("808", "DAILY_MAX_AMOUNT_TRANSACTION_REACHED", K.LIMIT,
     "Montant maximal du jour atteint", "Daily amount limit reached"),
    ("809", "MONTHLY_MAX_AMOUNT_TRANSACTION_REACHED", K.LIMIT,
     "Montant maximal du mois atteint", "Monthly amount limit reached"),
    ("810", "MONTHLY_MAX_NUMBER_TRANSACTION_REACHED", K.LIMIT,
     "Nombre maximal de transactions du mois atteint", "Monthly transaction count limit reached"),
    ("811", "WEEKLY_MAX_AMOUNT_TRANSACTION_REACHED", K.LIMIT,
     "Montant maximal de la semaine atteint", "Weekly amount limit reached"),
    ("812", "WEEKLY_MAX_NUMBER_TRANSACTION_REACHED", K.LIMIT,
     "Nombre maximal de transactions de la semaine atteint",
     "Weekly transaction count limit reached"),
])

# In a /v2/payment/check answer these codes are the status of a refused payment (seed
# checkout-v2-integration-fr.md, Vérification), not a failed request; on init they stay errors.
CHECK_REFUSALS = frozenset({"603", "606", "804", "807", "808", "809", "810", "811", "812"})

TRANSFER = _table(Family.TRANSFER, [
    ("0", "OPERATION_SUCCES", K.SUCCESS, "Opération effectuée", "Operation successful"),
    ("-1", "OPERATION_ERROR", K.UNAVAILABLE,
     "Erreur lors de l'exécution chez CinetPay", "CinetPay failed to execute the request"),
    ("602", "INSUFFICIENT_BALANCE", K.FUNDS,
     "Solde de transfert insuffisant", "Transfer balance too low"),
    ("701", "INVALID_CREDENTIALS", K.AUTH,
     "Clé API ou mot de passe de transfert incorrect", "Wrong API key or transfer password"),
    ("702", "COULD_NOT_CREATE_TOKEN", K.UNAVAILABLE,
     "Impossible d'ouvrir une session de transfert", "Could not open a transfer session"),
    ("703", "INVALID_USER", K.AUTH, "Compte marchand invalide", "Invalid merchant account"),
    ("704", "INVALID_PARAM", K.INVALID, "Paramètres incorrects", "Invalid parameters"),
    ("705", "EXPIRED_TOKEN", K.TOKEN, "Session de transfert expirée", "Transfer session expired"),
    ("706", "INVALID_TOKEN", K.TOKEN, "Session de transfert invalide", "Invalid transfer session"),
    ("707", "CANT_REFRESH_TOKEN", K.TOKEN,
     "Session de transfert à renouveler", "Transfer session must be renewed"),
    ("708", "NOT_ALLOWED", K.FORBIDDEN, "Opération non autorisée", "Operation not allowed"),
    ("709", "EXECUTION_ERROR", K.UNAVAILABLE, "Erreur d'exécution", "Execution error"),
    ("710", "EXECUTION_ERROR", K.UNAVAILABLE, "Erreur d'exécution", "Execution error"),
    ("715", "UNEXPECTED_ERROR", K.UNAVAILABLE, "Erreur inattendue", "Unexpected error"),
    ("716", "DATA_NOT_VALID", K.INVALID, "Donnée invalide", "Invalid data"),
    ("717", "ERROR_PHONE_NOT_PARTICULAR", K.INVALID,
     "Ce numéro n'est pas un compte particulier CinetPay valide",
     "This number is not a valid CinetPay personal account"),
    ("718", "JSON_PARSE_ERROR", K.INVALID, "Données mal formées", "Malformed data"),
    ("719", "AMOUNT_TOO_SMALL", K.INVALID,
     "Montant trop faible (minimum 200 XOF)", "Amount too small (minimum 200 XOF)"),
    ("720", "AMOUNT_TOO_LARGE", K.INVALID,
     "Montant trop élevé (maximum 1 500 000 XOF)", "Amount too large (maximum 1,500,000 XOF)"),
    ("721", "OPERATOR_NOT_AVAILABLE", K.UNAVAILABLE,
     "Opérateur non pris en charge", "Operator not supported"),
    ("723", "NOT_FOUND", K.NOT_FOUND, "Aucun transfert trouvé", "No transfer found"),
    ("724", "ERROR_PHONE_NOT_MY_CONTACT", K.INVALID,
     "Ce numéro n'est pas dans vos contacts", "This number is not one of your contacts"),
    ("725", "MISSING_NOTIFY_URL", K.INVALID,
     "URL de notification manquante ou invalide", "Missing or invalid notification URL"),
    ("726", "ERROR_PHONE_ALREADY_MY_CONTACT", K.DUPLICATE,
     "Ce numéro est déjà dans vos contacts", "This number is already one of your contacts"),
    ("801", "INVALID_AMOUNT", K.INVALID, "Montant invalide", "Invalid amount"),
    ("802", "INVALID_PHONE", K.INVALID, "Numéro de téléphone invalide", "Invalid phone number"),
    ("804", "OPERATOR_UNAVAILABLE", K.UNAVAILABLE,
     "Opérateur indisponible", "Operator unavailable"),
    ("805", "CLIENT_TRANSACTION_ID_EXIST", K.DUPLICATE,
     "Identifiant de transfert déjà utilisé", "Transfer id already used"),
])

# Codes a money request can get back *after* CinetPay may have executed it (errors during or
# after execution, an operator that failed mid-way). A send answered with one of these, with a
# code no document names, or an item without any code, is uncertain: check before anything.
TRANSFER_MAYBE_EXECUTED = frozenset({"-1", "709", "710", "715", "721", "804"})


def transfer_send_uncertain(code: object) -> bool:
    """Whether a send answer with ``code`` (whole answer or one item) proves nothing."""
    text = normalize(code) if code is not None else ""
    known = text in TRANSFER or text in HTTP  # HTTP: the front refused it (403, 429, 1010)
    return not text or text in TRANSFER_MAYBE_EXECUTED or not known


HTTP = _table(Family.HTTP, [
    ("400", "ACCESS_DENIED", K.FORBIDDEN,
     "Accès refusé par CinetPay : service non identifié ou URL de retour/notification locale",
     "Access denied by CinetPay: service not identified or local return/notify URL"),
    ("404", "NOT_FOUND", K.NOT_FOUND,
     "Inconnu chez CinetPay", "Unknown to CinetPay"),
    ("403", "FORBIDDEN", K.FORBIDDEN,
     "Requête refusée par CinetPay (format)", "Request refused by CinetPay (format)"),
    ("429", "TOO_MANY_REQUEST", K.RATE_LIMITED,
     "Trop de requêtes : CinetPay demande de patienter",
     "Too many requests: CinetPay asks us to slow down"),
    ("1010", "ACCESS_DENIED", K.FORBIDDEN,
     "Requête bloquée par CinetPay (identification du logiciel)",
     "Request blocked by CinetPay (client identification)"),
])

# CinetPay's current platform (cinetpay-api.md §7, the official SDKs' constants). Codes 100
# and 2001–2011 are also the *states* of a payment or transfer (api/current/codes.py reads
# them as such in a status answer); here they are what they mean as the answer to a request.
CURRENT = _table(Family.CURRENT, [
    ("200", "OK", K.SUCCESS, "Opération acceptée", "Request accepted"),
    ("100", "SUCCESS", K.SUCCESS, "Opération réussie", "Operation successful"),
    ("-1", "OPERATION_ERROR", K.UNAVAILABLE,
     "Erreur lors de l'exécution chez CinetPay", "CinetPay failed to execute the request"),
    ("401", "UNAUTHORIZED", K.TOKEN,
     "Session CinetPay refusée", "CinetPay session refused"),
    ("404", "NOT_FOUND", K.NOT_FOUND, "Transaction introuvable", "Transaction not found"),
    ("422", "VALIDATION_ERROR", K.INVALID,
     "Données refusées par CinetPay", "Data refused by CinetPay"),
    ("1002", "INVALID_TOKEN", K.TOKEN,
     "Session CinetPay invalide", "Invalid CinetPay session"),
    ("1003", "EXPIRED_TOKEN", K.TOKEN,
     "Session CinetPay expirée", "CinetPay session expired"),
    ("1004", "INVALID_PARAMS", K.INVALID, "Paramètres incorrects", "Invalid parameters"),
    ("1005", "INVALID_CREDENTIALS", K.AUTH,
     "Clé API ou mot de passe API incorrect", "Wrong API key or API password"),
    ("1200", "TRANSACTION_EXIST", K.DUPLICATE,
     "Identifiant de transaction déjà utilisé", "Transaction id already used"),
    ("2001", "INITIATED", K.PENDING, "Opération initiée", "Operation initiated"),
    ("2002", "PENDING", K.PENDING, "Opération en attente", "Operation pending"),
    ("2003", "EXPIRED", K.PAYMENT_FAILED, "Opération expirée", "Operation expired"),
    ("2004", "OTP_ERROR", K.PAYMENT_FAILED,
     "Code de validation (OTP) erroné", "Wrong validation code (OTP)"),
    ("2005", "INSUFFICIENT_BALANCE", K.FUNDS, "Solde insuffisant", "Balance too low"),
    ("2006", "USER_NOT_FOUND", K.INVALID,
     "Compte mobile money introuvable", "Mobile money account not found"),
    ("2007", "USER_IS_BLOCKED", K.INVALID,
     "Compte mobile money bloqué", "Mobile money account blocked"),
    ("2008", "OTP_EXPIRED", K.PAYMENT_FAILED,
     "Code de validation (OTP) expiré", "Validation code (OTP) expired"),
    ("2010", "FAILED", K.PAYMENT_FAILED, "Opération échouée", "Operation failed"),
    ("2011", "NOT_ALLOWED", K.FORBIDDEN, "Opération non autorisée", "Operation not allowed"),
])

_TABLES = {Family.CHECKOUT: CHECKOUT, Family.TRANSFER: TRANSFER, Family.HTTP: HTTP,
           Family.CURRENT: CURRENT}


def normalize(code: object) -> str:
    """CinetPay sends codes as numbers or strings ("0", 0, "00", 701): compare as text."""
    text = str(code).strip()
    if text.lstrip("-").isdigit() and text not in ("00",):
        return str(int(text))
    return text


def lookup(family: Family, code: object) -> CodeInfo | None:
    key = normalize(code)
    info = _TABLES[family].get(key)
    if info is None and family is not Family.HTTP:
        info = HTTP.get(key)
    return info
