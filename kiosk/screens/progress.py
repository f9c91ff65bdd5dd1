"""查询进度: scan the receipt (the scanner is captured by the window, see kiosk.scanner),
or type the case number and the last 4 of the ID on a big on-screen keypad."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from core.case_numbers import CASE_NUMBER_LENGTH
from core.documents.formatting import date_text
from core.flows import Journey
from core.flows import kiosk_words as words
from core.flows.kiosk_words import deadline_text
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, Label, Picture, set_colors


class ScanScreen(Screen):
    """PROGRESS: a picture of what to do, and the way to type instead."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        picture = QVBoxLayout()
        picture.addWidget(Picture("scan", m.icon * 3, s.PURPLE), 1)
        hint = Label(_("把受理回执上的二维码对准扫码器，或把身份证放在读卡器上"), m.large,
                     bold=True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.addWidget(hint)
        self.type = BigButton(_("没有回执？"), m, icon="progress", background=s.PURPLE,
                              ink=s.WHITE, tile=True, px=m.large,
                              detail=_("点这里输入办件编号"))
        self.type.setProperty("value", "type")
        self.type.clicked.connect(lambda: self.chosen.emit("type"))
        row = QHBoxLayout()
        row.setSpacing(m.gap * 2)
        row.addLayout(picture, 3)
        row.addWidget(self.type, 2)
        self.body.addLayout(row, 1)


class KeypadScreen(Screen):
    """CASE_NUMBER or ID_LAST4: digits (and X) typed on big keys, shown in groups."""

    def __init__(self, m: s.Metrics, length: int, submit: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.length = length
        self.typed = ""
        panel = QWidget()
        set_colors(panel, s.WHITE, s.INK, fill=True)
        # A 25-digit case number takes two lines at body size; 4 digits stay large.
        self.display = Label("", m.large if length <= 4 else m.body, bold=True)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = Label("", m.body, ink=s.MUTED)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner = QVBoxLayout(panel)
        inner.addWidget(self.display, 1)
        inner.addWidget(self.count)
        keys = QGridLayout()
        keys.setSpacing(m.gap // 2 + 4)
        self.keys: dict[str, BigButton] = {}
        for index, key in enumerate("123456789X0"):
            button = BigButton(key, m, px=m.large)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            keys.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.delete = BigButton(_("删除"), m)
        self.delete.clicked.connect(lambda: self.press("delete"))
        keys.addWidget(self.delete, 3, 2)
        for column in range(3):
            keys.setColumnStretch(column, 1)
        self.clear_key = BigButton(_("全部清空"), m)
        self.clear_key.clicked.connect(lambda: self.press("clear"))
        self.submit = BigButton(submit, m, icon="check", background=s.GREEN, ink=s.WHITE,
                                px=m.large)
        self.submit.setProperty("value", "submit")
        self.submit.clicked.connect(lambda: self.chosen.emit(self.typed))
        side = QVBoxLayout()
        side.setSpacing(m.gap)
        side.addWidget(panel, 3)
        side.addWidget(self.clear_key, 1)
        side.addWidget(self.submit, 2)
        row = QHBoxLayout()
        row.setSpacing(m.gap * 2)
        row.addLayout(keys, 3)
        row.addLayout(side, 4)
        self.body.addLayout(row, 1)
        self._keep_room_for_the_message()
        self._show()

    def _keep_room_for_the_message(self) -> None:
        """The refusal line above the keys keeps its room whether or not it shows: a
        message appearing must not push the keys down under a finger."""
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 2
                                    + 2 * self.message.margin())
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)

    def press(self, key: str) -> None:
        if key == "delete":
            self.typed = self.typed[:-1]
        elif key == "clear":
            self.typed = ""
        elif len(self.typed) < self.length:
            self.typed += key
        self._show()

    def _show(self) -> None:
        chunk = 4 if self.length > 4 else 1
        groups = [self.typed[i:i + chunk] for i in range(0, len(self.typed), chunk)]
        self.display.setText(" ".join(groups) if groups else _("（请按数字键）"))
        self.count.setText(_("已输入{n}位，共{total}位").format(n=len(self.typed),
                                                         total=self.length))

    def forget(self) -> None:
        super().forget()
        self.typed = ""
        self._show()


def case_number_screen(m: s.Metrics) -> KeypadScreen:
    return KeypadScreen(m, CASE_NUMBER_LENGTH, _("下一步"))


def last4_screen(m: s.Metrics) -> KeypadScreen:
    return KeypadScreen(m, 4, _("查询"))


class ResultScreen(Screen):
    """RESULT: the item, its state, what to do next and the dates; only a masked name."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        card = QWidget()
        set_colors(card, s.WHITE, s.INK, fill=True)
        self.rows = QVBoxLayout(card)
        self.rows.setContentsMargins(m.gap * 2, m.gap, m.gap * 2, m.gap)
        self.state = Label("", m.large, bold=True, ink=s.PURPLE)
        self.next = Label("", m.large, bold=True)
        self.dates = Label("", m.body)
        self.who = Label("", m.body, ink=s.MUTED)
        self.more = Label("", m.body, bold=True)
        for label in (self.state, self.next, self.dates, self.who, self.more):
            self.rows.addWidget(label)
        self.rows.addStretch(1)
        self.again = BigButton(_("再查一个"), m, icon="progress", background=s.PURPLE,
                               ink=s.WHITE, px=m.large, tile=True)
        self.again.setProperty("value", "again")
        self.again.clicked.connect(lambda: self.chosen.emit("again"))
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.again)
        row = QHBoxLayout()
        row.setSpacing(m.gap * 2)
        row.addWidget(card, 3)
        row.addLayout(side, 1)
        self.body.addLayout(row, 1)

    def refresh(self, journey: Journey) -> None:
        status = journey.visit.status
        if status is None:
            return
        self.heading.setText(status.item_name)
        self.state.setText(_("办理情况：{state}").format(state=words.state_words(status)))
        self.next.setText(words.next_words(status))
        dates = []
        if status.accepted_on is not None:
            dates.append(_("受理日期：{date}").format(date=date_text(status.accepted_on)))
        deadline = deadline_text(status) if status.deadline else ""
        if deadline:
            dates.append(deadline.rstrip("。"))
        self.dates.setText("\n".join(dates))
        self.dates.setVisible(bool(dates))
        self.who.setText(_("申请人：{name}").format(name=status.applicant_masked))
        more = journey.visit.more_cases
        self.more.setText(words.more_cases(more) if more else "")
        self.more.setVisible(bool(more))

    def forget(self) -> None:
        super().forget()
        self.heading.clear()
        for label in (self.state, self.next, self.dates, self.who, self.more):
            label.clear()
