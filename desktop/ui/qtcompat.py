"""Two workarounds for the Qt binding: a typed ``QT_TRANSLATE_NOOP``, and a guard against a reference-counting
bug, installed when ``desktop.ui`` is imported.

PySide6's ``QT_TRANSLATE_NOOP`` returns its text unchanged but is declared to return ``object``, so every table of
labels built with it would need a cast; the UI imports the one here instead (lupdate finds the marks by name).

PySide6 6.12.0 hands some results back to Python without taking a reference for them: ``None`` from methods that
return nothing (``setText``, ``show`` …) and ``True`` from ``Signal.emit()`` / ``disconnect()``. Each call then
lowers that object's reference count by one; on Python 3.11, where ``None``/``True``/``False`` are not immortal,
the interpreter aborts ("Fatal Python error: none_dealloc" / "bool_dealloc") after a few thousand calls — within
minutes of normal use, or at exit. Python 3.12 made these objects immortal, so the bug is harmless there.

:func:`protect` measures the binding once and, only if it has the bug, raises the count of each affected object by
2**40 — what Python 3.12 does for every process. The real fix is a binding without the bug
(``PySide6-Essentials != 6.12.0`` on Python 3.11).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

MARGIN = 1 << 40


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Marks ``text`` for translation in ``context``; returns it (the window translates it when it shows it)."""
    return text


_protected: set[str] = set()


def _leaks() -> dict[str, bool]:
    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    found = {}
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    found["None"] = sys.getrefcount(None) - before <= -16
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.fired.emit()
    found["True"] = sys.getrefcount(True) - before <= -16
    # False is handed back the same way wherever True is (bool results); guard it alike.
    found["False"] = found["True"]
    return found


def protect() -> set[str]:
    """Guard the singletons this binding loses references to (once per process); returns their names."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return set()
    singletons = {"None": None, "True": True, "False": False}
    for name, leaking in _leaks().items():
        if leaking and name not in _protected:
            # CPython < 3.12 keeps ob_refcnt as the object's first field (Py_ssize_t).
            ctypes.c_ssize_t.from_address(id(singletons[name])).value += MARGIN
            _protected.add(name)
    return set(_protected)
