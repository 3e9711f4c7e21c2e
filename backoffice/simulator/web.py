"""Transport-neutral request/response objects and body parsing for the simulator.

Handlers receive a :class:`Request` and return a :class:`Response` (or :data:`DROP` to close
the connection without answering). Nothing here knows about CinetPay.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from ipaddress import ip_address
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # raw request target, e.g. "//v2/payment/check/?x=1"
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""

    @property
    def path(self) -> str:
        """Path with merged slashes and no trailing slash, as CinetPay's front accepts."""
        raw = self.target.partition("?")[0]
        if "://" in raw:  # absolute-form target (through a proxy)
            raw = urlsplit(raw).path
        return normalize_path(raw)

    @property
    def query_string(self) -> str:
        return self.target.partition("?")[2].partition("#")[0]

    @property
    def query(self) -> dict[str, str]:
        return _first_values(parse_qs(self.query_string, keep_blank_values=True))

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    @property
    def media_type(self) -> str:
        """Content-Type without parameters, lower-cased ("" when absent)."""
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def is_json(self) -> bool:
        mt = self.media_type
        return mt == "application/json" or mt.endswith("+json")

    def json(self) -> Any:
        """Decoded JSON body; raises ValueError when the body is not JSON."""
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> dict[str, str]:
        """Form-encoded body (first value of each field; "+" reads as a space, as in PHP)."""
        text = self.body.decode("utf-8", errors="replace")
        return _first_values(parse_qs(text, keep_blank_values=True))

    def fields(self) -> dict[str, Any]:
        """Body fields whatever the encoding: JSON object if it parses, else form fields."""
        if self.is_json() or self.body.lstrip()[:1] == b"{":
            try:
                data = self.json()
            except ValueError:
                data = None
            if isinstance(data, dict):
                return data
            if self.is_json():
                return {}
        return self.form()


def _host_name(host: str) -> str:
    """ "127.0.0.1:8000" → "127.0.0.1", "[::1]:80" → "::1" (lower-cased)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def addressed_by_ip(req: Request) -> bool:
    """The Host header names an IP address or localhost (or is absent): a page that rebinds
    its own domain name to 127.0.0.1 sends that domain name, and is refused."""
    host = req.header("host")
    if host is None:
        return True
    name = _host_name(host)
    if name == "localhost":
        return True
    try:
        ip_address(name)
    except ValueError:
        return False
    return True


def same_origin(req: Request) -> bool:
    """No Origin header (not a browser, or a browser's same-origin GET), or an Origin that is
    exactly this server as the request addressed it. "null" and other sites are refused."""
    origin = req.header("origin")
    if origin is None:
        return True
    host = (req.header("host") or "").strip().lower()
    return bool(host) and origin.strip().lower().rstrip("/") == f"http://{host}"


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


class Drop:
    """Sentinel type: close the connection without sending anything."""

    def __repr__(self) -> str:
        return "DROP"


DROP = Drop()
Answer = Response | Drop  # what a route or the dispatcher returns


def normalize_path(path: str) -> str:
    path = re.sub(r"/{2,}", "/", path or "/")
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


def _first_values(parsed: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[0] for k, v in parsed.items() if v}


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", dict(headers or {}))


def text_response(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def html_response(markup: str, status: int = 200) -> Response:
    return Response(status, markup.encode("utf-8"), "text/html; charset=utf-8")


NGINX_PAGE = (
    "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
    "<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


def nginx_error(status: int, reason: str) -> Response:
    """An error page like the one a front proxy serves (HTML, not JSON)."""
    return html_response(NGINX_PAGE.format(title=f"{status} {reason}"), status)
