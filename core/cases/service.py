"""Filing cases on a resident's behalf: intake, materials, one-time notice, acceptance, and
every later step, each one transaction with its audit row and (where reportable) its
outbox event.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.actor import Actor
from core.audit import record
from core.calendar import CalendarService
from core.canonical import canonical_json
from core.case_numbers import MAX_DAILY_SERIAL, make_case_number, make_tracking_token
from core.cases.model import TRANSITIONS, Case, CaseState, IdType
from core.catalog import CatalogService
from core.catalog_model import Requirement
from core.clock import Clock, business_date, to_iso
from core.db import Database, Row
from core.db import cases as store
from core.db import staff as staff_store
from core.db import tickets as ticket_store
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import _
from core.identity import check_credit_code, parse_id_number, parse_mobile
from core.outbox.writing import EventType, append, has_events
from core.staff import Role, StaffService
from core.text import clean_text, optional_text
from core.workdays import Deadline


@dataclass(frozen=True)
class Applicant:
    """What the clerk types about the resident (or organisation) applying."""

    name: str
    id_number: str
    phone: str | None = None
    address: str | None = None

    def __repr__(self) -> str:
        return "Applicant(<personal data>)"


@dataclass(frozen=True)
class Agent:
    """Who files on the applicant's behalf (代办): a staff member or a named person."""

    relation: str
    staff_id: int | None = None
    name: str | None = None


