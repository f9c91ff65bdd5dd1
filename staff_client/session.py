"""Who is working where: the logged-in staff member at a window, acting (maybe for A) there.

One :class:`Session` is shared by every page; it owns the background runner and the
document printer, and says what the title bar shows ("代A岗 王小明" when covering).
"""

from __future__ import annotations

from pathlib import Path

from core.actor import Actor
from core.center import Center
from core.i18n import _
from core.staff import Role, StaffMember
from staff_client.doc_printer import DocumentPrinter
from ui_shared.tasks import TaskRunner


class Session:
    def __init__(self, center: Center, member: StaffMember, window: int,
                 runner: TaskRunner, print_dir: Path | None = None) -> None:
        self.center = center
        self.member = member
        self.window = window
        self.runner = runner
        self.actor: Actor = center.windows.actor_at(window, member.id)
        self.printer = DocumentPrinter(runner, self.actor, print_dir)

    @property
    def is_supervisor(self) -> bool:
        return self.member.at_least(Role.SUPERVISOR)

    @property
    def covering_for(self) -> StaffMember | None:
        """The A post this member stands in for (AB岗), if any."""
        if self.actor.on_behalf_of is None:
            return None
        return self.center.staff.get(self.actor.on_behalf_of)

    def window_label(self) -> str:
        return self.center.windows.get(self.window).name

    def title(self) -> str:
        info = self.center.info
        parts = [info.name if info else _("便民服务中心"), self.window_label(),
                 _("{name}（{role}）").format(name=self.member.name, role=self.member.role.label)]
        covered = self.covering_for
        if covered is not None:
            parts.append(_("代A岗 {name}").format(name=covered.name))
        return " · ".join(parts)
