"""The center's domain and its books: queue, staff, audit, cases, documents, calendar.

No Qt and no HTTP here: a CLI or a test drives every operation with `core` alone.
Start with :func:`core.center.open_center`.
"""
