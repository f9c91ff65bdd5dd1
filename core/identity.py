"""Identity numbers as typed at the counter: citizen ID (GB 11643), unified social credit
code (GB 32100) and mainland mobile numbers — format, check characters and normalisation.

Messages say what is wrong and where, never the number itself.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from core.clock import SystemClock, business_date
from core.errors import InvalidInput
from core.i18n import _

# ------------------------------------------------------------------ ISO 7064 MOD 11-2

_MOD11_2_CHARS = "10X98765432"


def mod11_2_check(digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for a string of digits.

    Position i (1-based, from the left) of n digits weighs 2^(n+1-i) mod 11, i.e. the
    check character itself sits at weight 2^0; for the 17 digits of an ID number this
    gives 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2. The case number uses it over 24 digits.
    """
    if not _is_digits(digits):
        raise ValueError("mod11_2_check needs a non-empty string of ASCII digits")
    n = len(digits)
    total = sum(int(c) * pow(2, n - i, 11) for i, c in enumerate(digits))
    return _MOD11_2_CHARS[total % 11]


# ------------------------------------------------------------------ citizen ID

# First two digits of GB/T 2260 address codes; 81/82/83 are the residence permits of
# Hong Kong, Macao and Taiwan residents. Counties are not checked on purpose: numbers
# issued under abolished or renamed counties stay valid for life.
_PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {str(p) for p in range(31, 38)}
    | {str(p) for p in range(41, 47)}
    | {str(p) for p in range(50, 55)}
    | {str(p) for p in range(61, 66)}
    | {"71", "81", "82", "83"}
)
_EARLIEST_BIRTH_YEAR = 1900


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return _("男") if self is Sex.MALE else _("女")


@dataclass(frozen=True)
class IdNumber:
    """A citizen ID number that passed every check.

    ``value`` is the number as issued: 18 characters (upper-case X), or the 15 digits of a
    legacy number (``legacy`` True; :func:`upgrade_legacy_id` gives its 18-digit form).
    It is left out of ``repr`` so a logged object never shows it.
    """

    value: str = field(repr=False)
    legacy: bool
    birth_date: dt.date
    sex: Sex

    @property
    def address_code(self) -> str:
        return self.value[:6]


@dataclass(frozen=True)
class IdCheck:
    """The outcome of :func:`check_id_number`; ``reason`` is set exactly when not valid."""

    valid: bool
    normalized: str | None = field(default=None, repr=False)
    reason: str | None = None
    legacy: bool = False
    birth_date: dt.date | None = None
    sex: Sex | None = None


def check_id_number(text: str, today: dt.date | None = None) -> IdCheck:
    """Check a typed ID number; never raises for any string."""
    try:
        number = parse_id_number(text, today)
    except InvalidInput as error:
        return IdCheck(valid=False, reason=error.message)
    return IdCheck(
        valid=True,
        normalized=number.value,
        legacy=number.legacy,
        birth_date=number.birth_date,
        sex=number.sex,
    )


def parse_id_number(text: str, today: dt.date | None = None) -> IdNumber:
    """Return the checked :class:`IdNumber` or raise :class:`InvalidInput` saying why.

    Spaces and full-width characters are tolerated, a lower-case x becomes X. ``today``
    (default: today's business date) bounds the birth date.
    """
    value = _compact(text).upper()
    if not value:
        raise InvalidInput(_("请输入身份证号码"))
    if len(value) == 18:
        return _parse_18(value, today or _today())
    if len(value) == 15:
        return _parse_15(value)
    raise InvalidInput(
        _("身份证号码应为18位（旧证15位），现在是{length}位").format(length=len(value))
    )


def upgrade_legacy_id(number15: str) -> str:
    """The 18-digit form of a legacy 15-digit number: century 19 inserted, check appended."""
    value = _compact(number15)
    if len(value) != 15:
        raise InvalidInput(_("旧身份证号码应为15位，现在是{length}位").format(length=len(value)))
    _parse_15(value)
    body = value[:6] + "19" + value[6:]
    return body + mod11_2_check(body)


def _parse_18(value: str, today: dt.date) -> IdNumber:
    if not (_is_digits(value[:17]) and (_is_digits(value[17]) or value[17] == "X")):
        raise InvalidInput(_("身份证号码前17位只能是数字，最后一位是数字或X"))
    _check_province(value)
    birth = _birth_date(value[6:14], today)
    if mod11_2_check(value[:17]) != value[17]:
        raise InvalidInput(_("身份证号码校验不通过：可能有一位输错或相邻两位颠倒，请逐位核对"))
    return IdNumber(value=value, legacy=False, birth_date=birth, sex=_sex(value[16]))


def _parse_15(value: str) -> IdNumber:
    if not _is_digits(value):
        raise InvalidInput(_("15位旧身份证号码只能是数字"))
    _check_province(value)
    # Legacy numbers were issued 1984–1999 to people born in the 1900s.
    birth = _birth_date("19" + value[6:12], today=None)
    return IdNumber(value=value, legacy=True, birth_date=birth, sex=_sex(value[14]))


