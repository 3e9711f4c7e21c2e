"""Logging with secret redaction.

House rule: secrets never reach a log, a crash report or the screen in clear. Two layers:

* known values: the API key, the transfer password and every transfer token are registered at
  runtime with :func:`register_secret` and replaced wherever they appear (also URL-, JSON- and
  repr-escaped);
* patterns: ``apikey=…``, ``"password": "…"``, ``token=…``, ``Authorization: …``, ``Bearer …``
  are masked whatever their value (query strings, form bodies, JSON, dict reprs, headers).

:class:`RedactingFilter` formats each record (message, args, traceback, stack), redacts it and
stores the result back, so no handler ever sees the raw text; :class:`RedactingFormatter`
redacts the final line once more (it also covers secrets that would match the timestamp,
logger name…).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import logging.handlers
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, quote_plus

__all__ = [
    "BACKUP_COUNT",
    "LOG_FILE_NAME",
    "MASK",
    "MAX_BYTES",
    "RedactingFilter",
    "RedactingFormatter",
    "install_excepthook",
    "redact",
    "register_secret",
    "setup_logging",
]

MASK = "***"
MIN_SECRET_LENGTH = 4
LOG_FILE_NAME = "comptoir.log"
MAX_BYTES = 1024 * 1024  # 1 MiB per file…
BACKUP_COUNT = 5  # …plus 5 rotated files (comptoir.log.1 … .5)
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"

ExcHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

# --------------------------------------------------------------------------- known secrets

_lock = threading.Lock()
_secrets: set[str] = set()
_secret_re: re.Pattern[str] | None = None  # rebuilt lazily after each registration


def _variants(value: str) -> set[str]:
    """The value as it may appear once encoded in a URL, a JSON document or a repr."""
    out = {value, quote(value, safe=""), quote_plus(value), repr(value)[1:-1]}
    out.add(json.dumps(value)[1:-1])
    out.add(json.dumps(value, ensure_ascii=False)[1:-1])
    return {v for v in out if len(v) >= MIN_SECRET_LENGTH}


def register_secret(value: str | None) -> None:
    """Mask ``value`` in every log record from now on (values shorter than 4 chars are ignored:
    masking them would shred the logs without protecting anything)."""
    global _secret_re
    if not isinstance(value, str) or len(value) < MIN_SECRET_LENGTH:
        return
    variants = _variants(value)
    with _lock:
        if variants <= _secrets:
            return
        _secrets.update(variants)
        _secret_re = None


def forget_secrets() -> None:
    """Drop every registered value (tests only; the app never forgets a secret)."""
    global _secret_re
    with _lock:
        _secrets.clear()
        _secret_re = None


def _known_pattern() -> re.Pattern[str] | None:
    global _secret_re
    pattern = _secret_re
    if pattern is None:
        with _lock:
            if _secrets and _secret_re is None:
                # longest first so a secret containing another one is masked whole
                alternatives = sorted(_secrets, key=len, reverse=True)
                _secret_re = re.compile("|".join(map(re.escape, alternatives)))
            pattern = _secret_re
    return pattern


# --------------------------------------------------------------------------- patterns

_KEYS = r"api[_-]?key|password|passwd|token|secret|authorization|cookie"
_KEY = rf"(?<![\w.\-])[\w.\-]*?(?:{_KEYS})"  # e.g. apikey, transfer_password, access_token

# key=value in query strings / form bodies / free text; key%3Dvalue inside an encoded URL
# (e.g. a return_url parameter), where the value ends at %26 (an encoded '&')
_KV_RE = re.compile(rf"(?P<k>{_KEY})(?P<sep>\s*=\s*)(?P<v>[^\s&\"'<>,;)}}\]]+)", re.I)
_KV_ENCODED_RE = re.compile(rf"(?P<k>{_KEY})(?P<sep>%3[dD])(?P<v>(?:(?!%26)[^\s&\"'<>])+)", re.I)
# "key": "value" / 'key': 'value' / \"key\": \"value\" (JSON, dict reprs, escaped JSON)
_JSON_RE = re.compile(
    rf"""(?P<k>(?P<q>\\?["']){_KEY}(?P=q)\s*:\s*)"""
    r"""(?:(?P<vq>\\?["'])(?:\\.|(?!(?P=vq)).)*?(?P=vq)|(?P<bare>[^\s,}\]]+))""",
    re.I | re.S,
)
# raw header lines: "Authorization: Bearer …" (the rest of the line)
_HEADER_RE = re.compile(
    r"(?P<k>(?<![\w-])(?:proxy-)?(?:authorization|x-token|x-api-key|set-cookie|cookie)"
    r"\s*:[ \t]*)(?P<v>[^\r\n\"',}]+)",
    re.I,
)
_BEARER_RE = re.compile(r"(?P<k>\bBearer\s+)(?P<v>[\w.~+/=\-]+)", re.I)


def _json_sub(m: re.Match[str]) -> str:
    quote_ = m.group("vq") or ""
    return f"{m.group('k')}{quote_}{MASK}{quote_}"


def _kv_sub(m: re.Match[str]) -> str:
    return f"{m.group('k')}{m.group('sep')}{MASK}"


def _mask_known(text: str) -> str:
    pattern = _known_pattern()
    if pattern is None:
        return text
    # masking may glue '*' into a new occurrence of a secret containing '*': repeat; each pass
    # strictly shortens the text (len(secret) >= 4 > len(MASK)), so this terminates
    while pattern.search(text):
        text = pattern.sub(MASK, text)
    return text


def redact(text: str) -> str:
    """Mask registered secret values and secret-looking fields in ``text``."""
    if not text:
        return text
    text = _mask_known(text)  # first: a pattern must not cut a known value in two
    text = _JSON_RE.sub(_json_sub, text)
    text = _KV_RE.sub(_kv_sub, text)
    text = _KV_ENCODED_RE.sub(_kv_sub, text)
    text = _HEADER_RE.sub(lambda m: f"{m.group('k')}{MASK}", text)
    text = _BEARER_RE.sub(lambda m: f"{m.group('k')}{MASK}", text)
    return _mask_known(text)


# --------------------------------------------------------------------------- logging glue

_plain_formatter = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Formats the record, redacts it and writes the redacted text back into the record
    (msg, args, exc_text, stack_info), so every later handler only sees masked text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # bad format args: keep something readable, still redacted
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _plain_formatter.formatException(record.exc_info)
        record.exc_info = None  # the traceback object itself may be rendered again elsewhere
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the fully formatted line (second layer behind :class:`RedactingFilter`)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _ComptoirFileHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler installed by :func:`setup_logging` (idempotence); its files are
    created owner-only (0600) whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        stream = os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)  # a text mode ("a"): always
        return stream


def _has_redacting_filter(handler: logging.Handler) -> bool:
    return any(isinstance(f, RedactingFilter) for f in handler.filters)


def setup_logging(data_dir: Path, level: int = logging.INFO, secrets: Iterable[str] = ()) -> Path:
    """Log to ``data_dir/logs/comptoir.log`` (rotating, UTF-8, redacted); return that path.

    Calling it again updates the level and the secrets without adding a handler; calling it
    with another ``data_dir`` moves the log there.
    """
    for value in secrets:
        register_secret(value)
    log_dir = Path(data_dir) / "logs"
    Path(data_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_FILE_NAME

    root = logging.getLogger()
    current = None
    for handler in list(root.handlers):
        if isinstance(handler, _ComptoirFileHandler):
            if handler.baseFilename == os.path.abspath(path) and current is None:
                current = handler
            else:
                root.removeHandler(handler)
                handler.close()
    if current is None:
        current = _ComptoirFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        current.setFormatter(RedactingFormatter(LOG_FORMAT))
        current.addFilter(RedactingFilter())
        root.addHandler(current)
    current.setLevel(level)
    root.setLevel(level)
    # any other handler already on the root (console, test capture…) gets the filter too
    for handler in root.handlers:
        if not _has_redacting_filter(handler):
            handler.addFilter(RedactingFilter())
    return path


# --------------------------------------------------------------------------- crashes

_crash_log = logging.getLogger("backoffice.crash")


def _write_crash_file(log_dir: Path, text: str) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = log_dir / f"crash-{stamp}.log"
    n = 1
    while path.exists():  # two crashes in the same microsecond (threads)
        path = log_dir / f"crash-{stamp}-{n}.log"
        n += 1
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _report_crash(
    log_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    where: str = "",
) -> None:
    text = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    try:
        path = _write_crash_file(log_dir, text)
    except OSError:
        path = None
    # the already-redacted text, not exc_info: without any handler configured, logging's
    # lastResort would print the raw traceback to stderr
    console_done = not _crash_log.hasHandlers()  # then lastResort prints this record
    try:
        _crash_log.critical("Uncaught exception%s (crash report: %s)\n%s", where, path, text)
    except Exception:
        console_done = False
    if not console_done:
        with contextlib.suppress(Exception):  # the console is "the screen" too: redacted text
            sys.stderr.write(text)


def install_excepthook(data_dir: Path) -> ExcHook:
    """Route uncaught exceptions (main thread and other threads) to a redacted crash file
    ``data_dir/logs/crash-<timestamp>.log`` and to the log; return the previous
    ``sys.excepthook``. The previous hook is not chained: it would print the raw traceback."""
    log_dir = Path(data_dir) / "logs"
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _report_crash(log_dir, exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = getattr(args.thread, "name", "?")
        _report_crash(
            log_dir, args.exc_type, args.exc_value, args.exc_traceback, f" in thread {name}"
        )

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return previous
