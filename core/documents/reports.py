"""A4 daily and monthly figures for the center head: queue, waits and service times per
group, cases by state, overdue cases (number and item only), ratings and follow-ups.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from core.documents import blocks
from core.documents.content import (
    RATING_LEVELS,
    DailyReport,
    DayRow,
    GroupFigures,
    MonthlyReport,
    ReportFigures,
)
from core.documents.fonts import GlyphCheck
from core.documents.formatting import date_text, datetime_text, minutes_text
from core.documents.styles import Styles, styles
from core.i18n import _

BASE = 10.0


def daily(doc: DailyReport, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE)
    period = _("统计日期：{day}").format(day=date_text(doc.day))
    head = _header(_("便民服务中心日报"), doc.center_name, period, st, g)
    generated = datetime_text(doc.generated_at, doc.tz)
    return [*head, *_figures(doc.figures, st, g, width), *_generated(generated, st, g)]


def monthly(doc: MonthlyReport, width: float, g: GlyphCheck) -> list[Flowable]:
    st = styles(BASE)
    period = _("统计月份：{year}年{month}月").format(year=doc.year, month=doc.month)
    story = _header(_("便民服务中心月报"), doc.center_name, period, st, g)
    story += _figures(doc.figures, st, g, width)
    if doc.days:
        story += [blocks.heading(_("六、逐日情况"), st, g), _days_table(doc.days, st, g, width)]
    return [*story, *_generated(datetime_text(doc.generated_at, doc.tz), st, g)]


def _header(title: str, center: str, period: str, st: Styles, g: GlyphCheck) -> list[Flowable]:
    return [
        blocks.title(title, 20, g, space_after=2),
        blocks.para(center, st.big_center, g),
        blocks.para(period, st.center, g),
        *blocks.double_rule(before=4),
    ]


def _generated(when: str, st: Styles, g: GlyphCheck) -> list[Flowable]:
    line = _("生成时间：{time}。本表不含个人信息。").format(time=when)
    return [blocks.gap(st.base), blocks.para(line, st.small, g)]


def _figures(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> list[Flowable]:
    return [
        blocks.heading(_("一、排队取号"), st, g),
        _queue_table(f, st, g, width),
        blocks.para(_("时间单位：分钟；“—”表示当期无数据。"), st.small, g),
        blocks.heading(_("二、办件状态"), st, g),
        _states_table(f, st, g, width),
        blocks.heading(_("三、超期办件（共 {count} 件）").format(count=len(f.overdue)), st, g),
        *_overdue(f, st, g, width),
        blocks.heading(_("四、好差评"), st, g),
        _ratings_table(f, st, g, width),
        blocks.heading(_("五、差评回访"), st, g),
        _follow_ups_table(f, st, g, width),
    ]


def _queue_row(row: GroupFigures) -> list[str]:
    return [
        row.group_name,
        str(row.issued),
        str(row.served),
        str(row.no_show),
        minutes_text(row.avg_wait_min),
        minutes_text(row.median_wait_min),
        minutes_text(row.avg_service_min),
        minutes_text(row.median_service_min),
    ]


def _queue_table(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> Flowable:
    header = [
        _("业务分组"),
        _("取号"),
        _("已办结"),
        _("过号"),
        _("等候平均"),
        _("等候中位"),
        _("办理平均"),
        _("办理中位"),
    ]
    rows = [_queue_row(r) for r in f.groups]
    if f.total is not None:
        rows.append(_queue_row(f.total))
    if not rows:
        rows = [[_("当期无取号"), "", "", "", "", "", "", ""]]
    first = 38 * mm
    rest = (width - first) / 7
    widths = [first, *([rest] * 7)]
    table = blocks.ruled_table(header, rows, widths, st, g, centered=range(1, 8))
    if f.total is not None:
        table.setStyle([("BACKGROUND", (0, -1), (-1, -1), blocks.TOTAL_FILL)])
    return table


def _states_table(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> Flowable:
    """Two (state, count) pairs per row: ten states fit in five short rows."""
    pairs = [(s.state_label, str(s.count)) for s in f.cases_by_state]
    if len(pairs) % 2 == 0:
        pairs.append(("", ""))  # so that the total lands in the last cell
    pairs.append((_("合计"), str(sum(s.count for s in f.cases_by_state))))
    half = (len(pairs) + 1) // 2
    rows = [[*pairs[i], *pairs[i + half]] for i in range(half)]
    widths = [width * 0.32, width * 0.18] * 2
    header = [_("状态"), _("件数"), _("状态"), _("件数")]
    return blocks.ruled_table(header, rows, widths, st, g, centered=(1, 3))


def _overdue(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> list[Flowable]:
    if not f.overdue:
        return [blocks.para(_("无超期办件。"), st.body, g)]
    rows = [
        [str(i), c.case_number, c.item_name, date_text(c.deadline), str(c.overdue_days)]
        for i, c in enumerate(f.overdue, start=1)
    ]
    widths = [12 * mm, 62 * mm, width - 130 * mm, 34 * mm, 22 * mm]
    header = [_("序号"), _("办件编号"), _("事项"), _("办结期限"), _("超期工作日")]
    return [blocks.ruled_table(header, rows, widths, st, g, centered=(0, 3, 4))]


def _ratings_table(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> Flowable:
    counts = [f.rating_count(level) for level in RATING_LEVELS]
    header = [*RATING_LEVELS, _("合计")]
    rows = [[*(str(c) for c in counts), str(sum(counts))]]
    return blocks.ruled_table(header, rows, [width / 6] * 6, st, g, centered=range(6))


def _follow_ups_table(f: ReportFigures, st: Styles, g: GlyphCheck, width: float) -> Flowable:
    header = [_("本期新增回访"), _("本期办结回访"), _("期末未办结")]
    rows = [[str(f.follow_ups_opened), str(f.follow_ups_closed), str(f.follow_ups_open)]]
    return blocks.ruled_table(header, rows, [width / 3] * 3, st, g, centered=range(3))


def _days_table(days: tuple[DayRow, ...], st: Styles, g: GlyphCheck, width: float) -> Flowable:
    header = [_("日期"), _("取号"), _("已办结"), _("过号"), _("受理办件")]
    rows = [
        [date_text(d.day), str(d.issued), str(d.served), str(d.no_show), str(d.cases_accepted)]
        for d in days
    ]
    first = 44 * mm
    rest = (width - first) / 4
    return blocks.ruled_table(header, rows, [first, *([rest] * 4)], st, g, centered=range(5))
