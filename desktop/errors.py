"""Typed errors the UI and the CLI turn into plain sentences. None of them carry personal data."""

from __future__ import annotations


class LedgerError(Exception):
    """Base class: ``str(error)`` is a complete, user-readable sentence."""


class DatabaseDamagedError(LedgerError):
    """The file is not a database, or fails ``PRAGMA quick_check``."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(
            f"The database {self.path} is damaged ({detail or 'it cannot be read'}). "
            "You can restore it from a backup."
        )


class NewerSchemaError(LedgerError):
    """The database was written by a newer version of the app."""

    def __init__(self, path: str, found: int, known: int) -> None:
        self.path, self.found, self.known = str(path), found, known
        super().__init__(
            f"The database {self.path} was made by a newer version of Mastery Ledger "
            f"(schema {found}; this version knows up to {known}). Please update the app to open it."
        )


class ValidationError(LedgerError):
    """A value a user entered is not acceptable. ``field`` names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class DuplicateError(ValidationError):
    """The record already exists (e.g. a word the child has already mastered)."""


class ConflictError(LedgerError):
    """The row changed (another window or program) since it was read; nothing was overwritten."""

    def __init__(self, table: str, record_id: object, message: str | None = None) -> None:
        self.table, self.record_id = table, record_id
        super().__init__(
            message
            or "This record was changed elsewhere since you opened it. Nothing was overwritten; "
            "reload to see the current version."
        )


class NotFoundError(LedgerError):
    """The record no longer exists."""


class StorageError(LedgerError):
    """A known I/O condition: disk full, read-only, locked, missing drive."""


class Cancelled(LedgerError):
    """The user stopped the work before it finished (a ``cancel()`` callback said so between batches); nothing was
    changed. The one cancellation the whole app raises and catches; the message says what was stopped."""

    def __init__(self, message: str = "The work was cancelled; nothing was changed.") -> None:
        super().__init__(message)
