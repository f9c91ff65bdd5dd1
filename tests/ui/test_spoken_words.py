"""How numbers are said aloud: a ticket's digits one by one, a count of people with 两,
and every spoken text passed through one last check so no ticket number slips through
unspelled."""

from __future__ import annotations

from core.announce import speakable, spoken_count, spoken_digits, spoken_number


def test_a_count_of_people_says_liang_where_chinese_does() -> None:
    assert [spoken_count(n) for n in (1, 2, 3, 10, 12, 20, 22, 99)] == [
        "一", "两", "三", "十", "十二", "二十", "二十二", "九十九"]
    assert spoken_count(0) == "零"
    assert spoken_count(100) == "一百"
    assert spoken_count(102) == "一百零二"
    assert spoken_count(200) == "两百"
    assert spoken_count(250) == "两百五十"
    assert spoken_count(1000) == "1000"  # beyond a hall's line: left to the engine


def test_ordinals_keep_er() -> None:
    # 二号窗口, not 两号窗口: a window's number is a name, not a count.
    assert spoken_number(2) == "二"


def test_ticket_numbers_in_any_spoken_text_are_read_digit_by_digit() -> None:
    assert speakable("您对B002号的服务满意吗？") == "您对B零零二号的服务满意吗？"
    assert speakable("请A012号到3号窗口办理") == "请A零一二号到3号窗口办理"
    assert speakable("B1234") == "B一二三四"
    assert speakable("已经是B零零二号") == "已经是B零零二号"
    # Dates, amounts and words with capitals stay as they are.
    assert speakable("2026年12月3日，收费50元") == "2026年12月3日，收费50元"
    assert speakable("QR码") == "QR码"
    assert spoken_digits("C003") == "C零零三"
