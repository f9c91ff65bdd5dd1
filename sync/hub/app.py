"""The hub's HTTP surface (FastAPI): routes, bearer auth, limits and error answers.

Handlers stay thin: authenticate first, read the body with a size cap and a deadline
(:mod:`sync.hub.edge`), check it with :mod:`sync.protocol`, and call
:class:`~sync.hub.service.Hub` on a worker thread (SQLite calls block).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.case_numbers import split_tracking_code
from core.errors import BugError, StorageError
from core.i18n import _
from sync.hub import status_page
from sync.hub.auth import unauthorized
from sync.hub.edge import (
    CLIENT_WENT_AWAY,
    ClientGone,
    Edge,
    client_address,
    error_response,
    limits_of,
    read_json,
    safe_path,
    trusted_networks,
)
from sync.hub.limits import HubLimits, Limits, RateLimited, too_often
from sync.hub.openapi_doc import AUTH, ERRORS, PAGE_RESPONSES, build_openapi, json_body, json_ok
from sync.hub.service import Hub
from sync.protocol import (
    CURSOR_PATTERN,
    FEED_DEFAULT_LIMIT,
    FEED_MAX_LIMIT,
    MAX_BATCH_BYTES,
    MAX_SMALL_BODY_BYTES,
    PREFIX,
    PROTOCOL_VERSION,
    ErrorCode,
    ProtocolError,
    parse_batch,
    parse_login,
    parse_refresh,
    parse_stats,
)

log = logging.getLogger(__name__)



def _hub(request: Request) -> Hub:
    hub = getattr(request.app.state, "hub", None)
    if not isinstance(hub, Hub):
        raise BugError("the hub app was created without a Hub")
    return hub


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
    limits = limits_of(request)
    limits.login_by_address.hit(client_address(request))
    body = parse_login(await read_json(request, MAX_SMALL_BODY_BYTES))
    async with limits.passwords.slot():  # scrypt: a few at a time, a short queue
        pair = await run_in_threadpool(_hub(request).login, body)
    return JSONResponse(pair.to_wire())


@router.post("/auth/refresh", summary="用刷新令牌换一对新令牌（旧刷新令牌作废）",
             responses=json_ok("TokenPair"), openapi_extra=json_body("Refresh"))
async def refresh(request: Request) -> Response:
    token = parse_refresh(await read_json(request, MAX_SMALL_BODY_BYTES))
    return JSONResponse((await run_in_threadpool(_hub(request).refresh, token)).to_wire())


@router.post("/events:batch", summary="上报一批事件，逐条返回结果",
             responses=json_ok("BatchResult"), openapi_extra={**json_body("Batch"), **AUTH})
async def events_batch(request: Request) -> Response:
    center = await _center(request)  # before a byte of the body is read
    async with limits_of(request).uploads.slot(center):
        batch = parse_batch(await read_json(request, MAX_BATCH_BYTES))
        result = await run_in_threadpool(_hub(request).ingest, center, batch)
    return JSONResponse(result.to_wire())


@router.get("/feed", summary="本中心的上级反馈（按序号分页）", responses=json_ok("FeedPage"),
            openapi_extra=AUTH)
async def feed(
    request: Request,
    after: str | None = Query(None, description="上一页的 next_cursor；不带则从头开始",
                              pattern=CURSOR_PATTERN),
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
    center = await _center(request)
    async with limits_of(request).uploads.slot(center):
        report = parse_stats(await read_json(request, MAX_SMALL_BODY_BYTES))
        received = await run_in_threadpool(_hub(request).record_stats, center, report)
    return JSONResponse({"received_at": received})


# ------------------------------------------------------------------ public status page

public = APIRouter()


@public.get("/t/{tracking_code}", summary="群众扫码查询办件进度（公开）",
            response_class=HTMLResponse, responses=PAGE_RESPONSES)
async def tracking(request: Request, tracking_code: str) -> Response:
    wants_json = "application/json" in request.headers.get("accept", "")
    limits = limits_of(request)
    parts = split_tracking_code(tracking_code)
    number = parts[0] if parts else None
    try:
        limits.status_by_address.hit(client_address(request))
        wait = limits.misses_by_number.wait(number) if number else 0.0
        if wait > 0:
            raise too_often(wait)
    except RateLimited as limited:
        return _page_error(wants_json, 429, status_page.too_often(limited.retry_after),
                           {"Retry-After": str(limited.retry_after)}, "rate_limited")
    case = await run_in_threadpool(_hub(request).status, tracking_code)
    if case is None:
        if number:
            limits.misses_by_number.record(number)
        return _page_error(wants_json, 404, status_page.NOT_FOUND, {}, "not_found")
    if wants_json:
        return JSONResponse(status_page.status_json(case))
    return HTMLResponse(status_page.status_html(case))


def _page_error(wants_json: bool, status: int, message: str, headers: dict[str, str],
                code: str) -> Response:
    if wants_json:
        return JSONResponse({"error": code, "message": message}, status_code=status,
                            headers=headers)
    page = status_page.not_found_html() if status == 404 else status_page.error_html(message)
    return HTMLResponse(page, status_code=status, headers=headers)


# ------------------------------------------------------------------ errors


async def _protocol_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProtocolError)
    return error_response(request, exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})  # a 405 carries Allow
    if exc.status_code == 404:
        return error_response(request, ProtocolError(ErrorCode.NOT_FOUND, _("没有这个地址")))
    if exc.status_code == 405:
        return error_response(request, ProtocolError(
            ErrorCode.METHOD_NOT_ALLOWED, _("这个地址不支持该请求方法")), headers)
    return error_response(request, ProtocolError(ErrorCode.BAD_REQUEST, _(
        "请求不正确（HTTP {status}）").format(status=exc.status_code)), headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if any(error.get("loc") == ("query", "after") for error in exc.errors()):
        return error_response(request, ProtocolError(
            ErrorCode.BAD_CURSOR, _("反馈游标格式不对，请从头获取或重新同步")))
    return error_response(request, ProtocolError(ErrorCode.BAD_REQUEST, _("请求参数不正确")))


async def _storage_error(request: Request, exc: Exception) -> Response:
    log.error("storage error on %s %s: %s", request.method, safe_path(request.url.path), exc)
    return error_response(request, ProtocolError(
        ErrorCode.UNAVAILABLE, _("上级数据库暂时无法使用，请稍后重试")))


async def _client_gone(request: Request, exc: Exception) -> Response:
    # Nobody is left to read an answer; the request line logs it as 499, once, at INFO.
    return Response(status_code=CLIENT_WENT_AWAY)


def create_app(hub: Hub | None = None, *, limits: Limits | None = None,
               trusted_proxies: Sequence[str] = ()) -> FastAPI:
    """The ASGI app; without a hub it can still describe itself (``openapi``).

    ``trusted_proxies``: addresses or networks of reverse proxies whose
    ``X-Forwarded-For`` names the client (see :func:`~sync.hub.edge.client_address`).
    """
    app = FastAPI(title="Bianmin hub", version=str(PROTOCOL_VERSION), docs_url=None,
                  redoc_url=None)
    app.state.hub = hub
    app.state.limits = HubLimits(limits or Limits())
    app.state.trusted_proxies = trusted_networks(trusted_proxies)
    app.include_router(router)
    app.include_router(public)
    app.add_exception_handler(ProtocolError, _protocol_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StorageError, _storage_error)
    app.add_exception_handler(ClientGone, _client_gone)
    app.add_middleware(Edge)  # also answers an unexpected exception: 500, logged once
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app
