"""The shipped font: found as package data, licensed, registered once, gaps reported."""

from __future__ import annotations

import logging
import threading
from importlib.resources import files

import pytest
from reportlab.pdfbase import pdfmetrics

from core.documents import fonts
from core.documents.fonts import REPLACEMENT, GlyphCheck, font_file, has_glyph, register_font


def test_font_ships_as_package_data_with_its_licence() -> None:
    font = font_file()
    assert font.is_file()
    assert font.read_bytes()[:4] == b"ttcf"  # a TrueType collection
    folder = files("resources").joinpath("fonts")
    licence = folder.joinpath("LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "The WenQuanYi Project Board of Trustees" in licence
    assert "Apache License" in licence and "END OF TERMS AND CONDITIONS" in licence
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    assert "fonts-wqy-microhei" in readme and "sourceforge" in readme


def test_registration_is_idempotent_and_thread_safe() -> None:
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(register_font())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert names == [fonts.FONT_NAME] * 8
    registered = pdfmetrics.getFont(fonts.FONT_NAME)
    assert register_font() == fonts.FONT_NAME
    assert pdfmetrics.getFont(fonts.FONT_NAME) is registered
    assert registered.face.name.startswith(b"WenQuanYi")  # subfont 0, not the Mono face


def test_font_covers_what_documents_print() -> None:
    text = (
        "便民服务中心受理回执一次性告知单不予受理补正材料通知书办结期限（暂定）"
        "〔2026〕0123456789ABCX*：；，。“”《》【】—"
    )
    assert all(has_glyph(c) for c in text)
    assert has_glyph("✔") and has_glyph("✘") and has_glyph(REPLACEMENT)


def test_missing_characters_become_a_visible_box_and_are_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert not has_glyph("𠮷")  # CJK Extension B: WenQuanYi lacks it
    check = GlyphCheck()
    assert check.text("张𠮷𠮷华") == "张□□华"
    assert check.text("王\U0001f600") == f"王{REPLACEMENT}"
    assert check.missing == ("\U0001f600", "𠮷")  # by code point
    with caplog.at_level(logging.WARNING, logger="core.documents.fonts"):
        check.report("ReceiptDoc")
    assert "U+20BB7" in caplog.text and "U+1F600" in caplog.text
    # Code points only: neither the name around them nor the character itself is logged.
    assert "张" not in caplog.text and "𠮷" not in caplog.text


def test_nothing_reported_when_everything_is_covered(caplog: pytest.LogCaptureFixture) -> None:
    check = GlyphCheck()
    assert check.text("最低生活保障申请\n第二行") == "最低生活保障申请\n第二行"
    with caplog.at_level(logging.WARNING):
        check.report("NoticeDoc")
    assert check.missing == ()
    assert caplog.text == ""


def test_markup_escapes_and_keeps_line_breaks() -> None:
    check = GlyphCheck()
    assert check.markup("A&B <x>\n下一行") == "A&amp;B &lt;x&gt;<br/>下一行"
