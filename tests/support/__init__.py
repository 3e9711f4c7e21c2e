"""Helpers shared by the tests, imported from here (never from a ``conftest`` module).

``clients``: API clients on the simulator or a closed port; ``waits``: await a condition or a
Qt signal on the running loop; ``till``: windows and contexts of the GUI tab tests; ``cli``:
comptoir-cli subprocesses; ``clock``: a clock that moves when told; ``sim_http``: plain httpx
calls of the simulator's own tests; ``api_data``: a checkout request and history rows for the
API tests; ``history_data``: generated history rows and a pure-Python reference.
Fixtures stay in the ``conftest`` modules; the harnesses (soak, crash loops, test keyring)
are in ``harness/``."""
