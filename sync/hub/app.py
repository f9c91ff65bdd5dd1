"""The hub's HTTP surface (FastAPI): routes, body limits, bearer auth and error bodies.

Handlers stay thin: read the body with a size cap, check it with :mod:`sync.protocol`, and
call :class:`~sync.hub.service.Hub` on a worker thread (SQLite calls block).
"""

from __future__ import annotations

import json
import logging
import time

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import BugError, StorageError
from core.i18n import _
from sync.hub import status_page
from sync.hub.auth import unauthorized
from sync.hub.openapi_doc import AUTH, ERRORS, build_openapi, json_body, json_ok
from sync.hub.service import Hub
from sync.protocol import (
    FEED_DEFAULT_LIMIT,
    FEED_MAX_LIMIT,
    MAX_BATCH_BYTES,
    MAX_SMALL_BODY_BYTES,
    PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ErrorCode,
    ProtocolError,
    parse_batch,
    parse_login,
    parse_refresh,
    parse_stats,
)

log = logging.getLogger(__name__)

_HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
_PAGE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                 "X-Robots-Tag": "noindex"}


# ------------------------------------------------------------------ plumbing


def _hub(request: Request) -> Hub:
    hub = getattr(request.app.state, "hub", None)
    if not isinstance(hub, Hub):
        raise BugError("the hub app was created without a Hub")
    return hub


def _error(code: ErrorCode, message: str) -> JSONResponse:
    # The header is set here too: a 500 answer leaves through Starlette's outermost
    # middleware, past ProtocolHeader.
    error = ProtocolError(code, message)
    return JSONResponse(error.body(), status_code=error.status, headers=_HEADERS)


async def _read_capped(request: Request, cap: int) -> bytes:
    """The request body, refusing more than ``cap`` bytes whatever Content-Length says."""
    too_large = ProtocolError(ErrorCode.TOO_LARGE, _("请求内容太大：最多{n}字节").format(n=cap))
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > cap):
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise too_large
    return bytes(body)


def _no_constants(name: str) -> object:
    raise ValueError(name)


async def _json(request: Request, cap: int) -> object:
    raw = await _read_capped(request, cap)
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProtocolError(ErrorCode.BAD_JSON, _("请求内容不是有效的 JSON")) from None


async def _center(request: Request) -> str:
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized()
    return await run_in_threadpool(_hub(request).authenticate, token.strip())


# ------------------------------------------------------------------ sync API

router = APIRouter(prefix=PREFIX, responses=ERRORS)


@router.get("/ping", summary="服务器时间与协议版本（无需登录）", responses=json_ok("Ping"))
async def ping(request: Request) -> Response:
    return JSONResponse(_hub(request).ping().to_wire())


@router.post("/auth/login", summary="中心账号登录", responses=json_ok("TokenPair"),
             openapi_extra=json_body("Login"))
async def login(request: Request) -> Response:
    body = parse_login(await _json(request, MAX_SMALL_BODY_BYTES))
    return JSONResponse((await run_in_threadpool(_hub(request).login, body)).to_wire())


@router.post("/auth/refresh", summary="用刷新令牌换一对新令牌（旧刷新令牌作废）",
             responses=json_ok("TokenPair"), openapi_extra=json_body("Refresh"))
async def refresh(request: Request) -> Response:
    token = parse_refresh(await _json(request, MAX_SMALL_BODY_BYTES))
    return JSONResponse((await run_in_threadpool(_hub(request).refresh, token)).to_wire())


@router.post("/events:batch", summary="上报一批事件，逐条返回结果",
             responses=json_ok("BatchResult"), openapi_extra={**json_body("Batch"), **AUTH})
async def events_batch(request: Request) -> Response:
    raw = await _json(request, MAX_BATCH_BYTES)
    center = await _center(request)
    batch = parse_batch(raw)
    result = await run_in_threadpool(_hub(request).ingest, center, batch)
    return JSONResponse(result.to_wire())


@router.get("/feed", summary="本中心的上级反馈（按序号分页）", responses=json_ok("FeedPage"),
            openapi_extra=AUTH)
