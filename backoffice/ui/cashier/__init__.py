"""Who is at the till: F9 switch, idle lock, tabs a cashier may not use (CashierDesk)."""

from .desk import CashierDesk, attach

__all__ = ["CashierDesk", "attach"]
