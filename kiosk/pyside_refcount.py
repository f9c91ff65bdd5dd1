"""Keep ``None``, ``True`` and ``False`` alive under a binding bug that would otherwise
abort a long-running kiosk.

# WORKAROUND: PySide6 6.12.0 on CPython 3.11 drops references it does not own: one to
# ``None`` on every call of a void method (``setText``, ``update``, every ``QPainter``
# draw call), and some to ``True`` (navigating screens); measured with
# ``sys.getrefcount``. A kiosk starts with ~20,000 references to ``None`` and aborted
# with "Fatal Python error: none_dealloc" after about 75 tickets. CPython 3.12 made these
# objects immortal (PEP 683), so there the bug is harmless; here we give them the same
# effective immortality by raising their reference counts out of reach, once, at start.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

HEADROOM = 1 << 48  # a million lost references a second would take years to use this up


def keep_singletons_alive() -> bool:
    """Raise the reference counts of None/True/False where they are not immortal."""
    if (sys.implementation.name != "cpython" or sys.version_info >= (3, 12)
            or hasattr(sys, "gettotalrefcount")):  # debug builds lay PyObject out otherwise
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        count.value += HEADROOM
    log.info("None, True and False made effectively immortal (PySide6 refcount bug)")
    return True
