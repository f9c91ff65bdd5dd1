"""Publishing the item catalog and the holiday calendar to every center's feed.

Files are checked whole before anything is written; the first problem is named in Chinese
and nothing is published.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from core.catalog_model import parse_aliases
from core.clock import to_iso
from core.errors import Conflict, InvalidInput
from core.i18n import _
from core.text import clean_text
from sync.hub import feed
from sync.hub.store import Tx
from sync.protocol import FeedType, JsonObject, payload_hash


def read_json_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(_("无法读取文件 {path}：{reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    except UnicodeDecodeError:
        raise InvalidInput(_("文件 {path} 不是 UTF-8 编码的文本").format(path=path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(_("文件 {path} 不是有效的 JSON（第{line}行第{col}列）").format(
            path=path, line=exc.lineno, col=exc.colno)) from None


def check_catalog(items: object) -> list[JsonObject]:
    """A non-empty list of items, each with a unique ``code``, a ``name``, ``materials``
    and, if it has them, well-formed ``aliases`` (everyday names)."""
    if not isinstance(items, list) or not items:
        raise InvalidInput(_("事项目录必须是非空的列表"))
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        where = _("第{n}个事项").format(n=number)
        if not isinstance(item, dict):
            raise InvalidInput(_("{where}不是对象").format(where=where))
        for key, longest in (("code", 64), ("name", 200)):
            if not isinstance(item.get(key), str):
                raise InvalidInput(_("{where}缺少文字字段“{key}”").format(where=where, key=key))
            clean_text(item[key], field=f"{where}的{key}", max_length=longest)
        if not isinstance(item.get("materials"), list):
            raise InvalidInput(_("{where}（{code}）缺少材料清单“materials”").format(
                where=where, code=item["code"]))
        try:
            parse_aliases(item.get("aliases"))
        except InvalidInput as exc:
            raise InvalidInput(_("{where}（{code}）：{problem}").format(
                where=where, code=item["code"], problem=exc.message)) from None
        if item["code"] in seen:
            raise InvalidInput(_("{where}的编码“{code}”重复").format(
                where=where, code=item["code"]))
        seen.add(item["code"])
    return items


def publish_catalog(tx: Tx, items: list[JsonObject], now: dt.datetime) -> tuple[int, int]:
    """Store a new catalog version and send it to every center: (version, centers)."""
    digest = payload_hash(items)
    latest = tx.latest_catalog()
    if latest is not None and latest["sha256"] == digest:
        raise Conflict(_("目录与当前第{version}版完全相同，没有发布").format(
            version=latest["version"]))
    version = (latest["version"] if latest else 0) + 1
    payload = {"version": version, "sha256": digest, "items": items}
    tx.add_catalog(version, digest, payload, to_iso(now))
    return version, feed.publish_to_all(tx, FeedType.CATALOG_PUBLISHED, payload, to_iso(now))


def _date_in(value: object, year: int, where: str) -> str:
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or len(str(value)) != 10:
        raise InvalidInput(_("{where}不是日期（YYYY-MM-DD）").format(where=where))
    if day.year != year:
        raise InvalidInput(_("{where}（{date}）不在{year}年").format(
            where=where, date=value, year=year))
    return day.isoformat()


def calendar_days(doc: object) -> JsonObject:
    """``{year, source, holidays: [{date, name}], workdays: [date]}`` → a feed payload."""
    if not isinstance(doc, dict):
        raise InvalidInput(_("日历文件必须是对象"))
    year = doc.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidInput(_("日历的 year 必须是2000到2100之间的整数"))
    if not isinstance(doc.get("source"), str):
        raise InvalidInput(_("日历缺少来源说明“source”"))
    source = clean_text(doc["source"], field="source", max_length=500)
    holidays, workdays = doc.get("holidays"), doc.get("workdays")
    if not isinstance(holidays, list) or not isinstance(workdays, list):
        raise InvalidInput(_("日历需要 holidays 和 workdays 两个列表"))
    days: dict[str, JsonObject] = {}
    for n, entry in enumerate(holidays, start=1):
        where = _("第{n}个假日").format(n=n)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise InvalidInput(_("{where}需要 date 和 name").format(where=where))
        date = _date_in(entry.get("date"), year, where)
        name = clean_text(entry["name"], field=where, max_length=50)
        _add_day(days, {"date": date, "working": False, "name": name}, where)
    for n, value in enumerate(workdays, start=1):
        where = _("第{n}个调休上班日").format(n=n)
        _add_day(days, {"date": _date_in(value, year, where), "working": True, "name": None},
                 where)
    return {"year": year, "source": source, "days": [days[d] for d in sorted(days)]}


def _add_day(days: dict[str, JsonObject], day: JsonObject, where: str) -> None:
    if day["date"] in days:
        raise InvalidInput(_("{where}（{date}）重复出现").format(where=where, date=day["date"]))
    days[day["date"]] = day


def publish_calendar(tx: Tx, payload: JsonObject, now: dt.datetime) -> int:
    tx.add_calendar(payload["year"], payload, to_iso(now))
    return feed.publish_to_all(tx, FeedType.CALENDAR_PUBLISHED, payload, to_iso(now))
