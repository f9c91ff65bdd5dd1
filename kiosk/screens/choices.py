"""Pick one from a list: a service group (to take a ticket or to read its guide), an item
of the guide, or the visit to rate. Long lists come a page at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.flows import Journey, Option, Step
from core.flows.kiosk_journey import OTHER_GROUP
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, Label, OptionPages, Picture


class GroupScreen(Screen):
    """CHOOSE_GROUP and GUIDE_GROUP: big tiles with the group's ticket letter."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.pages = OptionPages(m, 3, 2, self._tile)
        self.pages.chosen.connect(self.chosen.emit)
        self.body.addWidget(self.pages, 1)
        self._journey: Journey | None = None

    def refresh(self, journey: Journey) -> None:
        self._journey = journey
        self.pages.set_options(journey.options())

    def _tile(self, option: Option) -> BigButton:
        prefix = option.detail
        guide = self._journey is not None and self._journey.step is Step.GUIDE_GROUP
        detail = _("点这里取号")
        if guide and self._journey is not None:
            count = len(self._journey.guide_items(prefix))
            detail = _("{n}个事项").format(n=count)
        icon = "guide" if prefix == OTHER_GROUP else f"letter:{prefix}"
        return BigButton(option.label, self.m, detail=detail, icon=icon,
                         background=s.GREEN if guide else s.BLUE, ink=s.WHITE, tile=True,
                         px=self.m.large)


class ItemScreen(Screen):
    """GUIDE_ITEM: the group's items, two columns, a page at a time."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        rows = 4 if m.body >= 38 else 3
        self.pages = OptionPages(m, 2, rows, self._button)
        self.pages.chosen.connect(self.chosen.emit)
        self.body.addWidget(self.pages, 1)

    def refresh(self, journey: Journey) -> None:
        self.heading.setText(_("{group}：请选择事项").format(
            group=journey.group_name(journey.visit.guide_group)))
        self.pages.set_options(journey.options())

    def _button(self, option: Option) -> BigButton:
        return BigButton(option.label, self.m, icon="guide")


class RatePickScreen(Screen):
    """RATE_PICK: scan one's own ticket or receipt (nobody picks someone else's visit); no
    ticket at hand: the rating device at the window, or the staff."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        scan = QVBoxLayout()
        scan.addWidget(Picture("scan", m.icon * 3, s.PURPLE), 3)
        hint = Label(_("把号票或回执上的二维码，对准扫码器"), m.large, bold=True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan.addWidget(hint)
        other = Label(_("号票不在身边？办完事时，请在窗口的评价器上打分，或请工作人员帮忙。"),
                      m.body, ink=s.MUTED)
        other.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scan.addWidget(other)
        self.body.addLayout(scan, 1)
