"""The kiosk's building blocks: big labels, big painted buttons, a message box, a pager.

Every widget takes its colours from its palette (set here, never by a style sheet), so the
适老化 test can read the real foreground and background of whatever is on screen.

Signals (BigButton): clicked (QAbstractButton's), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.flows import Option
from core.i18n import _
from kiosk import icons
from kiosk import style as s
from ui_shared import theme

ROLE = "kiosk_role"  # "heading" | "body": which 适老化 minimum a text widget is held to


def set_colors(widget: QWidget, background: QColor, ink: QColor, *, fill: bool) -> None:
    palette = widget.palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Button, QPalette.ColorRole.Base):
        palette.setColor(role, background)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.Text):
        palette.setColor(role, ink)
    widget.setPalette(palette)
    widget.setAutoFillBackground(fill)


def window_layout(window: QWidget) -> QVBoxLayout:
    """The layout of a top-level window, which sets no minimum size on the window.

    # WORKAROUND: a layout's default constraint gives its window a minimum size, which the
    # offscreen platform (tests, the self-test) answers with a "propagateSizeHints" warning;
    # a full-screen kiosk window has no use for a minimum size anyway.
    """
    layout = QVBoxLayout(window)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    return layout


def discard(widget: QWidget) -> None:
    """Take a widget off the screen now (and out of the tree), delete it later."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class Label(QLabel):
    """Text at one of the kiosk sizes, wrapped, in the colours of what it sits on."""

    def __init__(self, text: str = "", px: int = s.BODY_MIN_PX, *, heading: bool = False,
                 bold: bool = False, ink: QColor = s.INK, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFont(theme.pixel_font(px, bold=bold or heading))
        self.setWordWrap(True)
        self.setProperty(ROLE, "heading" if heading else "body")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ink)
        self.setPalette(palette)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


TONES = {"error": (s.ERROR_BG, s.ERROR_INK), "good": (s.GOOD_BG, s.GOOD_INK),
         "info": (s.WHITE, s.INK)}


