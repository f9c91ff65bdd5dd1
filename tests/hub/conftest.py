"""Fixtures for the hub tests: one real hub process shared by the session, fresh centers.

Every test talks HTTP to a ``bianmin-hub serve`` child process; each test gets its own
center accounts, so tests sharing the hub cannot see each other's data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hub.hubkit import CenterClient, HubProcess


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path_factory.mktemp("hub")).start()
    yield process
    process.stop()


@pytest.fixture
def village(hub: HubProcess) -> CenterClient:
    return hub.new_center()


@pytest.fixture
def other_village(hub: HubProcess) -> CenterClient:
    return hub.new_center(name="另一个村便民服务站")
