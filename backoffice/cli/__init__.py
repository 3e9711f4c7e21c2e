"""``comptoir-cli``: Comptoir without a window, on the same Qt-free services as the GUI.

Human output (French by default, English with COMPTOIR_LANG=en) or ``--json`` (before or after
the subcommand); exit code 0 on success, non-zero with a message on stderr otherwise (see
:class:`backoffice.cli.common.Exit`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .common import Exit, error_exit, fmt_amount, t
from .parser import build_parser

__all__ = ["Exit", "build_parser", "fmt_amount", "main", "t"]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.json = getattr(args, "json", False)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        code, message = error_exit(exc)  # re-raises what it does not know (crash report)
        print(message, file=sys.stderr, flush=True)
        return int(code)
