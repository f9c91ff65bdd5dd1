"""One case in full: the applicant's complete data (only here), the deadline, materials,
documents, the timeline with the county's feedback, and the next step's buttons.

Signals:
    back_requested: return to the list.
    resume_requested(int): continue the intake of this case (materials completed later).
    changed: the case changed here.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.cases import Case, CaseState, DueLevel
from core.clock import local
from core.i18n import _
from staff_client import look
from staff_client.cases.case_actions import CaseDialog, PickupDialog, SupplyDialog, WithdrawDialog
from staff_client.cases.timeline import steps
from staff_client.doc_printer import Make
from staff_client.message_bar import MessageBar
from staff_client.models.case_table import deadline_text, remaining_text
from staff_client.session import Session

UPSTREAM_BG = QColor("#e6eef7")
LEVEL_STYLE = {DueLevel.DUE_SOON: "background: #fff2b3; color: #5c4400;",
               DueLevel.OVERDUE: "background: #fde0e0; color: #8a0018;",
               DueLevel.PREREVIEW_OVERDUE: "background: #fde0e0; color: #8a0018;"}
RESUMABLE = (CaseState.DRAFT, CaseState.NOTICE_ISSUED)
WITHDRAWABLE = (CaseState.DRAFT, CaseState.NOTICE_ISSUED, CaseState.ACCEPTED,
                CaseState.SUBMITTED, CaseState.RECEIVED, CaseState.SUPPLEMENT_REQUESTED)
PICKUP_READY = (CaseState.READY_FOR_PICKUP, CaseState.DENIED)
WIDE_VIEW = 900  # narrower than this, the history goes under the facts


class CaseView(QWidget):
    back_requested = Signal()
    resume_requested = Signal(int)
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.case: Case | None = None
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        back = look.button(_("← 返回列表"))
        back.clicked.connect(self.back_requested)
        self.back_button = back
        self.title = look.heading("", wrap=True)
        self.state = look.label()
        self.state.setStyleSheet("background: #0b5394; color: white; padding: 3px 10px;"
                                 " border-radius: 4px; font-weight: bold;")
        top.addWidget(back)
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        layout.addLayout(top)
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        # The next steps sit above the scrolling part: always in view, whatever the screen.
        self.actions_box = QGridLayout()
        self.actions_box.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(self.actions_box)
        self.action_columns = 3
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 4, 0)
        self.facts = QFormLayout()
        self.person = QFormLayout()
        self.materials = look.label(wrap=True)
        for title, content in ((_("办件"), self.facts), (_("申请人（完整信息，仅此处显示）"),
                                                      self.person)):
            box = look.card()
            inner = QVBoxLayout(box)
            inner.addWidget(look.heading(title, look.BODY_PT + 1, wrap=True))
            inner.addLayout(content)
            left.addWidget(box)
        materials_box = look.card()
        inner = QVBoxLayout(materials_box)
        inner.addWidget(look.heading(_("材料"), look.BODY_PT + 1))
        inner.addWidget(self.materials)
        left.addWidget(materials_box)
        left.addStretch(1)
        self.info = QWidget()
        self.info.setLayout(left)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(look.heading(_("办理经过（含县级反馈）"), look.BODY_PT + 1))
        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels([_("时间"), _("经过"), _("经办人"), _("说明")])
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setWordWrap(True)
        self.timeline.setMinimumHeight(220)
        self.timeline.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        # Wrapped notes need their rows re-measured once the columns have their real widths.
        self.timeline.horizontalHeader().sectionResized.connect(
            lambda *_args: self.timeline.resizeRowsToContents())
        right.addWidget(self.timeline, 1)
        self.history = QWidget()
        self.history.setLayout(right)
        # Side by side on a wide page; the history under the facts on a narrow one. Either
        # way the page scrolls rather than making the window taller than the screen.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.info, 2)
        self.body.addWidget(self.history, 3)
        self.body_area = look.scrolling(self.body)
        layout.addWidget(self.body_area, 1)
        self.buttons: dict[str, QPushButton] = {}
        session.printer.printed.connect(lambda _i, _t: self.reload())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE_VIEW
        columns = 3 if wide else 2
        if columns != self.action_columns:
            self.action_columns = columns
            if self.case is not None:
                self._draw_actions(self.case)
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide
                               else QBoxLayout.Direction.TopToBottom)
        self.body.setStretch(0, 2 if wide else 0)

    # ----------------------------------------------------------------- showing
    def show_case(self, case_id: int) -> None:
        self.messages.clear_message()
        self.case = self._session.center.cases.get(case_id)
        self._draw()

    def reload(self) -> None:
        if self.case is not None:
            self.case = self._session.center.cases.get(self.case.id)
            self._draw()

    def _draw(self) -> None:
        case = self.case
        assert case is not None
        self.title.setText(case.item.name)
        self.state.setText(case.state.label)
        self._draw_facts(case)
        self._draw_person(case)
        self.materials.setText("\n".join(
            ("✔ " if m.received else "✘ ") + m.name + ("" if m.received else _("（未交）"))
            for m in case.materials))
        self._draw_actions(case)
        self._draw_timeline(case)

    def _draw_facts(self, case: Case) -> None:
        _clear(self.facts)
        center = self._session.center
        entry = center.case_queries.due_level(case)
        rows = [(_("办件编号"), case.case_number or _("（未受理，无编号）")),
                (_("查询码"), case.tracking_code or ""),
                (_("县级编号"), case.hub_case_number or "")]
        if case.accepted_at:
            rows.append((_("受理时间"), local(case.accepted_at, center.timezone)
                         .strftime("%Y-%m-%d %H:%M")))
        for label, value in rows:
            if value:
                self.facts.addRow(label, _selectable(value))
        if case.deadline:
            deadline = look.label(f"{deadline_text(entry)}  {remaining_text(entry)}")
            deadline.setStyleSheet(LEVEL_STYLE.get(entry.level, "") + " padding: 2px 4px;")
            self.facts.addRow(_("办结期限"), deadline)
        outcome = ((_("不予受理/撤回原因"), case.reason), (_("应去部门"), case.competent_office),
                   (_("办理结果"), case.result), (_("领取地点"), case.pickup_place))
        for label, text in outcome:
            if text:
                self.facts.addRow(label, _selectable(text))

    def _draw_person(self, case: Case) -> None:
        _clear(self.person)
        rows = [(_("姓名"), case.applicant_name),
                (case.applicant_id_type.label, case.applicant_id_number),
                (_("手机"), case.applicant_phone or ""), (_("住址"), case.applicant_address or "")]
        if case.agent_relation:
            rows.append((_("代办人"), f"{case.agent_name or ''}（{case.agent_relation}）"))
        for label, value in rows:
            if value:
                self.person.addRow(label, _selectable(value))

    def _draw_actions(self, case: Case) -> None:
        _clear_grid(self.actions_box)
        self.buttons = {}
        wanted: list[tuple[str, str, str]] = []
        if case.state in RESUMABLE:
            wanted.append(("resume", _("继续受理（补齐材料后）"), "primary"))
        if case.state is CaseState.SUPPLEMENT_REQUESTED:
            wanted += [("supplement_notice", _("打印补正材料通知书"), ""),
                       ("supply", _("登记补交材料"), "primary")]
        if case.state in PICKUP_READY:
            wanted += [("pickup", _("交付结果（取件）"), "primary"),
                       ("pickup_notice", _("打印取件通知"), "")]
        for document in self._session.center.documents.for_case(case.id):
            wanted.append((f"reprint-{document.id}", _("再打一份{kind}").format(
                kind=document.kind.label), ""))
        if case.state in WITHDRAWABLE:
            wanted.append(("withdraw", _("撤回申请…"), "danger"))
        for index, (name, label, kind) in enumerate(wanted):
            button = look.button(label, kind)
            button.clicked.connect(lambda _c=False, n=name: self._act(n))
            row, column = divmod(index, self.action_columns)
            self.actions_box.addWidget(button, row, column)
            button.show()  # at once, so Tab finds it before the next event loop
            self.buttons[name] = button
        chain = [self.back_button, *self.buttons.values(), self.timeline]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _draw_timeline(self, case: Case) -> None:
        found = steps(self._session.center, case)
        self.timeline.setRowCount(len(found))
        for row, step in enumerate(found):
            when = local(step.at, self._session.center.timezone).strftime("%m-%d %H:%M")
            for column, text in enumerate((when, step.what, step.who, step.note)):
                cell = QTableWidgetItem(text)
                if step.upstream:
                    cell.setBackground(QBrush(UPSTREAM_BG))
                self.timeline.setItem(row, column, cell)
        self.timeline.resizeRowsToContents()

    # ----------------------------------------------------------------- actions
    def _act(self, name: str) -> None:
        case, actor = self.case, self._session.actor
        assert case is not None
        if name == "resume":
            self.resume_requested.emit(case.id)
        elif name == "supply":
            self._open(SupplyDialog(self, self._requested(case)), self._supply)
        elif name == "pickup":
            self._open(PickupDialog(self), self._pick_up)
        elif name == "withdraw":
            self._open(WithdrawDialog(self), self._withdraw)
        elif name == "supplement_notice":
            self._print(lambda c: c.documents.supplement(case.id, actor), _("补正材料通知书"))
        elif name == "pickup_notice":
            self._print(lambda c: c.documents.pickup(case.id, actor), _("取件通知"))
        elif name.startswith("reprint-"):
            document_id = int(name.removeprefix("reprint-"))
            label = self._session.center.documents.get(document_id).kind.label
            self._session.printer.reprint(document_id, label)
            self.messages.show_message(_("正在打印{label}……").format(label=label), "info")

    def _requested(self, case: Case) -> list[str]:
        for event in reversed(self._session.center.cases.timeline(case.id)):
            if event["action"] == "hub_supplement":
                return [str(m) for m in event["detail"].get("materials", [])]
        return []

    def _open(self, dialog: CaseDialog, handler: Callable[[object], None]) -> None:
        self.dialog = dialog
        dialog.confirmed.connect(handler)
        dialog.open()

    def _print(self, make: Make, label: str) -> None:
        self._session.printer.make_and_print(make, label)
        self.messages.show_message(_("正在打印{label}……").format(label=label), "info")

    def _step(self, action: Callable[[], object], success: str) -> bool:
        if self.messages.attempt(action) is None:
            return False
        self.messages.ok(success)
        self.reload()
        self.changed.emit()
        return True

    def _supply(self, names: object) -> None:
        case, actor = self.case, self._session.actor
        assert case is not None
        chosen = [str(n) for n in names] if isinstance(names, list) else []
        self._step(lambda: self._session.center.cases.supply(case.id, chosen, actor),
                   _("已登记补交材料，办件恢复计时"))

    def _pick_up(self, by: object) -> None:
        case, actor = self.case, self._session.actor
        assert case is not None
        if self._step(lambda: self._session.center.cases.pick_up(case.id, actor, str(by)),
                      _("结果已交付")):
            self._print(lambda c: c.documents.pickup(case.id, actor), _("取件通知"))

    def _withdraw(self, reason: object) -> None:
        case, actor = self.case, self._session.actor
        assert case is not None
        self._step(lambda: self._session.center.cases.withdraw(case.id, str(reason), actor),
                   _("申请已撤回"))


def _selectable(text: str) -> QLabel:
    label = look.label(text, wrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _clear(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)


def _clear_grid(grid: QGridLayout) -> None:
    while grid.count():
        taken = grid.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.hide()  # deleteLater waits for the event loop; hide it now
            widget.setParent(None)
            widget.deleteLater()
