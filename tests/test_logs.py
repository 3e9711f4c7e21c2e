"""backoffice.logs: rotating log file and crash reports, with secrets redacted."""

from __future__ import annotations

import json
import logging
import string
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backoffice import logs
from backoffice.logs import (
    BACKUP_COUNT,
    MASK,
    MAX_BYTES,
    RedactingFilter,
    forget_secrets,
    install_excepthook,
    redact,
    register_secret,
    setup_logging,
)

APIKEY = "12912847765bc0db748fdd44.40081707"
PASSWORD = "Tr@nsf3r Pa55word&co"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.payload.sig"

log = logging.getLogger("backoffice.test_logs")


def _comptoir_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, logs._ComptoirFileHandler)]


def _teardown_logging() -> None:
    root = logging.getLogger()
    for handler in _comptoir_handlers():
        root.removeHandler(handler)
        handler.close()
    for handler in root.handlers:
        for f in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(f)
    forget_secrets()


@pytest.fixture(autouse=True)
def _isolated_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    _teardown_logging()
    root.setLevel(level)


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = setup_logging(tmp_path, secrets=[APIKEY, PASSWORD])
    register_secret(TOKEN)  # obtained later, at runtime
    return path


def read_log(path: Path) -> str:
    for handler in _comptoir_handlers():
        handler.flush()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def assert_clean(text: str, *values: str) -> None:
    for value in values or (APIKEY, PASSWORD, TOKEN):
        assert value not in text


# --------------------------------------------------------------------------- setup


