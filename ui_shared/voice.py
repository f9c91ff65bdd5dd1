"""Spoken calls and prompts: Mandarin through QtTextToSpeech where an engine has a voice
that can read Hanzi, otherwise a chime and the words flashed on screen.

The engine and voice are chosen by what can actually read Hanzi (see
:mod:`ui_shared.voice_choice`): on Windows SAPI/WinRT by the voice's zh-CN locale, on
Linux speech-dispatcher's espeak-ng voices by name, because Qt knows no locale for them
and asking it for zh_CN fails ("Locale not available: zh_CN") and breaks the engine. A
failure later on (speech-dispatcher gone) turns the voice into the chime, said in the log.

``Voice("mock")`` is Qt's silent test engine: unit tests only; it never speaks and its
status says so. ``Voice("none")``: a center that chose no voice (chime and flash only).

Signals:
    announced(str): the words shown for a call or prompt (always emitted).
    spoken(str): the words handed to the speech engine.
    unspoken(str): no voice could say these words: the screen should flash them.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, QUrl, Signal
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

import resources
from core.announce import call_text, speakable, spoken_call
from core.i18n import _
from ui_shared.voice_choice import VoiceInfo, choose_voice

log = logging.getLogger(__name__)

MOCK = "mock"
NONE = "none"
RATE = -0.2  # a little slower than the engine's default, for elderly listeners
INSTALL_HINT = _("Linux 请安装 speech-dispatcher 和 espeak-ng；Windows 请在“设置 → 时间和语言 → "
                 "语音”中添加“中文(简体，中国)”语音。")


def preferred_engines() -> tuple[str, ...]:
    """The engines worth trying on this system, best first (never the test engine)."""
    if sys.platform == "win32":
        return ("winrt", "sapi")
    if sys.platform == "darwin":
        return ("darwin",)
    return ("speechd", "flite")


@dataclass(frozen=True)
class VoiceStatus:
    """What a self-test or a status line says about the voice, plainly."""

    speaks: bool  # a real engine with a Mandarin voice (never true for the mock)
    engine: str
    voice: str
    text: str


def _listed_voices(tts: QTextToSpeech) -> list[QVoice]:
    """Chinese voices and the voices with no locale Qt knows (espeak-ng's Mandarin ones).

    Asking per locale: listing every voice of every locale takes speech-dispatcher with
    espeak-ng's 13,000 variants most of a second; these few lists take milliseconds.
    """
    wanted = [loc for loc in tts.availableLocales() if loc.language() == QLocale.Language.Chinese]
    found: dict[str, QVoice] = {}
    for locale in [*wanted, QLocale.c()]:
        for voice in tts.allVoices(locale):
            found.setdefault(voice.name(), voice)
    return list(found.values())


def _info(voice: QVoice) -> VoiceInfo:
    locale = voice.locale()
    return VoiceInfo(voice.name(), locale.language().name, locale.territory().name)


class Chime:
    """The "ding-dong" for a call nobody can say (loaded on first use: QtMultimedia)."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self._effect: object | None = None
        self.played = 0

    def play(self) -> None:
        self.played += 1
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        if QMediaDevices.defaultAudioOutput().isNull():
            log.info("no audio output: the call is only shown")
            return
        if self._effect is None:
            effect = QSoundEffect(self._parent)
            effect.setSource(QUrl.fromLocalFile(str(resources.path("sounds", "chime.wav"))))
            self._effect = effect
        assert isinstance(self._effect, QSoundEffect)
        self._effect.play()


class Voice(QObject):
    """One speaker for a front end; ``engine`` names a backend, or None for the best one."""

    announced = Signal(str)
    spoken = Signal(str)
    unspoken = Signal(str)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts: QTextToSpeech | None = None
        self.history: list[str] = []  # words handed to the engine
        self.chime = Chime(self)
        self.status = self._start(engine)
        log.info("voice: %s", self.status.text)

    # ------------------------------------------------------------------ choosing
    def _start(self, engine: str | None) -> VoiceStatus:
        if engine == NONE:
            return VoiceStatus(False, NONE, "", _("本机设置为不用语音：叫号时响提示音，屏幕闪烁"))
        if engine == MOCK:
            self._tts = QTextToSpeech(MOCK, self)
            return VoiceStatus(False, MOCK, "", _("测试用的模拟语音（不出声，只用于测试）"))
        available = QTextToSpeech.availableEngines()
        names = [engine] if engine else [n for n in preferred_engines() if n in available]
        for name in names:
            status = self._try(name) if name in available else None
            if status is not None:
                return status
        tried = "、".join(names) or _("没有语音引擎")
        return VoiceStatus(False, "", "", _("没有能读汉字的普通话语音（试过：{tried}）："
                                             "叫号时只响提示音，屏幕闪烁。{hint}").format(
            tried=tried, hint=INSTALL_HINT))

    def _try(self, name: str) -> VoiceStatus | None:
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            log.warning("speech engine %s unusable: %s", name, tts.errorString())
            tts.deleteLater()
            return None
        voices = _listed_voices(tts)
        chosen = choose_voice([_info(v) for v in voices])
        if chosen is None:
            log.warning("speech engine %s has no voice that reads Mandarin", name)
            tts.deleteLater()
            return None
        tts.setVoice(next(v for v in voices if v.name() == chosen.name))
        if tts.state() == QTextToSpeech.State.Error:
            log.warning("speech engine %s refused voice %s: %s", name, chosen.name,
                        tts.errorString())
            tts.deleteLater()
            return None
        tts.setRate(RATE)
        tts.errorOccurred.connect(self._failed)
        self._tts = tts
        said = _("普通话语音 {voice}（{engine}）").format(voice=chosen.name, engine=name)
        return VoiceStatus(True, name, chosen.name, said)

    def _failed(self, _reason: object, message: str) -> None:
        log.error("speech engine failed (%s): calls are chimed from now on", message)
        self._tts = None
        self.status = VoiceStatus(False, self.status.engine, self.status.voice,
                                  _("语音出错了（{message}）：叫号时只响提示音，屏幕闪烁").format(
                                      message=message))

    # ------------------------------------------------------------------ speaking
    @property
    def can_speak(self) -> bool:
        """Words go to an engine (the mock's included: tests read its history)."""
        return self._tts is not None

    @property
    def speaking(self) -> bool:
        return self._tts is not None and self._tts.state() == QTextToSpeech.State.Speaking

    def say(self, shown: str, spoken: str | None = None, *, chime: bool = False) -> None:
        """Show ``shown``; speak ``spoken`` (or the same words) if a voice exists, else
        ask the screen to flash them (and sound the chime if ``chime``)."""
        self.announced.emit(shown)
        words = speakable(spoken or shown)
        if self._tts is None:
            if chime:
                self.chime.play()
            self.unspoken.emit(shown)
            return
        self._tts.enqueue(words)
        self.history.append(words)
        self.spoken.emit(words)

    def call(self, number: str, window: int, *, recall: bool = False) -> None:
        self.say(call_text(number, window), spoken_call(number, window, recall=recall),
                 chime=True)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
