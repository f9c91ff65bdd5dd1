"""The voice as a hall hears it: a real speech-dispatcher with espeak-ng speaking into a
PulseAudio null sink, recorded from the sink's monitor and measured. The board's call is
spoken in Mandarin for seconds; with no voice, the chime sounds instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from core.center import Center
from kiosk import style
from kiosk.app import KioskWindow
from kiosk.board import BoardWindow
from tests.kiosk.drive import press
from tests.kiosk.kit import clerk
from tests.speechlab import SpeechLab
from ui_shared.voice import Voice

SPOKEN_CALL_SECONDS = 1.5  # "请B零零一号到二号窗口办理" takes about four seconds


def test_the_voice_is_chosen_by_what_reads_hanzi(qtbot: QtBot, speech_lab: SpeechLab) -> None:
    voice = Voice()
    assert voice.can_speak and voice.status.speaks
    assert voice.status.engine == "speechd"
    assert voice.status.voice == "Chinese (Mandarin, latin as Pinyin)"
    assert "latin as English" not in voice.status.text


def test_the_boards_call_is_heard(qtbot: QtBot, desk: Center, speech_lab: SpeechLab) -> None:
    board = BoardWindow(desk, Voice(), size=QSize(1366, 768), locked=False)
    voice = board.announcer.voice
    assert voice is not None and voice.status.speaks, voice.status.text if voice else ""
    desk.tickets.issue("B")
    with speech_lab.recording("silence") as quiet:
        board.refresh()  # nothing called yet: nothing said
    assert quiet[0].sounding < 0.2, quiet[0]
    desk.tickets.call_next(2, clerk(desk))
    with speech_lab.recording("call") as heard:
        board.refresh()
        qtbot.waitUntil(lambda: voice.speaking, timeout=10_000)
        qtbot.waitUntil(lambda: not voice.speaking, timeout=30_000)
    assert voice.history == ["请B零零一号到二号窗口办理"]
    assert heard[0].sounding >= SPOKEN_CALL_SECONDS, heard[0]
    assert heard[0].rms > 0.02, heard[0]
    board.close()


def test_with_no_voice_the_call_chimes_and_flashes(qtbot: QtBot, desk: Center,
                                                   speech_lab: SpeechLab) -> None:
    board = BoardWindow(desk, Voice("none"), size=QSize(1366, 768), locked=False)
    voice = board.announcer.voice
    assert voice is not None and not voice.can_speak and not voice.status.speaks
    desk.tickets.issue("A")
    desk.tickets.call_next(1, clerk(desk))
    with speech_lab.recording("chime") as heard, qtbot.waitSignal(voice.unspoken) as flashed:
        board.refresh()
        qtbot.wait(1800)  # the chime is 1.45 s long
    assert flashed.args == ["请A001号到1号窗口办理"]
    assert voice.chime.played == 1 and voice.history == []
    assert heard[0].sounding >= 0.8, heard[0]
    board.close()


def test_a_kiosk_with_no_voice_flashes_its_prompt_and_chimes_on_again(
        qtbot: QtBot, make_kiosk: Callable[..., KioskWindow], speech_lab: SpeechLab) -> None:
    window = make_kiosk(size=(1366, 768), voice="none")
    assert window.voice is not None and not window.voice.can_speak
    assert window.flashing  # the home prompt, shown instead of said
    heading = window.current_screen.heading
    assert heading.autoFillBackground() and heading.palette().color(
        heading.backgroundRole()) == style.GOLD
    qtbot.waitUntil(lambda: not window.flashing, timeout=5000)
    assert not heading.autoFillBackground()
    with speech_lab.recording("again") as heard:
        press(qtbot, window.bar.repeat)  # 再听一遍
        assert window.flashing and window.voice.chime.played == 1
        qtbot.wait(1800)
    assert heard[0].sounding >= 0.8, heard[0]
