"""Banners across the top of the main window for what must not be missed: a villager at
the kiosk asking for help (red), a decision back from the county (blue), documents that
did not print (yellow).

Signals:
    case_requested(int): show this case.
    attention_requested: show the cases that need the window's action.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core.cases import CaseState
from core.cases.queries import FeedbackNote
from core.clock import local
from core.errors import Conflict
from core.i18n import _
from staff_client import look
from staff_client.session import Session

DEVICE_WORDS = {"board": _("叫号屏"), "kiosk": _("自助服务机")}


def device_words(device: str) -> str:
    """"board" → 叫号屏, "window-3" → 3号窗口评价器."""
    if device.startswith("window-"):
        return _("{n}号窗口评价器").format(n=device.removeprefix("window-"))
    return DEVICE_WORDS.get(device, device)

FEEDBACK_WORDS = {
    "hub_received": _("县级已接收"), "hub_supplement": _("县级要求补正材料"),
    "hub_approved": _("县级已批准"), "hub_denied": _("县级未批准"),
    "hub_ready": _("结果已到，可以通知群众领取"), "hub_ignored": _("县级有一条反馈需要核对"),
}


class _Banner(QFrame):
    def __init__(self, style: str) -> None:
        super().__init__()
        self.setStyleSheet(f"QFrame {{ {style} border-radius: 4px; }}")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 6, 4)
        self.text = look.label(wrap=True)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-weight: bold; background: transparent;")
        row.addWidget(self.text, 1)
        self.row = row
        self.hide()

    def add_button(self, text: str) -> QPushButton:
        button = look.button(text)
        self.row.addWidget(button)
        return button


class AlertsBar(QWidget):
    case_requested = Signal(int)
    attention_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._help_ids: list[int] = []
        self.notes: list[FeedbackNote] = []
        self._bookmark = session.center.case_queries.last_feedback_id()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 0)
        layout.setSpacing(4)
        self.help = _Banner("background: #b00020; color: #ffffff;")
        self.help.text.setStyleSheet("color: #ffffff; font-weight: bold; font-size: 14pt;")
        self.help_button = self.help.add_button(_("我去帮忙"))
        self.help_button.clicked.connect(self.answer_help)
        self.feedback = _Banner("background: #e6eef7; color: #073763; border: 1px solid #0b5394;")
        self.feedback_button = self.feedback.add_button(_("查看"))
        self.feedback_button.clicked.connect(self._open_feedback)
        dismiss = self.feedback.add_button(_("知道了"))
        dismiss.clicked.connect(self.dismiss_feedback)
        self.reprint = _Banner("background: #fff2b3; color: #5c4400; border: 1px solid #c9a400;")
        self.reprint_button = self.reprint.add_button(_("补打"))
        self.reprint_button.clicked.connect(self.reprint_all)
        self.voice = _Banner("background: #fff2b3; color: #5c4400; border: 1px solid #c9a400;")
        self._voice_seen: set[tuple[str, str]] = set()
        self.voice.add_button(_("知道了")).clicked.connect(self.dismiss_voice)
        for banner in (self.help, self.feedback, self.reprint, self.voice):
            layout.addWidget(banner)
        self._startup_attention()
        self.refresh()

    # ----------------------------------------------------------------- refresh
    def refresh(self) -> None:
        self._draw_help()
        self._collect_feedback()
        self._draw_reprint()
        self._draw_voice()

    def _silent(self) -> list[tuple[str, str]]:
        return [(v.device, v.reported_at.isoformat())
                for v in self._session.center.devices.silent_today()]

    def _draw_voice(self) -> None:
        """A board or kiosk that started without a Mandarin voice: calls only chime."""
        silent = [v for v in self._session.center.devices.silent_today()
                  if (v.device, v.reported_at.isoformat()) not in self._voice_seen]
        if silent:
            names = "、".join(device_words(v.device) for v in silent)
            self.voice.text.setText(_("【语音】{devices}没有普通话语音，叫号时只响提示音、屏幕闪烁。"
                                      "请站长按使用说明安装语音后重新启动它。").format(devices=names))
        self.voice.setVisible(bool(silent))

    def dismiss_voice(self) -> None:
        self._voice_seen.update(self._silent())
        self.voice.hide()

    def _draw_help(self) -> None:
        center = self._session.center
        requests = center.help.open()
        self._help_ids = [r.id for r in requests]
        if requests:
            first = requests[0]
            text = _("【求助】{place}有群众请求工作人员帮忙（{time}）").format(
                place=first.place, time=local(first.at, center.timezone).strftime("%H:%M"))
            if len(requests) > 1:
                text += _("，共{n}处").format(n=len(requests))
            self.help.text.setText(text)
        self.help.setVisible(bool(requests))

    def answer_help(self) -> None:
        center = self._session.center
        for request_id in self._help_ids[:1]:
            # Someone else may have answered in between; the refresh shows it either way.
            with contextlib.suppress(Conflict):
                center.help.answer(request_id, self._session.actor)
        self.refresh()

    def _startup_attention(self) -> None:
        waiting = self._session.center.case_queries.recent(
            (CaseState.SUPPLEMENT_REQUESTED, CaseState.READY_FOR_PICKUP, CaseState.DENIED), 500)
        if waiting:
            self.feedback.text.setText(_("有 {n} 件县级反馈等待窗口处理（补正、取件）").format(
                n=len(waiting)))
            self.feedback.show()

    def _collect_feedback(self) -> None:
        fresh = self._session.center.case_queries.feedback_after(self._bookmark)
        if not fresh:
            return
        self._bookmark = fresh[-1].event_id
        self.notes += fresh
        latest = fresh[-1]
        words = FEEDBACK_WORDS.get(latest.action, latest.state.label)
        text = _("县级反馈：{item} {number} —— {words}").format(
            item=latest.item_name, number=latest.case_number or "", words=words)
        if len(self.notes) > 1:
            text += _("（本次登录共收到{n}条）").format(n=len(self.notes))
        self.feedback.text.setText(text)
        self.feedback.show()

    def _open_feedback(self) -> None:
        if self.notes:
            self.case_requested.emit(self.notes[-1].case_id)
        else:
            self.attention_requested.emit()

    def dismiss_feedback(self) -> None:
        self.notes = []
        self.feedback.hide()

    def _draw_reprint(self) -> None:
        waiting = self._session.center.documents.needing_reprint()
        if waiting:
            kinds = "、".join(sorted({d.kind.label for d in waiting}))
            self.reprint.text.setText(_("有 {n} 份文书没有打印出来（{kinds}），"
                                        "打印机好了请补打").format(n=len(waiting), kinds=kinds))
        self.reprint.setVisible(bool(waiting))

    def reprint_all(self) -> None:
        for document in self._session.center.documents.needing_reprint():
            self._session.printer.reprint(document.id, document.kind.label)
