"""Backups of the center database: encrypted, anchored, kept for a while, and restored only
after they pass every check.

A backup is a consistent copy taken while the kiosk and clients keep working (SQLite's
online backup API), encrypted with the center's backup key (:mod:`core.backup_keys`,
:mod:`core.backup_file`) into ``bianmin-<time>.bmbak``, whose manifest carries the audit
chain's count and head hash (:mod:`core.anchors`). Backups made before encryption
(``bianmin-<time>.sqlite3``) still restore and are listed as unencrypted. The safety copy
taken before a restore and the copy taken before an upgrade stay plain SQLite files in the
private ``backups`` folder: they never leave this PC and hold what ``center.sqlite3``
itself holds.

Restore checks first: the file decrypts with a key this PC holds, is intact, comes from
this center (or the data directory is empty), its audit chain verifies and agrees with the
anchors this center's books know. Only then is a safety copy taken and the content
replaced. ``other_center`` and ``broken_chain`` let an administrator do the rare
deliberate thing anyway; the restored books record that they did.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core import backup_file
from core.actor import Actor
from core.anchors import Acknowledged, Anchor, AnchorBook, AnchorFinding, Standing, compare
from core.audit import GENESIS, ChainReport, record
from core.audit import verify as verify_chain
from core.backup_file import BackupUnreadable, Manifest
from core.backup_keys import BackupKey, BackupKeys
from core.clock import Clock, from_iso, local, to_iso
from core.db import Database
from core.db import audit as audit_store
from core.db import backup as files
from core.db.migrations import migrate
from core.errors import Conflict, InvalidInput, NotFound, StorageError
from core.i18n import _
from core.paths import DataDir
from core.private_files import make_private_dir
from core.settings import BACKUP_KEEP, Settings

PREFIX = "bianmin-"
SUFFIX = ".bmbak"
PLAIN_SUFFIX = ".sqlite3"
SAFETY_KINDS = ("pre-restore-", "pre-upgrade-")


class NoBackupKey(InvalidInput):
    """The backup was encrypted with a key this PC does not hold."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    encrypted: bool
    safety_copy: bool  # taken before a restore or an upgrade: local, never an anchor
    created_at: dt.datetime
    anchor: Anchor | None
    key_id: str | None

    @property
    def label(self) -> str:
        if self.safety_copy:
            return _("恢复/升级前的安全副本（未加密，仅存本机）")
        return _("加密备份") if self.encrypted else _("旧格式，未加密")


def is_safety_copy(path: Path) -> bool:
    return path.name.startswith(tuple(PREFIX + kind for kind in SAFETY_KINDS))


def backup_files(folder: Path) -> list[Path]:
    """Every backup in ``folder``, oldest first."""
    if not folder.exists():
        return []
    found = [p for suffix in (SUFFIX, PLAIN_SUFFIX) for p in folder.glob(f"{PREFIX}*{suffix}")]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def newest_backup(data_dir: DataDir) -> Path | None:
    """The newest regular backup (not a safety copy), by time; nothing is opened."""
    regular = [p for p in backup_files(data_dir.backups) if not is_safety_copy(p)]
    return regular[-1] if regular else None


