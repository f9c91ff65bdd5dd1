"""Write ``resources/sounds/chime.wav``: the two-note "ding-dong" the board and the kiosk
sound when no Mandarin voice can speak a call (G5 then D5, soft harmonics, a bell-like
decay; 22.05 kHz mono, 1.45 s). Run again only to change the sound.

Usage: ``.venv/bin/python scripts/make_chime.py``
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"


def note(frequency: float, seconds: float, volume: float) -> list[int]:
    samples = []
    for index in range(int(RATE * seconds)):
        t = index / RATE
        envelope = min(1.0, index / (RATE * 0.01)) * math.exp(-3.0 * t)
        wave_ = sum(math.sin(2 * math.pi * frequency * k * t) / k for k in (1, 2, 3)) / 1.8
        samples.append(int(32_767 * volume * envelope * wave_))
    return samples


def main() -> int:
    samples = note(783.99, 0.55, 0.6) + note(587.33, 0.9, 0.6)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
