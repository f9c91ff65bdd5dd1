"""From the intake form to a case in the books: create it once, record the materials, and
take the decision (one-time notice, acceptance, or non-acceptance).

Each step is one fast core transaction on the GUI thread; the documents they call for are
made and printed in the background by the session's printer.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.cases import Agent, Applicant, Case
from core.center import Center
from core.i18n import _
from staff_client.session import Session


@dataclass(frozen=True)
class IntakeInput:
    """What the form holds when the clerk presses a decision button."""

    item_code: str
    applicant: Applicant
    agent: Agent | None
    ticket_id: int | None
    received: list[str]


class Filing:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _center(self) -> Center:
        return self._session.center

    def ensure_case(self, case_id: int | None, form: IntakeInput) -> Case:
        """The case this form files (created on first use), with its materials up to date."""
        actor = self._session.actor
        if case_id is None:
            case = self._center.cases.new(
                actor, form.item_code, form.applicant, agent=form.agent,
                ticket_id=form.ticket_id, first_contact_staff_id=actor.staff_id)
        else:
            case = self._center.cases.get(case_id)
        return self.sync_materials(case, form.received)

    def sync_materials(self, case: Case, received: list[str]) -> Case:
        wanted = set(received)
        have = {m.name for m in case.materials if m.received}
        cases, actor = self._center.cases, self._session.actor
        if wanted - have:
            case = cases.receive_materials(case.id, sorted(wanted - have), actor, True)
        if have - wanted:
            case = cases.receive_materials(case.id, sorted(have - wanted), actor, False)
        return case

    def notice(self, case: Case) -> Case:
        done = self._center.cases.issue_notice(case.id, self._session.actor)
        actor = self._session.actor
        self._session.printer.make_and_print(
            lambda c: c.documents.notice(done.id, actor), _("一次性告知单"))
        return done

    def accept(self, case: Case) -> Case:
        done = self._center.cases.accept(case.id, self._session.actor)
        actor = self._session.actor
        self._session.printer.make_and_print(
            lambda c: c.documents.receipt(done.id, actor), _("受理回执"))
        return done

    def not_accept(self, case: Case, reason: str, office: str) -> Case:
        done = self._center.cases.not_accept(case.id, reason, office, self._session.actor)
        actor = self._session.actor
        self._session.printer.make_and_print(
            lambda c: c.documents.rejection(done.id, actor), _("不予受理通知书"))
        return done
