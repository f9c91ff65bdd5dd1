"""Constants and small helpers shared by tests (importable as ``tests.helpers``)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from core.actor import Actor

SHANGHAI = ZoneInfo("Asia/Shanghai")
CENTER_CODE = "330110101001"
ADMIN = Actor.cli()
TOP = Path(__file__).resolve().parent.parent


def shanghai(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def run_bianmin(data_dir: Path, *args: str, stdin: str | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``bianmin`` command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "--data-dir", str(data_dir), *args],
        check=False, input=stdin, capture_output=True, text=True, cwd=TOP, timeout=120,
        env={**os.environ, **(env or {})},
    )


def valid_id(first17: str) -> str:
    """A citizen ID number with a correct check character for ``first17``."""
    from core.identity import mod11_2_check

    return first17 + mod11_2_check(first17)
