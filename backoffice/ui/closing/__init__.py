"""Clôture: the end-of-day closing screen (close, see the anomalies, save or print the PDF)."""
