"""A private sound system for tests: PulseAudio with one null sink and speech-dispatcher
(with its espeak-ng module) started in a temporary runtime folder, so a test hears what a
hall would hear. The sink's monitor is recorded with ``parec``; a recording is measured by
how long it sounds (20 ms frames louder than a whisper) and how loud.

Works as root (CI) and as a user: PulseAudio is started with ``-n`` and only the modules it
needs, its socket and cookie live in the temporary folder, and everything it started is
stopped again. Nothing here touches the machine's own sound or speech set-up.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SINK = "bianmin_lab"
FRAME_SECONDS = 0.02
QUIET = 0.01  # RMS (full scale 1.0) under which a 20 ms frame counts as silence
NEEDED = ("pulseaudio", "pactl", "parec", "speech-dispatcher")
MODULE_DIRS = (Path("/usr/lib/speech-dispatcher-modules"),
               Path("/usr/lib/x86_64-linux-gnu/speech-dispatcher-modules"),
               Path("/usr/lib/aarch64-linux-gnu/speech-dispatcher-modules"))

SPEECHD_CONF = """\
LogLevel 3
LogDir "{log}"
DefaultVolume 100
DefaultRate 0
AudioOutputMethod "pulse"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
"""


def _dying_with_us(argv: list[str]) -> list[str]:
    """``argv`` run so that a test process that crashes takes its sound system with it
    (util-linux's setpriv sets the parent-death signal) instead of leaving daemons behind."""
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--", *argv] if setpriv else argv


class LabUnavailable(RuntimeError):
    """The sound system cannot run here (the reason says what is missing)."""


@dataclass(frozen=True)
class Recording:
    path: Path
    seconds: float  # the whole recording
    sounding: float  # seconds of frames louder than QUIET
    rms: float  # loudness of the sounding frames (full scale 1.0)


def missing_programs() -> list[str]:
    missing = [name for name in NEEDED if shutil.which(name) is None]
    if not any((d / "sd_espeak-ng").exists() for d in MODULE_DIRS):
        missing.append("speech-dispatcher-espeak-ng")
    return missing


def measure(path: Path) -> Recording:
    with wave.open(str(path), "rb") as sound:
        channels, width, rate = sound.getnchannels(), sound.getsampwidth(), sound.getframerate()
        frames = sound.readframes(sound.getnframes())
    if width != 2:
        raise AssertionError(f"expected 16-bit samples in {path}, got {width * 8}-bit")
    samples = array.array("h", frames)
    step = max(1, int(rate * FRAME_SECONDS)) * channels
    loud_frames, loud_energy = 0, 0.0
    for start in range(0, len(samples) - step + 1, step):
        chunk = samples[start:start + step]
        energy = sum(s * s for s in chunk) / len(chunk) / 32768.0 ** 2
        if math.sqrt(energy) > QUIET:
            loud_frames += 1
            loud_energy += energy
    total = len(samples) / channels / rate
    rms = math.sqrt(loud_energy / loud_frames) if loud_frames else 0.0
    return Recording(path, total, loud_frames * FRAME_SECONDS, rms)


class SpeechLab:
    """Start with :meth:`start`, stop with :meth:`stop`; :attr:`env` is what a client needs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.run = root / "run"
        self.env: dict[str, str] = {}
        self._processes: list[subprocess.Popen[bytes]] = []

    # ------------------------------------------------------------------ starting
    def start(self) -> None:
        missing = missing_programs()
        if missing:
            raise LabUnavailable("not installed: " + ", ".join(missing))
        self.run.mkdir(mode=0o700, parents=True)
        pulse_socket = self.run / "pulse.sock"
        speech_socket = self.run / "speechd.sock"
        self.env = {"XDG_RUNTIME_DIR": str(self.run), "PULSE_SERVER": f"unix:{pulse_socket}",
                    "SPEECHD_ADDRESS": f"unix_socket:{speech_socket}"}
        self._start_pulseaudio(pulse_socket)
        self._start_speech_dispatcher(speech_socket)

    def _child_env(self) -> dict[str, str]:
        # HOME too: PulseAudio keeps its cookie and state under it, never the user's.
        return {**os.environ, **self.env, "HOME": str(self.root)}

    def _start_pulseaudio(self, socket: Path) -> None:
        self._spawn(["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                     "--use-pid-file=no", "--disable-shm=yes", "--log-target=stderr",
                     "-L", f"module-null-sink sink_name={SINK}",
                     "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1"],
                    self.root / "pulseaudio.log")
        self._wait(lambda: subprocess.run(["pactl", "info"], env=self._child_env(),
                                          capture_output=True, check=False).returncode == 0,
                   "PulseAudio", self.root / "pulseaudio.log")

    def _start_speech_dispatcher(self, socket: Path) -> None:
        conf = self.root / "speechd"
        (conf / "modules").mkdir(parents=True)
        logs = self.root / "speechd-logs"
        logs.mkdir()
        system = Path("/etc/speech-dispatcher/modules/espeak-ng.conf")
        (conf / "modules" / "espeak-ng.conf").write_text(
            system.read_text(encoding="utf-8") if system.exists() else "", encoding="utf-8")
        (conf / "speechd.conf").write_text(SPEECHD_CONF.format(log=logs), encoding="utf-8")
        self._spawn(["speech-dispatcher", "-s", "-t", "0", "-c", "unix_socket",
                     "-S", str(socket), "-C", str(conf), "-P", str(self.run / "speechd.pid"),
                     "-L", str(logs)], self.root / "speechd.log")
        self._wait(socket.exists, "speech-dispatcher", self.root / "speechd.log")

    def _spawn(self, argv: list[str], log: Path) -> None:
        with log.open("wb") as out:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(_dying_with_us(argv), env=self._child_env(),
                                       stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self._processes.append(process)

    def _wait(self, ready: object, what: str, log: Path, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ready():  # type: ignore[operator]
                return
            if any(p.poll() is not None for p in self._processes):
                break
            time.sleep(0.1)
        self.stop()
        raise LabUnavailable(f"{what} did not start: {log.read_text(errors='replace')[-1500:]}")

    # ------------------------------------------------------------------ listening
    @contextlib.contextmanager
    def recording(self, name: str) -> Iterator[list[Recording]]:
        """Record the sink while the block runs; the list holds the measure afterwards."""
        path = self.root / f"{name}.wav"
        result: list[Recording] = []
        parec = subprocess.Popen(_dying_with_us([
            "parec", "-d", f"{SINK}.monitor", "--file-format=wav", "--format=s16le",
            "--channels=1", "--rate=22050", str(path)]),
            env=self._child_env(), stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.3)  # parec connects before anything plays
            yield result
            time.sleep(0.3)  # the tail of the last sound
        finally:
            parec.terminate()
            parec.wait(timeout=10)
        result.append(measure(path))

    # ------------------------------------------------------------------ stopping
    def stop(self) -> None:
        for process in reversed(self._processes):
            # The whole group: speech-dispatcher's engine modules are its children.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self._processes = []
