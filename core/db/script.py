"""Splitting an SQL script into statements, for migrations that must run inside one
transaction (``executescript()`` would commit it). SQLite's own parser decides where a
statement ends, so triggers (``BEGIN … ; … END``) and quoted semicolons stay whole."""

from __future__ import annotations

import sqlite3


def statements(script: str) -> list[str]:
    """The complete statements of ``script``, in order; a trailing fragment is kept as its
    own statement so that running it reports the syntax error."""
    found: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if buffer.strip() and sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        found.append(buffer.strip())
    return found