class MessageBox(Label):
    """A line that says what went wrong (or right), in words and colour; hidden when empty."""

    def __init__(self, m: s.Metrics, parent: QWidget | None = None) -> None:
        super().__init__("", m.body, bold=True, parent=parent)
        self.setMargin(m.gap // 2 + 4)
        self.hide()

    def show_message(self, text: str | None, tone: str = "error") -> None:
        if not text:
            self.clear()
            self.hide()
            return
        background, ink = TONES[tone]
        set_colors(self, background, ink, fill=True)
        self.setText(text)
        self.show()


class BigButton(QAbstractButton):
    """A large painted button: an icon, words, and an optional second line.

    ``tile`` stacks icon over words (home tiles); otherwise the icon sits left of them.
    """

    def __init__(self, text: str, m: s.Metrics, *, icon: str | None = None, detail: str = "",
                 background: QColor = s.WHITE, ink: QColor = s.INK, tile: bool = False,
                 px: int | None = None, icon_scale: float = 1.3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._m = m
        self._icon_scale = icon_scale
        self._icon = icon
        self._detail = detail
        self._tile = tile
        self.setText(text)
        self.setFont(theme.pixel_font(px or m.body, bold=True))
        self.detail_font = theme.pixel_font(m.body)
        self.setProperty(ROLE, "body")
        set_colors(self, background, ink, fill=False)
        palette = self.palette()
        # A checked option (poor-rating reasons) turns dark with light words.
        palette.setColor(QPalette.ColorRole.Highlight, s.HEADER)
        palette.setColor(QPalette.ColorRole.HighlightedText, s.WHITE)
        self.setPalette(palette)
        self.setMinimumSize(s.TARGET_MIN_PX + 40, max(s.TARGET_MIN_PX + 20, m.key))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scanner's keystrokes go to the window

    def set_detail(self, detail: str) -> None:
        self._detail = detail
        self.update()

    def set_icon_scale(self, scale: float) -> None:
        self._icon_scale = scale
        self.update()

    def set_icon_name(self, name: str | None) -> None:
        self._icon = name
        self.update()

    def colors(self) -> tuple[QColor, QColor]:
        """(background, ink) as painted right now."""
        palette = self.palette()
        if self.isChecked():
            return (palette.color(QPalette.ColorRole.Highlight),
                    palette.color(QPalette.ColorRole.HighlightedText))
        return (palette.color(QPalette.ColorRole.Button),
                palette.color(QPalette.ColorRole.ButtonText))

    def fonts(self) -> list[QFont]:
        title = self.parts().title_font
        return [title, self.detail_font] if self._detail else [title]

    def _title_text(self, width: float) -> str:
        """A tile's title that needs two lines, broken in the middle ("残疾人和/老年人"),
        not wherever the width runs out ("残疾人和老年/人")."""
        text = self.text()
        font = self._title_font(width)
        if not self._tile or " " in text or "\n" in text or \
                QFontMetricsF(font).horizontalAdvance(text) <= width:
            return text
        middle = -(-len(text) // 2)
        return text[:middle] + "\n" + text[middle:]

    def _title_font(self, width: float) -> QFont:
        """A tile's title, one size step smaller at a time (never below body text) until it
        fits on one line: "残疾人和老年人" on a 1024×768 tile."""
        font = QFont(self.font())
        if not self._tile:
            return font
        while font.pixelSize() > self._m.body and \
                QFontMetricsF(font).horizontalAdvance(self.text()) > width:
            font.setPixelSize(max(self._m.body, font.pixelSize() - 2))
        return font

    def sizeHint(self) -> QSize:  # noqa: N802
        height = self.fontMetrics().height() * (3 if self._tile else 1) + 2 * self._m.gap
        if self._tile:  # tiles share a row equally; the 适老化 test checks the words fit
            return QSize(self._m.icon + 2 * self._m.gap, max(self.minimumHeight(), height))
        inner_height = self.minimumHeight() - 4 - 1.2 * self._m.gap  # as parts() lays out
        icon = min(inner_height * 0.8, self._m.icon * 0.75) + self._m.gap * 0.8 \
            if self._icon_name() else 0.0
        width = QFontMetricsF(self.font()).horizontalAdvance(self.text()) + icon \
            + 2 * self._m.gap + 6
        return QSize(int(width) + 1, max(self.minimumHeight(), height))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background, ink = self.colors()
        if self.isDown():
            background = background.darker(125) if background.lightness() > 128 \
                else background.lighter(135)
        frame = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.setPen(QPen(s.LINE if background.lightness() > 200 else background, 3))
        painter.setBrush(background)
        painter.drawRoundedRect(frame, self._m.gap, self._m.gap)
        parts = self.parts()
        name = self._icon_name()
        if name and parts.icon is not None:
            icons.paint(painter, name, parts.icon, ink)
        painter.setPen(ink)
        painter.setFont(parts.title_font)
        painter.drawText(parts.title, parts.flags, parts.title_text)
        if parts.detail is not None:
            painter.setFont(self.detail_font)
            painter.drawText(parts.detail, parts.flags, self._detail)
        painter.end()

    def _icon_name(self) -> str | None:
        if self.isCheckable():
            return "check" if self.isChecked() else "box"
        return self._icon

    def parts(self) -> ButtonParts:
        """Where the icon, the words and the second line go (painting and the 适老化 test)."""
        gap = self._m.gap
        inner = QRectF(self.rect()).adjusted(2 + gap, 2 + gap * 0.6, -2 - gap, -2 - gap * 0.6)
        icon: QRectF | None = None
        if self._tile:
            # The words first (a long title may take two lines), the icon gets what is left.
            wrap = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
            lines = _text_size(self._title_font(inner.width()), inner.width(), wrap,
                               self._title_text(inner.width())).height()
            if self._detail:
                lines += gap * 0.3 + _text_size(self.detail_font, inner.width(), wrap,
                                                self._detail).height()
            side = max(24.0, min(self._m.icon * self._icon_scale, inner.height() - lines - gap,
                                 inner.width()))
            top = inner.top() + max(0.0, (inner.height() - side - lines - gap) / 2)
            if self._icon_name():
                icon = QRectF(inner.center().x() - side / 2, top, side, side)
            box = QRectF(inner.left(), top + side + gap * 0.6, inner.width(),
                         inner.bottom() - top - side - gap * 0.6)
            align = Qt.AlignmentFlag.AlignHCenter
        else:
            left = inner.left()
            if self._icon_name():
                side = min(inner.height() * 0.8, float(self._m.icon) * 0.75)
                icon = QRectF(left, inner.center().y() - side / 2, side, side)
                left += side + gap * 0.8
            box = QRectF(left, inner.top(), inner.right() - left, inner.height())
            align = Qt.AlignmentFlag.AlignLeft if icon else Qt.AlignmentFlag.AlignHCenter
        flags = int(align | Qt.TextFlag.TextWordWrap)
        title_font = self._title_font(box.width())
        title_text = self._title_text(box.width())
        title_size = _text_size(title_font, box.width(), flags, title_text)
        detail_size = _text_size(self.detail_font, box.width(), flags, self._detail) \
            if self._detail else QSizeF(0, 0)
        spacing = gap * 0.3 if self._detail else 0.0
        needed = title_size.height() + spacing + detail_size.height()
        top = box.top() if self._tile else box.top() + max(0.0, (box.height() - needed) / 2)
        title = QRectF(box.left(), top, box.width(), title_size.height())
        detail = QRectF(box.left(), title.bottom() + spacing, box.width(),
                        detail_size.height()) if self._detail else None
        fits = (top + needed <= box.bottom() + 1
                and max(title_size.width(), detail_size.width()) <= box.width() + 1)
        return ButtonParts(icon, title, detail, flags, fits, title_font, title_text)


@dataclass(frozen=True)
class ButtonParts:
    icon: QRectF | None
    title: QRectF
    detail: QRectF | None
    flags: int
    fits: bool  # every word is inside the button
    title_font: QFont
    title_text: str  # the title, with a line break where a tile's title needs two lines


def _text_size(font: QFont, width: float, flags: int, text: str) -> QSizeF:
    bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 100_000), flags, text)
    return bounds.size()


class Picture(QWidget):
    """An icon drawn large, for screens that explain by picture (scan here, thank you)."""

    def __init__(self, name: str, side: int, color: QColor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._color = name, color
        self.setMinimumSize(side // 2, side // 2)
        self._side = side

    def set_picture(self, name: str, color: QColor) -> None:
        self._name, self._color = name, color
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        side = min(self.width(), self.height(), self._side)
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter = QPainter(self)
        icons.paint(painter, self._name, box, self._color)
        painter.end()


class OptionPages(QWidget):
    """Options as big buttons, a page at a time, with 上一页 / 下一页 when they do not fit.

    Signals:
        chosen(str): the value of the option tapped.
    """

    chosen = Signal(str)

    def __init__(self, m: s.Metrics, columns: int, rows: int,
                 make: Callable[[Option], BigButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._m, self._columns, self._rows, self._make = m, columns, rows, make
        self._options: list[Option] = []
        self._page = 0
        self._grid = QGridLayout()
        self._grid.setSpacing(m.gap)
        self._prev = BigButton(_("上一页"), m, icon="up")
        self._next = BigButton(_("下一页"), m, icon="down")
        self._where = Label("", m.body, ink=s.MUTED)
        self._where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._prev.clicked.connect(lambda: self._turn(-1))
        self._next.clicked.connect(lambda: self._turn(1))
        pager = QHBoxLayout()
        pager.setSpacing(m.gap)
        for widget in (self._prev, self._where, self._next):
            widget.setMaximumHeight(m.key)
            pager.addWidget(widget, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(m.gap)
        layout.addLayout(self._grid, 1)
        layout.addLayout(pager)
        self.buttons: list[BigButton] = []

    @property
    def per_page(self) -> int:
        return self._columns * self._rows

    def set_options(self, options: list[Option]) -> None:
        self._options = options
        self._page = 0
        self._fill()

    def _turn(self, delta: int) -> None:
        # Pages wrap round, so neither button is ever greyed out (greyed text is hard to read).
        self._page = (self._page + delta) % self._pages()
        self._fill()

    def _pages(self) -> int:
        return max(1, -(-len(self._options) // self.per_page))

    def _fill(self) -> None:
        for button in self.buttons:
            self._grid.removeWidget(button)
            discard(button)
        start = self._page * self.per_page
        shown = self._options[start:start + self.per_page]
        self.buttons = []
        for index, option in enumerate(shown):
            button = self._make(option)
            button.setProperty("value", option.value)
            button.clicked.connect(lambda _c=False, v=option.value: self.chosen.emit(v))
            self._grid.addWidget(button, index // self._columns, index % self._columns)
            button.show()  # now, not when the event loop gets round to it
            self.buttons.append(button)
        for row in range(self._rows):
            self._grid.setRowStretch(row, 1)
        for column in range(self._columns):
            self._grid.setColumnStretch(column, 1)
        many = self._pages() > 1
        for widget in (self._prev, self._next, self._where):
            widget.setVisible(many)
        self._where.setText(_("第{page}页，共{pages}页").format(page=self._page + 1,
                                                             pages=self._pages()))
