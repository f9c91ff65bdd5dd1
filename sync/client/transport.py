"""HTTP to the hub, trusting only replies that are really the Bianmin protocol.

TLS verification is always on (an optional CA bundle may be named). Redirects are never
followed. A redirect, a reply without ``X-Bianmin-Protocol``, an HTML page (a captive
portal's "200 OK"), an oversized or unparseable body: all are network failures, so the
caller consumes nothing. Clock skew is measured from the ``Date`` header of every reply.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from core.errors import InvalidInput
from core.i18n import _
from core.settings import SYNC_HUB_URL
from sync.client.backoff import parse_retry_after
from sync.client.errors import classify, network
from sync.protocol import PREFIX, PROTOCOL_HEADER, ProtocolError, parse_error

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 120.0
MAX_REPLY_BYTES = 64 * 1024 * 1024


def normalize_hub_url(url: str) -> str:
    """``https://host[:port][/path]`` without a trailing ``/sync/v1`` or slash; checked."""
    text = url.strip().rstrip("/")
    if text.endswith(PREFIX):
        text = text[: -len(PREFIX)].rstrip("/")
    problem = SYNC_HUB_URL.check(text) if SYNC_HUB_URL.check else None
    if problem or not text:
        raise InvalidInput(problem or _("请给出上级地址"))
    return text


class Transport:
    """One hub; thread-safe for the engine's single thread plus concurrent refreshes."""

    def __init__(self, hub_url: str, *, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
                 session: requests.Session | None = None) -> None:
        self.root = normalize_hub_url(hub_url)
        self.host = urlsplit(self.root).hostname or ""
        self._verify: bool | str = ca_bundle or True
        self._timeout = timeout
        self._session = session or requests.Session()
        self._skew_lock = threading.Lock()
        self.skew_seconds: float | None = None

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------ one call

    def call(self, method: str, path: str, *, token: str | None = None,
             body: Mapping[str, Any] | None = None, data: bytes | None = None,
             params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The JSON object of a ``200`` reply, or a classified :class:`SyncFailure`."""
        headers = {"Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        response = self._send(method, self.root + PREFIX + path, headers, data, params)
        try:
            status, reply_headers, raw = response.status_code, response.headers, \
                self._read(response)
        finally:
            response.close()
        return self._judge(status, reply_headers, raw)

    def _send(self, method: str, url: str, headers: dict[str, str], data: bytes | None,
              params: Mapping[str, Any] | None) -> requests.Response:
        try:
            return self._session.request(method, url, headers=headers, data=data,
                                         params=params, timeout=self._timeout,
                                         allow_redirects=False, verify=self._verify,
                                         stream=True)
        except requests.exceptions.SSLError:
            raise network(_("无法验证上级服务器的 HTTPS 证书（{host}），本次未上报任何记录")
                          .format(host=self.host)) from None
        except requests.exceptions.Timeout:
            raise network(_("连接上级超时（{host}）").format(host=self.host)) from None
        except requests.exceptions.ConnectionError:
            raise network(_("无法连接上级（{host}），请检查网络").format(host=self.host)) from None
        except requests.exceptions.RequestException as exc:
            raise network(_("与上级通信出错（{kind}）").format(kind=type(exc).__name__)) from None

    def _read(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_REPLY_BYTES:
            raise network(_("上级的回复太大，已放弃"))
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=256 * 1024):
                size += len(chunk)
                if size > MAX_REPLY_BYTES:
                    raise network(_("上级的回复太大，已放弃"))
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            # The connection broke mid-reply: the hub may have committed; a resend is
            # answered from its dedup table.
            raise network(_("与上级的连接中断（{kind}）").format(kind=type(exc).__name__)) \
                from None
        return b"".join(chunks)

    def _judge(self, status: int, headers: Mapping[str, str], raw: bytes) -> dict[str, Any]:
        if 300 <= status < 400:
            target = urlsplit(headers.get("Location", "")).hostname or _("未知地址")
            raise network(_("上级地址被重定向到 {target}（可能是上网认证页面或代理），"
                            "本次未上报任何记录").format(target=target))
        if headers.get(PROTOCOL_HEADER) is None:
            raise network(_("收到的回复不是便民上级服务发出的（HTTP {status}，可能是上网认证页面"
                            "或代理），本次未上报任何记录").format(status=status))
        self._measure_skew(headers.get("Date"))
        body = self._json(headers, raw)
        if status == 200:
            return body
        try:
            error = parse_error(body)
        except ProtocolError as exc:
            error = exc
        raise classify(status, error, parse_retry_after(headers.get("Retry-After")))

    def _json(self, headers: Mapping[str, str], raw: bytes) -> dict[str, Any]:
        kind = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise network(_("上级的回复不是 JSON（{kind}），本次未上报任何记录").format(
                kind=kind or _("无类型")))
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise network(_("上级的回复无法解析，本次未上报任何记录")) from None
        if not isinstance(body, dict):
            raise network(_("上级的回复无法解析，本次未上报任何记录"))
        return body

    def _measure_skew(self, date: str | None) -> None:
        if not date:
            return
        try:
            server = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return
        if server.tzinfo is None:
            server = server.replace(tzinfo=dt.UTC)
        # Positive: the hub's clock is ahead of this machine's. Date has 1 s resolution.
        skew = (server - dt.datetime.now(dt.UTC)).total_seconds()
        with self._skew_lock:
            self.skew_seconds = skew
