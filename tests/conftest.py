"""Fixtures shared by every test: a fixed clock and a real center on a temporary directory.

No Qt here: GUI tests keep their own conftest under tests/gui_*.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.center import Center, open_center
from core.clock import FixedClock
from tests.helpers import ADMIN, CENTER_CODE, shanghai

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def secret_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own secret store (backup keys, sync tokens): a real file, because no OS
    keyring runs here; child ``bianmin`` processes inherit it through the environment."""
    path = tmp_path / "secrets.json"
    monkeypatch.setenv("BIANMIN_SECRET_STORE", f"file:{path}")
    return path


@pytest.fixture
def clock() -> FixedClock:
    """Friday 2026-11-27, 09:00 in Shanghai."""
    return FixedClock(shanghai(2026, 11, 27))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "center"


@pytest.fixture
def bare_center(data_dir: Path, clock: FixedClock) -> Iterator[Center]:
    """An opened but uninitialised center."""
    center = open_center(data_dir, clock=clock)
    yield center
    center.close()


@pytest.fixture
def center(bare_center: Center) -> Center:
    """A village center with two groups (A, B), two windows and three staff."""
    c = bare_center
    c.initialize(CENTER_CODE, "良渚街道某村便民服务站", "village")
    c.staff.add(ADMIN, "zhang", "张站长", "supervisor", "zhang-pass-1")
    c.staff.add(ADMIN, "wang", "王小明", "clerk", "wang-pass-1")
    c.staff.add(ADMIN, "li", "李红", "clerk", "li-pass-1")
    a = c.groups.add(ADMIN, "A", "社保医保")
    b = c.groups.add(ADMIN, "B", "民政救助")
    c.windows.save(ADMIN, 1, group_ids=[a.id, b.id])
    c.windows.save(ADMIN, 2, group_ids=[b.id])
    wang = c.staff.by_username("wang").id
    li = c.staff.by_username("li").id
    c.windows.assign(ADMIN, 1, wang, li)
    return c


@pytest.fixture
def desk(center: Center) -> Center:
    """The standard center with the demo catalog (20 seed items) imported."""
    from core.catalog import demo_catalog_text

    center.catalog.import_text(demo_catalog_text(), ADMIN)
    return center


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that creates Qt widgets (it asks for ``qtbot`` or ``qapp``) as
    ``gui``, so ``pytest -m "not gui"`` runs the Qt-free part alone."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def speech_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A private PulseAudio (null sink) and speech-dispatcher for the whole session; this
    process talks to them through PULSE_SERVER and SPEECHD_ADDRESS (QtMultimedia connects
    to one sound server per process, so there is one lab per session)."""
    from tests.speechlab import LabUnavailable, SpeechLab

    lab = SpeechLab(tmp_path_factory.mktemp("speech"))
    try:
        lab.start()
    except LabUnavailable as exc:
        pytest.skip(f"speech-dispatcher/PulseAudio cannot run here ({exc}); "
                    "scripts/bootstrap.sh installs them")
    saved = {key: os.environ.get(key) for key in lab.env}
    os.environ.update({k: v for k, v in lab.env.items() if k != "XDG_RUNTIME_DIR"})
    yield lab
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    lab.stop()
