"""Historique: the filter bar, the lazy table model, the detail pane, and the tab wiring them."""
