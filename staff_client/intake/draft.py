"""Keeping the intake form in the books as it is typed (``center.drafts``).

Every edit restarts a short timer; when it fires the whole form is saved under the clerk's
id and the form's slot (``ticket-<id>``, ``case-<id>`` or ``blank``). Closing the window,
switching forms or filing the case saves at once, so a crash loses at most the last
fraction of a second of typing.

Signals:
    saved(str): the slot just written (the status bar says "草稿已保存").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from core.desk import IntakeDrafts

SAVE_DELAY_MS = 300
BLANK = "blank"


def ticket_slot(ticket_id: int) -> str:
    return f"ticket-{ticket_id}"


def case_slot(case_id: int) -> str:
    return f"case-{case_id}"


def is_empty(data: dict[str, Any]) -> bool:
    applicant = data.get("applicant", {})
    typed = any(str(applicant.get(k, "")).strip()
                for k in ("name", "id_number", "phone", "address", "agent_name"))
    return not (typed or data.get("item_code") or data.get("received") or data.get("case_id")
                or data.get("ticket_id"))


class DraftKeeper(QObject):
    saved = Signal(str)

    def __init__(self, drafts: IntakeDrafts, staff_id: int,
                 snapshot: Callable[[], dict[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._staff_id = staff_id
        self._snapshot = snapshot
        self.slot = BLANK
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def touched(self) -> None:
        if not self.paused:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Save now (or drop the slot when the form is empty)."""
        self._timer.stop()
        if self.paused:
            return
        data = self._snapshot()
        if is_empty(data):
            self._drafts.discard(self._staff_id, self.slot)
        else:
            self._drafts.save(self._staff_id, self.slot, data)
        self.saved.emit(self.slot)

    def load(self, slot: str) -> dict[str, Any] | None:
        return self._drafts.load(self._staff_id, slot)

    def latest(self) -> str | None:
        slots = self._drafts.slots(self._staff_id)
        return slots[0][0] if slots else None

    def slots(self) -> list[str]:
        return [slot for slot, _at in self._drafts.slots(self._staff_id)]

    def discard(self) -> None:
        self._timer.stop()
        self._drafts.discard(self._staff_id, self.slot)
