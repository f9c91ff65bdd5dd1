"""The QR payload rule and the refusal of anything shaped like an ID number."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.documents import tracking_payload
from core.documents.qr import QUIET_ZONE, qr_matrix, refuse_personal_data
from core.documents.samples import case_number
from core.errors import BugError

TOKEN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://bm.example.cn", "https://bm.example.cn/t/330110101001202611270007XK7WQ3M"),
        ("https://bm.example.cn/", "https://bm.example.cn/t/330110101001202611270007XK7WQ3M"),
        (
            "https://bm.example.cn/status//",
            "https://bm.example.cn/status/t/330110101001202611270007XK7WQ3M",
        ),
        (None, "330110101001202611270007XK7WQ3M"),
        ("", "330110101001202611270007XK7WQ3M"),
        ("   ", "330110101001202611270007XK7WQ3M"),
    ],
)
def test_tracking_payload(base: str | None, expected: str) -> None:
    assert tracking_payload("330110101001202611270007XK7WQ3M", base) == expected


@pytest.mark.parametrize("code", ["", "  ", "a b", "a/b"])
def test_tracking_payload_rejects_a_malformed_code(code: str) -> None:
    with pytest.raises(BugError):
        tracking_payload(code, None)


@pytest.mark.parametrize(
    "payload",
    [
        "11010519491231002X",  # a valid ID number
        "https://bm.example.cn/t/11010519491231002X",
        "https://bm.example.cn/t/440524188001010014?x=1",
        "110105194912310021ABCDEF",  # followed by letters: still a run of 18
        "11010519491231002x",
        "ID 110105194912310029 (check digit wrong: still personal data)",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits
        "110105491231002",  # legacy 15-digit number
    ],
)
def test_id_numbers_are_refused(payload: str) -> None:
    with pytest.raises(BugError) as raised:
        refuse_personal_data(payload)
    assert "1101" not in str(raised.value) and "4405" not in str(raised.value)


def test_tracking_payload_refuses_an_id_number_as_tracking_code() -> None:
    with pytest.raises(BugError):
        tracking_payload("11010519491231002X", "https://bm.example.cn")


@pytest.mark.parametrize(
    "payload",
    [
        "https://bm.example.cn/r/A012-7K3QW9",
        "13800138000",  # a phone number is not an ID number (and not ours to judge here)
        "123456789012345678",  # 18 digits but no birth date in it
        "330110101001202611270007X",  # a case number: 25 characters
    ],
)
def test_other_payloads_pass(payload: str) -> None:
    refuse_personal_data(payload)


@given(
    day=st.dates(dt.date(2020, 1, 1), dt.date(2099, 12, 31)),
    serial=st.integers(1, 9999),
    center=st.from_regex(r"[1-6][0-9]{11}", fullmatch=True),
    token=st.text(TOKEN_ALPHABET, min_size=6, max_size=6),
    base=st.sampled_from([None, "https://bm.example.cn", "http://10.0.0.2:8080/"]),
)
def test_every_tracking_code_is_accepted(
    day: dt.date, serial: int, center: str, token: str, base: str | None
) -> None:
    code = case_number(day, serial, center) + token
    payload = tracking_payload(code, base)
    assert payload.endswith(code)


def test_matrix_has_a_quiet_zone_of_four_modules() -> None:
    matrix = qr_matrix("https://bm.example.cn/t/330110101001202611270007XK7WQ3M")
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    border = [*matrix[:QUIET_ZONE], *matrix[-QUIET_ZONE:]]
    assert not any(any(row) for row in border)
    assert not any(any(row[:QUIET_ZONE]) or any(row[-QUIET_ZONE:]) for row in matrix)
    # The finder pattern's corner module sits right inside the quiet zone.
    assert matrix[QUIET_ZONE][QUIET_ZONE]


def test_matrix_refuses_personal_data_too() -> None:
    with pytest.raises(BugError):
        qr_matrix("11010519491231002X")
