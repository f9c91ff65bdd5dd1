"""The fit checker itself: it must see a cut text, an elided choice, a widget pushed out of
its window and a window too large for its screen — and leave alone what fits, including a
scroll area's content that is larger than its viewport."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.fit import problems

LONG = "社会救助申请表（含家庭经济状况核对授权书、承诺书）"


def shown(qtbot: QtBot, widget: QWidget, width: int = 400, height: int = 300) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_window_where_everything_fits_has_no_problems(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    wrapped = QLabel(LONG * 3)
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    layout.addWidget(QLabel("已收 2/4 项"))
    layout.addWidget(QPushButton("受理并打印回执"))
    layout.addWidget(QCheckBox("户口簿"))
    combo = QComboBox()
    combo.addItem("窗口人员代办（我）")
    layout.addWidget(combo)
    line = QLineEdit()
    line.setPlaceholderText("姓名")
    layout.addWidget(line)
    shown(qtbot, window)
    assert problems(window, QSize(400, 300)) == []


def test_cut_texts_are_found(qtbot: QtBot) -> None:
    window = QWidget()
    label = QLabel(LONG, window)
    label.setGeometry(0, 0, 120, 30)
    wrapped = QLabel(LONG * 4, window)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 40, 200, 30)  # the words need several lines
    button = QPushButton("受理并打印回执", window)
    button.setGeometry(0, 80, 50, 30)
    combo = QComboBox(window)
    combo.addItem("窗口人员代办（我）")
    combo.setGeometry(0, 120, 70, 30)
    line = QLineEdit(window)
    line.setPlaceholderText("名称、编码、拼音首字母或常用叫法，如 低保、zdsh")
    line.setGeometry(0, 160, 90, 30)
    shown(qtbot, window)
    found = {p.where.split(" < ")[0].split("“")[0]: p.what for p in problems(window)}
    assert "needs" in found["QLabel"]
    assert set(found) == {"QLabel", "QPushButton", "QComboBox", "QLineEdit"}
    texts = [str(p) for p in problems(window)]
    assert any("px high" in t for t in texts)  # the wrapped label: too short, not too narrow


def test_a_widget_outside_its_window_is_found_but_not_scrolled_content(qtbot: QtBot) -> None:
    window = QWidget()
    outside = QPushButton("退出登录", window)
    outside.setGeometry(350, 10, 100, 44)  # 50 px past the right edge of a 400 px window
    scroll = QScrollArea(window)
    scroll.setGeometry(0, 50, 200, 100)
    content = QWidget()
    content.setMinimumSize(600, 600)
    QVBoxLayout(content).addWidget(QPushButton("打印一次性告知单"))
    scroll.setWidget(content)
    shown(qtbot, window)
    found = problems(window)
    assert len(found) == 1 and "退出登录" in found[0].where
    assert "outside" in found[0].what


def test_content_cut_by_a_scroll_area_that_cannot_scroll_is_found(qtbot: QtBot) -> None:
    window = QWidget()
    scroll = QScrollArea(window)
    scroll.setGeometry(0, 0, 200, 100)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget()
    content.setMinimumSize(600, 60)
    scroll.setWidget(content)
    shown(qtbot, window)
    found = problems(window)
    assert len(found) == 1 and "cannot scroll sideways" in found[0].what


def test_a_window_larger_than_its_screen_is_found(qtbot: QtBot) -> None:
    window = QWidget()
    window.setMinimumSize(1318, 733)
    shown(qtbot, window, 1366, 733)
    found = problems(window, QSize(1366, 700))
    assert len(found) == 1 and "1366×700 screen" in found[0].what
