"""The kiosk's call for help and the clerks' saved-as-typed intake drafts."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.center import Center
from core.clock import FixedClock
from core.errors import Conflict


def test_help_request_stays_until_answered(center: Center) -> None:
    request = center.help.ask("自助服务机")
    other = center.reopen()  # the staff client's own connection
    assert [r.id for r in other.help.open()] == [request.id]
    wang = Actor(center.staff.by_username("wang").id, "staff")
    other.help.answer(request.id, wang)
    assert center.help.open() == []
    with pytest.raises(Conflict, match="已经有人处理"):
        center.help.answer(request.id, wang)
    other.close()


def test_draft_survives_reopening(center: Center) -> None:
    wang = center.staff.by_username("wang").id
    center.drafts.save(wang, "A001", {"name": "张三丰", "id_number": "1101051949"})
    center.drafts.save(wang, "A001", {"name": "张三丰", "id_number": "11010519491231002X"})
    again = center.reopen()
    assert again.drafts.load(wang, "A001") == {"name": "张三丰",
                                              "id_number": "11010519491231002X"}
    assert [slot for slot, _at in again.drafts.slots(wang)] == ["A001"]
    again.drafts.discard(wang, "A001")
    assert center.drafts.load(wang, "A001") is None
    again.close()


def test_a_device_without_a_voice_is_listed_for_the_staff_that_day(center: Center,
                                                                   clock: FixedClock) -> None:
    center.devices.report_voice("board", False, "没有能读汉字的普通话语音")
    center.devices.report_voice("kiosk", True, "普通话语音 Chinese (Mandarin, latin as Pinyin)")
    assert [(v.device, v.speaks) for v in center.devices.silent_today()] == [("board", False)]
    center.devices.report_voice("board", True, "普通话语音 Microsoft Huihui")  # fixed, restarted
    assert center.devices.silent_today() == []
    center.devices.report_voice("board", False, "没有能读汉字的普通话语音")
    clock.advance(days=1)  # yesterday's report is stale until the board starts again
    assert center.devices.silent_today() == []
