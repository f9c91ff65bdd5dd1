"""Which listed voice can read a Mandarin prompt (Qt-free, so it is tested on every OS's
lists). Engines describe voices differently: Windows SAPI/WinRT give each voice a locale
(zh-CN, zh-TW, zh-HK); speech-dispatcher with espeak-ng gives its Mandarin voices no locale
Qt knows (they come back as "C") but a name. So a voice is judged by its locale where it has
one and by its name where it does not, and a voice known to read Hanzi wrongly is refused:
espeak-ng 1.51's "Chinese (Mandarin, latin as English)" reads 请 as "king three".
"""

from __future__ import annotations

from dataclasses import dataclass

# Lower is better. Mainland Mandarin first; Taiwan or Singapore Mandarin is still Mandarin.
_BY_TERRITORY = {"China": 0, "Singapore": 2, "Taiwan": 3}
_ESPEAK_MANDARIN = "Chinese (Mandarin"
_NOT_MANDARIN = ("Cantonese", "Hakka", "粤", "latin as English")


@dataclass(frozen=True)
class VoiceInfo:
    """One voice as an engine lists it: ``language`` and ``territory`` are QLocale's enum
    names ("Chinese", "China"; "C" and "" when the engine gives no locale Qt knows)."""

    name: str
    language: str
    territory: str


def voice_rank(voice: VoiceInfo) -> float | None:
    """How well ``voice`` reads Mandarin (lower is better), or None if it cannot."""
    if any(word in voice.name for word in _NOT_MANDARIN):
        return None
    variant = 0.5 if "+" in voice.name else 0.0  # espeak-ng's "+Adam" etc.: the plain one first
    if voice.language == "Chinese":
        territory = _BY_TERRITORY.get(voice.territory)
        return None if territory is None else territory + variant
    if voice.name.startswith(_ESPEAK_MANDARIN):
        return (0 if "Pinyin" in voice.name else 1) + variant
    return None


def choose_voice(voices: list[VoiceInfo]) -> VoiceInfo | None:
    """The best Mandarin voice among ``voices``; None when none can read Hanzi."""
    ranked = [(rank, index) for index, voice in enumerate(voices)
              if (rank := voice_rank(voice)) is not None]
    return voices[min(ranked)[1]] if ranked else None
