"""Build Bianmin's installable bundles: PyInstaller onedir programs, self-tested, packed.

    python build_installer.py                 # all four programs, packed for this platform
    python build_installer.py --only bianmin  # one program (CI's smoke build)

Each program has a checked-in spec in installer/. Every frozen program's self-test must
pass or the build fails. On Linux the result is dist/bianmin-<version>-linux-<arch>.tar.gz
holding the programs, install.sh, menu entries, autostart entries and systemd user units.
On Windows the programs are built the same way and installer/windows/bianmin.iss (Inno
Setup) is placed beside them, with the command that makes the setup .exe.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

TOP = Path(__file__).resolve().parent
INSTALLER = TOP / "installer"
PROGRAMS = {
    # name: (self-test arguments, needs Qt)
    "bianmin": (["self-test"], False),
    "bianmin-hub": (["self-test"], False),
    "bianmin-staff": (["--self-test"], True),
    "bianmin-kiosk": (["--self-test"], True),
}


def version() -> str:
    with open(TOP / "pyproject.toml", "rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def freeze(name: str, work: Path, dist: Path) -> Path:
    print(f"== PyInstaller: {name}", flush=True)
    log = work / f"{name}.log"
    with open(log, "w", encoding="utf-8") as out:
        code = subprocess.call(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
             "--workpath", str(work / name), "--distpath", str(dist),
             str(INSTALLER / f"{name}.spec")], stdout=out, stderr=subprocess.STDOUT, cwd=TOP)
    if code != 0:
        sys.stderr.write(log.read_text(encoding="utf-8")[-4000:])
        raise SystemExit(f"PyInstaller failed for {name} (log: {log})")
    return dist / name


def self_test(name: str, folder: Path) -> None:
    arguments, qt = PROGRAMS[name]
    executable = folder / (name + (".exe" if os.name == "nt" else ""))
    env = {**os.environ}
    if qt:
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix=f"{name}-selftest-") as data:
        env["BIANMIN_DATA_DIR"] = data
        env["BIANMIN_HUB_DATA_DIR"] = data
        result = subprocess.run([str(executable), *arguments], env=env, capture_output=True,
                                text=True, timeout=300, check=False)
    print(f"== self-test {name}: exit {result.returncode} {result.stdout.strip()}", flush=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"the frozen {name} failed its self-test")


def pack_linux(programs: Path, out: Path, ver: str) -> Path:
    arch = platform.machine() or "unknown"
    stem = f"bianmin-{ver}-linux-{arch}"
    with tempfile.TemporaryDirectory() as tmp:
        stage = Path(tmp) / stem
        shutil.copytree(programs, stage / "programs", symlinks=True)
        shutil.copy(INSTALLER / "linux" / "install.sh", stage / "install.sh")
        for sub in ("applications", "autostart", "systemd"):
            shutil.copytree(INSTALLER / "linux" / sub, stage / "share" / sub)
        (stage / "VERSION").write_text(ver + "\n", encoding="utf-8")
        shutil.copy(TOP / "resources" / "fonts" / "LICENSE-wqy-microhei.txt",
                    stage / "LICENSE-font.txt")
        target = out / f"{stem}.tar.gz"
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1764201600"))

        def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            info.mtime = epoch
            return info

        with tarfile.open(target, "w:gz") as archive:
            archive.add(stage, arcname=stem, filter=normalise)
    return target


def pack_windows(programs: Path, out: Path, ver: str) -> Path:
    shutil.copy(INSTALLER / "windows" / "bianmin.iss", out / "bianmin.iss")
    print(f'== next: iscc /DVersion={ver} /DSource="{programs}" "{out / "bianmin.iss"}"')
    return out / "bianmin.iss"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=sorted(PROGRAMS), help="build only these")
    parser.add_argument("--out", type=Path, default=TOP / "dist")
    # Not TOP/"build": that is the ./build script itself.
    parser.add_argument("--work", type=Path, default=TOP / "build-work")
    args = parser.parse_args()
    ver = version()
    names = args.only or list(PROGRAMS)
    programs = args.out / "programs"
    shutil.rmtree(programs, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    for name in names:
        self_test(name, freeze(name, args.work, programs))
    packed = pack_windows(programs, args.out, ver) if os.name == "nt" else \
        pack_linux(programs, args.out, ver)
    print(f"== built {packed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
