"""Masking of names, ID numbers, phones, credit codes and addresses (DESIGN §4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.identity import mod11_2_check
from core.masking import (
    DEFAULT,
    UNMASKED,
    MaskPolicy,
    mask_address,
    mask_credit_code,
    mask_id_number,
    mask_name,
    mask_phone,
)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张小三", "张*三"),
        ("欧阳小红", "欧**红"),
        ("张", "*"),
        ("  李四  ", "李*"),
        ("", ""),
        ("𠮷祥", "𠮷*"),
        ("𠮷小祥", "𠮷*祥"),
        ("王小𠮷", "王*𠮷"),
        ("阿依古丽·买买提", "阿******提"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_name_with_a_variation_selector_counts_as_one_character() -> None:
    # 葛 followed by an ideographic variation selector is one character on screen.
    assert mask_name("葛\U000e0100三") == "葛\U000e0100*"


def test_id_number_keeps_first_6_and_last_4() -> None:
    assert mask_id_number("330106199001011234") == "330106********1234"
    assert mask_id_number("11010519491231002x") == "110105********002X"


def test_legacy_id_number_hides_every_birth_date_digit() -> None:
    assert mask_id_number("110105491231002") == "110105******002"


@pytest.mark.parametrize(
    ("value", "masked"), [("E12345678", "*****5678"), ("1234567", "*******"), ("", "")]
)
def test_other_id_documents_keep_at_most_the_last_4(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    birth = draw(st.dates(dt.date(1900, 1, 1), dt.date(2026, 11, 27)))
    body = "330106" + birth.strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return body + mod11_2_check(body)


@given(id_numbers())
def test_masked_id_never_contains_the_middle_digits(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    assert masked[:6] == number[:6]
    assert masked[-4:] == number[-4:]
    assert set(masked[6:14]) == {"*"}
    assert number[6:14] not in masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("0571-88886666", "********6666"),
        ("110", "***"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_masked_phone_never_contains_the_middle_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[-4:]


def test_mask_credit_code() -> None:
    assert mask_credit_code("91350200776049653A") == "91350200******653A"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("浙江省杭州市余杭区良渚街道某村12号", "浙江省杭州市****"),
        ("某村", "某村****"),
        ("𠮷安县某乡某村3组", "𠮷安县某乡某****"),
        ("", ""),
    ],
)
def test_mask_address(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_policy_turns_masking_off_field_by_field() -> None:
    only_id = MaskPolicy(mask_name=False, mask_phone=False, mask_address=False)
    assert mask_name("张小三", only_id) == "张小三"
    assert mask_phone("13812345678", only_id) == "13812345678"
    assert mask_address("浙江省杭州市余杭区", only_id) == "浙江省杭州市余杭区"
    assert mask_id_number("330106199001011234", only_id) == "330106********1234"
    assert mask_credit_code("91350200776049653A", only_id) == "91350200******653A"


def test_unmasked_policy_shows_everything_and_default_masks_everything() -> None:
    flags = [DEFAULT.mask_name, DEFAULT.mask_id, DEFAULT.mask_phone, DEFAULT.mask_address]
    assert flags == [True] * 4
    assert mask_id_number("330106199001011234", UNMASKED) == "330106199001011234"
    assert mask_credit_code("91350200776049653A", UNMASKED) == "91350200776049653A"
    assert mask_name("张小三", DEFAULT) == "张*三"
