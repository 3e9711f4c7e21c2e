"""Shared parts of every screen: the async bridge, the one bus listener, the one field-error
system, the Tab contract, the amount field, messages, formatting and table models."""
