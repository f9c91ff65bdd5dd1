"""The hub's operations, one transaction each: what the HTTP API and the CLI call.

Nothing here knows HTTP or argparse; errors are :class:`~sync.protocol.ProtocolError`
(answered to a center) or :class:`~core.errors.UserFacingError` (shown to county staff).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from pathlib import Path

from core.case_numbers import split_tracking_code
from core.center_info import Level, parse_center_code
from core.clock import Clock, SystemClock, business_date, to_iso
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import _
from core.passwords import hash_password
from core.text import clean_text, optional_text
from sync.hub import auth, cases, feed, ingest, publishing
from sync.hub.limits import Limits, LoginGuard, locked_error
from sync.hub.records import Case, Center, FeedRow, StatsRow, StoredAnchor, StoredEvent
from sync.hub.store import Store
from sync.protocol import (
    Batch,
    BatchResult,
    CaseState,
    ErrorCode,
    FeedPage,
    JsonObject,
    LoginRequest,
    Ping,
    ProtocolError,
    Snapshot,
    StatsReport,
    TokenPair,
)

OPEN_STATES = (CaseState.SUBMITTED, CaseState.RECEIVED, CaseState.SUPPLEMENT_REQUESTED,
               CaseState.APPROVED, CaseState.READY_FOR_PICKUP)


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    events: list[StoredEvent]
    feed: list[FeedRow]


@dataclass(frozen=True)
class CenterOverview:
    center: Center
    stats: StatsRow | None
    open_cases: int
    overdue: int
    waiting_supplement: int
    ratings: dict[str, int]


# Stats reports kept per center (the latest is what `bianmin-hub stats` shows); at the
# clients' default 5-minute sync this is about 1.7 days of figures.
DEFAULT_STATS_KEEP = 500


class Hub:
    def __init__(self, store: Store, *, clock: Clock | None = None,
                 access_ttl: int = auth.DEFAULT_ACCESS_TTL, limits: Limits | None = None,
                 stats_keep: int = DEFAULT_STATS_KEEP) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        self.lifetimes = auth.Lifetimes(access=dt.timedelta(seconds=access_ttl))
        self.guard = LoginGuard(limits or Limits())
        self.stats_keep = stats_keep

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None,
             access_ttl: int = auth.DEFAULT_ACCESS_TTL, limits: Limits | None = None,
             stats_keep: int = DEFAULT_STATS_KEEP) -> Hub:
        return cls(Store.in_dir(data_dir), clock=clock, access_ttl=access_ttl, limits=limits,
                   stats_keep=stats_keep)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> dt.datetime:
        return self.clock.now()

    # ------------------------------------------------------------ sync API

    def ping(self) -> Ping:
        return Ping(server_time=to_iso(self.now()))

    def login(self, request: LoginRequest) -> TokenPair:
        """A token pair for the right password; ten wrong ones in a row lock the account
        (an existing one in the database, so the county can lift it: :meth:`unlock`)."""
        now = self.now()
        with self.store.read() as tx:
            found = tx.center(request.account)
        locked = found.locked_until if found else None
        until = dt.datetime.fromisoformat(locked) if locked else \
            self.guard.ghost_lock(request.account) if found is None else None
        if until is not None and until > now:
            raise locked_error(until, now)
        # The slow password check runs outside any transaction.
        try:
            center = auth.check_password(found, request.password)
        except ProtocolError as wrong:
            if wrong.code is ErrorCode.BAD_CREDENTIALS:
                self._count_failure(request.account, found, now)
            raise
        self.guard.succeeded(request.account)
        with self.store.write() as tx:
            return auth.issue_pair(tx, center, family=None, device_id=request.device_id,
                                   now=self.now(), lifetimes=self.lifetimes)

    def _count_failure(self, account: str, found: Center | None, now: dt.datetime) -> None:
        until = self.guard.failed(account, now)
        if until is not None and found is not None:
            with self.store.write() as tx:
                tx.set_locked_until(found.code, to_iso(until))

    def refresh(self, refresh_token: str) -> TokenPair:
        with self.store.write() as tx:
            result = auth.rotate(tx, refresh_token, now=self.now(), lifetimes=self.lifetimes)
        if isinstance(result, ProtocolError):
            raise result
        return result

    def authenticate(self, access_token: str) -> str:
        """The code of the center an access token speaks for."""
        with self.store.read() as tx:
            center, token = auth.authenticate(tx, access_token, self.now())
        if token.used_at is None:
            # Once per access token: proof its pair reached the client (see auth.rotate).
            with self.store.write() as tx:
                tx.mark_used(token.token_hash, to_iso(self.now()))
        return center.code

    def ingest(self, center_code: str, batch: Batch) -> BatchResult:
        with self.store.write() as tx:
            return ingest.ingest(tx, center_code, batch, self.now())

    def feed_page(self, center_code: str, after: str | None, limit: int) -> FeedPage:
        with self.store.read() as tx:
            return feed.page(tx, center_code, after, limit)

    def snapshot(self, center_code: str) -> Snapshot:
        with self.store.read() as tx:
            return feed.snapshot(tx, center_code)

    def record_stats(self, center_code: str, report: StatsReport) -> str:
        """Keep a center's report; only its :attr:`stats_keep` latest are kept."""
        received = to_iso(self.now())
        with self.store.write() as tx:
            tx.add_stats(center_code, report.at, report.to_wire(), received)
            tx.prune_stats(center_code, self.stats_keep)
        return received

    def status(self, tracking_code: str) -> Case | None:
        """The case a resident's tracking code names, or ``None`` (never says why)."""
        parts = split_tracking_code(tracking_code)
        number, token = parts if parts else ("", "")
        with self.store.read() as tx:
            case = tx.case_by_number(number) if parts else None
        expected = case.tracking_hash if case and case.tracking_hash else "0" * 64
        # Constant-time comparison of hashes, computed even when nothing was found.
        if hmac.compare_digest(ingest.tracking_hash(number, token), expected) and case:
            return case
        return None

    # ------------------------------------------------------------ administration

    def add_center(self, code: str, name: str) -> str:
        """Create a center account; returns its initial password (shown once)."""
        code = code.strip()
        level = Level.TOWNSHIP if code.endswith("000") else Level.VILLAGE
        code = parse_center_code(code, level)
        name = clean_text(name, field=_("中心名称"), max_length=100)
        password = auth.generate_password()
        with self.store.write() as tx:
            if tx.center(code) is not None:
                raise Conflict(_("中心{code}已经存在").format(code=code))
            tx.add_center(code, name, hash_password(password), to_iso(self.now()))
            feed.seed_center(tx, code, to_iso(self.now()))
        return password

    def _existing(self, code: str) -> Center:
        with self.store.read() as tx:
            center = tx.center(code.strip())
        if center is None:
            raise NotFound(_("没有这个中心：{code}").format(code=code))
        return center

    def reset_password(self, code: str) -> str:
        center = self._existing(code)
        password = auth.generate_password()
        with self.store.write() as tx:
            tx.set_password(center.code, hash_password(password))
            tx.revoke_center_tokens(center.code, to_iso(self.now()))
            tx.set_locked_until(center.code, None)  # a new password lifts a lockout
        return password

    def unlock(self, code: str) -> bool:
        """Lift a login lockout; whether the account was locked."""
        center = self._existing(code)
        locked = center.locked_until is not None and \
            dt.datetime.fromisoformat(center.locked_until) > self.now()
        with self.store.write() as tx:
            tx.set_locked_until(center.code, None)
        return locked

    def revoke_center(self, code: str) -> None:
        center = self._existing(code)
        with self.store.write() as tx:
            tx.set_revoked(center.code)

    def reset_feed(self, code: str) -> int:
        with self.store.write() as tx:
            return feed.reset(tx, code.strip())

    def anchors(self, code: str) -> list[StoredAnchor]:
        """A center's audit anchors in the order received, each with its fork verdict."""
        center = self._existing(code)
        with self.store.read() as tx:
            return tx.anchors(center.code)

    def anchor_forks(self) -> dict[str, int]:
        with self.store.read() as tx:
            return tx.anchor_forks()

    def centers(self) -> list[Center]:
        with self.store.read() as tx:
            return tx.centers()

    def cases(self, *, center_code: str | None = None, state: str | None = None) -> list[Case]:
        if state is not None and state not in set(CaseState):
            raise InvalidInput(_("没有这个状态：{state}（可选：{states}）").format(
                state=state, states="、".join(CaseState)))
        with self.store.read() as tx:
            return tx.cases(center_code=center_code, state=state)

    def case_detail(self, case_number: str) -> CaseDetail:
        with self.store.read() as tx:
            case = cases.by_number(tx, case_number)
            return CaseDetail(case, tx.events_of_case(case.case_id),
                              tx.feed_of_case(case.case_id))

    def receive(self, case_number: str) -> None:
        with self.store.write() as tx:
            cases.receive(tx, cases.by_number(tx, case_number), self.now())

    def request_supplement(self, case_number: str, materials: list[str],
                           reason: str | None) -> None:
        names = [clean_text(m, field=_("材料名称"), max_length=200) for m in materials]
        if not names:
            raise InvalidInput(_("请用 --materials 列出需要补正的材料"))
        reason = optional_text(reason, field=_("原因"), max_length=1000, allow_newlines=True)
        with self.store.write() as tx:
            cases.request_supplement(tx, cases.by_number(tx, case_number), names, reason,
                                     self.now())

    def approve(self, case_number: str, result: str) -> None:
        result = clean_text(result, field=_("办理结果"), max_length=1000, allow_newlines=True)
        with self.store.write() as tx:
            cases.approve(tx, cases.by_number(tx, case_number), result, self.now())

    def deny(self, case_number: str, reason: str | None) -> None:
        if reason is None:
            raise InvalidInput(_("不予批准必须用 --reason 说明原因"))
        reason = clean_text(reason, field=_("原因"), max_length=1000, allow_newlines=True)
        with self.store.write() as tx:
            cases.deny(tx, cases.by_number(tx, case_number), reason, self.now())

    def ready(self, case_number: str, place: str, note: str | None) -> None:
        place = clean_text(place, field=_("取件地点"), max_length=200)
        note = optional_text(note, field=_("说明"), max_length=1000, allow_newlines=True)
        with self.store.write() as tx:
            cases.ready(tx, cases.by_number(tx, case_number), place, note, self.now())

    def publish_catalog(self, items: object) -> tuple[int, int]:
        checked = publishing.check_catalog(items)
        with self.store.write() as tx:
            return publishing.publish_catalog(tx, checked, self.now())

    def publish_calendar(self, doc: object) -> tuple[JsonObject, int]:
        payload = publishing.calendar_days(doc)
        with self.store.write() as tx:
            return payload, publishing.publish_calendar(tx, payload, self.now())

    def overview(self) -> list[CenterOverview]:
        """Per center: the last stats report and the hub's own view of its cases."""
        today = business_date(self.now()).isoformat()
        with self.store.read() as tx:
            centers, latest, ratings = tx.centers(), tx.latest_stats(), tx.ratings()
            all_cases = tx.cases()
        rows = []
        for center in centers:
            mine = [c for c in all_cases
                    if c.center_code == center.code and c.state in OPEN_STATES]
            rows.append(CenterOverview(
                center, latest.get(center.code), len(mine),
                sum(1 for c in mine if c.deadline and c.deadline < today
                    and c.state != CaseState.READY_FOR_PICKUP),
                sum(1 for c in mine if c.state == CaseState.SUPPLEMENT_REQUESTED),
                ratings.get(center.code, {}),
            ))
        return rows
