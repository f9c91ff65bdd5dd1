"""What every Bianmin PyInstaller spec shares: paths, data files, what to leave out.

Imported by the ``*.spec`` files in this folder (PyInstaller executes them as Python with
SPECPATH set to this folder).
"""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

INSTALLER = Path(__file__).resolve().parent
TOP = INSTALLER.parent

# Package data read through importlib.resources: the font, the seed catalog, groups.
RESOURCES = [(str(TOP / "resources" / sub), f"resources/{sub}") for sub in ("fonts", "catalog")]

# Nothing in Bianmin needs these; leaving them out keeps the bundles small.
ALWAYS_EXCLUDED = ["tkinter", "test", "unittest", "pydoc_data", "IPython", "matplotlib",
                   "numpy", "torch", "pytest", "hypothesis", "mypy", "ruff", "importlinter"]
QT_EXCLUDED = ["PySide6", "shiboken6"]

# Only the Qt modules the front ends import (QtWebEngine and friends stay out).
QT_UNUSED = ["PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore",
             "PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtCharts", "PySide6.QtDataVisualization",
             "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtSensors", "PySide6.QtLocation",
             "PySide6.QtPositioning", "PySide6.QtSerialPort", "PySide6.QtSql", "PySide6.QtTest",
             "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtWebSockets",
             "PySide6.QtNetworkAuth", "PySide6.QtRemoteObjects", "PySide6.QtScxml",
             "PySide6.QtQuick3D", "PySide6.QtGraphs", "PySide6.QtVirtualKeyboard"]


def hidden_imports(*packages: str) -> list[str]:
    """Every submodule of our own packages (some are reached only through strings)."""
    found: list[str] = []
    for package in packages:
        found += collect_submodules(package)
    return found


def data_files(*packages: str) -> list[tuple[str, str]]:
    files = list(RESOURCES)
    for package in packages:
        files += collect_data_files(package)
    return files
