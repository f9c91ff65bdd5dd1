"""Spoken calls and prompts: Mandarin through QtTextToSpeech where an engine has a voice,
otherwise a chime and the words on screen.

Signals:
    announced(str): the words shown for a call or prompt (always emitted).
    spoken(str): the words handed to the speech engine (only when one can speak Mandarin).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice
from PySide6.QtWidgets import QApplication

from core.announce import call_text, spoken_call

log = logging.getLogger(__name__)

PREFERRED_ENGINES = ("sapi", "winrt", "darwin", "speechd", "flite")


def _mandarin_voice(engine: QTextToSpeech) -> QVoice | None:
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    engine.setLocale(china)
    for voice in engine.availableVoices():
        if voice.locale().language() == QLocale.Language.Chinese:
            return voice
    # espeak-ng through speech-dispatcher names its voice but reports no locale.
    for voice in engine.allVoices(None):  # type: ignore[arg-type]  # None = every locale
        if voice.name().startswith("Chinese (Mandarin"):
            return voice
    return None


class Voice(QObject):
    """One speaker for a front end; ``engine`` may name a specific backend (tests: "mock")."""

    announced = Signal(str)
    spoken = Signal(str)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tts: QTextToSpeech | None = None
        self.history: list[str] = []
        names = [engine] if engine else [n for n in PREFERRED_ENGINES
                                         if n in QTextToSpeech.availableEngines()]
        for name in names:
            tts = QTextToSpeech(name, self)
            if tts.state() == QTextToSpeech.State.Error:
                continue
            if engine == "mock":
                self._tts = tts
                break
            voice = _mandarin_voice(tts)
            if voice is not None:
                tts.setVoice(voice)
                tts.setRate(-0.2)  # a little slower for elderly listeners
                self._tts = tts
                break
        if self._tts is None:
            log.info("no Mandarin speech engine; calls are shown and chimed")

    @property
    def can_speak(self) -> bool:
        return self._tts is not None

    def say(self, shown: str, spoken: str | None = None) -> None:
        """Show ``shown``; speak ``spoken`` (or the same words) if a voice exists."""
        self.announced.emit(shown)
        words = spoken or shown
        if self._tts is None:
            QApplication.beep()
            return
        self._tts.enqueue(words)
        self.history.append(words)
        self.spoken.emit(words)

    def call(self, number: str, window: int, *, recall: bool = False) -> None:
        self.say(call_text(number, window), spoken_call(number, window, recall=recall))

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
