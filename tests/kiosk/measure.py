"""The 适老化 measurements, taken from built widgets as they are on screen.

Font sizes: the pixel size Qt resolved for each visible text's font (QFontInfo), against
kiosk.style's bar (18 pt ≡ 32 px body, 30 pt ≡ 54 px headings). Contrast: WCAG ratio of the
text's palette colour against the background actually behind it — the nearest widget up
the tree that fills its background (or the button's own fill). Touch targets: the size of
every visible button and text field. Cut-off text: a wrapped label whose text needs more
height than it has, or a button whose words do not fit inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

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
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() == 0:
            continue
        name = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"
        if isinstance(widget, BigButton):
            _button(widget, found, name)
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
        found.problems.append(f"words cut off in {name} ({button.width()}×{button.height()})")


def _label(label: QLabel, found: Measures, name: str) -> None:
    ink = label.palette().color(label.foregroundRole())
    found.add_text(QFontInfo(label.font()).pixelSize(), label.property(ROLE) == "heading",
                   contrast_ratio(ink, background(label)), name)
    margins = label.contentsMargins()
    room = label.width() - margins.left() - margins.right()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            found.problems.append(f"cut off (needs {needed}px, has {label.height()}): {name}")
    elif label.sizeHint().width() - margins.left() - margins.right() > room + 1:
        found.problems.append(f"cut off (too wide): {name}")
