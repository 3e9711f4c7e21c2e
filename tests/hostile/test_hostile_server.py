"""A hostile server on loopback: slow drip, huge body, gzip, silence, garbage. The client
times out or reports a typed error; it never hangs and never crashes."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from backoffice.api import (
    BadResponse,
    CinetPayClient,
    Credentials,
    Endpoints,
    MaybeSent,
    PaymentStatus,
)

Behaviour = Callable[[socket.socket], None]


def serve(behaviour: Behaviour) -> Iterator[str]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def loop() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                try:
                    conn.recv(65536)  # the request (small enough for one read here)
                    behaviour(conn)
                except OSError:
                    pass

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    server.close()


def head(status: str, extra: str = "", length: int | None = None) -> bytes:
    text = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}"
    if length is not None:
        text += f"Content-Length: {length}\r\n"
    return (text + "Connection: close\r\n\r\n").encode()


def client(url: str, **kw) -> CinetPayClient:
    return CinetPayClient(Credentials("k" * 20, "445566", "pw"), Endpoints.single(url),
                          timeout=httpx.Timeout(connect=1, read=0.8, write=1, pool=1), **kw)


@pytest.fixture
def hostile(request) -> Iterator[str]:
    yield from serve(request.param)


def drip(conn: socket.socket) -> None:
    conn.sendall(head("200 OK", length=10_000))
    for _ in range(200):  # one byte every 0.3 s: each read succeeds, the whole never ends
        conn.sendall(b" ")
        time.sleep(0.3)


def huge(conn: socket.socket) -> None:
    conn.sendall(head("200 OK"))
    chunk = b'{"code":"00","data":{"x":"' + b"A" * 65536
    for _ in range(200):  # 13 MB
        conn.sendall(chunk)


def silence(conn: socket.socket) -> None:
    time.sleep(3)


def garbage(conn: socket.socket) -> None:
    conn.sendall(b"\x00\xffNOT HTTP AT ALL\r\n\r\n")


def gzipped(conn: socket.socket) -> None:
    body = gzip.compress(b'{"code":"00","message":"SUCCES","data":{"amount":"500",'
                         b'"currency":"XOF","status":"ACCEPTED","payment_date":" "}}')
    conn.sendall(head("200 OK", "Content-Encoding: gzip\r\n", len(body)) + body)


@pytest.mark.parametrize("hostile", [drip], indirect=True)
async def test_slow_drip_hits_the_whole_request_deadline(hostile):
    async with client(hostile, deadline=2.0) as api:
        started = time.monotonic()
        with pytest.raises(MaybeSent):
            await api.checkout.check_payment("T1")
        assert time.monotonic() - started < 4


@pytest.mark.parametrize("hostile", [huge], indirect=True)
async def test_huge_answer_is_refused_not_swallowed(hostile):
    async with client(hostile, deadline=10.0) as api:
        with pytest.raises(BadResponse) as err:
            await api.checkout.check_payment("T1")
    assert "larger" in str(err.value)


@pytest.mark.parametrize("hostile", [silence], indirect=True)
async def test_silence_is_a_read_timeout(hostile):
    async with client(hostile) as api:
        with pytest.raises(MaybeSent):
            await api.checkout.check_payment("T1")


@pytest.mark.parametrize("hostile", [garbage], indirect=True)
async def test_not_http_is_typed(hostile):
    async with client(hostile) as api:
        with pytest.raises(MaybeSent):
            await api.checkout.check_payment("T1")


@pytest.mark.parametrize("hostile", [gzipped], indirect=True)
async def test_gzip_answers_are_read_once(hostile):
    async with client(hostile) as api:
        check = await api.checkout.check_payment("T1")
    assert check.status is PaymentStatus.ACCEPTED
