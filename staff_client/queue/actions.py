"""What the clerk can do to the queue, as QActions with keyboard shortcuts.

The panel's buttons trigger these actions, so a button and its F-key always do the same
thing. Each action is one core call; a refusal (e.g. "只重呼了1次") is shown, not raised.

Signals:
    changed: the window's tickets changed; screens showing the queue refresh.
    intake_requested(int): start an intake for this ticket id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from core.actor import Actor
from core.center import Center
from core.i18n import _
from core.queue import Ticket, TicketState
from staff_client.message_bar import MessageBar
from staff_client.queue.dialogs import CallTicketDialog, PauseDialog, TransferDialog
from staff_client.session import Session

# name → (label, shortcut)
ACTIONS: dict[str, tuple[str, str]] = {
    "call_next": (_("叫下一位"), "F2"),
    "recall": (_("重呼"), "F3"),
    "start": (_("到窗办理"), "F4"),
    "finish": (_("办结本号"), "F5"),
    "no_show": (_("过号"), "F6"),
    "hold": (_("挂起/恢复"), "F7"),
    "transfer": (_("转组"), "F8"),
    "call_number": (_("叫指定号"), "F9"),
    "pause": (_("暂停/恢复服务"), "F10"),
    "intake": (_("为此号受理"), "Ctrl+N"),
    "rate": (_("请评价"), "F11"),
}


class QueueActions(QObject):
    changed = Signal()
    intake_requested = Signal(int)

    def __init__(self, session: Session, messages: MessageBar, host: QWidget) -> None:
        super().__init__(host)
        self._session = session
        self._messages = messages
        self._host = host
        self.dialog: QWidget | None = None
        self.actions: dict[str, QAction] = {}
        handlers: dict[str, Callable[[], None]] = {
            "call_next": self.call_next, "recall": self.recall, "start": self.start,
            "finish": self.finish, "no_show": self.no_show, "hold": self.toggle_hold,
            "transfer": self.ask_transfer, "call_number": self.ask_call_number,
            "pause": self.toggle_pause, "intake": self.request_intake,
            "rate": self.ask_for_rating,
        }
        for name, (label, keys) in ACTIONS.items():
            action = QAction(label, host)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(handlers[name])
            host.addAction(action)
            self.actions[name] = action

    # ----------------------------------------------------------------- state
    @property
    def center(self) -> Center:
        return self._session.center

    def current(self) -> Ticket | None:
        return self.center.tickets.current(self._session.window)

    def held(self) -> list[Ticket]:
        return [t for t in self.center.tickets.at_window(self._session.window)
                if t.state is TicketState.HELD]

    def update_enabled(self) -> None:
        current = self.current()
        state = current.state if current else None
        paused = self.center.windows.get(self._session.window).paused
        called, serving = state is TicketState.CALLED, state is TicketState.SERVING
        enabled = {
            "call_next": not paused, "recall": called, "start": called, "finish": serving,
            "no_show": called, "hold": serving or (current is None and bool(self.held())),
            "transfer": current is not None, "call_number": not paused and current is None,
            "pause": True, "intake": current is not None,
            "rate": self.to_rate(current) is not None,
        }
        for name, on in enabled.items():
            self.actions[name].setEnabled(on)

    def _run(self, action: Callable[[], object], success: Callable[[object], str] | None) -> None:
        result = self._messages.attempt(action)
        if result is not None and success is not None:
            self._messages.ok(success(result))
        self.changed.emit()

    def _actor(self) -> Actor:
        return self._session.actor

    # ----------------------------------------------------------------- actions
    def call_next(self) -> None:
        def call() -> object:
            ticket = self.center.tickets.call_next(self._session.window, self._actor())
            return ticket if ticket is not None else False

        result = self._messages.attempt(call)
        if result is False:
            self._messages.show_message(_("现在没有人等候"), "info")
        elif isinstance(result, Ticket):
            self._messages.ok(_("已叫 {number} 号").format(number=result.number))
        self.changed.emit()

    def recall(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self.center.tickets.recall(current.id, self._actor()),
                      lambda t: _("已重呼 {number} 号（第{n}次）").format(
                          number=current.number, n=getattr(t, "recall_count", 0)))

    def start(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self.center.tickets.start(current.id, self._actor()), None)

    def finish(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self.center.tickets.finish(current.id, self._actor()),
                      lambda _t: _("{number} 号已办结").format(number=current.number))

    def no_show(self) -> None:
        current = self.current()
        if current is not None:
            self._run(lambda: self.center.tickets.no_show(current.id, self._actor()),
                      lambda _t: _("{number} 号已标记过号（当天可恢复）").format(
                          number=current.number))

    def toggle_hold(self) -> None:
        current = self.current()
        if current is not None and current.state is TicketState.SERVING:
            self._run(lambda: self.center.tickets.hold(current.id, self._actor()),
                      lambda _t: _("{number} 号已挂起").format(number=current.number))
            return
        held = self.held()
        if held:
            ticket = held[-1]
            self._run(lambda: self.center.tickets.unhold(ticket.id, self._session.window,
                                                         self._actor()),
                      lambda _t: _("{number} 号已恢复办理").format(number=ticket.number))

    def ask_transfer(self) -> None:
        current = self.current()
        if current is None:
            return
        dialog = TransferDialog(self._host, current, self.center.groups.all())
        dialog.chosen.connect(lambda prefix: self.transfer(current.id, prefix))
        self._open(dialog)

    def transfer(self, ticket_id: int, prefix: str) -> None:
        self._run(lambda: self.center.tickets.transfer(ticket_id, prefix, self._actor()),
                  lambda t: _("{number} 号已转到 {prefix} 组排队").format(
                      number=getattr(t, "number", ""), prefix=prefix))

    def ask_call_number(self) -> None:
        today = self.center.tickets.for_day(self.center.tickets.today())
        choices = [t for t in today if t.state in (TicketState.WAITING, TicketState.NO_SHOW)]
        dialog = CallTicketDialog(self._host, choices)
        dialog.chosen.connect(self.call_number)
        self._open(dialog)

    def call_number(self, number: str) -> None:
        tickets = self.center.tickets

        def call() -> Ticket:
            ticket = tickets.by_number(number)
            if ticket.state is TicketState.NO_SHOW:
                ticket = tickets.reactivate(ticket.id, self._actor())
            return tickets.call(ticket.id, self._session.window, self._actor())

        self._run(call, lambda t: _("已叫 {number} 号（不按顺序，已留痕）").format(
            number=getattr(t, "number", number)))

    def to_rate(self, current: Ticket | None) -> Ticket | None:
        """The visit 请评价 asks about: the one being served here, or — after 办结 — the one
        this window finished last today; None when that one is rated already."""
        if current is not None:
            return current if current.state is TicketState.SERVING else None
        finished = self.center.tickets.last_finished_at(self._session.window)
        if finished is None or self.center.ratings.is_rated(ticket_id=finished.id):
            return None
        return finished

    def ask_for_rating(self) -> None:
        """请评价: the rating device at this window shows the five faces for this visit."""
        ticket = self.to_rate(self.current())
        if ticket is None:
            return
        self._run(lambda: self.center.ratings.ask_at_window(self._actor(), self._session.window,
                                                            ticket.id),
                  lambda _r: _("已请 {number} 号在窗口的评价器上评价").format(number=ticket.number))

    def toggle_pause(self) -> None:
        window = self.center.windows.get(self._session.window)
        if window.paused:
            if self._messages.succeeded(lambda: self.center.windows.resume(self._actor(),
                                                                           window.number)):
                self._messages.ok(_("已恢复服务"))
            self.changed.emit()
            return
        dialog = PauseDialog(self._host)
        dialog.chosen.connect(self.pause)
        self._open(dialog)

    def pause(self, reason: str) -> None:
        if self._messages.succeeded(lambda: self.center.windows.pause(
                self._actor(), self._session.window, reason)):
            self._messages.ok(_("本窗口已暂停服务：{reason}").format(reason=reason))
        self.changed.emit()

    def request_intake(self) -> None:
        current = self.current()
        if current is None:
            self._messages.show_message(_("没有正在办理的号；可以在“受理”页空白新建"), "info")
            return
        if current.state is TicketState.CALLED:
            self._messages.attempt(lambda: self.center.tickets.start(current.id, self._actor()))
            self.changed.emit()
        self.intake_requested.emit(current.id)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]
