"""Residents' data is private to the account running Bianmin (issue 12, finding 5): data
folders 0700 and files 0600 whatever the umask, older installs put right on open, the
hub's data directory too."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.center import Center, open_center
from core.clock import FixedClock
from core.logs import configure_logging
from sync.hub.service import Hub
from tests.helpers import ADMIN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.fixture
def logging_restored() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _loose(root: Path) -> list[str]:
    """Every path under ``root`` (itself included) that others could read or enter."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            found.append(f"{path.relative_to(root)}: {oct(mode)}")
    return found


def _use(center: Center) -> None:
    """A little of everything that writes files: tickets, a printed paper, a backup, logs."""
    configure_logging(center.data_dir.logs, program="test")
    logging.getLogger("test").info("a line")
    ticket = center.tickets.issue("A")
    center.documents.ticket(ticket.id, ADMIN)
    center.backups.create(ADMIN)


def test_everything_a_center_writes_is_private(tmp_path: Path, clock: FixedClock,
                                               umask: int, logging_restored: None) -> None:

    with open_center(tmp_path / "center", clock=clock) as center:
        center.initialize("330110101001", "测试村便民服务站", "village")
        center.groups.add(ADMIN, "A", "社保医保")
        _use(center)
        assert list(center.data_dir.documents.rglob("*.pdf"))
        assert _loose(center.data_dir.root) == []


def test_an_older_install_is_put_right_when_opened(center: Center, clock: FixedClock,
                                                   logging_restored: None) -> None:
    _use(center)
    root = center.data_dir.root
    center.close()
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert _loose(root)
    with open_center(root, clock=clock):
        assert _loose(root) == []


def test_the_hubs_data_directory_is_private(tmp_path: Path, umask: int,
                                            logging_restored: None) -> None:
    root = tmp_path / "hub"
    with Hub.open(root) as hub:
        hub.add_center("330110101001", "测试村便民服务站")
        configure_logging(root / "logs", program="bianmin-hub")
        logging.getLogger("test").info("a line")
        assert _loose(root) == []
    (root / "hub.sqlite3").chmod(0o644)
    root.chmod(0o755)
    with Hub.open(root):
        assert _loose(root) == []
