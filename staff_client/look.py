"""How the staff client looks: one style sheet, the sizes, and small widget factories.

Clerks are often middle-aged and work on 1366×768 screens: 12 pt body text, 15 pt and up for
headings, one obviously primary (blue) button per screen, red only for danger.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from ui_shared import theme

BODY_PT = 12.0
HEADING_PT = 15.0
TITLE_PT = 18.0
TICKET_PT = 44.0

# The grey hint in an empty field: Qt's default (half-transparent text, 3.5:1 on white)
# is too faint for clerks; this is 5.7:1.
PLACEHOLDER = "#666666"

STYLE = """
QMainWindow, QDialog { background: #f3f6f9; }
QWidget { color: #111111; }
QLabel[muted="true"] { color: #4a4a4a; }
QPushButton {
    padding: 3px 12px; border: 1px solid #8d9cab; border-radius: 4px; background: #ffffff;
    min-height: 28px;
}
QPushButton:hover { background: #e6eef7; }
QPushButton:focus { border: 2px solid #0b5394; }
QPushButton:disabled { color: #8a8a8a; background: #eeeeee; border-color: #cccccc; }
QPushButton[kind="primary"] {
    background: #0b5394; color: #ffffff; border: 1px solid #073763; font-weight: bold;
}
QPushButton[kind="primary"]:hover { background: #073763; }
QPushButton[kind="primary"]:disabled { background: #a9bdd1; color: #f4f4f4; border-color: #a9bdd1; }
QPushButton[kind="danger"] { color: #b00020; border-color: #b00020; }
QPushButton[kind="danger"]:disabled { color: #8a8a8a; border-color: #cccccc; }
QPushButton[kind="big"] { min-height: 46px; }
QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit, QTextEdit {
    border: 1px solid #8d9cab; border-radius: 3px; padding: 3px 6px; background: #ffffff;
    min-height: 26px;
}
QLineEdit, QPlainTextEdit, QTextEdit { placeholder-text-color: %(placeholder)s; }
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus { border: 2px solid #0b5394; }
QLineEdit[state="bad"] { border: 2px solid #b00020; background: #fff6f6; }
QLineEdit[state="good"] { border: 2px solid #1b5e20; }
QGroupBox {
    font-weight: bold; border: 1px solid #c3cdd8; border-radius: 6px; margin-top: 16px;
    background: #ffffff; padding: 10px 8px 8px 8px;
}
QGroupBox::title {
    subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #073763;
}
QHeaderView::section {
    background: #e4ebf2; padding: 4px 6px; border: none; border-right: 1px solid #c3cdd8;
    border-bottom: 1px solid #c3cdd8; font-weight: bold;
}
QTableView, QTreeWidget, QListWidget {
    background: #ffffff; gridline-color: #e0e6ec; border: 1px solid #c3cdd8;
    selection-background-color: #cfe2f3; selection-color: #111111;
}
QTabWidget::pane { border: 1px solid #c3cdd8; background: #ffffff; top: -1px; }
QTabBar::tab {
    padding: 8px 18px; background: #e4ebf2; border: 1px solid #c3cdd8; border-bottom: none;
    margin-right: 2px; border-top-left-radius: 4px; border-top-right-radius: 4px;
}
QTabBar::tab:selected { background: #ffffff; color: #073763; font-weight: bold; }
QListWidget#areas { background: #e4ebf2; border: none; }
QListWidget#areas::item { padding: 8px 10px; }
QListWidget#areas::item:selected { background: #ffffff; color: #073763; font-weight: bold; }
QScrollArea, QScrollArea > QWidget#qt_scrollarea_viewport { background: transparent; }
QStatusBar { background: #e4ebf2; }
QStatusBar::item { border: none; }
QFrame#card { background: #ffffff; border: 1px solid #c3cdd8; border-radius: 6px; }
QFrame#header { background: #073763; }
QFrame#header QLabel { color: #ffffff; }
QFrame#header QPushButton {
    background: transparent; color: #ffffff; border: 1px solid #9fc5e8; min-height: 26px;
}
QFrame#header QLabel#coverBadge {
    background: #fff2b3; color: #5c4400; border-radius: 4px; padding: 2px 8px; font-weight: bold;
}
"""




def apply(app: QApplication) -> None:
    """The shipped CJK font at the clerk's body size, readable hints, and the style sheet."""
    theme.apply(app, BODY_PT)
    app.setStyleSheet(STYLE % {"placeholder": PLACEHOLDER})


def button(text: str, kind: str = "", *, shortcut: str = "", tip: str = "") -> QPushButton:
    """A push button; ``kind`` is "primary", "danger", "big" or several of them."""
    label = f"{text}  {shortcut}" if shortcut else text
    widget = QPushButton(label)
    widget.setAutoDefault(False)
    if kind:
        widget.setProperty("kind", kind.split()[0])
    if "big" in kind.split():
        widget.setMinimumHeight(42)
        widget.setFont(theme.font(HEADING_PT, bold=True))
    if tip:
        widget.setToolTip(tip)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


def label(text: str = "", *, wrap: bool = False) -> QLabel:
    """A label that shows its text as it is: names and the county's texts are data, never
    markup (``<font>`` or ``<script>`` in a name must show as typed)."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    return widget


def heading(text: str, size: float = HEADING_PT, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setFont(theme.font(size, bold=True))
    label.setStyleSheet("color: #073763;")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("muted", "true")
    label.setWordWrap(True)
    return label


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName("card")
    return frame


def hint(line: QLineEdit, text: str) -> QLineEdit:
    """Set the grey hint shown in an empty field, and keep the field wide enough to show
    all of it (a cut hint is worse than none)."""
    line.setPlaceholderText(text)
    line.ensurePolished()
    room = line.fontMetrics().horizontalAdvance(text) + 24
    if line.isClearButtonEnabled():
        room += 24
    line.setMinimumWidth(room)
    return line


def scrolling(content: QWidget | QLayout) -> QScrollArea:
    """``content`` in a frameless scroll area: it keeps its minimum size on a small screen
    (or at 150 % scaling) and scrolls, instead of pushing the window past the screen."""
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content = holder
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def page_in_scroll_area(page: QWidget) -> QVBoxLayout:
    """Give ``page`` a scroll area filling it; returns the layout to build the page in."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    inner = QVBoxLayout()
    outer.addWidget(scrolling(inner))
    return inner


def ask(parent: QWidget, title: str, question: str, yes: str,
        on_yes: Callable[[], object]) -> QMessageBox:
    """A yes/no question that defaults to "no" (Enter or Esc keeps things as they are);
    ``on_yes`` runs only when the clerk picks ``yes``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.Cancel).setText(_("取消"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def answered(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes.value:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box


def show_on_screen(window: QWidget) -> None:
    """Show a top-level window at its size, or maximised when the screen is smaller
    (1024×768, 150 % scaling): it must never open larger than the screen, even where no
    window manager carries out "maximised"."""
    room = window.screen().availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    title_bar = max(frame.height(), 32)  # not known before the first show
    if window.width() + frame.width() <= room.width() and \
            window.height() + title_bar <= room.height():
        window.show()
        return
    window.setGeometry(room.x(), room.y() + title_bar, room.width(),
                       room.height() - title_bar)
    window.showMaximized()


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
