#!/usr/bin/env bash
# Prepare a fresh machine for Bianmin: the Debian libraries Qt and the tests need, and
# a virtual environment in .venv with the project installed in editable mode.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

debian_packages=(
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libnss3 libasound2
  poppler-utils
  # The voice: speech-dispatcher with espeak-ng's Mandarin voices, and the PulseAudio the
  # tests start privately (a null sink, recorded with parec) to hear the board's calls.
  espeak-ng speech-dispatcher speech-dispatcher-espeak-ng pulseaudio pulseaudio-utils
)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "== installing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      # libasound2 was renamed in newer Debian releases; accept either.
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || apt-get install -y -qq --no-install-recommends \
             "${missing[@]/libasound2/libasound2t64}" >/dev/null
    else
      echo "!! missing Debian packages (install them as root): ${missing[*]}" >&2
    fi
  fi
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "!! Bianmin needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$python" -m venv .venv
fi

stamp=.venv/.bianmin-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== installing Bianmin and its test tools into .venv"
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install --upgrade pip \
         && .venv/bin/python -m pip install -e ".[test]"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "!! pip install failed; full log in $log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
