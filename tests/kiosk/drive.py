"""Driving the kiosk as a villager would (taps on the real buttons, a wedge scanner's
keystrokes), and reading back everything the window shows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskWindow


def settle(qtbot: QtBot, window: KioskWindow) -> None:
    """Wait as a person does before the next tap: until the screen takes taps again."""
    qtbot.waitUntil(lambda: not window.tap_guard.armed, timeout=3000)


def tap(qtbot: QtBot, window: KioskWindow, value: str) -> None:
    """A finger on the current screen's button for ``value`` (once the screen takes taps)."""
    settle(qtbot, window)
    qtbot.mouseClick(window.current_screen.button_for(value), Qt.MouseButton.LeftButton)


def tap_at(qtbot: QtBot, window: KioskWindow, where: QPoint) -> None:
    """A finger at a point of the window, on whatever is under it now, without waiting."""
    target = window.childAt(where)
    assert target is not None, where
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, where))


def press(qtbot: QtBot, button: QAbstractButton) -> None:
    window = button.window()
    if isinstance(window, KioskWindow):
        settle(qtbot, window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def scan(qtbot: QtBot, window: KioskWindow, code: str) -> None:
    """A keyboard-wedge scanner: the code's characters, then Enter, into the focus."""
    target = window.focusWidget() or window
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def all_text(widget: QWidget) -> str:
    """Every piece of text the widget and its children hold, shown or hidden."""
    parts = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            parts.append(child.text())
        detail = getattr(child, "_detail", None)
        if isinstance(detail, str):
            parts.append(detail)
    return "\n".join(parts)
