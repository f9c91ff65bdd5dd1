"""The public page behind the receipt's QR code: useful to the resident, useless to others."""

from __future__ import annotations

import requests

from tests.hub.hubkit import (
    ADDRESS,
    APPLICANT_NAME,
    ID_NUMBER,
    PHONE,
    CenterClient,
    HubProcess,
    accepted,
)

TOKEN = "K7Q2MX"


def _page(hub: HubProcess, code: str, *, json: bool = False) -> requests.Response:
    headers = {"Accept": "application/json"} if json else {}
    return requests.get(hub.url(f"/t/{code}"), headers=headers, timeout=10)


def test_the_page_shows_item_state_dates_and_the_masked_name_only(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number, token=TOKEN, deadline="2027-03-04")])
    assert hub.cli("case", "receive", number).code == 0
    r = _page(hub, number + TOKEN)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.headers["Cache-Control"] == "no-store"
    page = r.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    for shown in ("城乡居民基本养老保险参保登记", "欧**红", "上级已接收，正在办理",
                  "2027-03-01", "2027-03-04"):
        assert shown in page
    for hidden in (APPLICANT_NAME, ID_NUMBER, ID_NUMBER[-4:], PHONE, PHONE[-4:], ADDRESS[:6],
                   "李代办", "王小明", village.code + " ", "H20"):
        assert hidden not in page


def test_the_json_form_has_exactly_the_public_fields(hub: HubProcess,
                                                    village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number, token=TOKEN)])
    body = _page(hub, number + TOKEN.lower(), json=True).json()
    assert body == {
        "item": "城乡居民基本养老保险参保登记", "state": "submitted",
        "state_label": "已上报，等待上级接收", "accepted_date": "2027-03-01",
        "deadline": "2027-03-04", "deadline_provisional": False,
        "updated_at": body["updated_at"], "applicant": "欧**红",
    }


def test_wrong_token_unknown_case_and_bad_format_get_the_same_404(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number, token=TOKEN)])
    wrong_token = _page(hub, number + "ABCDEF")
    unknown = _page(hub, village.case_number() + TOKEN)
    malformed = _page(hub, "12345")
    for r in (wrong_token, unknown, malformed):
        assert r.status_code == 404
        assert "未查到该办件" in r.text
        assert '<meta name="viewport"' in r.text
    assert wrong_token.text == unknown.text == malformed.text
    assert _page(hub, number + "ABCDEF", json=True).json() == {
        "error": "not_found", "message": "未查到该办件"}


SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def test_every_answer_of_the_page_carries_the_browser_safety_headers(
        hub: HubProcess, village: CenterClient) -> None:
    number = village.case_number()
    village.push_ok([accepted(number, token=TOKEN)])
    for r in (_page(hub, number + TOKEN), _page(hub, number + TOKEN, json=True),
              _page(hub, number + "ABCDEF"), _page(hub, number + "ABCDEF", json=True)):
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value, (name, r.status_code)
        policy = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "script-src" not in policy  # no script may run on the page at all


def test_a_browser_gets_a_chinese_error_page_not_json(hub: HubProcess) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    for method, path, status in (("GET", "/t/", 404), ("GET", "/", 404),
                                 ("POST", "/t/330110101001202703010001XK7Q2MX", 405)):
        r = requests.request(method, hub.base + path, headers=browser, timeout=10)
        assert r.status_code == status
        assert r.headers["Content-Type"].startswith("text/html")
        assert '<html lang="zh-CN">' in r.text
        assert '<meta name="viewport"' in r.text
        assert "{" not in r.text.split("<body>")[1]  # no JSON shown to a resident
        assert r.headers["X-Bianmin-Protocol"] == "1"
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value
    # The protocol's own clients still get JSON errors.
    r = requests.get(hub.base + "/", headers={"Accept": "application/json"}, timeout=10)
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"
