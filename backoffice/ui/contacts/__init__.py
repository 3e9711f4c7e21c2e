"""Contacts: the numbers transfers may go to. ``tab`` wires the screen, ``dialog`` adds one
contact, ``importing`` brings a CSV in, ``wording`` turns a ``ContactOutcome`` into words and
colours, ``model`` is the list and its filter."""
