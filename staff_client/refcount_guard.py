"""WORKAROUND for a crash in PySide6/shiboken6 6.12 on CPython 3.11.

Their abi3 wheels return ``None`` (from every method that returns nothing: ``setText``,
``setEnabled``, …) and ``True`` (from ``Signal.emit``) without taking a reference: the
``Py_RETURN_NONE``/``Py_RETURN_TRUE`` they were compiled with come from 3.12+ headers, where
these objects are immortal. On 3.11 each such call lowers the object's reference count by
one; after a few thousand calls — minutes of a busy window redrawing its queue — the
interpreter aborts with "Fatal Python error: none_dealloc: deallocating None" (or
"bool_dealloc"). Raising the counts far out of reach once makes them immortal in practice,
as 3.12 does by design. Harmless where the bug is absent; a no-op on 3.12 and later.
(The same fault class elsewhere: https://github.com/vllm-project/vllm/pull/49950.)
"""

from __future__ import annotations

import ctypes
import sys

_FLOOR = 1 << 40  # a million faulty calls a second would take twelve days to spend this
_SINGLETONS = (None, True, False)


def protect_singletons() -> bool:
    """Make sure None, True and False cannot be deallocated; True when a count was raised."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if hasattr(sys, "gettotalrefcount"):  # a debug build lays PyObject out differently
        return False
    raised = False
    for singleton in _SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field
        if count.value < _FLOOR:
            count.value += _FLOOR
            raised = True
    return raised
