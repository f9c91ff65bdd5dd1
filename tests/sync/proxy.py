"""A small HTTP proxy of our own on loopback, put between a center and the hub to break the
link on purpose: drop or reset a request, lose the reply after the hub committed, send a
request twice, delay it, edit a reply, or answer like a captive portal.

``plan(request) -> Plan`` decides for every request (it runs on the proxy's threads).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class Plan:
    # Before forwarding: "drop" closes the connection, "reset" sends a TCP RST.
    before: str | None = None
    delay: float = 0.0
    times: int = 1  # 2: the hub receives the request twice (a duplicated packet/retry)
    # After the hub answered (it has committed): lose the reply the same two ways.
    after: str | None = None
    canned: Reply | None = None  # answer this instead of forwarding at all
    edit: Callable[[Reply], Reply] | None = None
    on_reply: Callable[[], None] | None = None  # runs once the hub's reply is in hand


def passthrough(request: Request) -> Plan:
    return Plan()


@dataclass
class Seen:
    method: str
    path: str
    status: int | None
    what: str


_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


class FaultProxy:
    def __init__(self, upstream_port: int, plan: Callable[[Request], Plan] = passthrough,
                 ) -> None:
        self.upstream_port = upstream_port
        self.plan = plan
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _note(self, request: Request, status: int | None, what: str) -> None:
        with self._lock:
            self.seen.append(Seen(request.method, request.path, status, what))

    def count(self, path_part: str, what: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.seen if path_part in s.path
                       and (what is None or s.what == what))

    # ------------------------------------------------------------ one request

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        request = Request(handler.command, handler.path,
                          {k: v for k, v in handler.headers.items()},
                          handler.rfile.read(length) if length else b"")
        plan = self.plan(request)
        if plan.before:
            self._note(request, None, plan.before)
            _cut(handler, plan.before)
            return
        if plan.delay:
            time.sleep(plan.delay)
        if plan.canned is not None:
            self._note(request, plan.canned.status, "canned")
            _send(handler, plan.canned)
            return
        reply: Reply | None = None
        for _n in range(plan.times):
            try:
                reply = self._forward(request)
            except OSError:
                self._note(request, None, "upstream_down")
                _cut(handler, "drop")
                return
        assert reply is not None
        if plan.on_reply is not None:
            plan.on_reply()
        if plan.after:
            self._note(request, reply.status, plan.after)
            _cut(handler, plan.after)
            return
        if plan.edit is not None:
            reply = plan.edit(reply)
        self._note(request, reply.status, "duplicated" if plan.times > 1 else "forwarded")
        _send(handler, reply)

    def _forward(self, request: Request) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
            conn.request(request.method, request.path, body=request.body or None,
                         headers=headers)
            response = conn.getresponse()
            body = response.read()
            kept = [(k, v) for k, v in response.getheaders()
                    if k.lower() not in _HOP and k.lower() != "content-length"]
            return Reply(response.status, kept, body)
        finally:
            conn.close()


def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    try:
        handler.send_response_only(reply.status)
        for key, value in reply.headers:
            if key.lower() != "content-length":
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        handler.wfile.write(reply.body)
        handler.wfile.flush()
    except OSError:
        handler.close_connection = True


def _cut(handler: BaseHTTPRequestHandler, how: str) -> None:
    handler.close_connection = True
    with contextlib.suppress(OSError):
        if how == "reset":  # abortive close: the peer gets a TCP RST
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
            handler.connection.close()
        else:
            handler.connection.shutdown(socket.SHUT_RDWR)


def html_portal() -> Reply:
    """What a captive portal or a transparent proxy answers: 200 and a login page."""
    return Reply(200, [("Content-Type", "text/html; charset=utf-8")],
                 "<html><body>请先登录上网认证</body></html>".encode())


def redirect_to(url: str) -> Reply:
    return Reply(302, [("Location", url), ("Content-Type", "text/html")], b"")


def json_without_header(body: bytes) -> Reply:
    return Reply(200, [("Content-Type", "application/json")], body)


@dataclass
class Counter:
    """A thread-safe counter for plans that act on the n-th matching request."""

    value: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self) -> int:
        with self.lock:
            self.value += 1
            return self.value
