"""Tableau de bord: balance cards, the daily chart and breakdowns, and the tab wiring them."""
