"""Rules import-linter cannot say, checked over the source tree (``./check`` runs them
through tests/test_house_rules.py; run this file to see the findings directly).

1. Only the storage modules speak SQL: ``core/db/`` for the center and the hub's store
   (``sync/hub/store*``). Elsewhere, a string that starts like an SQL statement or a
   call of ``.execute()``/``.executemany()``/``.executescript()`` is a finding.
2. No module outside ``tests/`` is longer than :data:`MAX_LINES` lines.
3. Nothing calls a private member of another module's object (``x._name(`` where ``x`` is
   not ``self``/``cls``), the kind of reach-around that made the kiosk's steps call the
   journey's ``_issue``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "sync", "cli", "ui_shared", "kiosk", "staff_client", "resources")
SQL_HOMES = ("core/db/", "sync/hub/store")
MAX_LINES = 600
_SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WITH|BEGIN|"
                  r"COMMIT|ROLLBACK|SAVEPOINT|VACUUM)\b")
_EXECUTE = {"execute", "executemany", "executescript"}
# Private by convention but documented as public API of the standard library.
_STDLIB_PRIVATE = {"os._exit", "sys._getframe"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.detail}"


def sources(top: Path = TOP) -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((top / package).rglob("*.py"))


def check_file(path: Path, top: Path = TOP) -> list[Finding]:
    relative = path.relative_to(top).as_posix()
    text = path.read_text(encoding="utf-8")
    found: list[Finding] = []
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        found.append(Finding(relative, 1, "module too long",
                             f"{lines} lines (at most {MAX_LINES}): split it along its seams"))
    tree = ast.parse(text, filename=relative)
    sql_home = relative.startswith(SQL_HOMES)
    for node in ast.walk(tree):
        if not sql_home:
            found += _sql(node, relative)
        found += _private_reach(node, relative)
    return found


def _sql(node: ast.AST, relative: str) -> list[Finding]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) \
            and _SQL.match(node.value) and not _is_docstring_like(node.value):
        return [Finding(relative, node.lineno, "SQL outside the storage modules",
                        node.value.strip()[:60])]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in _EXECUTE:
        return [Finding(relative, node.lineno, "SQL outside the storage modules",
                        f".{node.func.attr}()")]
    return []


def _is_docstring_like(value: str) -> bool:
    # "Update …" in prose is capitalised, not upper case; a statement has a second word
    # in upper case or a table name after it.
    return "\n\n" in value


def _private_reach(node: ast.AST, relative: str) -> list[Finding]:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return []
    name = node.func.attr
    owner = node.func.value
    if not name.startswith("_") or name.startswith("__"):
        return []
    if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
        return []
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) \
            and owner.func.id == "super":
        return []
    if ast.unparse(node.func) in _STDLIB_PRIVATE:
        return []
    return [Finding(relative, node.lineno, "private member of another object",
                    f"{ast.unparse(node.func)}()")]


def check_tree(top: Path = TOP) -> list[Finding]:
    return [finding for path in sources(top) for finding in check_file(path, top)]


def main() -> int:
    findings = check_tree()
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
