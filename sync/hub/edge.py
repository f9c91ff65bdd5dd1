"""What every request to the hub passes through before and after its route.

- the client's address (``X-Forwarded-For`` only from a proxy the hub was told to trust);
- the body, read with a size cap and a deadline, decoded as JSON of valid Unicode;
- :class:`Edge`, the outer ASGI layer: the protocol header on every answer, browser
  safety headers on the public pages, ``Connection: close`` when an answer leaves a body
  unread, one log line per request (an internal error as ``500`` with one traceback, a
  client that went away as ``499``);
- error answers: the protocol's JSON, or a Chinese page for a resident's browser.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.i18n import _
from sync.hub import status_page
from sync.hub.limits import HubLimits, Limits, RateLimited
from sync.protocol import (
    PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorCode,
    ProtocolError,
    invalid_unicode,
)

log = logging.getLogger("sync.hub.app")

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
CLIENT_WENT_AWAY = 499  # nginx's number for it; never reaches the client


class ClientGone(Exception):
    """The client closed the connection before its request body arrived."""


# ------------------------------------------------------------------ the client


def trusted_networks(values: Sequence[str]) -> tuple[IpNetwork, ...]:
    """``--trusted-proxy`` values (addresses or networks) as networks; ValueError if bad."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def _within(address: str, networks: Sequence[IpNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request) -> str:
    """Who is asking: the peer, or — when the peer is a trusted proxy — the last address
    in ``X-Forwarded-For`` that is not itself a trusted proxy."""
    peer = request.client.host if request.client else ""
    trusted: tuple[IpNetwork, ...] = request.app.state.trusted_proxies
    if not _within(peer, trusted):
        return peer
    hops = [hop.strip() for value in request.headers.getlist("x-forwarded-for")
            for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _within(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # not an address: the proxy's own word is all we have
    return peer


def limits_of(request: Request) -> HubLimits:
    limits = getattr(request.app.state, "limits", None)
    return limits if isinstance(limits, HubLimits) else HubLimits(Limits())


# ------------------------------------------------------------------ the body


async def read_capped(request: Request, cap: int) -> bytes:
    """The request body: at most ``cap`` bytes whatever Content-Length says, all of it
    within the body deadline (``408`` otherwise); a client gone → :class:`ClientGone`."""
    too_large = ProtocolError(ErrorCode.TOO_LARGE, _("请求内容太大：最多{n}字节").format(n=cap))
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > cap):
        raise too_large
    deadline = limits_of(request).settings.body_timeout
    body = bytearray()
    try:
        async with asyncio.timeout(deadline):
            async for chunk in request.stream():
                body += chunk
                if len(body) > cap:
                    raise too_large
    except TimeoutError:
        raise ProtocolError(ErrorCode.REQUEST_TIMEOUT, _(
            "请求内容在{seconds}秒内没有传完，请检查网络后重试").format(
                seconds=round(deadline))) from None
    except ClientDisconnect:
        raise ClientGone from None
    return bytes(body)


def _no_constants(name: str) -> object:
    raise ValueError(name)


async def read_json(request: Request, cap: int) -> object:
    raw = await read_capped(request, cap)
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProtocolError(ErrorCode.BAD_JSON, _("请求内容不是有效的 JSON")) from None
    if invalid_unicode(value):
        raise ProtocolError(ErrorCode.BAD_JSON,
                            _("请求内容含有无效的 Unicode 字符（单独的代理项，如 \\udc00）"))
    return value


# ------------------------------------------------------------------ error answers


def _for_browser(path: str, headers: Headers) -> bool:
    """A person's browser on a public page, rather than a center's client."""
    accept = headers.get("accept", "")
    return not path.startswith(PREFIX + "/") and "text/html" in accept \
        and "application/json" not in accept


def error_response(request: Request, error: ProtocolError,
                   headers: dict[str, str] | None = None) -> Response:
    """The protocol's JSON error, or for a browser on a public page a Chinese page."""
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), **(headers or {})}
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    if _for_browser(request.url.path, request.headers):
        return HTMLResponse(status_page.error_html(error.message), status_code=error.status,
                            headers=headers)
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


def safe_path(path: str) -> str:
    # A tracking code in the URL is a resident's key to their case: keep it out of logs.
    return "/t/…" if path.startswith("/t/") else path


def _has_body(scope: Scope) -> bool:
    headers = Headers(scope=scope)
    length = headers.get("content-length", "0")
    return "chunked" in headers.get("transfer-encoding", "").lower() or length not in ("", "0")


class Edge:
    """The outermost layer of the hub's app (inside Starlette's own error catcher)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.monotonic(), 0
        body_left = _has_body(scope)
        public = not scope["path"].startswith(PREFIX + "/")

        async def tracked() -> Message:
            nonlocal body_left
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_left = False
            return message

        async def stamped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
                headers["X-Content-Type-Options"] = "nosniff"
                if public:
                    for name, value in status_page.PAGE_HEADERS.items():
                        headers[name] = value
                if body_left:  # unread bytes would be taken for the next request
                    headers["Connection"] = "close"
            await send(message)

        try:
            await self.app(scope, tracked, stamped)
        except Exception:
            log.exception("internal error on %s %s", scope["method"], safe_path(scope["path"]))
            if status == 0:
                request = Request(scope)
                await error_response(request, ProtocolError(
                    ErrorCode.INTERNAL, _("上级服务器内部错误，请稍后重试")))(scope, tracked,
                                                                          stamped)
        finally:
            log.info("%s %s %s %.1f ms", scope["method"], safe_path(scope["path"]), status,
                     (time.monotonic() - started) * 1000)
