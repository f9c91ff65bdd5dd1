"""Printed documents (tickets, notices, receipts, letters, reports) as PDF, Qt-free.

Build a content object from :mod:`core.documents.content` (plain, already-masked data) and
call :func:`render`; the QR payload rule is :func:`tracking_payload`.
"""

from core.documents.qr import tracking_payload
from core.documents.render import Paper, RenderResult, render, supported_papers

__all__ = ["Paper", "RenderResult", "render", "supported_papers", "tracking_payload"]
