"""Every setting declared once: key, type, default, description, allowed values.

Values live in the ``setting`` table of the center database (one backup covers them),
as JSON. Reading an unset key gives its default; writing validates and is audited.
Secrets are never settings: see :mod:`core.secrets`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from core.actor import Actor
from core.audit import record
from core.clock import Clock, to_iso
from core.db import Database
from core.db import settings as store
from core.errors import InvalidInput, NotFound
from core.i18n import _

T = TypeVar("T", int, str, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type[T]
    default: T
    description: str
    choices: tuple[T, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[T], str | None] | None = field(default=None, compare=False)

    def validate(self, value: Any) -> T:
        kind: type = self.type
        if kind is bool and not isinstance(value, bool):
            raise InvalidInput(_("设置 {key} 需要是/否").format(key=self.key))
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput(_("设置 {key} 需要整数").format(key=self.key))
        if kind is str and not isinstance(value, str):
            raise InvalidInput(_("设置 {key} 需要文字").format(key=self.key))
        if self.choices and value not in self.choices:
            allowed = "、".join(str(c) for c in self.choices)
            raise InvalidInput(
                _("设置 {key} 只能是：{allowed}").format(key=self.key, allowed=allowed)
            )
        if self.minimum is not None and value < self.minimum:
            raise InvalidInput(
                _("设置 {key} 不能小于 {min}").format(key=self.key, min=self.minimum)
            )
        if self.maximum is not None and value > self.maximum:
            raise InvalidInput(
                _("设置 {key} 不能大于 {max}").format(key=self.key, max=self.maximum)
            )
        if self.check is not None:
            problem = self.check(value)
            if problem:
                raise InvalidInput(problem)
        return value  # type: ignore[no-any-return]


REGISTRY: dict[str, Setting[Any]] = {}


def declare(setting: Setting[T]) -> Setting[T]:
    if setting.key in REGISTRY:
        raise ValueError(f"setting {setting.key} declared twice")
    REGISTRY[setting.key] = setting
    return setting


def _check_timezone(value: str) -> str | None:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except (KeyError, ValueError):
        return _("未知的时区：{tz}").format(tz=value)
    return None


TIMEZONE = declare(
    Setting("center.timezone", str, "Asia/Shanghai", "本中心所在时区（决定“当天”从何时开始）",
            check=_check_timezone)
)
MIN_RECALLS = declare(
    Setting("queue.min_recalls_before_no_show", int, 2,
            "标记过号前至少要重呼的次数", minimum=0, maximum=10)
)
PRIORITY_POLICY = declare(
    Setting("queue.priority_policy", str, "ratio",
            "优先号的叫号规则：strict（优先号总是先叫）或 ratio（按比例穿插）",
            choices=("strict", "ratio"))
)
RATIO_REGULAR = declare(
    Setting("queue.ratio_regular", int, 2, "按比例叫号时，每叫几个普通号", minimum=1, maximum=20)
)
RATIO_PRIORITY = declare(
    Setting("queue.ratio_priority", int, 1, "……再叫几个优先号", minimum=1, maximum=20)
)
MAX_FAILED_LOGINS = declare(
    Setting("staff.max_failed_logins", int, 5, "连续登录失败几次后锁定账号", minimum=1, maximum=20)
)
LOCKOUT_MINUTES = declare(
    Setting("staff.lockout_minutes", int, 15, "账号锁定的分钟数", minimum=1, maximum=1440)
)
ENQUIRY_PHONE = declare(
    Setting("center.enquiry_phone", str, "", "咨询电话（印在告知单、回执上；事项目录没有时使用）")
)
COMPLAINT_PHONE = declare(
    Setting("center.complaint_phone", str, "12345", "监督投诉电话")
)
PLACE = declare(
    Setting("center.place", str, "", "办理地点（如：村委会一楼便民服务站）")
)
HOURS = declare(
    Setting("center.hours", str, "工作日 上午8:30—12:00，下午14:00—17:30", "办理时间")
)
ABBREVIATION = declare(
    Setting("documents.abbreviation", str, "",
            "文书编号的机关简称（如“新港村便民”）；空则取中心名称中的村名")
)
PUBLIC_STATUS_URL = declare(
    Setting("documents.public_status_url", str, "",
            "群众扫码查询进度的网址前缀（如 https://zwfw.example.gov.cn）；空则二维码只含查询码")
)
MASK_NAMES = declare(
    Setting("privacy.mask_names", bool, True, "纸面、叫号屏和列表上的姓名打码（张*三）")
)
MASK_IDS = declare(
    Setting("privacy.mask_ids", bool, True, "纸面和列表上的证件号码打码（前6后4）")
)
MASK_PHONES = declare(
    Setting("privacy.mask_phones", bool, True, "纸面和列表上的手机号打码（138****5678）")
)
SUPPLEMENT_DAYS = declare(
    Setting("documents.supplement_days", int, 10, "补正材料通知书给群众的补交期限（工作日）",
            minimum=1, maximum=60)
)
TICKET_PAPER = declare(
    Setting("printing.ticket_paper", str, "roll_80", "排队号和取件通知的纸卷宽度",
            choices=("roll_80", "roll_58"))
)
RECEIPT_PAPER = declare(
    Setting("printing.receipt_paper", str, "a4", "受理回执用A4还是80毫米短版",
            choices=("a4", "roll_80"))
)
TICKET_PRINTER = declare(
    Setting("printing.ticket_printer", str, "", "打印排队号的打印机（系统打印机名称；空为默认）")
)
DOCUMENT_PRINTER = declare(
    Setting("printing.document_printer", str, "", "打印告知单、回执等A4文书的打印机")
)
BACKUP_KEEP = declare(
    Setting("backup.keep", int, 14, "保留最近几份备份", minimum=1, maximum=365)
)


class Settings:
    """Typed access to the stored settings of one center."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def get(self, setting: Setting[T]) -> T:
        raw = store.get_raw(self._db, setting.key)
        if raw is None:
            return setting.default
        try:
            return setting.validate(json.loads(raw))
        except (ValueError, InvalidInput):
            return setting.default

    def set(self, key: str, value: Any, actor: Actor) -> None:
        setting = REGISTRY.get(key)
        if setting is None:
            raise NotFound(_("没有名为 {key} 的设置").format(key=key))
        value = setting.validate(value)
        with self._db.write():
            store.put_raw(self._db, key, json.dumps(value, ensure_ascii=False),
                          to_iso(self._clock.now()))
            record(self._db, self._clock, actor, "setting.changed", "setting", key,
                   {"value": value})

    def set_from_text(self, key: str, text: str, actor: Actor) -> None:
        """Set from a command-line string, converted to the declared type."""
        setting = REGISTRY.get(key)
        if setting is None:
            raise NotFound(_("没有名为 {key} 的设置").format(key=key))
        value: Any = text
        if setting.type is int:
            try:
                value = int(text)
            except ValueError:
                raise InvalidInput(_("设置 {key} 需要整数").format(key=key)) from None
        elif setting.type is bool:
            lowered = text.strip().lower()
            if lowered not in {"true", "false", "1", "0", "yes", "no", "是", "否"}:
                raise InvalidInput(_("设置 {key} 需要是/否").format(key=key))
            value = lowered in {"true", "1", "yes", "是"}
        self.set(key, value, actor)

    def as_dict(self) -> dict[str, Any]:
        return {key: self.get(setting) for key, setting in sorted(REGISTRY.items())}
