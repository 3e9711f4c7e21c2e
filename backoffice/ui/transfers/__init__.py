"""Transferts: money leaving the merchant's account, to one of its CinetPay contacts.

``tab`` wires the screen; ``chooser`` is the recipient field; ``send`` and ``batch`` are the
two ways of sending (one transfer, a CSV batch), both through ``guard`` (manager PIN,
duplicate guard) and ``confirm`` (the confirmation dialog); ``wording`` turns a
``TransferOutcome`` into words and colours; ``model`` is the list."""
