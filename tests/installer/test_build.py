"""The installer, for real: freeze the ``bianmin`` command, install it, upgrade over it.

A smoke build of one program (the full build adds the Qt programs and the hub and takes
several minutes); the frozen program must pass its own self-test for the build to succeed.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from build_installer import version
from tests.helpers import CENTER_CODE, TOP

pytestmark = pytest.mark.slow


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Exactly the documented command (docs/installing.md), run in this checkout with its
    # default folders: on CI that is a clean clone, where ./build once failed because the
    # PyInstaller work folder defaulted to the path of the ./build script itself.
    built = subprocess.run([str(TOP / "build"), "--only", "bianmin"], capture_output=True,
                           text=True, timeout=900, cwd=TOP, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "self-test bianmin: exit 0" in built.stdout
    [archive] = (TOP / "dist").glob(f"bianmin-{version()}-linux-*.tar.gz")
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    [folder] = unpacked.iterdir()
    return folder


def test_install_then_upgrade_keeps_every_record(bundle: Path, tmp_path: Path) -> None:
    prefix, data = tmp_path / "opt", tmp_path / "data"
    installed = run(bundle / "install.sh", "--prefix", prefix)
    assert installed.returncode == 0, installed.stderr
    bianmin = prefix / "bin" / "bianmin"
    env = {"BIANMIN_DATA_DIR": str(data)}
    assert run(bianmin, "init", "--center-code", CENTER_CODE, "--center-name", "安装测试站",
               env=env).returncode == 0
    assert run(bianmin, "group", "add", "A", "--name", "社保", env=env).returncode == 0
    assert run(bianmin, "catalog", "import", env=env).returncode == 0
    assert run(bianmin, "ticket", "issue", "--group", "A", env=env).stdout.split()[-1] == "A001"
    case = run(bianmin, "case", "new", "--item", "20-RS-004", "--name", "张三",
               "--id-number", "11010519491231002X", env=env)
    assert case.returncode == 0, case.stderr

    # A newer build installed over the older one.
    (bundle / "VERSION").write_text("9.9.9\n", encoding="utf-8")
    assert run(bundle / "install.sh", "--prefix", prefix).returncode == 0
    assert (prefix / "current").resolve().name == "9.9.9"
    listing = run(bianmin, "ticket", "list", env=env).stdout
    assert "A001" in listing
    assert "张*" in run(bianmin, "case", "find", "张三", env=env).stdout
    assert run(bianmin, "verify", env=env).returncode == 0
    assert run(bianmin, "self-test").stdout.strip() == "自检通过"
    assert (prefix / "share" / "applications" / "bianmin-staff.desktop").exists()
