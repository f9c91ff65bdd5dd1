"""Is the store sound? The start-up quick check every front end runs, and ``verify``.

Each front end (CLI, staff client, kiosk and board, sync) opens the books through
:func:`core.center.open_center`, which runs SQLite's ``quick_check`` once per process and
file version. A store that fails it stays readable but refuses every write with
:class:`StoreDamaged`, whose message names the problem, the newest backup and the command
that restores it: writing on would spread the damage. ``bianmin verify`` runs the full
``integrity_check`` and the audit chain, and compares the chain with its anchors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.anchors import AnchorFinding, Standing
from core.audit import ChainReport
from core.backup import newest_backup
from core.db import Database
from core.errors import StorageError
from core.i18n import _
from core.paths import DataDir

# (path, size, mtime) of files that passed the start-up check in this process, so the
# staff client's background tasks (each opens the books) do not repeat it.
_passed: set[tuple[str, int, int]] = set()


class StoreDamaged(StorageError):
    """The database file failed its check: nothing may be written to it."""


def restore_advice(backup: Path | None) -> str:
    if backup is None:
        return _("没有找到备份：请不要继续使用，立即联系技术支持（数据库文件保持原样，"
                 "不要删除）")
    return _("请用最近一份完好的备份恢复：bianmin restore {path}"
             "（恢复前会自动另存当前文件）").format(path=backup)


def damaged_message(problem: str, backup: Path | None) -> str:
    return _("数据库文件已损坏（{problem}），为免损坏扩大已停止写入。{advice}").format(
        problem=problem[:200], advice=restore_advice(backup))


def _fingerprint(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return str(path.resolve()), info.st_size, info.st_mtime_ns


def check_on_open(db: Database, data_dir: DataDir) -> None:
    """Run ``quick_check`` unless this process already saw this file pass; on a problem,
    refuse every write from now on with the message a person can act on."""
    print_ = _fingerprint(db.path)
    if print_ is not None and print_ in _passed:
        return
    problems = db.quick_problems()
    if problems:
        db.refuse_writes(StoreDamaged(damaged_message(problems[0], newest_backup(data_dir))))
    elif print_ is not None:
        _passed.add(print_)


@dataclass(frozen=True)
class VerifyReport:
    """``bianmin verify``: integrity, the chain on its own, the chain against its anchors."""

    integrity_problems: list[str]
    chain: ChainReport | None  # None: the chain could not be read (a damaged page)
    anchors: list[AnchorFinding] = field(default_factory=list)
    advice: str | None = None

    @property
    def ok(self) -> bool:
        return not self.integrity_problems and self.chain is not None and self.chain.ok \
            and not any(a.tampered for a in self.anchors)

    def lines(self) -> list[str]:
        out = []
        if self.integrity_problems:
            out.append(_("数据库文件已损坏：{problem}").format(
                problem="；".join(self.integrity_problems[:3])[:300]))
        else:
            out.append(_("数据库完整性：正常"))
        if self.chain is None:
            out.append(_("留痕链：读不出来（数据库文件已损坏）"))
        elif self.chain.ok:
            out.append(_("留痕链：正常（共{n}条）").format(n=self.chain.rows))
        else:
            out.append(_("留痕链：第{id}条记录被改动或缺失（{reason}）").format(
                id=self.chain.first_broken_id, reason=self.chain.reason))
        out += [a.text for a in self.anchors]
        if self.advice:
            out.append(_("处理：{advice}").format(advice=self.advice))
        return out


def unreadable(what: str) -> AnchorFinding:
    return AnchorFinding(Standing.UNAVAILABLE, _("无法{what}：数据库文件已损坏，读不出来").format(
        what=what))
