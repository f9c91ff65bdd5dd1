"""Does every text fit? A checker any Qt Widgets front end can run on a shown window.

:func:`problems` walks the visible widgets of a window and reports, in words a developer
can act on:

- a label whose text needs more room than its rectangle gives (font metrics against the
  contents rectangle, wrapped at the label's width when it word-wraps);
- a button, check box, radio button, group box title, combo box or tab whose text is
  elided or cut;
- a line edit whose placeholder (the hint shown while it is empty) is cut;
- a widget that lies partly outside its parent, so the window cuts it off — except the
  content of a scroll area, which may be larger than its viewport: that is what scrolling
  is for;
- a window larger than the screen it was meant for (its minimum size does not fit).

Item views (lists, tables, trees) elide their cells by design and are not checked inside.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QToolButton,
    QWidget,
)

# Rounding in font metrics and style sheets: a pixel either way is not a cut text.
SLACK = 1


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def settle(window: QWidget) -> None:
    """Let layouts and style sheets finish before measuring."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents()
        layout = window.layout()
        if layout is not None:
            layout.activate()


def problems(window: QWidget, screen: QSize | None = None) -> list[Problem]:
    """Everything on ``window`` whose text or place does not fit (empty list: all fit)."""
    settle(window)
    found: list[Problem] = []
    if screen is not None and (window.width() > screen.width()
                               or window.height() > screen.height()):
        found.append(Problem(describe(window), _size_words(window, screen)))
    for widget in _visible_widgets(window):
        found += _placement(widget)
        found += _text(widget)
    return found


def report(found: list[Problem]) -> str:
    return "\n".join(str(p) for p in found)


# ------------------------------------------------------------------ walking

def _visible_widgets(window: QWidget) -> list[QWidget]:
    result: list[QWidget] = []
    stack = [c for c in window.children() if isinstance(c, QWidget)]
    while stack:
        widget = stack.pop()
        if widget.isWindow() or not widget.isVisible():
            continue
        result.append(widget)
        if isinstance(widget, QAbstractItemView):
            continue  # cells elide by design; the view's own scroll bars are Qt's business
        stack += [c for c in widget.children() if isinstance(c, QWidget)]
    return result


def describe(widget: QWidget) -> str:
    """A path a developer recognises: class names with object names or texts."""
    parts = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 4:
        name = type(current).__name__
        text = _shown_text(current)
        if current.objectName() and not current.objectName().startswith("qt_"):
            name += f"#{current.objectName()}"
        if text:
            name += f"“{text[:24]}”"
        parts.append(name)
        if current.isWindow():
            break
        current = current.parentWidget()
    return " < ".join(parts)


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().replace("\n", " ")
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def _size_words(window: QWidget, screen: QSize) -> str:
    hint = window.minimumSizeHint()
    return (f"window is {window.width()}×{window.height()} on a {screen.width()}×"
            f"{screen.height()} screen (its layout needs at least {hint.width()}×"
            f"{hint.height()})")


# ------------------------------------------------------------------ placement

def _scrolled(widget: QWidget) -> bool:
    """The content of a scroll area: allowed to be larger than the viewport."""
    parent = widget.parentWidget()
    holder = parent.parentWidget() if parent is not None else None
    return isinstance(holder, QAbstractScrollArea) and parent is holder.viewport()


def _placement(widget: QWidget) -> list[Problem]:
    parent = widget.parentWidget()
    if parent is None or _internal(widget):
        return []
    if _scrolled(widget):
        return _unreachable(widget, parent)
    inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if inside.contains(widget.geometry()):
        return []
    g = widget.geometry()
    return [Problem(describe(widget), f"lies outside its parent: {g.x()},{g.y()} "
                    f"{g.width()}×{g.height()} in {parent.width()}×{parent.height()}")]


def _unreachable(content: QWidget, viewport: QWidget) -> list[Problem]:
    """Scrolled content may be larger than the viewport only where a scroll bar can
    bring the rest into view."""
    area = viewport.parentWidget()
    assert isinstance(area, QAbstractScrollArea)
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    words = []
    if (area.horizontalScrollBarPolicy() == off
            and content.width() > viewport.width() + SLACK):
        words.append(f"is {content.width()} px wide in a {viewport.width()} px scroll area "
                     "that cannot scroll sideways")
    if area.verticalScrollBarPolicy() == off and content.height() > viewport.height() + SLACK:
        words.append(f"is {content.height()} px high in a {viewport.height()} px scroll area "
                     "that cannot scroll up and down")
    return [Problem(describe(content), w) for w in words]


def _internal(widget: QWidget) -> bool:
    """Qt's own sub-widgets that are placed outside on purpose (tab scroll arrows)."""
    parent = widget.parentWidget()
    return isinstance(parent, QTabBar) and isinstance(widget, QToolButton)


