"""Build one program's onedir bundle; each ``*.spec`` calls :func:`build` with its choices."""

from __future__ import annotations

from typing import Any

from common import ALWAYS_EXCLUDED, INSTALLER, QT_EXCLUDED, QT_UNUSED, data_files, hidden_imports


def build(name: str, *, packages: list[str], qt: bool, extra_data: tuple[str, ...] = (),
          console: bool = True, globals_: dict[str, Any]) -> None:
    # PyInstaller's spec-file builders, named as PyInstaller names them.
    analysis_class, pyz_class = globals_["Analysis"], globals_["PYZ"]
    exe_class, collect_class = globals_["EXE"], globals_["COLLECT"]
    analysis = analysis_class(
        [str(INSTALLER / "entries" / f"{name}.py")],
        pathex=[str(INSTALLER.parent)],
        datas=data_files(*extra_data),
        hiddenimports=hidden_imports(*packages),
        excludes=ALWAYS_EXCLUDED + (QT_UNUSED if qt else QT_EXCLUDED),
        noarchive=False,
    )
    pyz = pyz_class(analysis.pure)
    exe = exe_class(pyz, analysis.scripts, [], exclude_binaries=True, name=name, console=console,
              strip=False, upx=False)
    collect_class(exe, analysis.binaries, analysis.datas, strip=False, upx=False, name=name)
