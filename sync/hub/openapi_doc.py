"""The hub's OpenAPI document, with its schemas generated from :mod:`sync.protocol`.

The specs that validate the wire also describe it, so the checked-in ``openapi.json``
(``bianmin-hub openapi``) cannot drift from what the hub accepts.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync.protocol import PROTOCOL_HEADER, wire_schemas

DESCRIPTION = (
    "便民上级（县级）同步服务，协议 v1。每个响应都带 `" + PROTOCOL_HEADER + ": 1`；"
    "错误体为 `{\"error\": 代码, \"message\": 中文说明}`。"
    "事件按 type 分为 `Event_<type>`，其 payload 见 `payload_<type>`；反馈条目见 `feed_<type>`。"
    "文字长度按收到的原文计（不先去首尾空格），日期限 2000–2100 年。"
    "限流：/t/ 与登录按来源地址、登录按账号（连错10次锁定），超出答 429 并带 Retry-After。"
    "完整说明见 docs/hub.md。"
)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(name: str) -> dict[str, Any]:
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": ref(name)}}}}


_PROTOCOL: dict[str, Any] = {PROTOCOL_HEADER: {
    "description": "协议版本，每个响应都带", "required": True,
    "schema": {"type": "string", "enum": ["1"]}}}
_RETRY_AFTER: dict[str, Any] = {"Retry-After": {
    "description": "429（及可能的 503）：多少秒后再试", "required": False,
    "schema": {"type": "string", "pattern": "^[0-9]+$"}}}


def json_ok(name: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "OK", "headers": _PROTOCOL,
                  "content": {"application/json": {"schema": ref(name)}}}}


AUTH: dict[str, Any] = {"security": [{"bearer": []}]}
_ERROR_DOC = ("错误（error 代码见 sync.protocol.ErrorCode）：400 请求不对，401/403 登录，"
              "404/405 地址，408 请求内容未在期限内传完，410 游标过期，413 太大，"
              "422 内容不对，429 太频繁或账号锁定（带 Retry-After），500/503 服务器")
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": _ERROR_DOC, "headers": {**_PROTOCOL, **_RETRY_AFTER},
           "content": {"application/json": {"schema": ref("Error")}}}
    for code in ("4XX", "5XX")
}
_STATUS_PAGE: dict[str, Any] = {
    "type": "object",
    "required": ["item", "state", "state_label", "accepted_date", "deadline",
                 "deadline_provisional", "updated_at", "applicant"],
    "properties": {
        "item": {"type": "string"}, "state": {"type": "string"},
        "state_label": {"type": "string"},
        "accepted_date": {"type": ["string", "null"]}, "deadline": {"type": ["string", "null"]},
        "deadline_provisional": {"type": "boolean"}, "updated_at": {"type": "string"},
        "applicant": {"type": "string", "description": "姓名已遮挡"},
    },
}
_PAGE_ERROR = {"description": "中文页面；Accept: application/json 时为 JSON 错误。404 未查到该办件"
               "（不区分编号、查询码或格式错误），429 查询太频繁（带 Retry-After）",
               "headers": {**_PROTOCOL, **_RETRY_AFTER},
               "content": {"text/html": {"schema": {"type": "string"}},
                           "application/json": {"schema": ref("Error")}}}
PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "HTML（手机浏览器）；Accept: application/json 时返回 JSON",
          "headers": _PROTOCOL,
          "content": {"text/html": {"schema": {"type": "string"}},
                      "application/json": {"schema": _STATUS_PAGE}}},
    "4XX": _PAGE_ERROR,
    "5XX": _PAGE_ERROR,
}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, description=DESCRIPTION,
                      routes=app.routes)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.update({name: spec.schema() for name, spec in wire_schemas().items()})
    components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    app.openapi_schema = doc
    return doc


def render(app: FastAPI) -> str:
    """The document as checked in: stable key order, UTF-8, final newline."""
    return json.dumps(build_openapi(app), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
