"""Who is doing something: a staff member (maybe covering for another), or a device."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The author of a change, as the audit records it.

    ``on_behalf_of`` is set when a window's B staff acts on A's queue or cases (AB岗).
    ``device`` says which front end made the change: kiosk, staff, cli, sync, system.
    """

    staff_id: int | None
    device: str
    on_behalf_of: int | None = None

    @classmethod
    def kiosk(cls) -> Actor:
        return cls(None, "kiosk")

    @classmethod
    def cli(cls, staff_id: int | None = None) -> Actor:
        return cls(staff_id, "cli")

    @classmethod
    def system(cls) -> Actor:
        return cls(None, "system")

    @classmethod
    def sync(cls) -> Actor:
        return cls(None, "sync")

    def covering(self, staff_id: int | None) -> Actor:
        if staff_id is None or staff_id == self.staff_id:
            return Actor(self.staff_id, self.device)
        return Actor(self.staff_id, self.device, staff_id)
