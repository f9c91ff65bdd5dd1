"""Priority?: one wide 普通取号 button on top, and the four priority kinds (老年人, 残疾人,
军人, 孕妇) as pictured tiles below it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from core.flows import Journey
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton


class PriorityScreen(Screen):
    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.kinds = QHBoxLayout()
        self.kinds.setSpacing(m.gap)
        self.buttons: list[BigButton] = []
        self._normal: BigButton | None = None
        self._holder = QHBoxLayout()
        self.body.addLayout(self._holder, 2)
        self.body.addLayout(self.kinds, 3)

    def refresh(self, journey: Journey) -> None:
        group = journey.group_name(journey.visit.group)
        if self.buttons:
            assert self._normal is not None
            self._normal.set_detail(_("办理：{group}").format(group=group))
            return
        normal, *kinds = journey.options()
        self._normal = self.choice_button(normal, icon="normal", background=s.BLUE,
                                          ink=s.WHITE, px=self.m.large)
        self._normal.set_detail(_("办理：{group}").format(group=group))
        self._holder.addWidget(self._normal)
        self._normal.show()
        self.buttons.append(self._normal)
        for option in kinds:
            button = self.choice_button(option, icon=option.value, background=s.TEAL,
                                        ink=s.WHITE, tile=True, px=self.m.large)
            self.kinds.addWidget(button, 1)
            button.show()
            self.buttons.append(button)
