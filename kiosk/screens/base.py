"""What every kiosk screen has: the step's heading, a message line, and room for its body.

Signals:
    chosen(object): the villager's choice (a value, or a tuple of values).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.flows import Journey, Option
from kiosk import style as s
from kiosk.widgets import BigButton, Label, MessageBox


class Screen(QWidget):
    chosen = Signal(object)

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.m = m
        self.heading = Label("", m.heading, heading=True)
        self.message = MessageBox(m)
        self.body = QVBoxLayout()
        self.body.setSpacing(m.gap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(m.gap * 2, m.gap, m.gap * 2, m.gap)
        layout.setSpacing(m.gap)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addLayout(self.body, 1)

    def present(self, journey: Journey) -> None:
        self.heading.setText(journey.prompt().shown)
        self.message.show_message(journey.error)
        self.refresh(journey)

    def refresh(self, journey: Journey) -> None:
        """Fill the body from the journey (subclasses)."""

    def forget(self) -> None:
        """Drop anything personal this screen still holds (idle reset, back to home)."""
        self.message.show_message(None)

    def choice_button(self, option: Option, *, icon: str | None = None,
                      background: QColor = s.WHITE, ink: QColor = s.INK, tile: bool = False,
                      px: int | None = None) -> BigButton:
        button = BigButton(option.label, self.m, detail=option.detail, icon=icon,
                           background=background, ink=ink, tile=tile, px=px)
        button.setProperty("value", option.value)
        button.clicked.connect(lambda _c=False, v=option.value: self.chosen.emit(v))
        return button

    def button_for(self, value: str) -> BigButton:
        """The visible button that chooses ``value`` (tests, the self-test, screenshots)."""
        for button in self.findChildren(BigButton):
            if button.property("value") == value and button.isVisible():
                return button
        raise LookupError(value)