def test_setup_returns_log_path_with_rotation(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path == tmp_path / "logs" / "comptoir.log"
    assert path.exists()
    [handler] = _comptoir_handlers()
    assert handler.maxBytes == MAX_BYTES == 1024 * 1024
    assert handler.backupCount == BACKUP_COUNT == 5
    assert handler.encoding == "utf-8"
    assert any(isinstance(f, RedactingFilter) for f in handler.filters)


def test_setup_is_idempotent(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert setup_logging(tmp_path, level=logging.DEBUG) == path
    assert len(_comptoir_handlers()) == 1
    assert logging.getLogger().level == logging.DEBUG
    log.debug("once only")
    assert read_log(path).count("once only") == 1


def test_setup_elsewhere_moves_the_log(tmp_path: Path) -> None:
    first = setup_logging(tmp_path / "a")
    second = setup_logging(tmp_path / "b")
    assert len(_comptoir_handlers()) == 1
    log.info("where am I")
    assert "where am I" in read_log(second) and "where am I" not in read_log(first)


def test_rotation_keeps_files_redacted(tmp_path: Path) -> None:
    path = setup_logging(tmp_path, secrets=[APIKEY])
    [handler] = _comptoir_handlers()
    handler.maxBytes = 1000
    for i in range(100):
        log.info("request %d apikey %s token=%s", i, APIKEY, "raw-token-value")
    rotated = sorted(path.parent.glob("comptoir.log.*"))
    assert [p.name for p in rotated] == [f"comptoir.log.{i}" for i in range(1, 6)]
    for file in [path, *rotated]:
        assert_clean(file.read_text(encoding="utf-8"), APIKEY, "raw-token-value")


def test_utf8(log_file: Path) -> None:
    log.info("Transfert vers Koné Aïcha : 5 000 FCFA — réussi ✓")
    assert "Koné Aïcha : 5 000 FCFA — réussi ✓" in read_log(log_file)


# --------------------------------------------------------------------------- redaction


def test_secret_in_message(log_file: Path) -> None:
    log.info(f"logging in with apikey {APIKEY} and password {PASSWORD}")
    text = read_log(log_file)
    assert_clean(text)
    assert f"apikey {MASK} and password {MASK}" in text


def test_secret_in_args(log_file: Path) -> None:
    log.warning("token obtained: %s (for %r)", TOKEN, {"key": APIKEY})
    text = read_log(log_file)
    assert_clean(text)
    assert "token obtained: ***" in text


def test_secret_in_exception_traceback(log_file: Path) -> None:
    def call_api() -> None:
        raise RuntimeError(f"401 for {APIKEY} / {PASSWORD} / {TOKEN}")

    try:
        call_api()
    except RuntimeError:
        log.exception("transfer failed")
    text = read_log(log_file)
    assert_clean(text)
    assert "Traceback (most recent call last)" in text and "RuntimeError: 401 for ***" in text


def test_unregistered_token_in_url_query(log_file: Path) -> None:
    log.info(
        "HTTP Request: GET https://client.cinetpay.com/v1/transfer/check/balance"
        '?token=abc123&lang=fr "HTTP/1.1 200 OK"'
    )
    text = read_log(log_file)
    assert "abc123" not in text
    assert "?token=***&lang=fr" in text


def test_unregistered_secrets_in_json_body(log_file: Path) -> None:
    body = {
        "apikey": "live-key-9876",
        "site_id": "445160",
        "amount": 100,
        "password": 'pa"ss',
        "auth": {"token": "tok-5555"},
    }
    log.info("POST /v2/payment %s", json.dumps(body))
    log.info("parsed %s", body)  # Python repr: single quotes
    text = read_log(log_file)
    assert_clean(text, "live-key-9876", "tok-5555", 'pa"ss', 'pa\\"ss')
    assert '"site_id": "445160"' in text and '"amount": 100' in text


def test_unregistered_secrets_in_form_body(log_file: Path) -> None:
    form = urlencode({"apikey": "live-key-9876", "password": "p@ss&word!", "lang": "fr"})
    log.info("POST /v1/auth/login body=%s", form)
    log.info("raw body %r", form.encode())
    text = read_log(log_file)
    assert_clean(text, "live-key-9876", "p%40ss", "%26word")
    assert "apikey=***&password=***&lang=fr" in text


def test_authorization_header(log_file: Path) -> None:
    log.info("headers: Authorization: Bearer abc.def-ghi\nnext line")
    log.info("headers %s", {"Authorization": "Bearer xyz-123", "Accept": "json"})
    text = read_log(log_file)
    assert_clean(text, "abc.def-ghi", "xyz-123")
    assert "next line" in text and "'Accept': 'json'" in text


def test_encoded_forms_of_a_registered_secret(log_file: Path) -> None:
    log.info("url %s", urlencode({"p": PASSWORD}))  # quote_plus
    log.info("json %s", json.dumps({"p": PASSWORD}))
    log.info("repr %r", [PASSWORD])
    assert_clean(read_log(log_file), PASSWORD, "Tr%40nsf3r+Pa55word%26co")


def test_short_values_are_not_registered() -> None:
    register_secret("abc")
    register_secret("")
    register_secret(None)
    assert redact("abc def") == "abc def"


def test_bad_format_arguments_are_still_redacted(log_file: Path) -> None:
    log.info("amount %d", APIKEY)  # wrong type: logging would print the raw args
    text = read_log(log_file)
    assert_clean(text)
    assert "amount %d" in text


def test_no_handler_sees_the_raw_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[logging.LogRecord] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    early = Collector()  # installed before setup_logging
    logging.getLogger().addHandler(early)
    try:
        setup_logging(tmp_path, secrets=[APIKEY])
        try:
            raise ValueError(APIKEY)
        except ValueError:
            log.error("key %s", APIKEY, exc_info=True, stack_info=True)
    finally:
        logging.getLogger().removeHandler(early)
    [record] = seen
    assert_clean(record.getMessage() + (record.exc_text or "") + (record.stack_info or ""), APIKEY)
    assert record.exc_info is None and "ValueError" in (record.exc_text or "")
    assert_clean(caplog.text, APIKEY)


def test_secret_matching_the_line_prefix(log_file: Path) -> None:
    register_secret("INFO")  # absurd, but even the level name must not show it
    log.info("hello")
    text = read_log(log_file)
    assert "INFO" not in text and "hello" in text


# --------------------------------------------------------------------------- crashes


@pytest.fixture
def hooks() -> Iterator[None]:
    saved = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = saved


@pytest.mark.usefixtures("hooks")
def test_excepthook_writes_redacted_crash_file(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = sys.excepthook
    assert install_excepthook(log_file.parent.parent) is original
    try:
        raise ConnectionError(f"GET /v1/transfer?token=zz-unregistered-zz&key={APIKEY}")
    except ConnectionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [crash] = log_file.parent.glob("crash-*.log")
    report = crash.read_text(encoding="utf-8")
    assert "ConnectionError" in report and "Traceback" in report
    assert_clean(report, APIKEY, "zz-unregistered-zz")
    logged = read_log(log_file)
    assert "Uncaught exception" in logged and crash.name in logged
    assert_clean(logged, APIKEY, "zz-unregistered-zz")
    assert_clean(capsys.readouterr().err, APIKEY, "zz-unregistered-zz")


@pytest.mark.usefixtures("hooks")
def test_thread_excepthook(log_file: Path) -> None:
    install_excepthook(log_file.parent.parent)

    def worker() -> None:
        raise RuntimeError(f"password={PASSWORD}")

    thread = threading.Thread(target=worker, name="sync-worker")
    thread.start()
    thread.join()
    [crash] = log_file.parent.glob("crash-*.log")
    assert_clean(crash.read_text(encoding="utf-8"), PASSWORD)
    assert "in thread sync-worker" in read_log(log_file)


@pytest.mark.usefixtures("hooks")
def test_excepthook_without_logging_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register_secret(APIKEY)
    install_excepthook(tmp_path)
    try:
        raise ValueError(APIKEY)
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [crash] = (tmp_path / "logs").glob("crash-*.log")
    assert_clean(crash.read_text(encoding="utf-8"), APIKEY)
    err = capsys.readouterr().err
    assert "ValueError" in err
    assert_clean(err, APIKEY)


# --------------------------------------------------------------------------- properties

printable = st.characters(
    exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"), include_characters=" "
)


def _log_once_to_fresh_file(message: str, *args: object) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = setup_logging(Path(tmp))
        log.info(message, *args)
        text = read_log(path)
        _teardown_logging()  # closes the file before the directory goes
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    secret=st.text(printable, min_size=4, max_size=40),
    before=st.text(printable, max_size=40),
    after=st.text(printable, max_size=40),
    as_arg=st.booleans(),
)
def test_registered_secret_never_written(
    secret: str, before: str, after: str, as_arg: bool
) -> None:
    register_secret(secret)
    if as_arg:
        text = _log_once_to_fresh_file("%s%s%s", before, secret, after)
    else:
        text = _log_once_to_fresh_file((before + secret + after).replace("%", "%%"))
    assert text  # something was written
    assert secret not in text


@settings(max_examples=100, deadline=None)
@given(
    key=st.sampled_from(["token", "apikey", "password", "transfer_password", "api_key"]),
    value=st.text(string.ascii_letters + string.digits + "-_.~!*@$", min_size=1, max_size=40),
)
def test_unregistered_query_values_never_written(key: str, value: str) -> None:
    text = _log_once_to_fresh_file("GET https://client.cinetpay.com/v1/x?%s=%s&lang=fr", key, value)
    assert f"?{key}={MASK}&lang=fr" in text