def set_aside(data_dir: DataDir, now: dt.datetime) -> Path:
    """Move a database that cannot be opened (and its -wal/-shm) into ``backups/`` as a
    safety copy, unchanged, so an empty store can take its place."""
    target = data_dir.backups / \
        f"{PREFIX}pre-restore-{local(now).strftime('%Y%m%d-%H%M%S-%f')}{PLAIN_SUFFIX}"
    make_private_dir(data_dir.backups)
    for suffix in ("", "-wal", "-shm"):
        source = data_dir.database.with_name(data_dir.database.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target


@dataclass(frozen=True)
class _Staged:
    """A backup decrypted (or copied) into a private temporary file, and what it holds."""

    path: Path
    source: Path
    encrypted: bool
    inspection: files.Inspection


class BackupService:
    def __init__(self, db: Database, data_dir: DataDir, clock: Clock, settings: Settings,
                 keys: Callable[[], BackupKeys], anchors: AnchorBook,
                 center_code: Callable[[], str | None]) -> None:
        self._db = db
        self._dir = data_dir
        self._clock = clock
        self._settings = settings
        self._keys = keys
        self._anchors = anchors
        self._center_code = center_code

    def _stamp(self) -> str:
        return local(self._clock.now()).strftime("%Y%m%d-%H%M%S-%f")

    def _temp(self, what: str) -> Path:
        """A private temporary file in ``backups/`` for a plain copy being encrypted or
        checked; leftovers of a process killed a day ago or more are removed first."""
        make_private_dir(self._dir.backups)
        stale = time.time() - 86_400  # file times are the OS clock's
        for old in self._dir.backups.glob(".*-*.tmp*"):
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < stale:
                    old.unlink()
        return self._dir.backups / f".{what}-{secrets.token_hex(6)}.tmp"

    # ------------------------------------------------------------ keys

    def key_store(self) -> BackupKeys:
        try:
            return self._keys()
        except StorageError as exc:
            raise StorageError(_("无法取得备份密钥：{reason}").format(reason=exc.message)) from exc

    def current_key(self, actor: Actor) -> BackupKey:
        """This center's backup key, made (and audited) now if it has none yet."""
        code = self._require_code()
        key, made = self.key_store().ensure(code)
        if made:
            with self._db.write():
                record(self._db, self._clock, actor, "backup.key_created", "backup_key",
                       key.key_id)
        return key

    def key_exported(self, key_id: str) -> dt.datetime | None:
        """When this key's recovery key was last exported (or it was imported from one)."""
        rows = audit_store.of_entity(self._db, ("backup.key_exported", "backup.key_imported"),
                                     key_id)
        return from_iso(rows[-1]["at"]) if rows else None

    def record_key_event(self, action: str, key: BackupKey, actor: Actor,
                         detail: dict[str, str] | None = None) -> None:
        with self._db.write():
            record(self._db, self._clock, actor, action, "backup_key", key.key_id, detail)

    def _require_code(self) -> str:
        code = self._center_code()
        if code is None:
            raise NotFound(_("本中心尚未初始化，没有可备份的数据"))
        return code

    # ------------------------------------------------------------ making one

    def create(self, actor: Actor, to_dir: Path | None = None) -> Path:
        """An encrypted backup in ``backups/`` (pruned to ``backup.keep``) or ``to_dir``.
        A damaged store is not backed up: its copy would be named as the one to restore."""
        if self._db.refusal is not None:
            raise self._db.refusal
        key = self.current_key(actor)
        target = (to_dir or self._dir.backups) / f"{PREFIX}{self._stamp()}{SUFFIX}"
        plain = self._temp("backup")
        partial = target.with_name(target.name + ".partial")
        try:
            files.copy_to(self._db, plain)
            seen = files.inspect(plain)
            if seen.problems:
                raise StorageError(_("数据库文件已损坏（{problem}），未备份；请运行 bianmin verify"
                                     ).format(problem=seen.problems[0][:200]))
            manifest = Manifest(
                center_code=seen.center_code or "", center_name=seen.center_name or "",
                created_at=to_iso(self._clock.now()), schema=seen.schema,
                audit_count=seen.audit_count, audit_head=seen.audit_head or GENESIS,
                key_id=key.key_id, salt=secrets.token_hex(16),
                database_bytes=plain.stat().st_size)
            if to_dir is not None:
                to_dir.mkdir(parents=True, exist_ok=True)
            backup_file.encrypt(plain, partial, manifest, key)
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise StorageError(_("备份失败：{reason}").format(reason=exc)) from exc
        finally:
            plain.unlink(missing_ok=True)
        with self._db.write():
            record(self._db, self._clock, actor, "backup.created", "backup", target.name,
                   {"key_id": key.key_id, "audit_count": manifest.audit_count})
            self._anchors.queue_in_transaction()
        if to_dir is None:
            self.prune()
        return target

    def safety_copy(self, kind: str) -> Path:
        """A plain local copy of the books as they are (before a restore)."""
        target = self._dir.backups / f"{PREFIX}{kind}{self._stamp()}{PLAIN_SUFFIX}"
        try:
            files.copy_to(self._db, target)
        except sqlite3.DatabaseError:
            files.copy_damaged(self._db, target)  # a damaged store is kept as it is
        except OSError as exc:
            raise StorageError(_("无法保存恢复前的安全副本，未恢复：{reason}").format(
                reason=exc)) from exc
        return target

    # ------------------------------------------------------------ the list

    def all(self) -> list[Path]:
        return backup_files(self._dir.backups)

    def listing(self) -> list[BackupInfo]:
        return [self.describe(path) for path in self.all()]

    def describe(self, path: Path) -> BackupInfo:
        """What a backup says about itself, without its key (the manifest is not yet
        authenticated; :meth:`anchor_finding` checks it)."""
        safety = is_safety_copy(path)
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        if backup_file.kind_of(path) == "encrypted":
            with contextlib.suppress(BackupUnreadable, OSError):
                m = backup_file.read_manifest(path)
                return BackupInfo(path, True, safety, from_iso(m.created_at),
                                  Anchor(m.audit_count, m.audit_head), m.key_id)
            return BackupInfo(path, True, safety, mtime, None, None)
        head = files.audit_head(path)
        return BackupInfo(path, False, safety, mtime, None if head is None else Anchor(*head),
                          None)

    def prune(self) -> list[Path]:
        keep = self._settings.get(BACKUP_KEEP)
        backups = self.all()
        removed = backups[:-keep] if len(backups) > keep else []
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    # ------------------------------------------------------------ checking the books

    def anchor_finding(self) -> AnchorFinding:
        """The chain against the newest backup made since the last restore."""
        restored = audit_store.latest(self._db, "backup.restored")
        since = from_iso(restored["at"]) if restored else None
        regular = [b for b in self.listing() if not b.safety_copy]
        if not regular:
            return AnchorFinding(Standing.UNAVAILABLE, _("无法与备份核对：还没有备份"))
        after = [b for b in regular if since is None or b.created_at > since]
        if not after:
            return AnchorFinding(Standing.UNAVAILABLE,
                                 _("无法与备份核对：恢复数据之后还没有做过备份"))
        newest = after[-1]
        name = newest.path.name
        if newest.anchor is None:
            return AnchorFinding(Standing.UNAVAILABLE, _(
                "无法与备份核对：最新备份 {name} 读不出留痕锚点").format(name=name))
        if newest.encrypted:
            unchecked = self._unauthenticated(newest)
            if unchecked is not None:
                return unchecked
        source = _("最新备份 {name} ").format(name=name)
        problem = compare(self._db, newest.anchor, source)
        if problem is not None:
            return problem
        return AnchorFinding(Standing.OK, _("与备份核对：与最新备份 {name} 一致（第{count}条）")
                             .format(name=name, count=newest.anchor.count))

    def _unauthenticated(self, info: BackupInfo) -> AnchorFinding | None:
        try:
            key = self.key_store().by_id(info.key_id or "")
        except StorageError as exc:
            return AnchorFinding(Standing.UNAVAILABLE, _(
                "无法与备份核对：{reason}").format(reason=exc.message))
        if key is None:
            return AnchorFinding(Standing.UNAVAILABLE, _(
                "无法与备份核对：本机没有备份 {name} 的密钥").format(name=info.path.name))
        try:
            backup_file.authenticate(info.path, key)
        except BackupUnreadable as exc:
            return AnchorFinding(Standing.UNAVAILABLE, _(
                "无法与备份核对：备份 {name}：{reason}").format(
                    name=info.path.name, reason=exc.message))
        return None

    def newest_good(self) -> Path | None:
        """The newest regular backup that opens with a key this PC holds and is intact."""
        for info in reversed([b for b in self.listing() if not b.safety_copy]):
            with contextlib.suppress(InvalidInput, StorageError, OSError, sqlite3.Error), \
                    self._staged(info.path) as staged:
                if not staged.inspection.problems and staged.inspection.is_center:
                    return info.path
        return None

    # ------------------------------------------------------------ restore

    @contextlib.contextmanager
    def _staged(self, source: Path) -> Iterator[_Staged]:
        """``source`` as a plain database in a private temporary file (removed after)."""
        if not source.is_file():
            raise InvalidInput(_("找不到备份文件 {path}").format(path=source))
        kind = backup_file.kind_of(source)
        temp = self._temp("restore")
        try:
            if kind == "encrypted":
                self._decrypt(source, temp)
            elif kind == "plain":
                shutil.copyfile(source, temp)
            else:
                raise InvalidInput(_("{path} 不是有效的数据库备份").format(path=source))
            try:
                seen = files.inspect(temp)
            except sqlite3.DatabaseError as exc:
                raise InvalidInput(_("备份文件已损坏，未恢复：{reason}").format(
                    reason=exc)) from exc
            yield _Staged(temp, source, kind == "encrypted", seen)
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                temp.with_name(temp.name + suffix).unlink(missing_ok=True)

    def _decrypt(self, source: Path, temp: Path) -> None:
        manifest = backup_file.read_manifest(source)
        key = self.key_store().by_id(manifest.key_id)
        if key is None:
            raise NoBackupKey(_(
                "这份备份（{center}，{when}）是用另一把备份密钥（编号 {key_id}）加密的，本机"
                "没有这把密钥，未恢复。请在本机运行 bianmin backup key import，输入当初导出"
                "的恢复密钥后再恢复").format(
                    center=manifest.center_code, key_id=manifest.key_id,
                    when=local(from_iso(manifest.created_at)).strftime("%Y-%m-%d %H:%M")))
        backup_file.decrypt(source, key, temp)

    def restore(self, source: Path, actor: Actor, *, other_center: bool = False,
                broken_chain: bool = False) -> Path:
        """Check ``source``, then restore it; returns the safety copy of the state before.
        Nothing is changed when a check fails."""
        with self._staged(source) as staged:
            forced = self._check(staged, other_center=other_center,
                                 broken_chain=broken_chain)
            safety = self.safety_copy("pre-restore-")
            try:
                files.restore_into(self._db, staged.path)
            except sqlite3.Error as exc:
                raise StorageError(_("恢复失败，当前数据未改动：{reason}").format(
                    reason=exc)) from exc
        if not self._db.quick_problems():
            self._db.refuse_writes(None)  # the damaged content is gone
        migrate(self._db)
        with self._db.write():
            record(self._db, self._clock, actor, "backup.restored", "backup", source.name,
                   {"safety_copy": safety.name, "encrypted": staged.encrypted,
                    "center_code": staged.inspection.center_code, **forced})
        return safety

    def _check(self, staged: _Staged, *, other_center: bool,
               broken_chain: bool) -> dict[str, str]:
        """Refuse what must not be restored; what was let through on purpose, for the audit."""
        seen = staged.inspection
        if seen.problems:
            raise InvalidInput(_("备份文件已损坏，未恢复：{problem}").format(
                problem=seen.problems[0]))
        if seen.unknown_migrations:
            raise InvalidInput(_("备份来自更新版本的便民软件，请先升级再恢复（{names}）").format(
                names=", ".join(seen.unknown_migrations)))
        if not seen.is_center:
            raise InvalidInput(_("{path} 不是便民服务中心的数据库备份").format(path=staged.source))
        forced: dict[str, str] = {}
        try:
            ours = self._center_code()
        except sqlite3.DatabaseError:
            ours = None  # the books are too damaged to say whose they are: restore mends them
        if ours is not None and seen.center_code != ours:
            if not other_center:
                raise Conflict(_(
                    "这份备份属于另一个中心（{theirs} {name}），本数据目录是中心 {ours}，"
                    "未恢复。确实要用它替换本中心的全部数据，请管理员运行 bianmin restore "
                    "文件 --force-other-center").format(
                        theirs=seen.center_code, name=seen.center_name or "", ours=ours))
            forced["forced_other_center"] = f"{seen.center_code} -> {ours}"
        problem = self._chain_problem(staged.path, ours_too=seen.center_code == ours)
        if problem is not None:
            if not broken_chain:
                raise Conflict(_(
                    "备份中的留痕有问题，未恢复：{problem}。确实要恢复这份备份，请管理员运行 "
                    "bianmin restore 文件 --accept-broken-chain（会记入留痕）").format(
                        problem=problem))
            forced["accepted_broken_chain"] = problem
        return forced

    def _ours_acknowledged(self) -> Acknowledged | None:
        try:
            return self._anchors.acknowledged()
        except sqlite3.DatabaseError:
            return None

    def _chain_problem(self, path: Path, *, ours_too: bool) -> str | None:
        """Why the staged backup's chain cannot be trusted: it does not verify, or it
        disagrees with an anchor (its own hub-acknowledged one, or this center's)."""
        staged = Database(path)
        try:
            chain: ChainReport = verify_chain(staged)
            if not chain.ok:
                return _("第{id}条记录被改动或缺失（{reason}）").format(
                    id=chain.first_broken_id, reason=chain.reason)
            known = [AnchorBook(staged, self._clock, lambda: True, "UTC").acknowledged()]
            if ours_too:
                known.append(self._ours_acknowledged())
            for acked in known:
                if acked is None or acked.anchor.count > chain.rows:
                    continue  # an older backup than the anchor: it lacks rows, changes none
                finding = compare(staged, acked.anchor, _("上级确认的锚点"))
                if finding is not None:
                    return finding.text
        finally:
            staged.close()
        return None
