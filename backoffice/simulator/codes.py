"""CinetPay result codes and messages, spelled as CinetPay spells them (SUCCES, INSUFFISENT…)."""

from __future__ import annotations

# Checkout v2: code -> message of /v2/payment/check answers.
CHECK_MESSAGES: dict[str, str] = {
    "00": "SUCCES",
    "600": "PAYMENT_FAILED",
    "602": "INSUFFISENT_BALANCE",
    "603": "SERVICE_UNAVAILABLE",
    "604": "OTP_CODE_ERROR",
    "606": "INCORRECT_SETTINGS",
    "623": "WAITING_CUSTOMER_TO_VALIDATE",
    "627": "TRANSACTION_CANCEL",
    "635": "ERROR_PHONE_NUMBER_NOT_FOUND",
    "636": "ERROR_PHONE_NUMBER_NOT_SUPPORTED",
    "641": "ERROR_AMOUNT_TOO_LOW",
    "642": "ERROR_AMOUNT_TOO_HIGH",
    "662": "WAITING_CUSTOMER_PAYMENT",
    "663": "WAITING_CUSTOMER_OTP_CODE",
    "664": "WAITING_CUSTOMER_PAYMENT_AT_OPERATOR_SIDE",
    "804": "OPERATOR_UNAVAILABLE",
    "807": "DAILY_MAX_NUMBER_TRANSACTION_REACHED",
    "808": "DAILY_MAX_AMOUNT_TRANSACTION_REACHED",
    "809": "MONTHLY_MAX_AMOUNT_TRANSACTION_REACHED",
    "810": "MONTHLY_MAX_NUMBER_TRANSACTION_REACHED",
    "811": "WEEKLY_MAX_AMOUNT_TRANSACTION_REACHED",
    "812": "WEEKLY_MAX_NUMBER_TRANSACTION_REACHED",
}

PENDING_CODES = frozenset({"623", "662", "663", "664"})
# Codes a payment can be refused with (everything that is neither success nor pending).
REFUSAL_CODES = frozenset(CHECK_MESSAGES) - PENDING_CODES - {"00"}
DEFAULT_REFUSAL = "627"

# Checkout v2 errors of /v2/payment and /v2/payment/check.
V2_ERRORS: dict[str, str] = {
    "608": "MINIMUM_REQUIRED_FIELDS",
    "609": "AUTH_NOT_FOUND",
    "613": "ERROR_SITE_ID_NOTVALID",
    "404": "NOT_FOUND",
}

# Legacy v1 (Annex I).
V1_MESSAGES: dict[str, str] = {
    "00": "SUCCES",
    "600": "PAYMENT_FAILED",
    "601": "MERCHANT_NOT_FOUND",
    "602": "INSUFFICIENT_BALANCE",
    "603": "SERVICE_UNAVAILABLE",
    "604": "OTP_CODE_ERROR",
    "605": "TRANSACTION_CLOSED",
    "606": "INCORRECT_SETTINGS",
    "607": "PENDING",
    "608": "MINIMUM_REQUIRED_FIELDS",
    "609": "AUTH_NOT_FOUND",
    "610": "ERROR_PAYMETHOD_NOTFOUND",
    "611": "ERROR_AMOUNT_TYPE",
    "612": "ERROR_CURRENCY_NOTVALID",
    "613": "ERROR_SITE_ID_NOTVALID",
    "614": "ERROR_FORMAT_TRANSACTION_DATE",
    "615": "ERROR_LANGUAGE_NOTVALID",
    "616": "ERROR_PAGE_ACTION_NOTVALID",
    "617": "ERROR_PAYMENT_CONFIG_NOTVALID",
    "618": "ERROR_API_VERSION_NOTVALID",
    "619": "ERROR_SIGNATURE_DONT_MATCHED",
    "620": "ERROR_DOUBLE_PAYEMNT",
    "621": "ERROR_OMPAY_UNAVAILABLE",
    "622": "ERROR_MOMOPAY_UNAVAILABLE",
    "623": "WAITING_CUSTOMER_TO_VALIDATE",
    "624": "UNKNOWN_ERROR",
    "625": "ABONNEMENT_OR_TRANSACTIONS_EXPIRED",
}

# Transfer API: code -> (message, French description, English description).
TRANSFER_CODES: dict[int, tuple[str, str, str]] = {
    0: ("OPERATION_SUCCES", "Opération effectuée avec succès", "Operation successful"),
    602: (
        "INSUFFICIENT_BALANCE",
        "Votre solde CinetPay transfert est insuffisant pour effectuer cette opération",
        "Your CinetPay transfer balance is insufficient for this operation",
    ),
    701: ("INVALID_CREDENTIALS", "Identifiant de connexion incorrect", "Invalid credentials"),
    704: (
        "INVALID_PARAM",
        "Les paramètres envoyés ne sont pas correctes",
        "The parameters sent are not correct",
    ),
    705: ("EXPIRED_TOKEN", "Le token a expiré", "The token has expired"),
    706: ("INVALID_TOKEN", "Votre token est invalide", "Your token is invalid"),
    716: ("DATA_NOT_VALID", "Une donnée émise est incorrecte", "A submitted value is invalid"),
    718: ("JSON_PARSE_ERROR", "Le JSON émis comporte des erreurs", "The JSON sent is malformed"),
    719: (
        "AMOUNT_TOO_SMALL",
        "Le montant doit être supérieur à 200 XOF",
        "The amount must be at least 200 XOF",
    ),
    720: (
        "AMOUNT_TOO_LARGE",
        "Le montant doit être inférieur à 1500000 XOF",
        "The amount must be at most 1500000 XOF",
    ),
    723: ("NOT_FOUND", "Aucun element trouvé", "No element found"),
    724: (
        "ERROR_PHONE_NOT_MY_CONTACT",
        "Le numéro de téléphone n'existe pas dans la liste de vos contacts CinetPay",
        "The phone number is not in your CinetPay contact list",
    ),
    726: (
        "ERROR_PHONE_ALREADY_MY_CONTACT",
        "Ce numéro figure déjà dans votre liste de contacts",
        "This number is already in your contact list",
    ),
    801: ("INVALID_AMOUNT", "Le montant renseigné est invalide", "The amount is invalid"),
    802: ("INVALID_PHONE", "Le numéro de téléphone renseigné est invalide", "Invalid phone number"),
    805: (
        "CLIENT_TRANSACTION_ID_EXIST",
        "Votre identifiant transaction existe déjà sur CinetPay",
        "Your transaction id already exists on CinetPay",
    ),
}


def transfer_message(code: int) -> str:
    return TRANSFER_CODES[code][0]


def transfer_description(code: int, lang: str) -> str:
    _, fr, en = TRANSFER_CODES[code]
    return en if lang == "en" else fr
