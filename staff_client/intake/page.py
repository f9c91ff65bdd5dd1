"""The intake page (受理): ① the item, ② the applicant and agent, ③ the materials, then the
decision — print the one-time notice, accept and print the receipt, or not accept.

The form belongs to a slot (the ticket being served, a case being continued, or a blank
form) and is kept in ``center.drafts`` as it is typed (see :mod:`.draft`).

Signals:
    case_filed(int): a case was created or decided from this page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from core.cases import Case, CaseState
from core.errors import Conflict, UserFacingError
from core.i18n import _
from staff_client import look
from staff_client.intake.applicant import OTHER, SELF, STAFF, ApplicantForm
from staff_client.intake.draft import BLANK, DraftKeeper, case_slot, is_empty, ticket_slot
from staff_client.intake.filing import Filing, IntakeInput
from staff_client.intake.form import IntakeForm
from staff_client.intake.item_picker import ItemPicker
from staff_client.intake.materials import MaterialsChecklist
from staff_client.intake.not_accept import NotAcceptDialog
from staff_client.message_bar import MessageBar
from staff_client.session import Session

# From this width on the item, the applicant and the materials stand side by side; below
# it the applicant goes under the item (1024×768 screens, 150 % scaling).
WIDE_PAGE = 1000


def agent_mode(case: Case) -> str:
    """谁来办 as it was filed: a clerk (staff id), a named relative, or the resident."""
    if case.agent_staff_id is not None:
        return STAFF
    return OTHER if case.agent_name else SELF


class IntakePage(QWidget):
    case_filed = Signal(int)

    def __init__(self, session: Session, messages: MessageBar | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._own_messages = messages is None
        self.messages = messages or MessageBar()
        self._filing = Filing(session)
        self.ticket_id: int | None = None
        self.ticket_number: str | None = None
        self.case_id: int | None = None
        self.dialog: NotAcceptDialog | None = None
        self.question: QMessageBox | None = None
        self.keeper = DraftKeeper(session.center.drafts, session.member.id, self.snapshot, self)
        self.keeper.paused = True  # nothing to save until a draft (or a blank form) is shown
        self._build()
        self._connect()
        self.restore_latest()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        center = self._session.center
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.source = look.heading(_("受理"), wrap=True)
        self.drafts_box = QComboBox()
        self.drafts_box.setMinimumWidth(160)
        self.blank_button = look.button(_("空白新建"))
        self.clear_button = look.button(_("清空重填"))
        top.addWidget(self.source, 1)
        top.addWidget(self.drafts_box)
        top.addWidget(self.blank_button)
        top.addWidget(self.clear_button)
        layout.addLayout(top)
        if self._own_messages:
            layout.addWidget(self.messages)
        self.picker = ItemPicker(center.catalog)
        self.applicant = ApplicantForm(center.tickets.today())
        self.materials = MaterialsChecklist()
        self.form = IntakeForm(self.picker, self.applicant, self.materials)
        # The form scrolls on a small screen; the decisions below it never do.
        self.form_area = look.scrolling(self.form)
        layout.addWidget(self.form_area, 1)
        layout.addWidget(self._build_decisions())

    def tab_chain(self) -> list[QWidget]:
        """① → ② → ③ → the decisions, then the form's own buttons."""
        return [self.picker.search, self.picker.results, *self.applicant.fields(),
                *self.materials.boxes.values(), self.accept_button, self.notice_button,
                self.reject_button, self.hold_button, self.drafts_box, self.blank_button,
                self.clear_button]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        """Tab follows :meth:`tab_chain` (the material boxes are made anew for every item,
        so Qt's creation order would put them after everything else); past its end the
        focus leaves the page as usual."""
        target = self._neighbour(QApplication.focusWidget(), 1 if next else -1)
        if target is None:
            return super().focusNextPrevChild(next)
        target.setFocus(Qt.FocusReason.TabFocusReason if next
                        else Qt.FocusReason.BacktabFocusReason)
        if self.form.isAncestorOf(target):
            self.form_area.ensureWidgetVisible(target)
        return True

    def focus_first(self) -> None:
        """Where the work is: the item search, else the first empty field, else the first
        unticked material, else the decisions."""
        if not self.picker.code:
            target: QWidget = self.picker.search
        else:
            empty = [f for f in (self.applicant.name, self.applicant.id_number)
                     if f.isEnabled() and not f.text()]
            unticked = [b for b in self.materials.boxes.values()
                        if b.isEnabled() and not b.isChecked()]
            target = (empty or unticked or [self.accept_button])[0]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.form.isAncestorOf(target):
            self.form_area.ensureWidgetVisible(target)

    def _neighbour(self, current: QWidget | None, step: int) -> QWidget | None:
        chain = self.tab_chain()
        here = next((i for i, w in enumerate(chain)
                     if current is not None and (w is current or w.isAncestorOf(current))),
                    None)
        if here is None:
            return None
        index = here + step
        while 0 <= index < len(chain):
            widget = chain[index]
            if widget.isVisible() and widget.isEnabled() and \
                    widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
            index += step
        return None

    def _build_decisions(self) -> QWidget:
        box = look.card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.hint = look.label(wrap=True)
        row = QHBoxLayout()
        self.accept_button = look.button(_("受理并打印回执"), "primary big")
        self.notice_button = look.button(_("打印一次性告知单"))
        self.reject_button = look.button(_("不予受理…"), "danger")
        self.hold_button = look.button(_("暂存"), tip=_("材料已收、稍后再决定：存为“填写中”的办件"))
        row.addWidget(self.accept_button, 1)
        for button in (self.notice_button, self.reject_button, self.hold_button):
            button.setMinimumHeight(self.accept_button.minimumHeight())
            row.addWidget(button)
        self.last_filed = look.muted()
        self.last_filed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_filed.hide()
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.last_filed)
        return box

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.form.set_columns(3 if event.size().width() >= WIDE_PAGE else 2)

    def _connect(self) -> None:
        for signal in (self.applicant.edited, self.materials.toggled, self.picker.query_edited):
            signal.connect(self._edited)
        self.picker.item_chosen.connect(self._item_chosen)
        self.notice_button.clicked.connect(self.issue_notice)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.ask_not_accept)
        self.hold_button.clicked.connect(self.hold)
        self.blank_button.clicked.connect(self.start_blank)
        self.clear_button.clicked.connect(self.ask_clear)
        self.drafts_box.activated.connect(self._draft_picked)

    # ----------------------------------------------------------------- the draft
    def snapshot(self) -> dict[str, Any]:
        return {"ticket_id": self.ticket_id, "ticket_number": self.ticket_number,
                "case_id": self.case_id, "applicant": self.applicant.data(),
                "item_code": self.picker.code, "item_query": self.picker.search.text(),
                "received": self.materials.received()}

    def _load(self, data: dict[str, Any]) -> None:
        self.keeper.paused = True
        self.ticket_id = data.get("ticket_id")
        self.ticket_number = data.get("ticket_number")
        self.case_id = data.get("case_id")
        self.applicant.load(data.get("applicant", {}))
        self.picker.load(str(data.get("item_query", "")), str(data.get("item_code", "")))
        self.materials.set_item(self.picker.item(), list(data.get("received", [])))
        locked = self.case_id is not None
        self.applicant.set_locked(locked)
        self.picker.set_locked(locked)
        self.keeper.paused = False
        self._refresh()

    def _edited(self) -> None:
        self.keeper.touched()
        self._refresh()

    def _item_chosen(self, _code: str) -> None:
        self.materials.set_item(self.picker.item())
        self._edited()

    def _switch(self, slot: str, fresh: dict[str, Any]) -> bool:
        """Save the current form, then show ``slot`` (its draft if one exists)."""
        self.keeper.flush()
        self.keeper.slot = slot
        saved = self.keeper.load(slot)
        self._load(saved if saved is not None else fresh)
        return saved is not None

    def restore_latest(self) -> None:
        latest = self.keeper.latest()
        if latest is None:
            self._switch(BLANK, {})
            return
        self._switch(latest, {})
        self.messages.show_message(_("已恢复上次没填完的受理（草稿随时自动保存）"), "info")

    def start_blank(self) -> None:
        self._switch(BLANK, {})

    def start_from_ticket(self, ticket_id: int) -> None:
        ticket = self._session.center.tickets.get(ticket_id)
        if self._switch(ticket_slot(ticket_id), {"ticket_id": ticket_id,
                                                 "ticket_number": ticket.number}):
            self.messages.show_message(_("{number}号的受理已填了一部分，接着填").format(
                number=ticket.number), "info")
        self.picker.search.setFocus()

    def resume_case(self, case: Case) -> None:
        """Continue a case left at 填写中 or 一次性告知 (the resident came back)."""
        slot = case_slot(case.id)
        fresh = {"case_id": case.id, "ticket_id": case.ticket_id, "item_code": case.item.code,
                 "item_query": case.item.name,
                 "received": [m.name for m in case.materials if m.received],
                 "applicant": {"name": case.applicant_name,
                               "id_number": case.applicant_id_number,
                               "phone": case.applicant_phone or "",
                               "address": case.applicant_address or "",
                               "agent_mode": agent_mode(case),
                               "agent_name": case.agent_name or "",
                               "relation": case.agent_relation or ""}}
        self._switch(slot, fresh)

    def ask_clear(self) -> None:
        """清空重填 wipes what was typed: ask first (Esc or 取消 keeps it)."""
        data = self.snapshot()
        if is_empty({"applicant": data["applicant"], "item_code": data["item_code"],
                     "received": data["received"]}):
            self.clear_form()  # nothing typed: nothing to lose
            return
        self.question = look.ask(self, _("清空重填"),
                                 _("清空这张表里已填的事项、申请人和已勾的材料？"),
                                 _("清空"), self.clear_form)

    def clear_form(self) -> None:
        self.keeper.discard()
        fresh = {"ticket_id": self.ticket_id, "ticket_number": self.ticket_number} \
            if self.case_id is None else {}
        if self.case_id is not None:
            self.keeper.slot = BLANK
        self._load(fresh)

    def _draft_picked(self, index: int) -> None:
        slot = self.drafts_box.itemData(index)
        if slot and slot != self.keeper.slot:
            self._switch(str(slot), {})

    # ----------------------------------------------------------------- state shown
    def _refresh(self) -> None:
        self._draw_source()
        self._draw_drafts()
        item = self.picker.item()
        ready = item is not None and (self.case_id is not None or self.applicant.complete)
        blocking = self.materials.blocking()
        self.accept_button.setEnabled(ready and not blocking)
        self.notice_button.setEnabled(ready and bool(self.materials.missing()))
        self.reject_button.setEnabled(ready)
        self.hold_button.setEnabled(ready and self.case_id is None)
        self._draw_hint(item is not None, ready, [m.name for m in blocking])

    def _draw_hint(self, has_item: bool, ready: bool, blocking: list[str]) -> None:
        if not has_item:
            text, colour = _("先在①里选择要办的事项"), "#4a4a4a"
        elif not ready:
            text = self.applicant.problem() or _("请填写申请人")
            colour = "#4a4a4a"
        elif blocking:
            text = _("还缺必需材料：{names}。可以打印一次性告知单，请群众带齐后再来。").format(
                names="、".join(blocking))
            colour = "#b00020"
        else:
            text, colour = _("必需材料已齐，可以受理"), "#1b5e20"
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _draw_source(self) -> None:
        if self.case_id is not None:
            case = self._session.center.cases.get(self.case_id)
            self.source.setText(_("继续受理：{item}（{state}）").format(
                item=case.item.name, state=case.state.label))
        elif self.ticket_number:
            self.source.setText(_("受理 · 排队号 {number}").format(number=self.ticket_number))
        else:
            self.source.setText(_("受理 · 空白新建"))

    def _draw_drafts(self) -> None:
        others = [s for s in self.keeper.slots() if s != self.keeper.slot]
        self.drafts_box.blockSignals(True)
        self.drafts_box.clear()
        self.drafts_box.addItem(_("其他未完成（{n}）").format(n=len(others)), "")
        for slot in others:
            self.drafts_box.addItem(self._slot_label(slot), slot)
        self.drafts_box.setEnabled(bool(others))
        self.drafts_box.blockSignals(False)

    def _slot_label(self, slot: str) -> str:
        data = self.keeper.load(slot) or {}
        name = str(data.get("applicant", {}).get("name", "")).strip()
        who = name[:1] + "*" if name else ""
        if data.get("ticket_number"):
            return _("{number}号 {who}").format(number=data["ticket_number"], who=who)
        if data.get("case_id"):
            return _("办件 {who}").format(who=who)
        return _("空白表 {who}").format(who=who)

    # ----------------------------------------------------------------- decisions
    def _input(self) -> IntakeInput:
        return IntakeInput(self.picker.code, self.applicant.applicant(),
                           self.applicant.agent(self._session.member.id), self.ticket_id,
                           self.materials.received())

    def _case(self) -> Case:
        if self.case_id is not None:
            case = self._session.center.cases.get(self.case_id)
            if case.state not in (CaseState.DRAFT, CaseState.NOTICE_ISSUED):
                raise Conflict(_("这个办件已经{state}，不能再在这里修改").format(
                    state=case.state.label))
            return self._filing.sync_materials(case, self.materials.received())
        case = self._filing.ensure_case(None, self._input())
        self.case_id = case.id
        self.keeper.flush()  # the draft now points at the case: a retry never files twice
        return case

    def _decide(self, decision: str, *args: str) -> None:
        self.keeper.flush()
        try:
            case = self._case()
            if decision == "notice":
                done = self._filing.notice(case)
            elif decision == "accept":
                done = self._filing.accept(case)
            elif decision == "not_accept":
                done = self._filing.not_accept(case, *args)
            else:
                done = case
        except UserFacingError as exc:
            self.messages.error(exc.message)
            self._refresh()
            return
        self._finished(done)

    def _finished(self, case: Case) -> None:
        self.keeper.discard()
        self.case_filed.emit(case.id)
        outcome = self._outcome(case)
        self.messages.ok(outcome)
        self.last_filed.setText(_("上一件：{outcome}").format(outcome=outcome))
        self.last_filed.show()
        self.keeper.slot = BLANK
        self._load({})

    def _outcome(self, case: Case) -> str:
        if case.state in (CaseState.ACCEPTED, CaseState.COMPLETED) and case.case_number:
            deadline = case.deadline.isoformat() if case.deadline else _("无")
            if case.deadline_provisional:
                deadline += _("（暂定）")
            return _("{item} 已受理，办件编号 {number}，办结期限 {deadline}。").format(
                item=case.item.name, number=case.case_number, deadline=deadline)
        if case.state is CaseState.NOTICE_ISSUED:
            return _("{item} 已一次性告知，存为“待补齐材料”。群众带齐材料再来时，"
                     "在“办件”里找到它继续受理。").format(item=case.item.name)
        if case.state is CaseState.NOT_ACCEPTED:
            return _("{item} 已不予受理，已出具不予受理通知书。").format(item=case.item.name)
        return _("已暂存为“填写中”的办件，可在“办件”里找到它继续受理。")

    def issue_notice(self) -> None:
        self._decide("notice")

    def accept(self) -> None:
        self._decide("accept")

    def hold(self) -> None:
        self._decide("hold")

    def ask_not_accept(self) -> None:
        item = self.picker.item()
        self.dialog = NotAcceptDialog(self, item.name if item else "")
        self.dialog.decided.connect(lambda reason, office: self._decide("not_accept", reason,
                                                                        office))
        self.dialog.open()

    def flush(self) -> None:
        self.keeper.flush()
