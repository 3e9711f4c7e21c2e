"""``python -m backoffice``: the same as ``comptoir`` (``--demo`` for training mode)."""

import sys

from .ui.app import main

if __name__ == "__main__":
    sys.exit(main())
