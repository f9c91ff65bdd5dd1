"""Fixtures for the sync tests: one real hub process for the session, fresh centers.

Each test gets its own center accounts on the shared hub (so tests cannot see each other's
data); tests that restart, kill or reconfigure a hub start their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.hubkit import HubProcess
from tests.sync.kit import Site, make_site
from tests.sync.proxy import FaultProxy


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path_factory.mktemp("synchub")).start()
    yield process
    process.stop()


@pytest.fixture
def site(tmp_path: Path, hub: HubProcess) -> Site:
    return make_site(tmp_path, hub)


@pytest.fixture
def proxy(hub: HubProcess) -> Iterator[FaultProxy]:
    with FaultProxy(hub.port) as running:
        yield running
