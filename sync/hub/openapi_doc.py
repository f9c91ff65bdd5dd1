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
    "事件 payload 的结构按类型见 `payload_<type>`，反馈条目见 `feed_<type>`。"
    "完整说明见 docs/hub.md。"
)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(name: str) -> dict[str, Any]:
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": ref(name)}}}}


def json_ok(name: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "OK", "content": {"application/json": {"schema": ref(name)}}}}


AUTH: dict[str, Any] = {"security": [{"bearer": []}]}
ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"description": "错误（error 代码见 sync.protocol.ErrorCode）",
            "content": {"application/json": {"schema": ref("Error")}}},
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
