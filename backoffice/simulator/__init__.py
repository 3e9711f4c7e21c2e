"""CinetPay in a box: a real HTTP simulator of CinetPay's three API families.

Used by training mode (``comptoir --demo``) and by the test suite. Stdlib only, no Qt, and
independent of ``backoffice.api`` so that it never mirrors the client's mistakes.

    from backoffice.simulator import Simulator, DEMO_CREDENTIALS
    with Simulator(seed_demo=False) as sim:
        ...  # sim.base_url serves /v2/payment, /v1/?method=…, /v1/transfer/…, /_sim/…
"""

from .ledger import Conflict, Invalid, NotFound, SimError
from .runner import serve_forever
from .simulator import Simulator
from .state import DEMO_CREDENTIALS

__all__ = [
    "DEMO_CREDENTIALS",
    "Conflict",
    "Invalid",
    "NotFound",
    "SimError",
    "Simulator",
    "serve_forever",
]
