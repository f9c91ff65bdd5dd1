"""Error codes, their HTTP statuses, and the exception that carries one across the code."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from sync.protocol.wire import JsonObject


class ErrorCode(StrEnum):
    BAD_JSON = "bad_json"
    BAD_REQUEST = "bad_request"
    BAD_CURSOR = "bad_cursor"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    INVALID_EVENT = "invalid_event"
    INVALID_BATCH = "invalid_batch"
    INVALID_REQUEST = "invalid_request"
    TOO_LARGE = "too_large"
    REQUEST_TIMEOUT = "request_timeout"
    RATE_LIMITED = "rate_limited"
    UNAUTHORIZED = "unauthorized"
    TOKEN_EXPIRED = "token_expired"
    BAD_CREDENTIALS = "bad_credentials"
    REFRESH_REUSED = "refresh_reused"
    CENTER_REVOKED = "center_revoked"
    CURSOR_EXPIRED = "cursor_expired"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INTERNAL = "internal"
    UNAVAILABLE = "unavailable"
    # Client side only: a reply that does not follow this protocol (portal page, proxy).
    BAD_REPLY = "bad_reply"


ERROR_STATUS: Mapping[ErrorCode, int] = {
    ErrorCode.BAD_JSON: 400,
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.BAD_CURSOR: 400,
    ErrorCode.UNSUPPORTED_PROTOCOL: 400,
    ErrorCode.INVALID_EVENT: 422,
    ErrorCode.INVALID_BATCH: 422,
    ErrorCode.INVALID_REQUEST: 422,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.REQUEST_TIMEOUT: 408,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.TOKEN_EXPIRED: 401,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.REFRESH_REUSED: 401,
    ErrorCode.CENTER_REVOKED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CURSOR_EXPIRED: 410,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.BAD_REPLY: 502,
}


class ProtocolError(Exception):
    """A message that breaks the protocol; ``extra`` goes into the error body as is."""

    def __init__(self, code: ErrorCode, message: str, **extra: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    @property
    def status(self) -> int:
        return ERROR_STATUS[self.code]

    def body(self) -> JsonObject:
        return {"error": str(self.code), "message": self.message, **self.extra}
