"""Run every check in order and fail if any fails: ruff, mypy, import-linter, pytest.

Usage: ``python scripts/check.py [pytest args...]`` (``./check`` sets up .venv first).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(name: str, args: list[str]) -> bool:
    print(f"== {name}: {' '.join(args)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(args, cwd=TOP)
    took = time.monotonic() - started
    print(f"== {name}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {took:.1f}s",
          flush=True)
    return code == 0


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest_args = sys.argv[1:]
    if not any(a.startswith(("-n", "--numprocesses", "-p")) for a in pytest_args):
        # One worker per core; a module's tests stay on one worker (module fixtures such as
        # the hub process or the installer build run once).
        pytest_args = ["-n", "auto", "--dist", "loadfile", *pytest_args]
    steps = [
        ("ruff", [str(BIN / "ruff"), "check", "."]),
        ("mypy", [str(BIN / "mypy")]),
        ("import contracts", [str(BIN / "lint-imports")]),
        # Exit code 5 (no tests collected) is a failure like any other non-zero code.
        ("pytest", [sys.executable, "-m", "pytest", *pytest_args]),
    ]
    results = [(name, run(name, args)) for name, args in steps]
    failed = [name for name, ok in results if not ok]
    print("== summary:", "all checks passed" if not failed else "FAILED: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
