"""A guard against a PySide6 6.12.0 bug on Python < 3.12: every call of a Qt method that returns nothing (``setText``,
``setValue``, ``show`` …) hands back ``None`` without taking a reference to it, so each call lowers ``None``'s
reference count by one. After some thousands of calls the count reaches zero and the interpreter aborts with
"Fatal Python error: none_dealloc". (Python 3.12 made ``None`` immortal, so the bug is invisible there; PySide6
6.11.3 is not affected.)

:func:`protect_none` raises ``None``'s count once by 2**40 on the affected versions only — what Python 3.12 does
for every process. The real fix is to avoid that release (``PySide6-Essentials != 6.12.0`` on Python 3.11).
"""

from __future__ import annotations

import ctypes
import sys

AFFECTED = ("6.12.0",)
_done = False


def affected() -> bool:
    import PySide6

    return sys.version_info < (3, 12) and PySide6.__version__ in AFFECTED and sys.implementation.name == "cpython"


def protect_none() -> bool:
    """Make ``None`` practically immortal on the affected versions (once per process); True if it was needed."""
    global _done
    if _done or not affected():
        return False
    # CPython < 3.12 keeps ob_refcnt as the object's first field (Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _done = True
    return True