class CaseService:
    def __init__(self, db: Database, clock: Clock, staff: StaffService, catalog: CatalogService,
                 calendar: CalendarService, center_code: Callable[[], str],
                 center_level: Callable[[], str], timezone: str) -> None:
        self._db = db
        self._clock = clock
        self._staff = staff
        self._catalog = catalog
        self._calendar = calendar
        self._center_code = center_code
        self._center_level = center_level
        self._tz = timezone

    # ------------------------------------------------------------------ helpers
    def today(self) -> dt.date:
        return business_date(self._clock.now(), self._tz)

    def _row(self, case_id: int) -> Row:
        row = store.by_id(self._db, case_id)
        if row is None:
            raise NotFound(_("没有编号为 {id} 的办件").format(id=case_id))
        return row

    def get(self, case_id: int) -> Case:
        return Case.from_row(self._row(case_id), store.materials(self._db, case_id))

    def by_uuid(self, case_uuid: str) -> Case | None:
        row = store.by_uuid(self._db, case_uuid)
        return None if row is None else Case.from_row(row, store.materials(self._db, row["id"]))

    @staticmethod
    def _check_allowed(row: Row, action: str) -> None:
        state = CaseState(row["state"])
        if state not in TRANSITIONS[action][0]:
            raise Conflict(_("办件当前是“{state}”，不能执行此操作").format(state=state.label))

    def _transition(self, row: Row, action: str, actor: Actor, changes: Row | None = None,
                    detail: dict[str, Any] | None = None) -> Row:
        self._check_allowed(row, action)
        target = TRANSITIONS[action][1]
        state = CaseState(row["state"])
        at = max(to_iso(self._clock.now()), str(row["state_since"]))
        values: Row = {"state": target.value, "state_since": at, "updated_at": at}
        values.update(changes or {})
        store.update_case(self._db, int(row["id"]), values)
        store.insert_event(self._db, {
            "case_id": row["id"], "at": at, "action": action, "from_state": state.value,
            "to_state": target.value, "staff_id": actor.staff_id,
            "on_behalf_of": actor.on_behalf_of, "detail": canonical_json(detail or {}),
        })
        audit_detail = {"case_number": values.get("case_number", row["case_number"])}
        record(self._db, self._clock, actor, f"case.{action}", "case", row["id"], audit_detail)
        return {**row, **values}

    def _require_clerk(self, actor: Actor) -> None:
        self._staff.require(actor, Role.CLERK)

    # ------------------------------------------------------------------ intake
    def new(self, actor: Actor, item_code: str, applicant: Applicant, *,
            agent: Agent | None = None, ticket_id: int | None = None,
            first_contact_staff_id: int | None = None) -> Case:
        """Open a draft case for ``applicant`` against the active catalog's item."""
        self._require_clerk(actor)
        item = self._catalog.item(item_code)
        version = self._catalog.active()
        assert version is not None
        values = self._applicant_values(applicant)
        values.update(self._agent_values(agent))
        contact = first_contact_staff_id or actor.staff_id
        if contact is not None and staff_store.by_id(self._db, contact) is None:
            raise NotFound(_("没有编号为 {id} 的工作人员").format(id=contact))
        now = to_iso(self._clock.now())
        with self._db.write():
            if ticket_id is not None and ticket_store.by_id(self._db, ticket_id) is None:
                raise NotFound(_("没有这张号票（编号 {id}）").format(id=ticket_id))
            case_id = store.insert_case(self._db, {
                "uuid": str(uuid.uuid4()), "state": CaseState.DRAFT.value,
                "catalog_version_id": version.id, "item_code": item.code,
                "item_name": item.name,
                "first_contact_staff_id": contact, "ticket_id": ticket_id,
                "created_at": now, "updated_at": now, "state_since": now, **values,
            })
            for position, material in enumerate(item.materials):
                store.insert_material(self._db, {
                    "case_id": case_id, "position": position, "name": material.name,
                    "requirement": material.requirement.value})
            store.insert_event(self._db, {
                "case_id": case_id, "at": now, "action": "new", "from_state": None,
                "to_state": CaseState.DRAFT.value, "staff_id": actor.staff_id,
                "on_behalf_of": actor.on_behalf_of, "detail": "{}"})
            record(self._db, self._clock, actor, "case.new", "case", case_id,
                   {"item": item.code, "ticket_id": ticket_id})
        return self.get(case_id)

    def _applicant_values(self, applicant: Applicant) -> Row:
        name = clean_text(applicant.name, field=_("申请人姓名或单位名称"), max_length=60)
        raw = applicant.id_number.strip().upper()
        credit = check_credit_code(raw)
        if credit.valid and credit.normalized:
            kind, number = IdType.CREDIT_CODE, credit.normalized
        else:
            kind, number = IdType.RESIDENT_ID, parse_id_number(raw, self.today()).value
        phone = parse_mobile(applicant.phone) if applicant.phone and applicant.phone.strip() \
            else None
        address = optional_text(applicant.address, field=_("住址"), max_length=120)
        return {"applicant_name": name, "applicant_id_type": kind.value,
                "applicant_id_number": number, "applicant_id_last4": number[-4:],
                "applicant_phone": phone, "applicant_address": address}

    def _agent_values(self, agent: Agent | None) -> Row:
        if agent is None:
            return {"agent_staff_id": None, "agent_name": None, "agent_relation": None}
        relation = clean_text(agent.relation, field=_("代办关系"), max_length=20)
        name = optional_text(agent.name, field=_("代办人姓名"), max_length=30)
        if agent.staff_id is not None:
            row = staff_store.by_id(self._db, agent.staff_id)
            if row is None:
                raise NotFound(_("没有编号为 {id} 的工作人员").format(id=agent.staff_id))
            name = name or row["name"]
        if name is None:
            raise InvalidInput(_("请填写代办人姓名"))
        return {"agent_staff_id": agent.staff_id, "agent_name": name, "agent_relation": relation}

    def receive_materials(self, case_id: int, names: list[str], actor: Actor,
                          received: bool = True) -> Case:
        """Tick (or untick) materials on the item's list as received at the window."""
        self._require_clerk(actor)
        with self._db.write():
            row = self._row(case_id)
            if CaseState(row["state"]) not in {CaseState.DRAFT, CaseState.NOTICE_ISSUED}:
                raise Conflict(_("办件已受理或已结束，材料清单不能再修改；补正材料请用“补交材料”"))
            known = {m["name"] for m in store.materials(self._db, case_id)}
            unknown = [n for n in names if n not in known]
            if unknown:
                raise InvalidInput(_("“{name}”不在该事项的材料清单上").format(name=unknown[0]))
            now = to_iso(self._clock.now())
            for name in names:
                store.set_material_received(self._db, case_id, name, received,
                                            now if received else None)
            changes: Row = {"updated_at": now}
            if received and names and row["received_at"] is None:
                changes["received_at"] = now  # starts the 5-working-day pre-review bound
            store.update_case(self._db, case_id, changes)
            record(self._db, self._clock, actor, "case.materials", "case", case_id,
                   {"received": received, "count": len(names)})
        return self.get(case_id)

    # ------------------------------------------------------------------ decisions
    def issue_notice(self, case_id: int, actor: Actor) -> Case:
        """一次性告知: record what is missing; the notice lists it once and completely."""
        self._require_clerk(actor)
        with self._db.write():
            row = self._row(case_id)
            case = Case.from_row(row, store.materials(self._db, case_id))
            missing = [m.name for m in case.missing]
            self._transition(row, "issue_notice", actor, {
                "received_at": row["received_at"] or to_iso(self._clock.now())},
                {"missing": missing})
            append(self._db, self._clock, actor, row["uuid"], EventType.NOTICE_ISSUED, {
                "item": self._item_payload(case), "missing": missing,
                "issued_at": to_iso(self._clock.now())})
        return self.get(case_id)

    def accept(self, case_id: int, actor: Actor) -> Case:
        """受理: number the case, set its deadline, and queue it for the county."""
        self._require_clerk(actor)
        with self._db.write():
            row = self._row(case_id)
            self._check_allowed(row, "accept")  # before the materials: say what is wrong
            case = Case.from_row(row, store.materials(self._db, case_id))
            if case.blocking:
                names = "、".join(m.name for m in case.blocking)
                raise Conflict(_("材料不齐，不能受理：缺少{names}。请打印一次性告知单").format(
                    names=names))
            if case.first_contact_staff_id is None and actor.staff_id is None:
                raise InvalidInput(_("请指定受理人（首问责任人）"))
            day = self.today()
            serial = store.next_serial(self._db, day.isoformat())
            if serial > MAX_DAILY_SERIAL:
                raise Conflict(_("今天受理的办件已达上限（9999件）"))
            number = make_case_number(self._center_code(), day, serial)
            deadline, provisional = self._deadline(case, day)
            now = to_iso(self._clock.now())
            changes: Row = {
                "case_number": number, "tracking_token": make_tracking_token(),
                "accept_date": day.isoformat(), "serial": serial, "accepted_at": now,
                "deadline": deadline.isoformat() if deadline else None,
                "deadline_provisional": int(provisional),
                "first_contact_staff_id": case.first_contact_staff_id or actor.staff_id,
                "received_at": row["received_at"] or now,
            }
            row = self._transition(row, "accept", actor, changes,
                                   {"deferred": [m.name for m in case.missing]})
            accepted = Case.from_row(row, store.materials(self._db, case_id))
            on_the_spot = self._decided_here(accepted)
            append(self._db, self._clock, actor, row["uuid"], EventType.CASE_ACCEPTED,
                   self._intake_payload(accepted, on_the_spot))
            if on_the_spot:
                self._transition(row, "complete_on_the_spot", actor, {"completed_at": now})
        return self.get(case_id)

    def _decided_here(self, case: Case) -> bool:
        """即办件 decided by this center itself close the same day at the window."""
        return case.item.on_the_spot and case.item.decided_at == self._center_level()

    def _deadline(self, case: Case, day: dt.date) -> tuple[dt.date | None, bool]:
        if case.item.promised_days is None:
            return None, False
        deadline = self._calendar.work.add_working_days(day, case.item.promised_days)
        return deadline.date, deadline.provisional

    def not_accept(self, case_id: int, reason: str, competent_office: str,
                   actor: Actor) -> Case:
        """不予受理: a reason and the competent office are required (否定报备)."""
        self._require_clerk(actor)
        reason = clean_text(reason, field=_("不予受理的理由"), max_length=500,
                            allow_newlines=True)
        office = clean_text(competent_office, field=_("应去的部门"), max_length=100)
        with self._db.write():
            row = self._row(case_id)
            row = self._transition(row, "not_accept", actor, {
                "reason": reason, "competent_office": office,
                "completed_at": to_iso(self._clock.now())})
            case = Case.from_row(row, store.materials(self._db, case_id))
            append(self._db, self._clock, actor, row["uuid"], EventType.CASE_NOT_ACCEPTED, {
                "case_number": None, "item": self._item_payload(case),
                "applicant": self._applicant_payload(case), "reason": reason,
                "competent_office": office, "decided_at": to_iso(self._clock.now())})
        return self.get(case_id)

    def withdraw(self, case_id: int, reason: str, actor: Actor) -> Case:
        self._require_clerk(actor)
        reason = clean_text(reason, field=_("撤回原因"), max_length=200)
        with self._db.write():
            row = self._row(case_id)
            row = self._transition(row, "withdraw", actor, {
                "reason": reason, "completed_at": to_iso(self._clock.now())})
            if has_events(self._db, row["uuid"]):
                append(self._db, self._clock, actor, row["uuid"], EventType.CASE_WITHDRAWN, {
                    "case_number": row["case_number"], "reason": reason,
                    "withdrawn_at": to_iso(self._clock.now())})
        return self.get(case_id)

    def supply(self, case_id: int, names: list[str], actor: Actor) -> Case:
        """The resident brought what the county asked for: the deadline clock runs again."""
        self._require_clerk(actor)
        with self._db.write():
            row = self._row(case_id)
            if not names:
                raise InvalidInput(_("请选择补交的材料"))
            cleaned = [clean_text(n, field=_("材料名称"), max_length=100) for n in names]
            changes = self._restart_clock(row)
            row = self._transition(row, "supply", actor, changes, {"materials": cleaned})
            append(self._db, self._clock, actor, row["uuid"], EventType.MATERIALS_SUPPLIED, {
                "case_number": row["case_number"], "materials": cleaned,
                "supplied_at": to_iso(self._clock.now())})
        return self.get(case_id)

    def _restart_clock(self, row: Row) -> Row:
        if not row["clock_stopped_on"] or not row["deadline"]:
            return {"clock_stopped_on": None}
        work = self._calendar.work
        stopped = dt.date.fromisoformat(row["clock_stopped_on"])
        paused = max(0, work.working_days_left(stopped, self.today()))
        old = dt.date.fromisoformat(row["deadline"])
        moved = work.add_working_days(old, paused) if paused else None
        if moved is None:
            return {"clock_stopped_on": None}
        return {"clock_stopped_on": None, "deadline": moved.date.isoformat(),
                "deadline_provisional": int(bool(row["deadline_provisional"])
                                            or moved.provisional)}

    def pick_up(self, case_id: int, actor: Actor, by: str = "本人") -> Case:
        """Hand the result over at the window (一个窗口办结取件)."""
        self._require_clerk(actor)
        by = clean_text(by, field=_("领取人"), max_length=30)
        with self._db.write():
            row = self._row(case_id)
            row = self._transition(row, "pick_up", actor,
                                   {"completed_at": to_iso(self._clock.now())}, {"by": by})
            append(self._db, self._clock, actor, row["uuid"], EventType.CASE_PICKED_UP, {
                "case_number": row["case_number"], "picked_up_at": to_iso(self._clock.now()),
                "by": by})
        return self.get(case_id)

    def calendar_deadline(self, working_days: int) -> Deadline:
        """Today plus ``working_days`` working days."""
        return self._calendar.work.add_working_days(self.today(), working_days)

    def timeline(self, case_id: int) -> list[dict[str, Any]]:
        rows = store.events(self._db, case_id)
        for row in rows:
            row["detail"] = json.loads(row["detail"])
        return rows

    # ------------------------------------------------------------------ upstream
    def apply_feedback(self, case_uuid: str, action: str, changes: Row,
                       detail: dict[str, Any]) -> Case | None:
        """Apply one hub decision (from the feed) inside the caller's transaction.

        The hub owns every status once it has the case; a decision that does not fit the
        local state is kept in the timeline (action ``hub_ignored``) for staff to see.
        """
        row = store.by_uuid(self._db, case_uuid)
        if row is None:
            return None
        actor = Actor.sync()
        allowed, _target = TRANSITIONS[action]
        if CaseState(row["state"]) not in allowed:
            now = to_iso(self._clock.now())
            store.insert_event(self._db, {
                "case_id": row["id"], "at": max(now, str(row["state_since"])),
                "action": "hub_ignored", "from_state": row["state"], "to_state": row["state"],
                "staff_id": None, "on_behalf_of": None,
                "detail": canonical_json({"hub_action": action, **detail})})
            record(self._db, self._clock, actor, "case.hub_ignored", "case", row["id"],
                   {"hub_action": action})
        else:
            if action == "hub_supplement":
                changes = {**changes, "clock_stopped_on": self.today().isoformat()}
            self._transition(row, action, actor, changes, detail)
        return Case.from_row(store.by_uuid(self._db, case_uuid) or row,
                             store.materials(self._db, row["id"]))

    def mark_submitted(self, case_uuid: str) -> None:
        """The hub acknowledged the intake (inside the sync engine's transaction)."""
        row = store.by_uuid(self._db, case_uuid)
        if row is not None and row["state"] == CaseState.ACCEPTED.value:
            self._transition(row, "submitted", Actor.sync())

    # ------------------------------------------------------------------ payloads
    def _item_payload(self, case: Case) -> dict[str, Any]:
        return {"code": case.item.code, "name": case.item.name,
                "catalog_version": case.catalog_version,
                "promised_days": case.item.promised_days}

    def _applicant_payload(self, case: Case) -> dict[str, Any]:
        return {"name": case.applicant_name, "id_type": case.applicant_id_type.value,
                "id_number": case.applicant_id_number, "phone": case.applicant_phone,
                "address": case.applicant_address}

    def _intake_payload(self, case: Case, on_the_spot: bool) -> dict[str, Any]:
        contact = staff_store.by_id(self._db, case.first_contact_staff_id or 0)
        ticket = ticket_store.by_id(self._db, case.ticket_id) if case.ticket_id else None
        agent = None
        if case.agent_relation:
            agent = {"name": case.agent_name, "relation": case.agent_relation}
        return {
            "case_number": case.case_number, "tracking_token": case.tracking_token,
            "item": self._item_payload(case), "applicant": self._applicant_payload(case),
            "agent": agent,
            "materials": [{"name": m.name, "received": m.received,
                           "deferred": not m.received and
                           m.requirement is Requirement.DEFERRABLE}
                          for m in case.materials],
            "accepted_at": to_iso(case.accepted_at) if case.accepted_at else None,
            "deadline": case.deadline.isoformat() if case.deadline else None,
            "deadline_provisional": case.deadline_provisional,
            "first_contact_staff": contact["name"] if contact else "",
            "ticket_number": ticket["number"] if ticket else None,
            "completed_on_the_spot": on_the_spot,
        }
