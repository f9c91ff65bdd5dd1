"""The one entry point to a center's books: ``open_center(data_dir)`` → :class:`Center`.

A :class:`Center` wraps one database connection and must be used from one thread; a
background task opens its own with :meth:`Center.reopen`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.actor import Actor
from core.anchors import AnchorBook, AnchorFinding
from core.archive import DocumentService
from core.audit import record
from core.audit import verify as verify_chain
from core.backup import BackupService, newest_backup, set_aside
from core.backup_keys import BackupKeys
from core.calendar import CalendarService
from core.cases import CaseQueries, CaseService
from core.catalog import CatalogService
from core.center_info import CenterInfo, Level, parse_center_code, parse_level
from core.clock import Clock, SystemClock, to_iso
from core.db import Database
from core.db import settings as settings_store
from core.desk import HallDevices, HelpDesk, IntakeDrafts
from core.errors import Conflict, NotFound
from core.feed import FeedBook
from core.health import StoreDamaged, VerifyReport, damaged_message, restore_advice, unreadable
from core.i18n import _
from core.outbox import OutboxQueue
from core.paperwork import Paperwork
from core.paths import DataDir, resolve_data_dir
from core.queue import TicketService
from core.queue.groups import GroupService
from core.queue.windows import WindowService
from core.ratings import RatingService
from core.reports import ReportService
from core.secrets import open_secret_store
from core.settings import SYNC_ALLOW_FILE_SECRETS, TIMEZONE, Settings
from core.staff import Role, StaffService
from core.sync_link import SyncLink
from core.text import clean_text
from core.upgrade import open_upgrading

__all__ = ["Center", "VerifyReport", "open_center"]


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
        self.anchors = AnchorBook(db, clock, lambda: bool(self.sync.account()), self.timezone)
        self.backups = BackupService(db, data_dir, clock, self.settings, self.backup_keys,
                                     self.anchors, self._center_code)
        self.catalog = CatalogService(db, clock, self.staff)
        self.calendar = CalendarService(db, clock, self.staff)
        self.cases = CaseService(db, clock, self.staff, self.catalog, self.calendar,
                                 lambda: self.require_info().code,
                                 lambda: self.require_info().level.value, self.timezone)
        self.case_queries = CaseQueries(db, self.calendar, self.tickets.today, self.timezone,
                                        clock)
        self.ratings = RatingService(db, clock, self.staff, self.calendar, self.tickets.today)
        self.paperwork = Paperwork(db, clock, self.settings, self.require_info, self.timezone)
        self.reports = ReportService(db, clock, self.case_queries,
                                     lambda: self.require_info().name, self.timezone)
        self.help = HelpDesk(db, clock)
        self.drafts = IntakeDrafts(db, clock)
        self.devices = HallDevices(db, clock, self.tickets.today, self.timezone)
        self.documents = DocumentService(db, clock, data_dir, self.settings, self.paperwork,
                                         self.tickets, self.cases, self.catalog, self.reports,
                                         lambda: self.require_info().name, self.timezone)
        self.outbox = OutboxQueue(db, clock, self.cases)
        self.feed = FeedBook(db, clock, self.cases, self.catalog, self.calendar)
        self.sync = SyncLink(db, clock, self.settings, self.case_queries)

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

    @property
    def damage(self) -> str | None:
        """Why this store refuses writes (it failed its start-up check), or ``None``."""
        refusal = self.db.refusal
        return None if refusal is None else refusal.message

    def backup_keys(self) -> BackupKeys:
        """The backup keys in this installation's secret store (the OS keyring)."""
        return BackupKeys(open_secret_store(
            self.data_dir, allow_file=self.settings.get(SYNC_ALLOW_FILE_SECRETS)))

    def _center_code(self) -> str | None:
        info = self.info
        return None if info is None else info.code

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
        """The full integrity check, the audit chain, and the chain against the anchors
        kept outside it (the hub's, the newest backup's); each part says when it cannot."""
        problems = self.db.integrity_problems()
        try:
            chain = verify_chain(self.db)
        except sqlite3.DatabaseError:
            chain = None
        anchors: list[AnchorFinding] = []
        for what, finding in ((_("与上级核对"), self.anchors.hub_finding),
                              (_("与备份核对"), self.backups.anchor_finding)):
            try:
                anchors.append(finding())
            except sqlite3.DatabaseError:
                anchors.append(unreadable(what))
        advice = restore_advice(self.backups.newest_good()) if problems else None
        return VerifyReport(problems, chain, anchors, advice)


def open_for_restore(data_dir: str | Path | None = None, *, clock: Clock | None = None,
                     ) -> tuple[Center, Path | None]:
    """The center to restore a backup into. Books too damaged to open at all are moved
    aside into ``backups/`` (returned; kept as they were) and an empty store opened in
    their place, into which any good backup may be restored."""
    try:
        return open_center(data_dir, clock=clock), None
    except StoreDamaged:
        root = DataDir(resolve_data_dir(data_dir))
        aside = set_aside(root, (clock or SystemClock()).now())
        return open_center(root.root, clock=clock), aside


def open_center(data_dir: str | Path | None = None, *, clock: Clock | None = None) -> Center:
    """Open the center in ``data_dir`` (or BIANMIN_DATA_DIR, or the user data dir)."""
    root = DataDir(resolve_data_dir(data_dir))
    root.ensure()
    db = open_upgrading(root)
    try:
        return Center(root, db, clock or SystemClock())
    except sqlite3.DatabaseError as exc:  # too damaged to read even the settings
        db.close()
        raise StoreDamaged(damaged_message(str(exc), newest_backup(root))) from exc
