"""Upgrades from every earlier schema: each frozen fixture opens, migrates and verifies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.center import open_center
from core.clock import FixedClock
from core.db.migrations import known_names

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "schemas").glob("*.sqlite3"))


def test_there_is_a_fixture_for_the_first_schema() -> None:
    assert FIXTURES and FIXTURES[0].stem == known_names()[0]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_from_earlier_schema(fixture: Path, tmp_path: Path, clock: FixedClock) -> None:
    shutil.copy(fixture, tmp_path / "center.sqlite3")
    with open_center(tmp_path, clock=clock) as center:
        applied = [r["name"] for r in center.db.all(
            "SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert applied == known_names()
        report = center.verify()
        assert report.ok, report
        assert center.require_info().code == "330110101001"
        assert center.db.scalar("SELECT count(*) FROM ticket") >= 3
        # The upgraded database keeps working, old rows included.
        center.tickets.issue("A")
        if center.catalog.active() is None:
            from core.catalog import demo_catalog_text
            from tests.helpers import ADMIN

            center.catalog.import_text(demo_catalog_text(), ADMIN)
        for case in center.case_queries.find(""):
            assert case.item.name
        assert center.verify().ok