def _check_province(value: str) -> None:
    if value[:2] not in _PROVINCES:
        raise InvalidInput(_("身份证号码前两位（省份代码）不正确，请核对"))


def _birth_date(yyyymmdd: str, today: dt.date | None) -> dt.date:
    try:
        birth = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        raise InvalidInput(_("身份证号码中的出生日期不是真实的日期，请核对")) from None
    if birth.year < _EARLIEST_BIRTH_YEAR:
        raise InvalidInput(_("身份证号码中的出生日期早于1900年，请核对"))
    if today is not None and birth > today:
        raise InvalidInput(_("身份证号码中的出生日期晚于今天，请核对"))
    return birth


def _sex(sequence_digit: str) -> Sex:
    return Sex.MALE if int(sequence_digit) % 2 == 1 else Sex.FEMALE


def _today() -> dt.date:
    return business_date(SystemClock().now())


def _is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() alone also accepts e.g. Arabic-Indic digits."""
    return text.isascii() and text.isdigit()


def _compact(text: str) -> str:
    """NFKC (full-width digits and letters from a Chinese IME) and no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# ------------------------------------------------------------------ credit code

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# Registration-authority codes (first character). Published lists disagree on the letters
# (one lists A–G for tourism, religion, unions, the army and local governments, another A
# and N), so every letter any source lists is accepted: rejecting a real code is worse
# than letting a rare typo through to the check character, which catches it anyway.
_AUTHORITIES = frozenset("123456789ABCDEFGNY")


@dataclass(frozen=True)
class CreditCode:
    """A unified social credit code that passed every check."""

    value: str

    @property
    def registration_authority(self) -> str:
        return self.value[0]

    @property
    def organisation_type(self) -> str:
        return self.value[1]

    @property
    def division_code(self) -> str:
        return self.value[2:8]

    @property
    def organisation_code(self) -> str:
        return self.value[8:17]


@dataclass(frozen=True)
class CreditCheck:
    valid: bool
    normalized: str | None = None
    reason: str | None = None


def check_credit_code(text: str) -> CreditCheck:
    """Check a typed credit code; never raises for any string."""
    try:
        code = parse_credit_code(text)
    except InvalidInput as error:
        return CreditCheck(valid=False, reason=error.message)
    return CreditCheck(valid=True, normalized=code.value)


def parse_credit_code(text: str) -> CreditCode:
    """Return the checked :class:`CreditCode` or raise :class:`InvalidInput` saying why."""
    value = _compact(text).upper()
    if not value:
        raise InvalidInput(_("请输入统一社会信用代码"))
    if len(value) != 18:
        raise InvalidInput(
            _("统一社会信用代码应为18位，现在是{length}位").format(length=len(value))
        )
    if any(c not in _USCC_ALPHABET for c in value):
        raise InvalidInput(
            _("统一社会信用代码只能由数字和大写字母组成（不用字母 I、O、S、V、Z），请核对")
        )
    if value[0] not in _AUTHORITIES:
        raise InvalidInput(_("统一社会信用代码第1位（登记管理部门代码）不正确，请核对"))
    if not value[2:8].isdigit():
        raise InvalidInput(_("统一社会信用代码第3至8位（行政区划码）应为数字，请核对"))
    if credit_code_check(value[:17]) != value[17]:
        raise InvalidInput(
            _("统一社会信用代码校验不通过：可能有一位输错或相邻两位颠倒，请逐位核对")
        )
    if organisation_code_check(value[8:16]) != value[16]:
        raise InvalidInput(_("统一社会信用代码第9至17位（组织机构代码）校验不通过，请逐位核对"))
    return CreditCode(value)


def credit_code_check(body17: str) -> str:
    """GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check(body8: str) -> str:
    """GB 11714 check character (0–9 or X) for the first 8 characters of an organisation code."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


# ------------------------------------------------------------------ mobile numbers

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATORS = re.compile(r"[\s\-()]")


def parse_mobile(text: str) -> str:
    """The 11 digits of a mainland mobile number, or :class:`InvalidInput` saying why.

    Spaces, dashes, brackets and a +86 / 0086 / 86 country prefix are tolerated.
    """
    value = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not value:
        raise InvalidInput(_("请输入手机号码"))
    value = _without_country_code(value)
    if not _is_digits(value):
        raise InvalidInput(_("手机号码只能包含数字（可以带空格、短横线或 +86）"))
    if len(value) != 11:
        raise InvalidInput(_("手机号码应为11位，现在是{length}位").format(length=len(value)))
    if not _MOBILE.fullmatch(value):
        raise InvalidInput(_("手机号码应以13至19开头，请核对"))
    return value


def _without_country_code(value: str) -> str:
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    # A bare 86 is only a prefix when 11 digits follow; 86… is never a mobile number itself.
    if value.startswith("86") and len(value) == 13:
        return value[2:]
    return value
