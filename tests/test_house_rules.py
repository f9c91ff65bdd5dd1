"""The house rules import-linter cannot express (scripts/house_rules.py): SQL only in the
storage modules, no module over 600 lines, no calls to another object's private members."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TOP = Path(__file__).resolve().parent.parent


def _rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("house_rules", TOP / "scripts/house_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["house_rules"] = module
    spec.loader.exec_module(module)
    return module


rules = _rules()


def _tree(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [f"{f.path}: {f.rule}" for f in rules.check_tree(tmp_path)]


def test_the_source_tree_keeps_the_house_rules() -> None:
    findings = rules.check_tree()
    assert not findings, "\n".join(str(f) for f in findings)


def test_sql_is_found_outside_the_storage_modules(tmp_path: Path) -> None:
    found = _tree(tmp_path, {
        "core/reports.py": 'def f(db):\n    return db.one("SELECT state FROM case_file")\n',
        "kiosk/app.py": "def g(conn):\n    conn.execute(q)\n",
        "core/db/cases.py": 'def h(db):\n    return db.one("SELECT 1")\n',
        "sync/hub/store.py": 'def i(c):\n    c.execute("PRAGMA user_version")\n',
        "core/text.py": '"""Update the text.\n\nDelete nothing."""\n',
    })
    assert found == ["core/reports.py: SQL outside the storage modules",
                     "kiosk/app.py: SQL outside the storage modules"]


def test_a_long_module_and_a_private_reach_are_found(tmp_path: Path) -> None:
    found = _tree(tmp_path, {
        "core/big.py": "x = 1\n" * 601,
        "core/flows/steps.py": "def step(j):\n    return j._issue('A')\n",
        "core/fine.py": "class A:\n    def f(self):\n        return self._g() or super()._h()\n",
        "sync/client/crash.py": "import os\nos._exit(9)\n",
    })
    assert found == ["core/big.py: module too long",
                     "core/flows/steps.py: private member of another object"]
