"""Who the center is: its 12-digit division code, its name and its level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.errors import InvalidInput
from core.i18n import _

# First two digits of the statistical division code: provinces, regions, municipalities.
_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}


class Level(StrEnum):
    VILLAGE = "village"
    TOWNSHIP = "township"

    @property
    def label(self) -> str:
        return _("村（社区）便民服务站") if self is Level.VILLAGE else _("乡镇（街道）便民服务中心")


@dataclass(frozen=True)
class CenterInfo:
    code: str
    name: str
    level: Level


def parse_center_code(code: str, level: Level) -> str:
    """Check a 12-digit 统计用区划代码 against the center's level."""
    code = code.strip()
    if not re.fullmatch(r"\d{12}", code):
        raise InvalidInput(
            _("中心代码必须是12位数字（统计用区划代码），收到“{code}”").format(code=code))
    if code[:2] not in _PROVINCES:
        raise InvalidInput(_("中心代码的前两位“{p}”不是有效的省级代码").format(p=code[:2]))
    if code[6:9] == "000":
        raise InvalidInput(_("中心代码第7到9位是乡镇（街道）代码，不能为000"))
    if level is Level.TOWNSHIP and code[9:] != "000":
        raise InvalidInput(_("乡镇（街道）中心的代码最后三位应为000"))
    if level is Level.VILLAGE and code[9:] == "000":
        raise InvalidInput(_("村（社区）站的代码最后三位是村级代码，不能为000"))
    return code


def parse_level(text: str) -> Level:
    try:
        return Level(text)
    except ValueError:
        raise InvalidInput(_("级别只能是 village（村/社区）或 township（乡镇/街道）")) from None
