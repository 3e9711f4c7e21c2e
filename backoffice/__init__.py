"""Comptoir: a desktop back-office for CinetPay merchants."""

__version__ = "0.1.0"
USER_AGENT = f"Comptoir/{__version__} (+backoffice; CinetPay merchant desktop)"