# ------------------------------------------------------------------ text

def _text(widget: QWidget) -> list[Problem]:
    if isinstance(widget, QLabel):
        words = _label(widget)
    elif isinstance(widget, QPushButton | QCheckBox | QRadioButton | QToolButton):
        words = _button(widget)
    elif isinstance(widget, QGroupBox):
        words = _group_title(widget)
    elif isinstance(widget, QComboBox):
        words = _combo(widget)
    elif isinstance(widget, QLineEdit):
        words = _placeholder(widget)
    elif isinstance(widget, QTabBar):
        return [Problem(describe(widget), w) for w in _tabs(widget)]
    else:
        words = ""
    return [Problem(describe(widget), words)] if words else []


def _label(label: QLabel) -> str:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    room = _label_room(label)
    if room.width() <= 0 or room.height() <= 0:
        return f"has no room at all ({label.width()}×{label.height()})"
    need = _label_needs(label, room.width())
    if need.width() > room.width() + SLACK:
        return f"text needs {need.width()} px wide, has {room.width()}"
    if need.height() > room.height() + SLACK:
        return f"text needs {need.height()} px high, has {room.height()}"
    return ""


def _label_room(label: QLabel) -> QRect:
    room = label.contentsRect()
    margin = label.margin()
    room = room.adjusted(margin, margin, -margin, -margin)
    indent = max(label.indent(), 0)
    if indent and label.alignment() & Qt.AlignmentFlag.AlignLeft:
        room.setLeft(room.left() + indent)
    return room


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.RichText:
        return True
    return fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())


def _label_needs(label: QLabel, width: int) -> QSize:
    if _is_rich(label):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(label.text())
        if label.wordWrap():
            document.setTextWidth(width)
        size = document.size()
        ideal = document.idealWidth()
        return QSize(int(ideal + 0.999), int(size.height() + 0.999))
    metrics = QFontMetrics(label.font())
    flags = int(Qt.TextFlag.TextExpandTabs)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap)
        bound = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, label.text())
    else:
        bound = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), flags, label.text())
    return bound.size()


def _button(button: QAbstractButton) -> str:
    if not button.text():
        return ""
    hint = button.sizeHint()
    if hint.width() > button.width() + SLACK:
        return f"text needs {hint.width()} px wide, has {button.width()}"
    if hint.height() > button.height() + SLACK and not isinstance(button, QCheckBox
                                                                    | QRadioButton):
        return f"text needs {hint.height()} px high, has {button.height()}"
    metrics = QFontMetrics(button.font())
    if metrics.height() > button.height() + SLACK:
        return f"text is {metrics.height()} px high, has {button.height()}"
    return ""


def _group_title(box: QGroupBox) -> str:
    if not box.title():
        return ""
    need = QFontMetrics(box.font()).horizontalAdvance(box.title()) + 24
    return f"title needs {need} px, has {box.width()}" if need > box.width() + SLACK else ""


def _combo(combo: QComboBox) -> str:
    if combo.isEditable() or not combo.currentText():
        return ""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = combo.currentText()
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    # Ink, not advance: a closing full-width bracket's empty right half may fall outside.
    need = QFontMetrics(combo.font()).boundingRect(combo.currentText()).right() + 1
    if need > field.width() + SLACK:
        return f"shows “{combo.currentText()}” elided: needs {need} px, has {field.width()}"
    return ""


def _placeholder(line: QLineEdit) -> str:
    hint = line.placeholderText()
    if not hint or line.text():
        return ""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    room = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    width = room.width() - margins.left() - margins.right() - 4  # Qt's inner margin, 2 + 2
    for child in line.findChildren(QToolButton):  # the clear button takes its side
        if child.isVisibleTo(line) and line.isClearButtonEnabled():
            width -= child.width()
    need = QFontMetrics(line.font()).horizontalAdvance(hint)
    if need > width + SLACK:
        return f"placeholder “{hint}” cut: needs {need} px, has {width}"
    return ""


def _tabs(bar: QTabBar) -> list[str]:
    words = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect = bar.tabRect(index)
        label = bar.tabText(index)
        if not bar.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            words.append(f"tab “{label}” is off the bar (needs scrolling to be seen)")
        elif bar.tabSizeHint(index).width() > rect.width() + SLACK:
            words.append(f"tab “{label}” is elided: needs {bar.tabSizeHint(index).width()} "
                         f"px, has {rect.width()}")
    return words


def scroll_areas_showing(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas between ``widget`` and its window (tests use this to reach it)."""
    found = []
    current = widget.parentWidget()
    while current is not None and not current.isWindow():
        if isinstance(current, QScrollArea):
            found.append(current)
        current = current.parentWidget()
    return found
