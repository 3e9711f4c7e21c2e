"""Réglages: one page per file (``page.py`` has the contract), wired by ``tab.py``."""
