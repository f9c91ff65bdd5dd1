"""The one entry point to a center's books: ``open_center(data_dir)`` → :class:`Center`.

A :class:`Center` wraps one database connection and must be used from one thread; a
background task opens its own with :meth:`Center.reopen`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from core.actor import Actor
from core.audit import ChainReport, record
from core.audit import verify as verify_chain
from core.backup import BackupService
from core.calendar import CalendarService
from core.cases import CaseQueries, CaseService
from core.catalog import CatalogService
from core.clock import Clock, SystemClock, to_iso
from core.db import Database, open_database
from core.db import settings as settings_store
from core.errors import Conflict, InvalidInput, NotFound
from core.groups import GroupService
from core.i18n import _
from core.paths import DataDir, resolve_data_dir
from core.ratings import RatingService
from core.settings import TIMEZONE, Settings
from core.staff import Role, StaffService
from core.text import clean_text
from core.tickets import TicketService
from core.windows import WindowService

# First two digits of the statistical division code: provinces, regions, municipalities.
_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}


class Level(StrEnum):
    VILLAGE = "village"
    TOWNSHIP = "township"

    @property
    def label(self) -> str:
        return _("村（社区）便民服务站") if self is Level.VILLAGE else _("乡镇（街道）便民服务中心")


@dataclass(frozen=True)
class CenterInfo:
    code: str
    name: str
    level: Level


def parse_center_code(code: str, level: Level) -> str:
    """Check a 12-digit 统计用区划代码 against the center's level."""
    code = code.strip()
    if not re.fullmatch(r"\d{12}", code):
        raise InvalidInput(
            _("中心代码必须是12位数字（统计用区划代码），收到“{code}”").format(code=code))
    if code[:2] not in _PROVINCES:
        raise InvalidInput(_("中心代码的前两位“{p}”不是有效的省级代码").format(p=code[:2]))
    if code[6:9] == "000":
        raise InvalidInput(_("中心代码第7到9位是乡镇（街道）代码，不能为000"))
    if level is Level.TOWNSHIP and code[9:] != "000":
        raise InvalidInput(_("乡镇（街道）中心的代码最后三位应为000"))
    if level is Level.VILLAGE and code[9:] == "000":
        raise InvalidInput(_("村（社区）站的代码最后三位是村级代码，不能为000"))
    return code


def parse_level(text: str) -> Level:
    try:
        return Level(text)
    except ValueError:
        raise InvalidInput(_("级别只能是 village（村/社区）或 township（乡镇/街道）")) from None


@dataclass(frozen=True)
class VerifyReport:
    integrity_problems: list[str]
    chain: ChainReport

    @property
    def ok(self) -> bool:
        return not self.integrity_problems and self.chain.ok


class Center:
    """A center's books on one database connection."""

    def __init__(self, data_dir: DataDir, db: Database, clock: Clock) -> None:
        self.data_dir = data_dir
        self.db = db
        self.clock = clock
        self.settings = Settings(db, clock)
        self.timezone = self.settings.get(TIMEZONE)
        self.staff = StaffService(db, clock, self.settings)
        self.groups = GroupService(db, clock, self.staff)
        self.windows = WindowService(db, clock, self.staff)
        self.tickets = TicketService(db, clock, self.settings, self.groups, self.windows,
                                     self.timezone)
        self.backups = BackupService(db, data_dir, clock, self.settings)
        self.catalog = CatalogService(db, clock, self.staff)
        self.calendar = CalendarService(db, clock, self.staff)
        self.cases = CaseService(db, clock, self.staff, self.catalog, self.calendar,
                                 lambda: self.require_info().code,
                                 lambda: self.require_info().level.value, self.timezone)
        self.case_queries = CaseQueries(db, self.calendar, self.tickets.today, self.timezone)
        self.ratings = RatingService(db, clock, self.staff, self.calendar, self.tickets.today)

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Center:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reopen(self) -> Center:
        """A new connection to the same center, for another thread."""
        return open_center(self.data_dir.root, clock=self.clock)

    def data_version(self) -> int:
        return self.db.data_version()

    # ------------------------------------------------------------ identity
    @property
    def info(self) -> CenterInfo | None:
        row = settings_store.center_row(self.db)
        if row is None:
            return None
        return CenterInfo(str(row["code"]), str(row["name"]), Level(row["level"]))

    def require_info(self) -> CenterInfo:
        info = self.info
        if info is None:
            raise NotFound(_("本中心尚未初始化：请先运行 bianmin init 或在工作人员端完成首次设置"))
        return info

    def initialize(self, code: str, name: str, level: Level | str,
                   actor: Actor | None = None) -> CenterInfo:
        actor = actor or Actor.cli()
        level = level if isinstance(level, Level) else parse_level(level)
        code = parse_center_code(code, level)
        name = clean_text(name, field=_("中心名称"), max_length=60)
        with self.db.write():
            current = settings_store.center_row(self.db)
            if current is not None:
                raise Conflict(_("本中心已初始化为“{name}”（{code}），不能重复初始化").format(
                    name=current["name"], code=current["code"]))
            settings_store.insert_center(self.db, code, name, level.value,
                                         to_iso(self.clock.now()))
            record(self.db, self.clock, actor, "center.initialized", "center", code,
                   {"name": name, "level": level.value})
        return self.require_info()

    def rename(self, name: str, actor: Actor) -> CenterInfo:
        self.staff.require(actor, Role.ADMIN)
        info = self.require_info()
        name = clean_text(name, field=_("中心名称"), max_length=60)
        with self.db.write():
            settings_store.update_center(self.db, name, info.level.value)
            record(self.db, self.clock, actor, "center.renamed", "center", info.code,
                   {"name": name})
        return self.require_info()

    # ------------------------------------------------------------ integrity
    def verify(self) -> VerifyReport:
        return VerifyReport(self.db.integrity_problems(), verify_chain(self.db))


def open_center(data_dir: str | Path | None = None, *, clock: Clock | None = None) -> Center:
    """Open the center in ``data_dir`` (or BIANMIN_DATA_DIR, or the user data dir)."""
    root = DataDir(resolve_data_dir(data_dir))
    root.ensure()
    db = open_database(root.database)
    return Center(root, db, clock or SystemClock())
