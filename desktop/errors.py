"""Typed errors the UI and the CLI turn into plain sentences. None of them carry personal data beyond what their
sentence shows.

Every error the core raises for a user to read carries a stable ``code`` (a key of ``MESSAGES``) and the values
its sentence needs (``params``). ``str(error)`` is the English sentence (``MESSAGES[code]`` filled with the
params), which the CLI prints; the window looks the code up in its own catalogue and shows the sentence in its
language (``desktop.ui.messages``). An error raised with a sentence and no code is shown as it is.
"""

from __future__ import annotations

#: code → the English sentence, with ``{name}`` for each param (``str.format``).
MESSAGES: dict[str, str] = {
    # The database file or server.
    "database_damaged": "The database {path} is damaged ({detail}). You can restore it from a backup.",
    "newer_schema": "The database {path} was made by a newer version of Mastery Ledger (schema {found}; this "
    "version knows up to {known}). Please update the app to open it.",
    "no_database_open": "No database is open.",
    "no_database_at": "There is no database at {path}.",
    "database_unreadable": "The database {path} cannot be read: {reason}.",
    "database_not_creatable": "The database {path} cannot be created: {reason}.",
    "not_a_ledger_database": "{path} is not a Mastery Ledger database (it holds other data); it was not changed.",
    "older_schema": "{path} was made by an older version and must be opened in the app once to upgrade.",
    "server_unreachable": "Cannot connect to the server database {url}.",
    "server_connect_failed": "Cannot connect to the server database {url}: {reason}",
    "server_driver_missing": "Server databases need the PostgreSQL driver: pip install 'mastery-ledger[postgres]'.",
    "server_address_invalid": "The server address {url} cannot be used: {reason}.",
    "server_no_data": "The server database {url} holds no Mastery Ledger data.",
    "server_older_schema": "The server database {url} has schema {version}; upgrade it with this app's transfer "
    "command from a backup.",
    "transfer_same_database": "The source and the target are the same database.",
    "transfer_target_not_empty": "The target {target} already holds records. Nothing was copied; use --merge to add "
    "only what it lacks.",
    "server_backup_no_database": "There is no server database to back up.",
    "server_restore_no_database": "There is no server database to restore into.",
    "server_backup_unusable": "The backup {name} cannot be used: {detail}. It was not restored; the server database "
    "was not changed. Choose another backup.",
    "backup_newer": "The backup {name} was made by a newer version of Mastery Ledger.",
    "server_backup_damaged": "The backup {name} is damaged; the server was not changed.",
    "server_restore_counts_differ": "After the restore the server's counts differ from the backup's: {different}.",
    # Records.
    "record_changed": "This record was changed elsewhere since you opened it. Nothing was overwritten; reload to see "
    "the current version.",
    "record_gone": "That record no longer exists ({table} {row_id}).",
    "child_gone": "That child no longer exists.",
    "child_missing": "The child this record belongs to does not exist.",
    "child_name_taken": "There is already a child called “{name}”.",
    "profile_id_taken": "A profile with this id already exists.",
    "word_mastered": "“{word}” is already mastered.",
    "grammar_mastered": "This grammar point is already mastered.",
    # Values a user entered (ValidationError: the field is named by the form, the sentence says what is wrong).
    "not_one_of": "must be one of {choices} (got {value}).",
    "name_required": "A name is required.",
    "name_too_long": "The name is too long ({length} characters; at most {limit}).",
    "dob_format": "The date of birth must be a date like 2015-01-31.",
    "date_not_real": "{value} is not a real date (use YYYY-MM-DD, e.g. 2015-01-31).",
    "dob_in_future": "The date of birth cannot be in the future.",
    "not_a_number": "{value} is not a number.",
    "mental_age_range": "The mental age must be between 0 and 30 years.",
    "value_required": "A value is required.",
    "not_json": "This is not valid JSON.",
    "must_be_list": "This must be a list.",
    "must_be_object": "This must be an object.",
    "entries_must_be_text": "Every entry must be text.",
    "not_a_profile_field": "This is not a profile field.",
    "must_be_text": "This must be text.",
    "word_not_text": "A word must be text.",
    "word_empty": "The word is empty.",
    "card_empty": "The card is empty: write something on its front or back.",
    "message_empty": "A message cannot be empty.",
    "grammar_required": "A grammar point is required.",
    "grammar_not_an_address": "This is not a grammar point's address. Choose a grammar point from the list, or give "
    "its full address (http://…/gp-a1-001-…).",
    # Work a user stopped.
    "cancelled": "The work was cancelled; nothing was changed.",
    "check_cancelled": "The check was cancelled.",
    "backup_cancelled": "The backup was cancelled. Nothing was changed.",
    "restore_cancelled": "The restore was cancelled. Your database was not changed.",
    "recovery_cancelled": "The recovery was cancelled. Nothing was changed.",
    "migration_cancelled": "The migration was cancelled. Nothing was written to the database.",
    "transfer_cancelled": "The transfer was cancelled; the target database was not changed.",
    "reading_cancelled": "The reading of the old files was cancelled; nothing was changed.",
    # The demo (--demo).
    "demo_data_missing": "The demo data is missing from this installation ({folder}).",
    "demo_import_failed": "The demo data could not be imported: {reason}",
    # Backups (``action`` is one of backup's ACTIONS, which the window translates too).
    "disk_full": "The disk is full: there is no room to {action} in {where}. Free some space or choose another "
    "folder. Nothing was lost.",
    "folder_read_only": "Mastery Ledger may not write to {where} (it is read-only or belongs to someone else), so it "
    "could not {action}. Choose another folder. Nothing was lost.",
    "folder_missing": "{where} is not there, so Mastery Ledger could not {action}. If it is on a USB drive or memory "
    "card, connect it and try again. Nothing was lost.",
    "database_busy": "The database is busy (another window or program is using it), so Mastery Ledger could not "
    "{action}. Close the other program and try again. Nothing was lost.",
    "drive_failed": "The drive holding {where} could not be read or written (was it removed?), so Mastery Ledger "
    "could not {action}. Reconnect it and try again. Nothing was lost.",
    "backup_running": "Another backup or restore is running; try again when it has finished.",
    "server_backups_unavailable": "Backups of a server database are not available yet; ask your administrator.",
    "backup_folder_missing": "The backup folder {folder} is not there. If it is on a USB drive or memory card, "
    "connect it and try again. Nothing was lost.",
    "backup_folder_gone": "The backup {path} cannot be found: its folder is not there (is the drive connected?).",
    "backup_not_found": "There is no backup called {name} in {folder}.",
    "backup_not_self_contained": "The backup copy could not be made self-contained.",
    "nothing_to_back_up": "There is no database at {path}, so there is nothing to back up.",
    "damaged_copy_aside_failed": "The damaged database {path} could not be copied aside ({reason}); nothing was "
    "changed. Copy the folder somewhere safe and ask for help.",
    "database_open_elsewhere": "The database is open in another window or program. Close it and try again. Nothing "
    "was changed.",
    "backup_unusable": "The backup {name} cannot be used because {detail}; your database was not changed.",
    "backup_unverified": "The backup {name} was not restored because its audit trail does not verify ({problems}); "
    "your database was not changed.",
    "restored_backup_unopenable": "The backup was put in place but could not be opened: {detail}",
    "restored_backup_unopenable_saved": "The backup was put in place but could not be opened: {detail} The replaced "
    "database is saved as {safety}.",
    "no_good_backup": "No usable backup was found in {where}, so the damaged database {path} was left as it is. If "
    "your backups are on a USB drive, connect it and try again; otherwise ask for help and do not "
    "delete the file.",
    # Migration of the old files, and rolling it back.
    "source_changed": "{file} changed while it was being migrated. Nothing was written; please try again.",
    "legacy_backup_unwritable": "The backup copy of the old files could not be written: {reason}.",
    "legacy_backup_changed": "The backup copy of the old files ({name}) changed after it was written. Nothing was "
    "written; please try again.",
    "legacy_backup_unreadable": "The backup copy of the old files ({name}) cannot be read back. Nothing was written; "
    "please try again.",
    "legacy_backup_incomplete": "The backup copy of the old files ({name}) is incomplete. Nothing was written; please "
    "try again.",
    "migration_lock_unavailable": "The migration lock {path} cannot be opened: {reason}.",
    "archive_path_outside": "The archive names a file outside the chosen folder ({member}); nothing was restored.",
    "archive_no_manifest": "{archive} has no readable manifest; nothing was restored.",
    "archive_names_twice": "The archive names {file} twice; nothing was restored.",
    "archive_file_missing": "{file} is missing from the archive; nothing was restored.",
    "archive_size_mismatch": "{file} in the archive does not have the size its manifest gives ({size:,} bytes "
    "instead of {expected:,}); nothing was restored.",
    "archive_file_too_big": "{file} in the archive would be {size:,} bytes, far more than any file of the old app; "
    "nothing was restored.",
    "restore_target_exists": "{path} already exists; choose an empty folder. Nothing was restored.",
    "restore_no_space": "There is not enough free space in {folder} to restore {size:,} bytes; nothing was restored.",
    "archive_file_bigger": "{file} in the archive is bigger than its manifest says; nothing was restored.",
    "archive_file_damaged": "{file} in the archive is damaged ({detail}); nothing was restored.",
    "archive_checksum": "{file} in the archive does not match its checksum; nothing was restored.",
    "archive_unreadable": "{archive} is not a readable migration archive.",
    "restore_files_failed": "The files could not be restored ({reason}); nothing was restored.",
    "old_files_present": "{folder} already holds the old app's files ({names}). Choose another folder, or overwrite "
    "them (the old ones are then kept as .bak). Nothing was written.",
    "old_files_present_more": "{folder} already holds the old app's files ({names} and {more} more). Choose another "
    "folder, or overwrite them (the old ones are then kept as .bak). Nothing was written.",
    "migration_unverified": "The migration could not be verified, so nothing was written: {differences}",
    # Encryption at rest.
    "wrong_key": "That key does not open {path}; nothing was changed.",
    "wrong_passphrase": "That passphrase does not open {path}; nothing was changed.",
    "recovery_key_mistyped": "That recovery key has a typing mistake (its check letters do not match); please "
    "compare it with the one you kept. Nothing was changed.",
    "recovery_key_malformed": "That is not a recovery key (it looks like MLK1-ABCD-EFGH-…, 14 groups of 4 letters "
    "and digits). Nothing was changed.",
    "key_needed": "{path} is encrypted and no key stored on this computer opens it (or it is damaged). Give its "
    "recovery key (or passphrase) to open it; nothing was changed.",
    "key_needed_backup": "The backup {name} is encrypted with a key that is not stored on this computer. Give its "
    "recovery key (or passphrase) to restore it; nothing was changed.",
    "already_encrypted": "{path} is already encrypted; nothing was changed.",
    "encryption_unverified": "The encrypted copy of {path} did not match the original ({detail}), so it was not used; "
    "your database was not changed.",
    "key_not_stored": "The key could not be stored on this computer ({reason}); nothing was changed.",
    "archive_key_missing": "{archive} is encrypted and its key is not stored on this computer; nothing was restored.",
    "archive_wrong_key": "{archive} cannot be decrypted with the key stored here (or it was altered); nothing was "
    "restored.",
}


