"""A hard abort (segfault, a fatal error inside Qt) leaves its stack in the fault log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CRASH = """
import ctypes, sys
from pathlib import Path
from core.logs import configure_logging
configure_logging(Path(sys.argv[1]), program="bianmin-kiosk")
def deep_in_a_screen():
    ctypes.string_at(0)  # reads address 0: SIGSEGV, no Python exception
deep_in_a_screen()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSEGV is a POSIX signal")
def test_a_segfault_leaves_the_stack_in_the_fault_log(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], check=False,
                          capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode != 0
    log = (tmp_path / "bianmin-kiosk-faults.log").read_text(encoding="utf-8")
    assert "Segmentation fault" in log
    assert "deep_in_a_screen" in log
