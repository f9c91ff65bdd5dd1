"""Citizen ID, credit code and mobile checks: published samples and typo-catching properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.errors import InvalidInput
from core.identity import (
    Sex,
    check_credit_code,
    check_id_number,
    credit_code_check,
    mod11_2_check,
    organisation_code_check,
    parse_credit_code,
    parse_id_number,
    parse_mobile,
    upgrade_legacy_id,
)

TODAY = dt.date(2026, 11, 27)
ID_SAMPLE = "11010519491231002X"
OLD_SAMPLE = "440524188001010014"  # check digit right, but born 1880
CREDIT_SAMPLES = ["91350200776049653A", "12441500196720244T", "12440600MB2C07549J"]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


# ------------------------------------------------------------------ strategies


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(["11", "33", "44", "52", "65", "81", "83"]))
    county = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    birth = draw(st.dates(dt.date(1900, 1, 1), TODAY))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    body = province + county + birth.strftime("%Y%m%d") + sequence
    return body + mod11_2_check(body)


@st.composite
def valid_credit_codes(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from("159ANY")) + draw(st.sampled_from(USCC_ALPHABET))
    division = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    org8 = "".join(draw(st.lists(st.sampled_from(USCC_ALPHABET), min_size=8, max_size=8)))
    body = head + division + org8 + organisation_code_check(org8)
    return body + credit_code_check(body)


# ------------------------------------------------------------------ MOD 11-2


def test_mod11_2_weights_for_17_digits_are_the_gb11643_weights() -> None:
    # A single 1 at position i makes the sum equal that position's weight.
    for i, weight in enumerate(ID_WEIGHTS):
        digits = "0" * i + "1" + "0" * (16 - i)
        assert mod11_2_check(digits) == "10X98765432"[weight % 11]


def test_mod11_2_is_generic_over_length_for_case_numbers() -> None:
    body = "330110101001" + "20261127" + "0007"
    check = mod11_2_check(body)
    assert check in "0123456789X"
    # Pure ISO 7064 MOD 11-2: with the check character at weight 1, the sum is 1 mod 11.
    total = sum(int(c) * pow(2, len(body) - i, 11) for i, c in enumerate(body))
    assert (total + (10 if check == "X" else int(check))) % 11 == 1


@pytest.mark.parametrize("bad", ["", "12a4", "١٢٣"])
def test_mod11_2_refuses_non_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="ASCII digits"):
        mod11_2_check(bad)


@pytest.mark.parametrize("sample", [ID_SAMPLE, OLD_SAMPLE])
def test_published_samples_have_the_right_check_character(sample: str) -> None:
    assert mod11_2_check(sample[:17]) == sample[17]


# ------------------------------------------------------------------ citizen ID


def test_published_sample_is_valid_with_birth_date_and_sex() -> None:
    result = check_id_number(ID_SAMPLE, today=TODAY)
    assert result.valid
    assert result.reason is None
    assert result.normalized == ID_SAMPLE
    assert result.birth_date == dt.date(1949, 12, 31)
    assert result.sex is Sex.FEMALE
    assert not result.legacy


@pytest.mark.parametrize(
    ("sequence", "sex"), [("001", Sex.MALE), ("002", Sex.FEMALE), ("109", Sex.MALE)]
)
def test_sex_comes_from_the_17th_digit(sequence: str, sex: Sex) -> None:
    assert parse_id_number(_with_check("440524" + "19800101" + sequence), TODAY).sex is sex


def test_sex_labels_are_chinese() -> None:
    assert (Sex.MALE.label, Sex.FEMALE.label) == ("男", "女")


def test_lowercase_x_spaces_and_full_width_are_normalised() -> None:
    assert parse_id_number("110105 19491231 002x", TODAY).value == ID_SAMPLE
    full_width = ID_SAMPLE.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    assert parse_id_number(full_width, TODAY).value == ID_SAMPLE


def test_birth_before_1900_is_rejected_even_with_a_right_check_digit() -> None:
    result = check_id_number(OLD_SAMPLE, today=TODAY)
    assert not result.valid
    assert result.reason is not None
    assert "1900" in result.reason


def _with_check(body17: str) -> str:
    return body17 + mod11_2_check(body17)


@pytest.mark.parametrize("birth", ["19990230", "20230229", "19991301", "19990000"])
def test_impossible_birth_dates_are_rejected(birth: str) -> None:
    result = check_id_number(_with_check("110105" + birth + "002"), today=TODAY)
    assert not result.valid
    assert result.reason == "身份证号码中的出生日期不是真实的日期，请核对"


def test_future_birth_date_is_rejected_relative_to_today() -> None:
    number = _with_check("110105" + "20261128" + "002")
    assert not check_id_number(number, today=TODAY).valid
    assert check_id_number(number, today=dt.date(2026, 11, 28)).valid


def test_unknown_province_is_rejected_but_unknown_county_is_not() -> None:
    assert not check_id_number(_with_check("99010519491231002"), today=TODAY).valid
    # 330199 is not a county anyone uses today; old codes stay valid for life.
    assert check_id_number(_with_check("33019919491231002"), today=TODAY).valid


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请输入"),
        ("1101051949123100", "现在是16位"),
        ("11010519491231002Y", "最后一位是数字或X"),
        ("1101051949X231002X", "前17位只能是数字"),
        ("11010519491231003X", "校验不通过"),
    ],
)
def test_reasons_are_specific_and_never_echo_the_number(text: str, fragment: str) -> None:
    result = check_id_number(text, today=TODAY)
    assert not result.valid
    assert result.normalized is None
    assert result.reason is not None
    assert fragment in result.reason
    assert not text or text not in result.reason
    with pytest.raises(InvalidInput, match=fragment):
        parse_id_number(text, TODAY)


def test_repr_of_results_never_shows_the_number() -> None:
    assert ID_SAMPLE not in repr(check_id_number(ID_SAMPLE, today=TODAY))
    assert ID_SAMPLE not in repr(parse_id_number(ID_SAMPLE, TODAY))


@given(valid_ids())
def test_generated_numbers_are_valid(number: str) -> None:
    assert check_id_number(number, today=TODAY).valid


@given(valid_ids(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_caught(number: str, position: int, char: str) -> None:
    assume(number[position] != char)
    assume(position == 17 or char != "X")  # an X inside the body fails the format check anyway
    changed = number[:position] + char + number[position + 1 :]
    assert mod11_2_check(changed[:17]) != changed[17]
    assert not check_id_number(changed, today=TODAY).valid


@given(valid_ids(), st.integers(0, 16))
def test_any_adjacent_transposition_is_caught(number: str, position: int) -> None:
    first, second = number[position], number[position + 1]
    assume(first != second and second != "X")
    swapped = number[:position] + second + first + number[position + 2 :]
    assert mod11_2_check(swapped[:17]) != swapped[17]
    assert not check_id_number(swapped, today=TODAY).valid


# ------------------------------------------------------------------ legacy 15-digit


def test_legacy_number_is_accepted_and_flagged() -> None:
    result = check_id_number("110105491231002", today=TODAY)
    assert result.valid
    assert result.legacy
    assert result.normalized == "110105491231002"
    assert result.birth_date == dt.date(1949, 12, 31)
    assert result.sex is Sex.FEMALE


def test_legacy_upgrade_gives_the_published_18_digit_number() -> None:
    assert upgrade_legacy_id("110105491231002") == ID_SAMPLE


@given(valid_ids().filter(lambda n: n[6:8] == "19"))
def test_upgrade_round_trips_any_1900s_number(number: str) -> None:
    legacy = number[:6] + number[8:17]
    assert check_id_number(legacy, today=TODAY).legacy
    upgraded = upgrade_legacy_id(legacy)
    assert upgraded == number
    assert check_id_number(upgraded, today=TODAY).valid


@pytest.mark.parametrize(
    ("bad", "fragment"), [("11010549123100", "15位"), ("110105490230002", "日期")]
)
def test_upgrade_refuses_invalid_legacy_numbers(bad: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        upgrade_legacy_id(bad)


def test_legacy_number_with_impossible_date_is_rejected() -> None:
    assert not check_id_number("110105990230002", today=TODAY).valid


# ------------------------------------------------------------------ credit codes


@pytest.mark.parametrize("sample", CREDIT_SAMPLES)
def test_real_credit_codes_validate(sample: str) -> None:
    code = parse_credit_code(sample)
    assert code.value == sample
    assert check_credit_code(sample.lower()).normalized == sample


def test_credit_code_parts() -> None:
    code = parse_credit_code("91350200776049653A")
    assert code.registration_authority == "9"
    assert code.organisation_type == "1"
    assert code.division_code == "350200"
    assert code.organisation_code == "776049653"


def test_credit_weights_are_powers_of_three_mod_31() -> None:
    expected = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    for i, weight in enumerate(expected):
        body = "0" * i + "1" + "0" * (16 - i)
        assert credit_code_check(body) == USCC_ALPHABET[(31 - weight) % 31]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请输入"),
        ("91350200776049653", "现在是17位"),
        ("91350200776O49653A", "不用字母"),
        ("X1350200776049653A", "第1位"),
        ("9135020A776049653A", "第3至8位"),
        ("91350200776049653B", "校验不通过"),
    ],
)
def test_credit_code_reasons(text: str, fragment: str) -> None:
    result = check_credit_code(text)
    assert not result.valid
    assert result.reason is not None
    assert fragment in result.reason


def test_organisation_code_check_is_enforced_separately() -> None:
    # Break the embedded check char, then repair the outer one: only the inner check fails.
    body = "91350200" + "77604965" + "4"
    result = check_credit_code(body + credit_code_check(body))
    assert not result.valid
    assert result.reason is not None
    assert "组织机构代码" in result.reason


@given(valid_credit_codes())
def test_generated_credit_codes_are_valid(code: str) -> None:
    assert check_credit_code(code).valid


@given(valid_credit_codes(), st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_any_single_credit_code_change_is_caught(code: str, position: int, char: str) -> None:
    assume(code[position] != char)
    changed = code[:position] + char + code[position + 1 :]
    assert not check_credit_code(changed).valid


@pytest.mark.parametrize("sample", CREDIT_SAMPLES)
@pytest.mark.parametrize("position", range(18))
def test_every_position_of_real_samples_is_protected(sample: str, position: int) -> None:
    for char in USCC_ALPHABET:
        if char != sample[position]:
            changed = sample[:position] + char + sample[position + 1 :]
            assert not check_credit_code(changed).valid


# ------------------------------------------------------------------ mobile numbers


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "8613800138000",
        "0086 13800138000",
        "(+86) 138-0013-8000",
        "１３８００１３８０００",
    ],
)
def test_mobile_normalisation(text: str) -> None:
    assert parse_mobile(text) == "13800138000"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "请输入"),
        ("   ", "请输入"),
        ("1380013800", "现在是10位"),
        ("12800138000", "13至19开头"),
        ("1380013800a", "只能包含数字"),
        ("057188886666", "现在是12位"),
    ],
)
def test_mobile_reasons(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        parse_mobile(text)


@given(st.sampled_from("3456789"), st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_every_1x_mobile_survives_a_prefix_and_separators(second: str, rest: str) -> None:
    number = "1" + second + rest
    spaced = f"+86 {number[:3]}-{number[3:7]} {number[7:]}"
    assert parse_mobile(spaced) == number