def sentence(code: str, params: dict) -> str:
    """The English sentence for ``code`` filled with ``params``."""
    return MESSAGES[code].format(**params)


class LedgerError(Exception):
    """Base class: ``str(error)`` is a complete, user-readable sentence.

    ``LedgerError(code="no_database_at", path=path)`` is the sentence ``MESSAGES["no_database_at"]`` for that
    path; ``LedgerError("…")`` a sentence with no code (shown as it is, in English)."""

    #: The code of a subclass's sentence ("" when it is given per error, or the error has only a sentence).
    code: str = ""

    def __init__(self, message: str = "", *, code: str = "", **params: object) -> None:
        if code:
            self.code = code
        self.params = params
        super().__init__(message or sentence(self.code, params))


class DatabaseDamagedError(LedgerError):
    """The file is not a database, or fails ``PRAGMA quick_check``."""

    code = "database_damaged"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(path=self.path, detail=detail or "it cannot be read")


class NewerSchemaError(LedgerError):
    """The database was written by a newer version of the app."""

    code = "newer_schema"

    def __init__(self, path: str, found: int, known: int) -> None:
        self.path, self.found, self.known = str(path), found, known
        super().__init__(path=self.path, found=found, known=known)


class ValidationError(LedgerError):
    """A value a user entered is not acceptable. ``field`` names the field; ``message`` is the sentence without it
    (the window shows it next to the field), ``MESSAGES[code]`` filled with ``params``."""

    def __init__(self, field: str, message: str = "", *, code: str = "", **params: object) -> None:
        self.field = field
        self.message = message or sentence(code, params)
        super().__init__(f"{field}: {self.message}", code=code, **params)


