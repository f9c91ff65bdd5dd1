"""Simple pictures drawn with QPainter, so no glyph or image file can go missing: tiles,
priority kinds, the five rating faces, and the small icons of the bottom bar."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from ui_shared import theme

Icon = Callable[[QPainter, QRectF, QColor], None]


def _pen(painter: QPainter, rect: QRectF, color: QColor, ratio: float = 14) -> None:
    pen = QPen(color, max(2.0, rect.width() / ratio))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _pt(rect: QRectF, x: float, y: float) -> QPointF:
    """A point given in 0..1 units of ``rect``."""
    return QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height())


def _box(rect: QRectF, x: float, y: float, w: float, h: float) -> QRectF:
    return QRectF(_pt(rect, x, y), _pt(rect, x + w, y + h))


def _ticket(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c)
    path = QPainterPath()
    path.addRoundedRect(_box(r, 0.12, 0.22, 0.76, 0.56), r.width() * 0.06, r.width() * 0.06)
    p.drawPath(path)
    for y in (0.40, 0.52, 0.64):
        p.drawLine(_pt(r, 0.30, y), _pt(r, 0.70, y))
    p.drawLine(_pt(r, 0.22, 0.22), _pt(r, 0.22, 0.78))


def _guide(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c)
    poly = QPolygonF([_pt(r, 0.22, 0.1), _pt(r, 0.62, 0.1), _pt(r, 0.78, 0.26),
                      _pt(r, 0.78, 0.9), _pt(r, 0.22, 0.9)])
    p.drawPolygon(poly)
    for y in (0.36, 0.52, 0.68):
        p.drawLine(_pt(r, 0.34, y), _pt(r, 0.40, y + 0.05))
        p.drawLine(_pt(r, 0.40, y + 0.05), _pt(r, 0.48, y - 0.04))
        p.drawLine(_pt(r, 0.54, y), _pt(r, 0.68, y))


def _progress(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawEllipse(_box(r, 0.14, 0.14, 0.5, 0.5))
    p.drawLine(_pt(r, 0.56, 0.56), _pt(r, 0.84, 0.84))


def _face(mood: float, brows: bool = False) -> Icon:
    """A face whose mouth curves up (mood 1) or down (mood -1)."""

    def draw(p: QPainter, r: QRectF, c: QColor) -> None:
        _pen(p, r, c, 12)
        p.drawEllipse(_box(r, 0.08, 0.08, 0.84, 0.84))
        p.setBrush(c)
        p.drawEllipse(_box(r, 0.31, 0.33, 0.08, 0.1))
        p.drawEllipse(_box(r, 0.61, 0.33, 0.08, 0.1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        mouth = QPainterPath(_pt(r, 0.3, 0.66 - 0.04 * mood))
        mouth.quadTo(_pt(r, 0.5, 0.66 + 0.16 * mood), _pt(r, 0.7, 0.66 - 0.04 * mood))
        p.drawPath(mouth)
        if brows:
            p.drawLine(_pt(r, 0.26, 0.24), _pt(r, 0.42, 0.3))
            p.drawLine(_pt(r, 0.74, 0.24), _pt(r, 0.58, 0.3))

    return draw


def _hand(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 16)
    p.setBrush(c)
    p.drawRoundedRect(_box(r, 0.28, 0.46, 0.46, 0.42), r.width() * 0.1, r.width() * 0.1)
    for i, top in enumerate((0.2, 0.12, 0.14, 0.22)):
        p.drawRoundedRect(_box(r, 0.28 + i * 0.118, top, 0.09, 0.5), r.width() * 0.045,
                          r.width() * 0.045)
    thumb = QPolygonF([_pt(r, 0.3, 0.62), _pt(r, 0.12, 0.44), _pt(r, 0.18, 0.38),
                       _pt(r, 0.34, 0.5)])
    p.drawPolygon(thumb)


def _back(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 8)
    p.drawLine(_pt(r, 0.2, 0.5), _pt(r, 0.82, 0.5))
    p.drawLine(_pt(r, 0.2, 0.5), _pt(r, 0.45, 0.25))
    p.drawLine(_pt(r, 0.2, 0.5), _pt(r, 0.45, 0.75))


def _home(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawPolyline(QPolygonF([_pt(r, 0.12, 0.5), _pt(r, 0.5, 0.16), _pt(r, 0.88, 0.5)]))
    p.drawPolyline(QPolygonF([_pt(r, 0.24, 0.42), _pt(r, 0.24, 0.86), _pt(r, 0.76, 0.86),
                              _pt(r, 0.76, 0.42)]))
    p.drawRect(_box(r, 0.43, 0.62, 0.14, 0.24))


def _speaker(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 12)
    p.setBrush(c)
    p.drawPolygon(QPolygonF([_pt(r, 0.1, 0.38), _pt(r, 0.26, 0.38), _pt(r, 0.46, 0.18),
                             _pt(r, 0.46, 0.82), _pt(r, 0.26, 0.62), _pt(r, 0.1, 0.62)]))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for size in (0.22, 0.38):
        arc = _box(r, 0.5 - size, 0.5 - size, 2 * size, 2 * size)
        p.drawArc(arc, -45 * 16, 90 * 16)


def _printer(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 12)
    p.drawRect(_box(r, 0.28, 0.1, 0.44, 0.26))
    p.drawRoundedRect(_box(r, 0.1, 0.36, 0.8, 0.34), r.width() * 0.05, r.width() * 0.05)
    p.drawRect(_box(r, 0.28, 0.58, 0.44, 0.32))
    p.drawLine(_pt(r, 0.36, 0.72), _pt(r, 0.64, 0.72))
    p.drawLine(_pt(r, 0.36, 0.82), _pt(r, 0.64, 0.82))


def _qr(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 14)
    for x, y in ((0.1, 0.1), (0.6, 0.1), (0.1, 0.6)):
        p.drawRect(_box(r, x, y, 0.3, 0.3))
        p.fillRect(_box(r, x + 0.09, y + 0.09, 0.12, 0.12), c)
    for x, y in ((0.62, 0.62), (0.78, 0.62), (0.62, 0.78), (0.82, 0.82), (0.48, 0.5)):
        p.fillRect(_box(r, x, y, 0.1, 0.1), c)


def _scan(p: QPainter, r: QRectF, c: QColor) -> None:
    """A receipt with its QR held over the scanner's window."""
    _pen(p, r, c, 24)
    p.drawRect(_box(r, 0.26, 0.04, 0.48, 0.46))
    _qr(p, _box(r, 0.33, 0.1, 0.34, 0.34), c)
    _pen(p, r, c, 18)
    p.drawLine(_pt(r, 0.5, 0.56), _pt(r, 0.5, 0.7))
    p.drawPolyline(QPolygonF([_pt(r, 0.42, 0.63), _pt(r, 0.5, 0.71), _pt(r, 0.58, 0.63)]))
    p.drawRoundedRect(_box(r, 0.14, 0.76, 0.72, 0.2), r.width() * 0.04, r.width() * 0.04)
    p.fillRect(_box(r, 0.26, 0.84, 0.48, 0.04), c)


