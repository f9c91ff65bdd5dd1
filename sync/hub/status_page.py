"""The public page a resident reaches by scanning the receipt's QR code with a phone.

It shows the item, the state in plain Chinese, the dates and the masked name, and nothing
else: no ID number, phone, address, center staff or hub notes. Unknown case, wrong token
and malformed code all get the same "not found" page.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html

from core.clock import local
from core.i18n import _
from core.masking import mask_name
from sync.hub.cases import label
from sync.hub.records import Case
from sync.protocol import JsonObject

NOT_FOUND = _("未查到该办件")

_STYLE = """
body { margin: 0; padding: 1rem; font-family: "WenQuanYi Micro Hei", "Microsoft YaHei",
  "PingFang SC", sans-serif; font-size: 22px; line-height: 1.6; color: #111; background: #fff; }
main { max-width: 36rem; margin: 0 auto; }
h1 { font-size: 30px; margin: 0.5rem 0 1rem; }
.state { font-size: 30px; font-weight: bold; padding: 0.75rem 1rem; margin: 0 0 1rem;
  border: 3px solid #0b4f8a; border-radius: 0.5rem; color: #0b3d6b; background: #eef5fc; }
dl { margin: 0; }
dt { color: #444; font-size: 20px; margin-top: 0.75rem; }
dd { margin: 0; font-size: 24px; font-weight: bold; }
.note { color: #333; font-size: 20px; margin-top: 1.5rem; }
"""

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>{style}</style>
</head>
<body><main>
{body}
</main></body>
</html>
"""

_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")

# Sent with every answer outside the sync API (the page, its errors): nothing but this
# page's own style may load or run, no framing, no caching, no sniffing, no referrer.
PAGE_HEADERS = {
    "Content-Security-Policy": (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; "
                                "img-src 'none'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'"),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex",
}


def _render(title: str, body: str) -> str:
    return _PAGE.format(title=html.escape(title), style=_STYLE, body=body)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
        return local(moment).date().isoformat() if moment.tzinfo else moment.date().isoformat()
    except (ValueError, OverflowError):
        # An older hub let in times no calendar can convert (year 9999): show them as sent.
        return value[:10]


def _minute(value: str) -> str:
    try:
        return local(dt.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError):
        return value[:16].replace("T", " ")


def status_json(case: Case) -> JsonObject:
    return {
        "item": case.item_name,
        "state": case.state,
        "state_label": label(case.state),
        "accepted_date": _date(case.accepted_at),
        "deadline": case.deadline,
        "deadline_provisional": case.deadline_provisional,
        "updated_at": case.updated_at,
        "applicant": mask_name(case.applicant_name),
    }


def status_html(case: Case) -> str:
    deadline = case.deadline or _("—")
    if case.deadline and case.deadline_provisional:
        deadline += _("（暂定，以正式节假日安排为准）")
    rows = [
        (_("事项"), case.item_name),
        (_("申请人"), mask_name(case.applicant_name)),
        (_("受理日期"), _date(case.accepted_at) or _("—")),
        (_("承诺办结日期"), deadline),
        (_("最近更新"), _minute(case.updated_at)),
    ]
    items = "\n".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
    body = (f"<h1>{html.escape(_('办件进度'))}</h1>\n"
            f"<p class=\"state\">{html.escape(label(case.state))}</p>\n<dl>\n{items}\n</dl>\n"
            f"<p class=\"note\">{html.escape(_('如有疑问，请带上受理回执到受理窗口咨询。'))}</p>")
    return _render(_("办件进度查询"), body)


def not_found_html() -> str:
    body = (f"<h1>{html.escape(NOT_FOUND)}</h1>\n<p class=\"note\">"
            f"{html.escape(_('请核对回执上的二维码或查询码，或到受理窗口咨询。'))}</p>")
    return _render(NOT_FOUND, body)


def too_often(seconds: int) -> str:
    return _("查询太频繁，请{minutes}分钟后再试").format(minutes=max(1, -(-seconds // 60)))


def error_html(message: str) -> str:
    """A page for a browser that reached something other than a case (or too often)."""
    body = (f"<h1>{html.escape(message)}</h1>\n<p class=\"note\">"
            f"{html.escape(_('如需查询办件进度，请扫描受理回执上的二维码，或到受理窗口咨询。'))}</p>")
    return _render(message, body)
