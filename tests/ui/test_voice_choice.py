"""Which voice reads a Mandarin prompt: chosen by what can actually read Hanzi, from the
voices each engine lists (as speech-dispatcher + espeak-ng 1.51, Windows SAPI/WinRT and an
older espeak-ng list them), never by a locale the engine may not know."""

from __future__ import annotations

from ui_shared.voice_choice import VoiceInfo, choose_voice

ESPEAK_151 = [
    VoiceInfo("Armenian (West Armenia)", "C", ""),
    VoiceInfo("Chinese (Mandarin, latin as English)", "C", ""),
    VoiceInfo("Chinese (Mandarin, latin as English)+Adam", "C", ""),
    VoiceInfo("Chinese (Mandarin, latin as Pinyin)+Adam", "C", ""),
    VoiceInfo("Chinese (Mandarin, latin as Pinyin)", "C", ""),
    VoiceInfo("Hakka Chinese", "C", ""),
    VoiceInfo("Chinese (Cantonese)", "Cantonese", "HongKong"),
    VoiceInfo("English (America)", "English", "UnitedStates"),
]


def test_espeak_ng_151_gets_the_pinyin_voice_never_the_one_that_reads_hanzi_as_english() -> None:
    chosen = choose_voice(ESPEAK_151)
    assert chosen is not None and chosen.name == "Chinese (Mandarin, latin as Pinyin)"


def test_the_voice_that_reads_hanzi_through_english_rules_is_no_voice_at_all() -> None:
    only_english_rules = [v for v in ESPEAK_151 if "Pinyin" not in v.name]
    assert choose_voice(only_english_rules) is None


def test_an_older_espeak_ng_mandarin_voice_is_taken() -> None:
    older = [VoiceInfo("Chinese (Mandarin)", "C", ""), VoiceInfo("Chinese (Cantonese)", "C", "")]
    chosen = choose_voice(older)
    assert chosen is not None and chosen.name == "Chinese (Mandarin)"


def test_windows_picks_a_mainland_voice_by_its_locale() -> None:
    sapi = [VoiceInfo("Microsoft Zira Desktop", "English", "UnitedStates"),
            VoiceInfo("Microsoft Tracy Desktop", "Chinese", "HongKong"),
            VoiceInfo("Microsoft Hanhan Desktop", "Chinese", "Taiwan"),
            VoiceInfo("Microsoft Huihui Desktop", "Chinese", "China")]
    chosen = choose_voice(sapi)
    assert chosen is not None and chosen.name == "Microsoft Huihui Desktop"


def test_a_taiwan_mandarin_voice_is_a_fallback_but_hong_kong_cantonese_is_not() -> None:
    taiwan = choose_voice([VoiceInfo("Microsoft Hanhan Desktop", "Chinese", "Taiwan")])
    assert taiwan is not None and taiwan.name == "Microsoft Hanhan Desktop"
    assert choose_voice([VoiceInfo("Microsoft Tracy Desktop", "Chinese", "HongKong")]) is None
    assert choose_voice([VoiceInfo("Microsoft Zira Desktop", "English", "UnitedStates")]) is None
    assert choose_voice([]) is None
