"""Home: a tile per service group (its ticket letter, its name) to take a ticket, then
办事指南, 查询进度 and 服务评价."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QGridLayout, QWidget

from core.flows import Journey, Option
from core.i18n import _
from kiosk import style as s
from kiosk.screens.base import Screen
from kiosk.widgets import BigButton, discard

SERVICES = {"guide": ("guide", s.GREEN), "progress": ("progress", s.PURPLE),
            "rate": ("rate", s.BROWN)}


class HomeScreen(Screen):
    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__(m, parent)
        self.grid = QGridLayout()
        self.grid.setSpacing(m.gap)
        self.body.addLayout(self.grid, 1)
        self.tiles: list[BigButton] = []

    def refresh(self, journey: Journey) -> None:
        options = journey.options()
        if [t.property("value") for t in self.tiles] == [o.value for o in options]:
            return
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            discard(tile)
        tickets = [o for o in options if o.value not in SERVICES]
        services = [o for o in options if o.value in SERVICES]
        self.tiles = []
        columns = math.lcm(len(tickets) or 1, len(services) or 1)
        for row, group in enumerate((tickets, services)):
            span = columns // max(1, len(group))
            for index, option in enumerate(group):
                tile = self._tile(option)
                self.grid.addWidget(tile, row, index * span, 1, span)
                tile.show()  # now, not when the event loop gets round to it
                self.tiles.append(tile)
        for row in range(2):
            self.grid.setRowStretch(row, 1)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def _tile(self, option: Option) -> BigButton:
        if option.value in SERVICES:
            icon, colour = SERVICES[option.value]
            tile = self.choice_button(option, icon=icon, background=colour, ink=s.WHITE,
                                      tile=True, px=self.m.large)
        else:
            icon = f"letter:{option.detail}" if option.detail else "ticket"
            shown = Option(option.value, option.label, _("点这里取号"))
            tile = self.choice_button(shown, icon=icon, background=s.BLUE, ink=s.WHITE,
                                      tile=True, px=self.m.large)
        tile.setProperty("value", option.value)
        return tile