class DuplicateError(ValidationError):
    """The record already exists (e.g. a word the child has already mastered)."""


class ConflictError(LedgerError):
    """The row changed (another window or program) since it was read; nothing was overwritten."""

    code = "record_changed"

    def __init__(self, table: str, record_id: object) -> None:
        self.table, self.record_id = table, record_id
        super().__init__()


class NotFoundError(LedgerError):
    """The record no longer exists."""


class StorageError(LedgerError):
    """A known I/O condition: disk full, read-only, locked, missing drive."""


class Cancelled(LedgerError):
    """The user stopped the work before it finished (a ``cancel()`` callback said so between batches); nothing was
    changed. The one cancellation the whole app raises and catches; its code says what was stopped (``cancelled``,
    the work in general, when neither a code nor a sentence is given)."""

    def __init__(self, message: str = "", *, code: str = "", **params: object) -> None:
        super().__init__(message, code=code or ("" if message else "cancelled"), **params)


class WrongKey(LedgerError):
    """The key, recovery key or passphrase does not open the file (or has a typing mistake); nothing was changed.
    One plain sentence: ``wrong_key`` / ``wrong_passphrase`` (with the path), ``recovery_key_mistyped`` or
    ``recovery_key_malformed``."""

    code = "wrong_key"


class KeyNeeded(LedgerError):
    """The database or backup is encrypted and no key for it is stored on this computer (or it was made in
    passphrase mode): ask for its recovery key or passphrase. ``key_needed`` (path) or ``key_needed_backup``
    (name)."""

    code = "key_needed"
