"""The center's side of the upward link: pushes the outbox and pulls the feed through ``core``.

| module | owns |
|---|---|
| ``transport`` | HTTP to the hub; only real protocol replies count; skew from ``Date`` |
| ``errors`` | failure kinds and their classification (reference/sync.md §3.6) |
| ``auth`` | login, in-memory access token, refresh token in the secret store, single-flight |
| ``backoff`` | exponential backoff with full jitter, ``Retry-After`` |
| ``lock`` | one sync per data directory across processes |
| ``crash`` | test-only crash points (``BIANMIN_SYNC_CRASH_AT``) |
| ``engine`` | ``run_once`` / ``run_forever``: push, pull, stats, pausing |
"""