async def feed(
    request: Request,
    after: str | None = Query(None, description="上一页的 next_cursor；不带则从头开始"),
    limit: int = Query(FEED_DEFAULT_LIMIT, ge=1, description=f"每页条数，最多{FEED_MAX_LIMIT}"),
) -> Response:
    center = await _center(request)
    page = await run_in_threadpool(_hub(request).feed_page, center, after,
                                   min(limit, FEED_MAX_LIMIT))
    return JSONResponse(page.to_wire())


@router.get("/snapshot", summary="本中心全部办件的当前状态（游标过期后重建用）",
            responses=json_ok("Snapshot"), openapi_extra=AUTH)
async def snapshot(request: Request) -> Response:
    center = await _center(request)
    return JSONResponse((await run_in_threadpool(_hub(request).snapshot, center)).to_wire())


@router.post("/centers/me/stats", summary="上报排队与办件统计", responses=json_ok("StatsReceipt"),
             openapi_extra={**json_body("Stats"), **AUTH})
async def stats(request: Request) -> Response:
    raw = await _json(request, MAX_SMALL_BODY_BYTES)
    center = await _center(request)
    report = parse_stats(raw)
    received = await run_in_threadpool(_hub(request).record_stats, center, report)
    return JSONResponse({"received_at": received})


# ------------------------------------------------------------------ public status page

public = APIRouter()


@public.get("/t/{tracking_code}", summary="群众扫码查询办件进度（公开）",
            response_class=HTMLResponse,
            responses={200: {"description": "HTML；Accept: application/json 时返回 JSON"},
                       "4XX": {"description": "404 未查到该办件（不区分编号、查询码或格式错误）"}})
async def tracking(request: Request, tracking_code: str) -> Response:
    wants_json = "application/json" in request.headers.get("accept", "")
    case = await run_in_threadpool(_hub(request).status, tracking_code)
    if case is None:
        if wants_json:
            return JSONResponse({"error": "not_found", "message": status_page.NOT_FOUND},
                                status_code=404, headers=_PAGE_HEADERS)
        return HTMLResponse(status_page.not_found_html(), status_code=404,
                            headers=_PAGE_HEADERS)
    if wants_json:
        return JSONResponse(status_page.status_json(case), headers=_PAGE_HEADERS)
    return HTMLResponse(status_page.status_html(case), headers=_PAGE_HEADERS)


# ------------------------------------------------------------------ errors and headers


async def _protocol_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProtocolError)
    return JSONResponse(exc.body(), status_code=exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return _error(ErrorCode.NOT_FOUND, _("没有这个地址"))
    if exc.status_code == 405:
        return _error(ErrorCode.METHOD_NOT_ALLOWED, _("这个地址不支持该请求方法"))
    return _error(ErrorCode.BAD_REQUEST, _("请求不正确（HTTP {status}）").format(
        status=exc.status_code))


async def _validation_error(request: Request, exc: Exception) -> Response:
    return _error(ErrorCode.BAD_REQUEST, _("请求参数不正确"))


async def _storage_error(request: Request, exc: Exception) -> Response:
    log.error("storage error on %s %s: %s", request.method, _safe_path(request.url.path), exc)
    return _error(ErrorCode.UNAVAILABLE, _("上级数据库暂时无法使用，请稍后重试"))


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, _safe_path(request.url.path))
    return _error(ErrorCode.INTERNAL, _("上级服务器内部错误，请稍后重试"))


def _safe_path(path: str) -> str:
    # A tracking code in the URL is a resident's key to their case: keep it out of logs.
    return "/t/…" if path.startswith("/t/") else path


class ProtocolHeader:
    """Stamps ``X-Bianmin-Protocol`` on every response and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.monotonic(), 0

        async def stamped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        finally:
            log.info("%s %s %s %.1f ms", scope["method"], _safe_path(scope["path"]), status,
                     (time.monotonic() - started) * 1000)


def create_app(hub: Hub | None = None) -> FastAPI:
    """The ASGI app; without a hub it can still describe itself (``openapi``)."""
    app = FastAPI(title="Bianmin hub", version=str(PROTOCOL_VERSION), docs_url=None,
                  redoc_url=None)
    app.state.hub = hub
    app.include_router(router)
    app.include_router(public)
    app.add_exception_handler(ProtocolError, _protocol_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StorageError, _storage_error)
    app.add_exception_handler(Exception, _internal_error)
    app.add_middleware(ProtocolHeader)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app
