"""The reference upper-level (county) hub: HTTP API, own SQLite store, ``bianmin-hub`` CLI.

See ``docs/hub.md`` for the protocol, the CLI and how the pieces fit.
"""
