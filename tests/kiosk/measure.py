"""The 适老化 measurements, taken from built widgets as they are on screen.

Font sizes: the pixel size Qt resolved for each visible text's font (QFontInfo), against
kiosk.style's bar (18 pt ≡ 32 px body, 30 pt ≡ 54 px headings). Contrast: WCAG ratio of the
text's palette colour against the background actually behind it — the nearest widget up
the tree that fills its background (or the button's own fill). Touch targets: the size of
every visible button and text field.

Fit (``Measures.cut``): a wrapped label whose text needs more height (or, for a run it
cannot break, more width) than it has; a one-line label wider or taller than its box; a
button whose words do not fit inside it; a FitText that had to go below its size floor;
and any widget that lies partly outside the window (or outside the widget it sits in,
except inside a scroll area, whose contents scroll by design).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from kiosk.fit_text import FitText
from kiosk.widgets import ROLE, BigButton
from ui_shared.theme import contrast_ratio


@dataclass
class Measures:
    body_px: int = 10_000
    heading_px: int = 10_000
    contrast: float = 100.0
    target: tuple[int, int] = (10_000, 10_000)
    texts: int = 0
    buttons: int = 0
    problems: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)

    def add_text(self, px: int, heading: bool, ratio: float, what: str) -> None:
        self.texts += 1
        if heading:
            self.heading_px = min(self.heading_px, px)
        else:
            self.body_px = min(self.body_px, px)
        if ratio < self.contrast:
            self.contrast = ratio
        if ratio < 4.5:
            self.problems.append(f"contrast {ratio:.2f} for {what}")

    def add_target(self, width: int, height: int) -> None:
        self.buttons += 1
        self.target = (min(self.target[0], width), min(self.target[1], height))

    def merge(self, other: Measures) -> None:
        self.body_px = min(self.body_px, other.body_px)
        self.heading_px = min(self.heading_px, other.heading_px)
        self.contrast = min(self.contrast, other.contrast)
        self.target = (min(self.target[0], other.target[0]),
                       min(self.target[1], other.target[1]))
        self.texts += other.texts
        self.buttons += other.buttons
        self.problems += other.problems
        self.cut += other.cut


def background(widget: QWidget) -> QColor:
    current: QWidget | None = widget
    while current is not None:
        if current.autoFillBackground():
            return current.palette().color(current.backgroundRole())
        current = current.parentWidget()
    raise AssertionError(f"nothing paints behind {widget!r}")


def measure(root: QWidget) -> Measures:
    QApplication.processEvents()  # pending layouts: measure what is on screen
    found = Measures()
    window = root.window()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() == 0:
            continue
        name = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        _placed(widget, window, found, name)
        if isinstance(widget, BigButton):
            _button(widget, found, name)
        elif isinstance(widget, FitText):
            _fit_text(widget, found, name)
        elif isinstance(widget, QLabel) and widget.text():
            _label(widget, found, name)
        elif isinstance(widget, QLineEdit):
            ink = widget.palette().color(QPalette.ColorRole.Text)
            bg = widget.palette().color(QPalette.ColorRole.Base)
            found.add_text(QFontInfo(widget.font()).pixelSize(), False,
                           contrast_ratio(ink, bg), name)
            found.add_target(widget.width(), widget.height())
        elif isinstance(widget, QAbstractButton):
            found.problems.append(f"a button the kiosk did not paint itself: {name}")
    return found


def _button(button: BigButton, found: Measures, name: str) -> None:
    back, ink = button.colors()
    for font in button.fonts():
        found.add_text(QFontInfo(font).pixelSize(), False, contrast_ratio(ink, back), name)
    found.add_target(button.width(), button.height())
    if button.isCheckable():  # a ticked option is painted in other colours
        button.setChecked(not button.isChecked())
        checked_back, checked_ink = button.colors()
        button.setChecked(not button.isChecked())
        found.add_text(QFontInfo(button.font()).pixelSize(), False,
                       contrast_ratio(checked_ink, checked_back), name + " (ticked)")
    if not button.parts().fits:
        found.cut.append(f"words cut off in {name} ({button.width()}×{button.height()})")


def _label(label: QLabel, found: Measures, name: str) -> None:
    ink = label.palette().color(label.foregroundRole())
    found.add_text(QFontInfo(label.font()).pixelSize(), label.property(ROLE) == "heading",
                   contrast_ratio(ink, background(label)), name)
    box = label.contentsRect()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            found.cut.append(f"cut off (needs {needed}px, has {label.height()}): {name}")
        if label.textFormat() != Qt.TextFormat.RichText:
            wide = QFontMetrics(label.font()).boundingRect(
                QRect(0, 0, box.width(), 100_000), int(Qt.TextFlag.TextWordWrap),
                label.text()).width()
            if wide > box.width() + 1:
                found.cut.append(f"cut off (a run too wide to wrap, {wide}px in "
                                 f"{box.width()}): {name}")
        return
    metrics = QFontMetrics(label.font())
    frame = label.contentsMargins()
    if label.sizeHint().width() - frame.left() - frame.right() > box.width() + 1:
        found.cut.append(f"cut off (too wide): {name}")
    if metrics.height() + 2 * label.margin() > box.height() + 1:
        found.cut.append(f"cut off top or bottom ({metrics.height()}px in {box.height()}): "
                         f"{name}")


def _fit_text(text: FitText, found: Measures, name: str) -> None:
    if not text.text():
        return
    found.add_text(QFontInfo(text.font_at(text.pixel_size())).pixelSize(),
                   text.property(ROLE) == "heading",
                   contrast_ratio(text.ink(), background(text)), name)
    if not text.fits():
        found.cut.append(f"does not fit even at its smallest size ({text.width()}×"
                         f"{text.height()}): {name}")


def _placed(widget: QWidget, window: QWidget, found: Measures, name: str) -> None:
    """Inside the window, and inside its parent unless that parent scrolls."""
    if widget is window or _scrolls(widget):
        return
    where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    if not window.rect().adjusted(-1, -1, 1, 1).contains(where):
        found.cut.append(f"outside the window ({where.getRect()} in "
                         f"{window.rect().getRect()}): {name}")
        return
    parent = widget.parentWidget()
    if parent is None:
        return
    if not parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry()):
        found.cut.append(f"sticks out of {type(parent).__name__} ({widget.geometry().getRect()}"
                         f" in {parent.rect().getRect()}): {name}")


def _scrolls(widget: QWidget) -> bool:
    current = widget.parentWidget()
    while current is not None:
        if isinstance(current, QAbstractScrollArea):
            return True
        current = current.parentWidget()
    return False
