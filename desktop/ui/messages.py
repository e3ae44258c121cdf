"""Errors from the core as sentences in the window's language.

The core's errors are English sentences (the CLI prints them). The window shows the translation of the sentences
it knows: fixed ones are looked up as they are; those carrying a value (a word, a date) are matched by pattern and
rebuilt from a translated template. Anything else is shown as the core wrote it, which is still a plain sentence.
"""

from __future__ import annotations

import re

import peewee
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.errors import ConflictError, DatabaseDamagedError, LedgerError, NotFoundError, StorageError

CONTEXT = "CoreMessages"

#: Fixed sentences the services raise (ValidationError.message and friends).
FIXED = (
    QT_TRANSLATE_NOOP("CoreMessages", "A name is required."),
    QT_TRANSLATE_NOOP("CoreMessages", "The date of birth must be a date like 2015-01-31."),
    QT_TRANSLATE_NOOP("CoreMessages", "The date of birth cannot be in the future."),
    QT_TRANSLATE_NOOP("CoreMessages", "The mental age must be between 0 and 30 years."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is not valid JSON."),
    QT_TRANSLATE_NOOP("CoreMessages", "This must be a list."),
    QT_TRANSLATE_NOOP("CoreMessages", "This must be an object."),
    QT_TRANSLATE_NOOP("CoreMessages", "Every entry must be text."),
    QT_TRANSLATE_NOOP("CoreMessages", "A value is required."),
    QT_TRANSLATE_NOOP("CoreMessages", "This must be text."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is not a profile field."),
    QT_TRANSLATE_NOOP("CoreMessages", "A word must be text."),
    QT_TRANSLATE_NOOP("CoreMessages", "The word is empty."),
    QT_TRANSLATE_NOOP("CoreMessages", "A grammar point is required."),
    QT_TRANSLATE_NOOP("CoreMessages", "This grammar point is already mastered."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is not a grammar point's address. Choose a grammar point from the list, "
                                      "or give its full address (http://…/gp-a1-001-…)."),
    QT_TRANSLATE_NOOP("CoreMessages", "A message cannot be empty."),
    QT_TRANSLATE_NOOP("CoreMessages", "The card is empty: write something on its front or back."),
    QT_TRANSLATE_NOOP("CoreMessages", "A profile with this id already exists."),
    QT_TRANSLATE_NOOP("CoreMessages", "The child this record belongs to does not exist."),
    QT_TRANSLATE_NOOP("CoreMessages", "That child no longer exists."),
    QT_TRANSLATE_NOOP("CoreMessages", "No database is open."),
)

#: (pattern over the English sentence, translated template using the pattern's named groups).
PATTERNS = (
    (re.compile(r"^“(?P<word>.*)” is already mastered\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "“{word}” is already mastered.")),
    (re.compile(r"^There is already a child called “(?P<name>.*)”\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "There is already a child called “{name}”.")),
    (re.compile(r"^(?P<value>.*) is not a real date \(use YYYY-MM-DD, e\.g\. 2015-01-31\)\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a real date (use YYYY-MM-DD, e.g. 2015-01-31).")),
    (re.compile(r"^The name is too long \((?P<n>\d+) characters; at most (?P<max>\d+)\)\.$"),
     QT_TRANSLATE_NOOP("CoreMessages", "The name is too long ({n} characters; at most {max}).")),
    (re.compile(r"^(?P<value>.*) is not a number\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a number.")),
    (re.compile(r"^must be one of (?P<choices>.*) \(got (?P<value>.*)\)\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "This must be one of {choices} (got {value}).")),
    (re.compile(r"^That record no longer exists \((?P<what>.*)\)\.$", re.S),
     QT_TRANSLATE_NOOP("CoreMessages", "That record no longer exists ({what}).")),
)

CONFLICT = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "This record was changed elsewhere since you opened it. Nothing was overwritten; the current version is "
    "shown now.",
)
LOCKED = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The database is busy: another program (or another Mastery Ledger window) is writing to it. Nothing was "
    "changed; please try again in a moment.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "CoreMessages", "The disk is full, so nothing could be saved. Free some space and try again.",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The database cannot be written to (the file or its folder is read-only, or the drive is write-protected). "
    "Nothing was changed.",
)
DAMAGED = QT_TRANSLATE_NOOP("CoreMessages", "The database {path} is damaged and cannot be read.")


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def translate_sentence(text: str) -> str:
    """The translation of one sentence from the core, if we know it."""
    if text in FIXED:
        return translate(text)
    for pattern, template in PATTERNS:
        match = pattern.match(text)
        if match:
            return translate(template).format(**match.groupdict())
    return text


def known_storage_problem(exc: BaseException) -> str | None:
    """The plain sentence for a known I/O condition (locked, disk full, read-only), else ``None``."""
    text = str(exc).lower()
    if isinstance(exc, peewee.OperationalError | StorageError) or "sqlite" in type(exc).__module__:
        if "locked" in text or "busy" in text:
            return translate(LOCKED)
        if "disk is full" in text or "no space" in text or "database or disk is full" in text:
            return translate(DISK_FULL)
        if "readonly" in text or "read-only" in text or "read only" in text:
            return translate(READ_ONLY)
    if isinstance(exc, OSError):
        import errno

        if exc.errno == errno.ENOSPC:
            return translate(DISK_FULL)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return translate(READ_ONLY)
    return None


def describe(exc: BaseException) -> str | None:
    """A translated sentence for a known error, or ``None`` for a bug (which deserves a crash report)."""
    storage = known_storage_problem(exc)
    if storage:
        return storage
    if isinstance(exc, ConflictError):
        return translate(CONFLICT)
    if isinstance(exc, DatabaseDamagedError):
        return translate(DAMAGED).format(path=exc.path)
    message = getattr(exc, "message", None)
    if isinstance(message, str):  # ValidationError: the message without the field name
        return translate_sentence(message)
    if isinstance(exc, LedgerError | NotFoundError):
        return translate_sentence(str(exc))
    return None


def is_known(exc: BaseException) -> bool:
    return describe(exc) is not None
