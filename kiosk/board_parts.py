"""The call board's pieces: a card per window (its number scaled to the card, flashing and
turning gold for a few seconds when it calls), the 请准备 list of who is called next, and
how many wait in each group. Every text is a :class:`FitText`, sized to its box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from core.i18n import _
from core.queue import Ticket, TicketState
from kiosk import style as s
from kiosk.fit_text import FitText
from kiosk.widgets import set_colors

CARD = QColor("#16283B")
LIT = s.GOLD  # a card that has just called: gold, with night-blue words
BLINK_MS = 400
BLINKS = 6  # on/off changes before the card stays lit for the rest of the hold
NUMBER_MAX_PX = 420


def waiting_wordings(prefix: str, name: str, count: int) -> tuple[str, ...]:
    """"A 社保医保 3人", then shorter for a narrow column."""
    return (_("{prefix} {name} {n}人").format(prefix=prefix, name=name, n=count),
            _("{prefix}组 {n}人").format(prefix=prefix, n=count),
            _("{prefix} {n}人").format(prefix=prefix, n=count))


class WindowCard(QWidget):
    """One window: its name, the number it is calling or serving, and what that means."""

    def __init__(self, number: int, name: str, m: s.Metrics,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_number = number
        self._m = m
        self.title = FitText(m.large, s.BODY_MIN_PX, ink=s.PALE)
        self.title.set_text(name, _("{n}号").format(n=number))
        self.number = FitText(NUMBER_MAX_PX, s.HEADING_MIN_PX, ink=s.GOLD, heading=True)
        self.number.set_text("—")
        self.name = FitText(m.large, s.BODY_MIN_PX, ink=s.WHITE)
        self.name.hide()
        self.state = FitText(m.large, s.BODY_MIN_PX, ink=s.WHITE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(m.gap // 2, m.gap // 2, m.gap // 2, m.gap // 2)
        layout.setSpacing(0)
        layout.addWidget(self.title, 2)
        layout.addWidget(self.number, 6)
        layout.addWidget(self.name, 2)
        layout.addWidget(self.state, 2)
        self._blink = QTimer(self)
        self._blink.timeout.connect(self._toggle)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self.settle)
        self._blinks_left = 0
        self.lit = False
        self._paint(lit=False)

    # ------------------------------------------------------------------ content
    def show_ticket(self, ticket: Ticket | None, name: str, paused: bool) -> None:
        n = self.window_number
        if ticket is None:
            self.number.set_text("—")
            self.state.set_text(_("暂停服务") if paused else _("等候叫号"), _("暂停") if paused
                                else _("空闲"))
        else:
            self.number.set_text(ticket.number)
            if ticket.state is TicketState.CALLED:
                self.state.set_text(_("请到{n}号窗口办理").format(n=n),
                                    _("请到{n}号窗口").format(n=n), _("请前来"))
            else:
                self.state.set_text(_("正在办理"), _("办理中"))
        self.name.set_text(name)
        self.name.setVisible(bool(name))

    # ------------------------------------------------------------------ a new call
    @property
    def flashing(self) -> bool:
        """Between a call and the end of its hold (lit or blinking)."""
        return self._hold.isActive()

    def flash(self, hold_ms: int) -> None:
        """Blink, then stay gold until ``hold_ms`` after the call; a new call starts over."""
        self._blinks_left = BLINKS
        self._paint(lit=True)
        self._blink.start(BLINK_MS)
        self._hold.start(hold_ms)

    def _toggle(self) -> None:
        self._blinks_left -= 1
        if self._blinks_left <= 0:
            self._blink.stop()
            self._paint(lit=True)
            return
        self._paint(lit=not self.lit)

    def settle(self) -> None:
        self._blink.stop()
        self._hold.stop()
        self._paint(lit=False)

    def _paint(self, *, lit: bool) -> None:
        self.lit = lit
        set_colors(self, LIT if lit else CARD, s.NIGHT if lit else s.WHITE, fill=True)
        self.number.set_ink(s.NIGHT if lit else s.GOLD)
        for part in (self.title, self.name, self.state):
            part.set_ink(s.NIGHT if lit else (s.PALE if part is self.title else s.WHITE))


class NextUp(QWidget):
    """请准备: the next numbers the windows will call, two to a row."""

    def __init__(self, m: s.Metrics, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_colors(self, CARD, s.WHITE, fill=True)
        self.title = FitText(m.large, s.BODY_MIN_PX, ink=s.PALE)
        self.title.set_text(_("请准备"))
        grid = QGridLayout()
        grid.setSpacing(m.gap // 2)
        self.slots = [FitText(m.large + 8, s.BODY_MIN_PX, ink=s.WHITE) for _ in range(rows * 2)]
        for index, slot in enumerate(self.slots):
            grid.addWidget(slot, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(m.gap // 2, m.gap // 2, m.gap // 2, m.gap // 2)
        layout.setSpacing(m.gap // 2)
        layout.addWidget(self.title, 1)
        layout.addLayout(grid, rows)

    def show_numbers(self, numbers: list[str]) -> None:
        for index, slot in enumerate(self.slots):
            slot.set_text(numbers[index] if index < len(numbers) else "")
        if not numbers:
            self.slots[0].set_text(_("暂无"))

    def shown(self) -> list[str]:
        return [slot.text() for slot in self.slots if slot.text() and slot.text() != _("暂无")]


class Waiting(QWidget):
    """How many wait in each group: "A 社保医保 3人", shortened to "A 3人" where tight."""

    def __init__(self, m: s.Metrics, groups: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_colors(self, CARD, s.WHITE, fill=True)
        self._groups = groups
        self.title = FitText(m.large, s.BODY_MIN_PX, ink=s.PALE)
        self.title.set_text(_("等候人数"))
        columns = 1 if len(groups) <= 4 else 2
        grid = QGridLayout()
        grid.setSpacing(m.gap // 2)
        self.rows: dict[str, FitText] = {}
        for index, (prefix, _name) in enumerate(groups):
            row = FitText(m.body, s.BODY_MIN_PX, ink=s.WHITE,
                          align=Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(row, index // columns, index % columns)
            self.rows[prefix] = row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(m.gap // 2, m.gap // 2, m.gap // 2, m.gap // 2)
        layout.setSpacing(m.gap // 2)
        layout.addWidget(self.title, 1)
        layout.addLayout(grid, max(1, -(-len(groups) // columns)))

        self._counts: dict[str, int] = {}

    def show_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._apply()

    def _apply(self) -> None:
        """One wording for every row: the longest that fits them all (no mix of
        "A 社保医保 3人" and "C组 4人")."""
        wordings = {prefix: waiting_wordings(prefix, name, self._counts.get(prefix, 0))
                    for prefix, name in self._groups}
        for level in range(3):
            for prefix, row in self.rows.items():
                row.set_text(*wordings[prefix][level:])
            if all(row.text() == wordings[p][level] for p, row in self.rows.items()):
                return

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply()
