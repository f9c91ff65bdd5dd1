"""Screens that end an errand or wait: 谢谢您的评价, 已通知工作人员 after a call for help, and
the window's rating device waiting for the clerk's 请评价."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QWidget

from core.flows import Journey
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, Label, Picture


class MessageScreen(Screen):
    """A big picture, the spoken words on screen, one button."""

    def __init__(self, m: s.Metrics, picture: str, colour: QColor, button: str,
                 value: str, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.picture = Picture(picture, m.icon * 3, colour)
        self.words = Label("", m.large, bold=True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = BigButton(button, m, icon="check", background=s.GREEN, ink=s.WHITE,
                                px=m.large)
        self.button.setProperty("value", value)
        self.button.clicked.connect(lambda: self.chosen.emit(value))
        self.body.addWidget(self.picture, 3)
        self.body.addWidget(self.words, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button, 2)
        row.addStretch(1)
        self.body.addLayout(row)

    def refresh(self, journey: Journey) -> None:
        self.words.setText(journey.prompt().spoken)


def thanks_screen(m: s.Metrics) -> MessageScreen:
    return MessageScreen(m, "face:very_satisfied", s.GREEN, _("好的，回首页"), "done")


def help_screen(m: s.Metrics) -> MessageScreen:
    return MessageScreen(m, "help", s.RED, _("好的，返回"), "back")


class WaitScreen(Screen):
    """The window's rating device between visits: a picture and what will happen."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.picture = Picture("rate", m.icon * 3, s.BROWN)
        self.words = Label("", m.large, bold=True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.picture, 3)
        self.body.addWidget(self.words, 2)

    def refresh(self, journey: Journey) -> None:
        self.words.setText(journey.prompt().spoken)


def window_wait_screen(m: s.Metrics) -> WaitScreen:
    return WaitScreen(m)
