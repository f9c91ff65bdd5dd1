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
    # A value the audit must not repeat (a PIN's hash): only the fact of the change is kept.
    sensitive: bool = False

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


def _check_hub_url(value: str) -> str | None:
    """Empty (not logged in), https://…, or http:// to this machine only (tests, demo)."""
    from urllib.parse import urlsplit

    if value == "":
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return _("上级地址不正确：{url}").format(url=value[:100])
    if parts.scheme == "https" and host:
        return None
    if parts.scheme == "http" and host in {"127.0.0.1", "localhost", "::1"}:
        return None
    return _("上级地址必须以 https:// 开头（http:// 只允许本机测试）：{url}").format(
        url=value[:100])


SYNC_HUB_URL = declare(
    Setting("sync.hub_url", str, "", "上级（县级）同步服务地址；由 bianmin sync login 设置",
            check=_check_hub_url)
)
SYNC_ACCOUNT = declare(
    Setting("sync.account", str, "",
            "本中心在上级的账号（12位中心代码）；由 bianmin sync login 设置")
)
SYNC_CA_BUNDLE = declare(
    Setting("sync.ca_bundle", str, "",
            "校验上级 HTTPS 证书的 CA 证书文件（PEM）路径；空则用随软件的根证书。证书校验始终开启")
)
SYNC_ALLOW_FILE_SECRETS = declare(
    Setting("sync.allow_file_secrets", bool, False,
            "本机没有可用的系统钥匙串时，允许把上级登录凭据和备份密钥存为数据目录中的文件"
            "（仅本账户可读，安全性低于钥匙串；须由管理员明确开启）")
)
SYNC_KEEP_PASSWORD = declare(
    Setting("sync.keep_password", bool, False,
            "把上级账号密码也存入钥匙串，登录失效时自动重新登录（默认不保存，失效后需人工重新登录）")
)
SYNC_BATCH_SIZE = declare(
    Setting("sync.batch_size", int, 200, "每批上报的事件数", minimum=1, maximum=500)
)
SYNC_INTERVAL = declare(
    Setting("sync.interval_seconds", int, 300, "自动同步的间隔（秒）", minimum=10, maximum=86400)
)
SYNC_ATTENTION_HOURS = declare(
    Setting("sync.attention_after_hours", int, 24,
            "待上报超过几小时仍未成功的记录列入“需要处理”", minimum=1, maximum=2160)
)
SYNC_ATTENTION_ATTEMPTS = declare(
    Setting("sync.attention_attempts", int, 10,
            "重试几次仍未成功的记录列入“需要处理”", minimum=1, maximum=1000)
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
            detail = {"value": "（已更改，不记录内容）" if setting.sensitive else value}
            record(self._db, self._clock, actor, "setting.changed", "setting", key, detail)

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


# ---------------------------------------------------------------- kiosk and call board

def _check_pin_hash(value: str) -> str | None:
    # The kiosk stores a scrypt hash here (bianmin-kiosk --set-pin); a typed PIN is refused
    # so that nobody leaves the PIN readable in the settings table by mistake.
    if value == "" or (value.startswith("scrypt$") and value.count("$") == 5):
        return None
    return _("kiosk.exit_pin_hash 只能由 bianmin-kiosk --set-pin 设置（或设为空以取消退出密码）")


KIOSK_IDLE_SECONDS = declare(
    Setting("kiosk.idle_seconds", int, 120,
            "自助机无人操作多少秒后回到首页并清除屏幕上的个人信息", minimum=30, maximum=900)
)
KIOSK_ASK_PRIORITY = declare(
    Setting("kiosk.ask_priority", bool, True,
            "取号时询问是否优先（老年人、残疾人、军人、孕妇）；关闭后点业务即出号")
)
KIOSK_PLACE = declare(
    Setting("kiosk.place", str, "大厅自助机", "自助机的位置名称（“请工作人员帮忙”提醒里显示）",
            check=lambda v: None if 0 < len(v.strip()) <= 30 else _("位置名称需要1到30个字"))
)
KIOSK_EXIT_PIN_HASH = declare(
    Setting("kiosk.exit_pin_hash", str, "",
            "自助机和叫号屏的退出密码（6位数字）的scrypt哈希；空则用站长或管理员账号密码退出",
            check=_check_pin_hash, sensitive=True)
)
BOARD_SHOW_NAMES = declare(
    Setting("board.show_names", bool, False,
            "叫号屏在号码旁显示打码后的姓名（如 张*三；仅限已登记办件的号）")
)
BOARD_RECENT_CALLS = declare(
    Setting("board.recent_calls", int, 6, "叫号屏“最近叫号”显示几个号", minimum=0, maximum=12)
)