def _take_ticket(p: QPainter, r: QRectF, c: QColor) -> None:
    """A ticket coming out of the printer's slot."""
    _pen(p, r, c, 22)
    p.drawRoundedRect(_box(r, 0.1, 0.08, 0.8, 0.34), r.width() * 0.04, r.width() * 0.04)
    p.drawLine(_pt(r, 0.24, 0.34), _pt(r, 0.76, 0.34))
    p.drawRect(_box(r, 0.3, 0.34, 0.4, 0.44))
    for y in (0.48, 0.58, 0.68):
        p.drawLine(_pt(r, 0.38, y), _pt(r, 0.62, y))
    p.drawLine(_pt(r, 0.5, 0.84), _pt(r, 0.5, 0.97))
    p.drawPolyline(QPolygonF([_pt(r, 0.43, 0.9), _pt(r, 0.5, 0.97), _pt(r, 0.57, 0.9)]))


def _check(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 7)
    p.drawPolyline(QPolygonF([_pt(r, 0.16, 0.52), _pt(r, 0.4, 0.76), _pt(r, 0.86, 0.24)]))


def _box_icon(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 12)
    p.drawRoundedRect(_box(r, 0.14, 0.14, 0.72, 0.72), r.width() * 0.08, r.width() * 0.08)


def _arrow(up: bool) -> Icon:
    def draw(p: QPainter, r: QRectF, c: QColor) -> None:
        _pen(p, r, c, 8)
        tip, base = (0.22, 0.62) if up else (0.78, 0.38)
        p.drawPolyline(QPolygonF([_pt(r, 0.2, base), _pt(r, 0.5, tip), _pt(r, 0.8, base)]))

    return draw


