"""What went wrong talking to the hub, and what the engine does about it (reference/sync.md
§3.6): network and server troubles never consume a record; auth troubles pause the queue.
"""

from __future__ import annotations

from enum import StrEnum

from core.errors import UserFacingError
from core.i18n import _
from sync.protocol import ErrorCode, ProtocolError


class FailureKind(StrEnum):
    # Unreachable, timed out, TLS, redirect, portal page, not our protocol, unparseable
    # reply, wrong address: keep every row pending, count no attempt, back off.
    NETWORK = "network"
    # 5xx, 429: keep pending, count an attempt, back off (Retry-After honoured).
    SERVER = "server"
    # 401 on a call: refresh the access token once (single-flight) and retry.
    AUTH = "auth"
    # The refresh itself failed: pause with "需要重新登录", queue intact.
    REAUTH = "reauth"
    # 403: the center account is disabled: pause, queue intact.
    REVOKED = "revoked"
    # Unsupported protocol / 426: pause until the software is upgraded.
    UPGRADE = "upgrade"
    # 422 naming one event: quarantine that event, resend the rest.
    INVALID_EVENT = "invalid_event"
    # 400/413/422 about the request as a whole: our batch is wrong; split it.
    BAD_BATCH = "bad_batch"
    # 410 (or a cursor the hub never issued): re-baseline from the snapshot.
    CURSOR_EXPIRED = "cursor_expired"


class SyncFailure(UserFacingError):
    """A classified failure; ``message`` is Chinese and never holds a token or password."""

    def __init__(self, kind: FailureKind, message: str, *, status: int | None = None,
                 code: str | None = None, retry_after: float | None = None,
                 event_id: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.code = code
        self.retry_after = retry_after
        self.event_id = event_id


def network(message: str) -> SyncFailure:
    return SyncFailure(FailureKind.NETWORK, message)


_BY_CODE: dict[ErrorCode, FailureKind] = {
    ErrorCode.TOKEN_EXPIRED: FailureKind.AUTH,
    ErrorCode.UNAUTHORIZED: FailureKind.AUTH,
    ErrorCode.BAD_CREDENTIALS: FailureKind.REAUTH,
    ErrorCode.REFRESH_REUSED: FailureKind.REAUTH,
    ErrorCode.CENTER_REVOKED: FailureKind.REVOKED,
    ErrorCode.UNSUPPORTED_PROTOCOL: FailureKind.UPGRADE,
    ErrorCode.CURSOR_EXPIRED: FailureKind.CURSOR_EXPIRED,
    ErrorCode.BAD_CURSOR: FailureKind.CURSOR_EXPIRED,
    ErrorCode.BAD_JSON: FailureKind.BAD_BATCH,
    ErrorCode.BAD_REQUEST: FailureKind.BAD_BATCH,
    ErrorCode.INVALID_BATCH: FailureKind.BAD_BATCH,
    ErrorCode.INVALID_REQUEST: FailureKind.BAD_BATCH,
    ErrorCode.TOO_LARGE: FailureKind.BAD_BATCH,
    ErrorCode.NOT_FOUND: FailureKind.NETWORK,
    ErrorCode.METHOD_NOT_ALLOWED: FailureKind.NETWORK,
    ErrorCode.INTERNAL: FailureKind.SERVER,
    ErrorCode.RATE_LIMITED: FailureKind.SERVER,
    ErrorCode.REQUEST_TIMEOUT: FailureKind.NETWORK,
    ErrorCode.UNAVAILABLE: FailureKind.SERVER,
    ErrorCode.BAD_REPLY: FailureKind.NETWORK,
}


def _by_status(status: int) -> FailureKind:
    if status == 401:
        return FailureKind.AUTH
    if status == 403:
        return FailureKind.REVOKED
    if status == 410:
        return FailureKind.CURSOR_EXPIRED
    if status == 426:
        return FailureKind.UPGRADE
    if status == 429 or status >= 500:
        return FailureKind.SERVER
    if status in (400, 413, 422):
        return FailureKind.BAD_BATCH
    return FailureKind.NETWORK  # 404, 405, anything else: a wrong address, not our data


def classify(status: int, error: ProtocolError, retry_after: float | None) -> SyncFailure:
    """Turn a protocol error reply into the engine's decision."""
    if status == 422 and error.code is ErrorCode.INVALID_EVENT:
        event_id = error.extra.get("event_id")
        if isinstance(event_id, str):
            return SyncFailure(FailureKind.INVALID_EVENT, error.message, status=status,
                               code=str(error.code), event_id=event_id)
    kind = _BY_CODE.get(error.code) if error.code is not ErrorCode.BAD_REPLY else None
    if kind is None or (kind is FailureKind.AUTH and status != 401):
        kind = _by_status(status)
    if status == 429 or status >= 500:
        kind = FailureKind.SERVER  # whatever the body says, the hub is struggling
    message = error.message if error.code is not ErrorCode.BAD_REPLY else _(
        "上级返回了错误（HTTP {status}）").format(status=status)
    return SyncFailure(kind, message, status=status, code=str(error.code),
                       retry_after=retry_after)
