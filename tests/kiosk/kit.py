"""Small builders the kiosk tests share: an accepted case with its receipt QR, a served visit."""

from __future__ import annotations

from core.actor import Actor
from core.cases import Applicant, Case
from core.center import Center
from core.queue import Ticket
from tests.helpers import ADMIN

ZHANG = Applicant("张三丰", "11010519491231002X", "13812345678", "良渚街道新港村3组")
DIBAO = "05-MZ-001"  # 最低生活保障申请, group B


def clerk(center: Center) -> Actor:
    return center.windows.actor_at(1, center.staff.by_username("wang").id)


def accepted_case(center: Center, ticket_id: int | None = None) -> Case:
    case = center.cases.new(clerk(center), DIBAO, ZHANG, ticket_id=ticket_id)
    center.cases.receive_materials(case.id, [m.name for m in case.blocking], ADMIN)
    return center.cases.accept(case.id, clerk(center))


def served_ticket(center: Center, prefix: str = "A") -> Ticket:
    """A visit taken, called to window 1, served and finished: ready to be rated."""
    ticket = center.tickets.issue(prefix)
    actor = clerk(center)
    called = center.tickets.call_next(1, actor)
    assert called is not None and called.id == ticket.id
    center.tickets.start(ticket.id, actor)
    return center.tickets.finish(ticket.id, actor)


def ticket_qr(center: Center, ticket: Ticket) -> str:
    return center.paperwork.ticket(ticket, "").qr_payload