def _person(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawEllipse(_box(r, 0.38, 0.08, 0.24, 0.24))
    p.drawLine(_pt(r, 0.5, 0.34), _pt(r, 0.5, 0.64))
    p.drawLine(_pt(r, 0.5, 0.42), _pt(r, 0.28, 0.56))
    p.drawLine(_pt(r, 0.5, 0.42), _pt(r, 0.72, 0.56))
    p.drawLine(_pt(r, 0.5, 0.64), _pt(r, 0.34, 0.92))
    p.drawLine(_pt(r, 0.5, 0.64), _pt(r, 0.66, 0.92))


def _elderly(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawEllipse(_box(r, 0.3, 0.08, 0.22, 0.22))
    p.drawLine(_pt(r, 0.42, 0.32), _pt(r, 0.5, 0.62))  # a bent back
    p.drawLine(_pt(r, 0.46, 0.42), _pt(r, 0.68, 0.54))
    p.drawLine(_pt(r, 0.5, 0.62), _pt(r, 0.36, 0.92))
    p.drawLine(_pt(r, 0.5, 0.62), _pt(r, 0.6, 0.92))
    p.drawLine(_pt(r, 0.7, 0.5), _pt(r, 0.74, 0.92))  # the cane


def _wheelchair(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawEllipse(_box(r, 0.36, 0.06, 0.18, 0.18))
    p.drawPolyline(QPolygonF([_pt(r, 0.44, 0.3), _pt(r, 0.44, 0.56), _pt(r, 0.68, 0.56),
                              _pt(r, 0.78, 0.8)]))
    p.drawLine(_pt(r, 0.44, 0.4), _pt(r, 0.64, 0.4))
    p.drawArc(_box(r, 0.18, 0.46, 0.44, 0.44), 100 * 16, 300 * 16)


def _star(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 14)
    p.setBrush(c)
    points = []
    for i in range(10):
        radius = 0.42 if i % 2 == 0 else 0.17
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(_pt(r, 0.5 + radius * math.cos(angle), 0.54 + radius * math.sin(angle)))
    p.drawPolygon(QPolygonF(points))


def _pregnant(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 10)
    p.drawEllipse(_box(r, 0.36, 0.06, 0.22, 0.22))
    belly = QPainterPath(_pt(r, 0.46, 0.32))
    belly.cubicTo(_pt(r, 0.82, 0.42), _pt(r, 0.78, 0.7), _pt(r, 0.48, 0.66))
    p.drawPath(belly)
    p.drawLine(_pt(r, 0.46, 0.32), _pt(r, 0.44, 0.66))
    p.drawLine(_pt(r, 0.46, 0.66), _pt(r, 0.4, 0.94))
    p.drawLine(_pt(r, 0.5, 0.66), _pt(r, 0.58, 0.94))


def _delete(p: QPainter, r: QRectF, c: QColor) -> None:
    _pen(p, r, c, 12)
    p.drawPolygon(QPolygonF([_pt(r, 0.06, 0.5), _pt(r, 0.3, 0.2), _pt(r, 0.92, 0.2),
                             _pt(r, 0.92, 0.8), _pt(r, 0.3, 0.8)]))
    p.drawLine(_pt(r, 0.46, 0.36), _pt(r, 0.72, 0.64))
    p.drawLine(_pt(r, 0.72, 0.36), _pt(r, 0.46, 0.64))


def letter_badge(letter: str) -> Icon:
    """A group's ticket letter in a ring: the same letter the ticket number starts with."""

    def draw(p: QPainter, r: QRectF, c: QColor) -> None:
        _pen(p, r, c, 16)
        p.drawEllipse(_box(r, 0.06, 0.06, 0.88, 0.88))
        p.setFont(theme.pixel_font(max(12, round(r.height() * 0.56)), bold=True))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, letter)

    return draw


FACE_MOODS = {"very_satisfied": 1.0, "satisfied": 0.55, "basic": 0.0,
              "dissatisfied": -0.55, "very_dissatisfied": -1.0}

ICONS: dict[str, Icon] = {
    "ticket": _ticket, "guide": _guide, "progress": _progress, "rate": _face(1.0),
    "help": _hand, "back": _back, "home": _home, "speaker": _speaker, "print": _printer,
    "qr": _qr, "scan": _scan, "take_ticket": _take_ticket, "check": _check, "box": _box_icon,
    "up": _arrow(True), "down": _arrow(False),
    "normal": _person, "elderly": _elderly, "disabled": _wheelchair, "military": _star,
    "pregnant": _pregnant, "delete": _delete,
    **{f"face:{level}": _face(mood, brows=mood < -0.9) for level, mood in FACE_MOODS.items()},
}


def icon(name: str) -> Icon:
    if name.startswith("letter:"):
        return letter_badge(name.removeprefix("letter:"))
    return ICONS[name]


def paint(painter: QPainter, name: str, rect: QRectF, color: QColor) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    icon(name)(painter, rect, color)
    painter.restore()
