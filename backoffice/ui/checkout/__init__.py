"""Encaisser, the till screen: ``tab.py`` composes the form (``form.py``), the QR panel
(``panel.py``), the bounded status check (``status_checker.py``) and today's links
(``links_model.py``); ``wording.py`` is the one place that names a link's outcome."""
