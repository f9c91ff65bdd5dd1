"""The line at the top of a page that says what just happened or what went wrong.

Every core call a screen makes goes through :meth:`MessageBar.attempt`, so a
``UserFacingError`` (a clear Chinese message, nothing personal) is shown instead of raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from core.errors import UserFacingError

T = TypeVar("T")

_KINDS = {
    "ok": "background: #e3f1e4; color: #1b5e20; border: 1px solid #1b5e20;",
    "info": "background: #e6eef7; color: #073763; border: 1px solid #0b5394;",
    "warn": "background: #fff2b3; color: #5c4400; border: 1px solid #c9a400;",
    "error": "background: #fde0e0; color: #8a0018; border: 1px solid #b00020;",
}
_FADE_MS = 12_000


class MessageBar(QLabel):
    """A one- or two-line message; success and info fade, warnings and errors stay."""

    def __init__(self, parent: QWidget | None = None, *, idle_text: str = "") -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and hub texts
        self.kind = ""
        # With an idle text the bar never hides (it lives in the status bar), so nothing
        # on the screen jumps when a message comes or goes.
        self.idle_text = idle_text
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)
        self.clear_message()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(_KINDS[kind] + " padding: 6px 10px; border-radius: 4px;")
        self.show()
        self._fit_height()
        if kind in ("ok", "info"):
            self._timer.start(_FADE_MS)
        else:
            self._timer.stop()

    def ok(self, text: str) -> None:
        self.show_message(text, "ok")

    def warn(self, text: str) -> None:
        self.show_message(text, "warn")

    def error(self, text: str) -> None:
        self.show_message(text, "error")

    def clear_message(self) -> None:
        self.kind = ""
        self.setText(self.idle_text)
        if self.idle_text:
            self.setStyleSheet("color: #4a4a4a; padding: 4px 10px;")
            self._fit_height()
        else:
            self.hide()

    def _fit_height(self) -> None:
        """As tall as the words need at the current width: a long message on a narrow
        window wraps onto a second or third line instead of being cut off."""
        self.ensurePolished()
        need = max(self.heightForWidth(max(self.width(), 1)), self.fontMetrics().height() + 14)
        if need != self.height() or self.minimumHeight() != need:
            self.setFixedHeight(need)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def succeeded(self, action: Callable[[], object]) -> bool:
        """Run ``action``; False (with the message shown) if it raised a UserFacingError."""
        try:
            action()
        except UserFacingError as exc:
            self.error(exc.message)
            return False
        return True

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run ``action``; show its UserFacingError and return None instead of raising."""
        try:
            return action()
        except UserFacingError as exc:
            self.error(exc.message)
            return None
