"""The asyncio loop on Qt's event loop: qasync's, with asyncio's async-generator hooks.

qasync's ``run_forever`` never installs them (asyncio's own loops do). Without them an async
generator left unfinished (an httpx/httpcore stream cut short: a refused oversized answer, a
cancelled request) is finalized by whichever thread's garbage collection finds it, running
asyncio and anyio code off the loop — "no running event loop" noise, and crashes in libpython
seen in the bulk-check bench. With them the loop closes such generators on its own thread.
"""

from __future__ import annotations

import sys
from typing import Any

import qasync


class QtLoop(qasync.QEventLoop):
    def _before_run_forever(self) -> None:
        super()._before_run_forever()
        self._previous_asyncgen_hooks: Any = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)

    def _after_run_forever(self) -> None:
        try:
            super()._after_run_forever()
        finally:
            previous = getattr(self, "_previous_asyncgen_hooks", None)
            if previous is not None:
                sys.set_asyncgen_hooks(*previous)
