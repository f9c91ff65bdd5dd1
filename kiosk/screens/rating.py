"""评价: five large labelled faces, then — for a poor rating only — the reasons as big
options that can be ticked, with a 提交评价 button that refuses to go on without one."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from core.flows import Journey
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton

# Colour helps, but the face and the words carry the meaning (colour is never the only cue).
FACE_COLOURS = {"very_satisfied": s.GREEN, "satisfied": QColor("#2E6B30"), "basic": s.BLUE,
                "dissatisfied": s.BROWN, "very_dissatisfied": s.RED}


class FacesScreen(Screen):
    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.row = QHBoxLayout()
        self.row.setSpacing(m.gap)
        self.body.addLayout(self.row, 1)
        self.faces: dict[str, BigButton] = {}

    def refresh(self, journey: Journey) -> None:
        target = journey.visit.target
        if target is not None:
            self.heading.setText(_("您对{label}的服务满意吗？").format(label=target.label))
        if self.faces:
            return
        for option in journey.options():
            face = self.choice_button(option, icon=f"face:{option.value}",
                                      background=FACE_COLOURS[option.value], ink=s.WHITE,
                                      tile=True, px=self.m.large)
            face.set_icon_scale(1.9)
            self.row.addWidget(face, 1)
            face.show()
            self.faces[option.value] = face

    def forget(self) -> None:
        super().forget()
        self.heading.clear()


class ReasonsScreen(Screen):
    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.grid = QGridLayout()
        self.grid.setSpacing(m.gap)
        self.body.addLayout(self.grid, 1)
        self.reasons: dict[str, BigButton] = {}
        self.submit = BigButton(_("提交评价"), m, icon="check", background=s.GREEN,
                                ink=s.WHITE, px=m.large)
        self.submit.setProperty("value", "submit")
        self.submit.clicked.connect(lambda: self.chosen.emit(self.picked()))

    def refresh(self, journey: Journey) -> None:
        if self.reasons:
            return
        for index, option in enumerate(journey.options()):
            button = BigButton(option.label, self.m)
            button.setCheckable(True)
            button.setProperty("value", option.value)
            self.grid.addWidget(button, index // 3, index % 3)
            button.show()
            self.reasons[option.value] = button
        self.grid.addWidget(self.submit, 2, 1, 1, 2)
        self.submit.show()

    def picked(self) -> tuple[str, ...]:
        return tuple(value for value, button in self.reasons.items() if button.isChecked())

    def forget(self) -> None:
        super().forget()
        for button in self.reasons.values():
            button.setChecked(False)
