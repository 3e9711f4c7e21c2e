"""The frozen executable's entry point (PyInstaller runs this file as ``__main__``).

    comptoir                      the desktop application (``backoffice.ui.app.main``)
    comptoir --demo               … in training mode on the built-in simulator
    comptoir --smoke-test [...]   start, create a payment link, check its QR, quit
                                  (``backoffice.smoke.main``: prints SMOKE OK / SMOKE FAIL)
    comptoir --cli ARGS...        the command line (``backoffice.cli.main``), e.g.
                                  ``comptoir --cli balance``

An executable named ``comptoir-cli`` (the Windows console build) runs the command line, and
``comptoir-cli --smoke-test`` the smoke test with a console to print to (a windowed Windows
``comptoir.exe`` has no stdout).
Each branch imports only what it needs: ``--cli`` never loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def dispatch(argv: Sequence[str], program: str = "comptoir") -> int:
    args = list(argv)
    if args and args[0] == "--cli":
        from backoffice.cli import main as cli_main

        return cli_main(args[1:])
    if "--smoke-test" in args:
        from backoffice.smoke import main as smoke_main

        return smoke_main(args)
    if Path(program).stem.lower() == "comptoir-cli":
        from backoffice.cli import main as cli_main

        return cli_main(args)
    from backoffice.ui.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(dispatch(sys.argv[1:], sys.executable))
