"""Errors from the core as sentences in the window's language.

Every error the core raises for a user carries a ``code`` and the values its sentence needs (``params``, see
``desktop.errors``). The window looks the code up in ``SENTENCES`` (the same English sentences as the core's
``MESSAGES``, marked for translation) and fills the translated sentence with the params. An error without a code
is shown as the core wrote it, which is still a plain English sentence.
"""

from __future__ import annotations

import errno

import peewee
from PySide6.QtCore import QCoreApplication

from desktop.errors import LedgerError, StorageError, ValidationError
from desktop.ui.qtcompat import QT_TRANSLATE_NOOP

CONTEXT = "CoreMessages"

#: code → the English sentence (``desktop.errors.MESSAGES[code]``) as the catalogue's source text.
SENTENCES = {
    "database_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The database {path} is damaged ({detail}). You can restore it from a backup."
    ),
    "newer_schema": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The database {path} was made by a newer version of Mastery Ledger (schema {found}; this version "
        "knows up to {known}). Please update the app to open it.",
    ),
    "no_database_open": QT_TRANSLATE_NOOP("CoreMessages", "No database is open."),
    "no_database_at": QT_TRANSLATE_NOOP("CoreMessages", "There is no database at {path}."),
    "database_unreadable": QT_TRANSLATE_NOOP("CoreMessages", "The database {path} cannot be read: {reason}."),
    "database_not_creatable": QT_TRANSLATE_NOOP("CoreMessages", "The database {path} cannot be created: {reason}."),
    "not_a_ledger_database": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} is not a Mastery Ledger database (it holds other data); it was not changed."
    ),
    "older_schema": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} was made by an older version and must be opened in the app once to upgrade."
    ),
    "server_unreachable": QT_TRANSLATE_NOOP("CoreMessages", "Cannot connect to the server database {url}."),
    "server_connect_failed": QT_TRANSLATE_NOOP("CoreMessages", "Cannot connect to the server database {url}: {reason}"),
    "server_driver_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "Server databases need the PostgreSQL driver: pip install 'mastery-ledger[postgres]'."
    ),
    "server_address_invalid": QT_TRANSLATE_NOOP("CoreMessages", "The server address {url} cannot be used: {reason}."),
    "server_no_data": QT_TRANSLATE_NOOP("CoreMessages", "The server database {url} holds no Mastery Ledger data."),
    "server_older_schema": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The server database {url} has schema {version}; upgrade it with this app's transfer command from a backup.",
    ),
    "transfer_same_database": QT_TRANSLATE_NOOP("CoreMessages", "The source and the target are the same database."),
    "transfer_target_not_empty": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The target {target} already holds records. Nothing was copied; use --merge to add only what it lacks.",
    ),
    "server_backup_no_database": QT_TRANSLATE_NOOP("CoreMessages", "There is no server database to back up."),
    "server_restore_no_database": QT_TRANSLATE_NOOP("CoreMessages", "There is no server database to restore into."),
    "server_backup_unusable": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup {name} cannot be used: {detail}. It was not restored; the server database was not "
        "changed. Choose another backup.",
    ),
    "backup_newer": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup {name} was made by a newer version of Mastery Ledger."
    ),
    "server_backup_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup {name} is damaged; the server was not changed."
    ),
    "server_restore_counts_differ": QT_TRANSLATE_NOOP(
        "CoreMessages", "After the restore the server's counts differ from the backup's: {different}."
    ),
    "record_changed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This record was changed elsewhere since you opened it. Nothing was overwritten; reload to see the "
        "current version.",
    ),
    "record_gone": QT_TRANSLATE_NOOP("CoreMessages", "That record no longer exists ({table} {row_id})."),
    "child_gone": QT_TRANSLATE_NOOP("CoreMessages", "That child no longer exists."),
    "child_missing": QT_TRANSLATE_NOOP("CoreMessages", "The child this record belongs to does not exist."),
    "child_name_taken": QT_TRANSLATE_NOOP("CoreMessages", "There is already a child called “{name}”."),
    "profile_id_taken": QT_TRANSLATE_NOOP("CoreMessages", "A profile with this id already exists."),
    "word_mastered": QT_TRANSLATE_NOOP("CoreMessages", "“{word}” is already mastered."),
    "grammar_mastered": QT_TRANSLATE_NOOP("CoreMessages", "This grammar point is already mastered."),
    "not_one_of": QT_TRANSLATE_NOOP("CoreMessages", "must be one of {choices} (got {value})."),
    "name_required": QT_TRANSLATE_NOOP("CoreMessages", "A name is required."),
    "name_too_long": QT_TRANSLATE_NOOP("CoreMessages", "The name is too long ({length} characters; at most {limit})."),
    "dob_format": QT_TRANSLATE_NOOP("CoreMessages", "The date of birth must be a date like 2015-01-31."),
    "date_not_real": QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a real date (use YYYY-MM-DD, e.g. 2015-01-31)."),
    "dob_in_future": QT_TRANSLATE_NOOP("CoreMessages", "The date of birth cannot be in the future."),
    "not_a_number": QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a number."),
    "mental_age_range": QT_TRANSLATE_NOOP("CoreMessages", "The mental age must be between 0 and 30 years."),
    "value_required": QT_TRANSLATE_NOOP("CoreMessages", "A value is required."),
    "not_json": QT_TRANSLATE_NOOP("CoreMessages", "This is not valid JSON."),
    "must_be_list": QT_TRANSLATE_NOOP("CoreMessages", "This must be a list."),
    "must_be_object": QT_TRANSLATE_NOOP("CoreMessages", "This must be an object."),
    "entries_must_be_text": QT_TRANSLATE_NOOP("CoreMessages", "Every entry must be text."),
    "not_a_profile_field": QT_TRANSLATE_NOOP("CoreMessages", "This is not a profile field."),
    "must_be_text": QT_TRANSLATE_NOOP("CoreMessages", "This must be text."),
    "word_not_text": QT_TRANSLATE_NOOP("CoreMessages", "A word must be text."),
    "word_empty": QT_TRANSLATE_NOOP("CoreMessages", "The word is empty."),
    "card_empty": QT_TRANSLATE_NOOP("CoreMessages", "The card is empty: write something on its front or back."),
    "message_empty": QT_TRANSLATE_NOOP("CoreMessages", "A message cannot be empty."),
    "grammar_required": QT_TRANSLATE_NOOP("CoreMessages", "A grammar point is required."),
    "grammar_not_an_address": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This is not a grammar point's address. Choose a grammar point from the list, or give its full "
        "address (http://…/gp-a1-001-…).",
    ),
    "wrong_key": QT_TRANSLATE_NOOP("CoreMessages", "That key does not open {path}; nothing was changed."),
    "wrong_passphrase": QT_TRANSLATE_NOOP("CoreMessages", "That passphrase does not open {path}; nothing was changed."),
    "recovery_key_mistyped": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "That recovery key has a typing mistake (its check letters do not match); please compare it with the one you kept. Nothing was changed.",
    ),
    "recovery_key_malformed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "That is not a recovery key (it looks like MLK1-ABCD-EFGH-…, 14 groups of 4 letters and digits). Nothing was changed.",
    ),
    "key_needed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{path} is encrypted and no key stored on this computer opens it (or it is damaged). Give its recovery key "
        "(or passphrase) to open it; nothing was changed.",
    ),
    "key_needed_backup": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup {name} is encrypted with a key that is not stored on this computer. Give its recovery key (or passphrase) to restore it; nothing was changed.",
    ),
    "already_encrypted": QT_TRANSLATE_NOOP("CoreMessages", "{path} is already encrypted; nothing was changed."),
    "encryption_unverified": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The encrypted copy of {path} did not match the original ({detail}), so it was not used; your database was not changed.",
    ),
    "key_not_stored": QT_TRANSLATE_NOOP(
        "CoreMessages", "The key could not be stored on this computer ({reason}); nothing was changed."
    ),
    "archive_key_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "{archive} is encrypted and its key is not stored on this computer; nothing was restored."
    ),
    "archive_wrong_key": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{archive} cannot be decrypted with the key stored here (or it was altered); nothing was restored.",
    ),
    "cancelled": QT_TRANSLATE_NOOP("CoreMessages", "The work was cancelled; nothing was changed."),
    "check_cancelled": QT_TRANSLATE_NOOP("CoreMessages", "The check was cancelled."),
    "backup_cancelled": QT_TRANSLATE_NOOP("CoreMessages", "The backup was cancelled. Nothing was changed."),
    "restore_cancelled": QT_TRANSLATE_NOOP("CoreMessages", "The restore was cancelled. Your database was not changed."),
    "recovery_cancelled": QT_TRANSLATE_NOOP("CoreMessages", "The recovery was cancelled. Nothing was changed."),
    "demo_data_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "The demo data is missing from this installation ({folder})."
    ),
    "demo_import_failed": QT_TRANSLATE_NOOP("CoreMessages", "The demo data could not be imported: {reason}"),
    "migration_cancelled": QT_TRANSLATE_NOOP(
        "CoreMessages", "The migration was cancelled. Nothing was written to the database."
    ),
    "transfer_cancelled": QT_TRANSLATE_NOOP(
        "CoreMessages", "The transfer was cancelled; the target database was not changed."
    ),
    "reading_cancelled": QT_TRANSLATE_NOOP(
        "CoreMessages", "The reading of the old files was cancelled; nothing was changed."
    ),
    "disk_full": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The disk is full: there is no room to {action} in {where}. Free some space or choose another folder."
        " Nothing was lost.",
    ),
    "folder_read_only": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Mastery Ledger may not write to {where} (it is read-only or belongs to someone else), so it could "
        "not {action}. Choose another folder. Nothing was lost.",
    ),
    "folder_missing": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{where} is not there, so Mastery Ledger could not {action}. If it is on a USB drive or memory card, "
        "connect it and try again. Nothing was lost.",
    ),
    "database_busy": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The database is busy (another window or program is using it), so Mastery Ledger could not {action}. "
        "Close the other program and try again. Nothing was lost.",
    ),
    "drive_failed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The drive holding {where} could not be read or written (was it removed?), so Mastery Ledger could "
        "not {action}. Reconnect it and try again. Nothing was lost.",
    ),
    "backup_running": QT_TRANSLATE_NOOP(
        "CoreMessages", "Another backup or restore is running; try again when it has finished."
    ),
    "server_backups_unavailable": QT_TRANSLATE_NOOP(
        "CoreMessages", "Backups of a server database are not available yet; ask your administrator."
    ),
    "backup_folder_missing": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup folder {folder} is not there. If it is on a USB drive or memory card, connect it and try "
        "again. Nothing was lost.",
    ),
    "backup_folder_gone": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup {path} cannot be found: its folder is not there (is the drive connected?)."
    ),
    "backup_not_found": QT_TRANSLATE_NOOP("CoreMessages", "There is no backup called {name} in {folder}."),
    "backup_not_self_contained": QT_TRANSLATE_NOOP("CoreMessages", "The backup copy could not be made self-contained."),
    "nothing_to_back_up": QT_TRANSLATE_NOOP(
        "CoreMessages", "There is no database at {path}, so there is nothing to back up."
    ),
    "damaged_copy_aside_failed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The damaged database {path} could not be copied aside ({reason}); nothing was changed. Copy the "
        "folder somewhere safe and ask for help.",
    ),
    "database_open_elsewhere": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The database is open in another window or program. Close it and try again. Nothing was changed.",
    ),
    "backup_unusable": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup {name} cannot be used because {detail}; your database was not changed."
    ),
    "backup_unverified": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup {name} was not restored because its audit trail does not verify ({problems}); your "
        "database was not changed.",
    ),
    "restored_backup_unopenable": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup was put in place but could not be opened: {detail}"
    ),
    "restored_backup_unopenable_saved": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup was put in place but could not be opened: {detail} The replaced database is saved as {safety}.",
    ),
    "no_good_backup": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "No usable backup was found in {where}, so the damaged database {path} was left as it is. If your "
        "backups are on a USB drive, connect it and try again; otherwise ask for help and do not delete the "
        "file.",
    ),
    "source_changed": QT_TRANSLATE_NOOP(
        "CoreMessages", "{file} changed while it was being migrated. Nothing was written; please try again."
    ),
    "legacy_backup_unwritable": QT_TRANSLATE_NOOP(
        "CoreMessages", "The backup copy of the old files could not be written: {reason}."
    ),
    "legacy_backup_changed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup copy of the old files ({name}) changed after it was written. Nothing was written; please "
        "try again.",
    ),
    "legacy_backup_unreadable": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup copy of the old files ({name}) cannot be read back. Nothing was written; please try again.",
    ),
    "legacy_backup_incomplete": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The backup copy of the old files ({name}) is incomplete. Nothing was written; please try again.",
    ),
    "migration_lock_unavailable": QT_TRANSLATE_NOOP(
        "CoreMessages", "The migration lock {path} cannot be opened: {reason}."
    ),
    "archive_path_outside": QT_TRANSLATE_NOOP(
        "CoreMessages", "The archive names a file outside the chosen folder ({member}); nothing was restored."
    ),
    "archive_no_manifest": QT_TRANSLATE_NOOP(
        "CoreMessages", "{archive} has no readable manifest; nothing was restored."
    ),
    "archive_names_twice": QT_TRANSLATE_NOOP("CoreMessages", "The archive names {file} twice; nothing was restored."),
    "archive_file_missing": QT_TRANSLATE_NOOP(
        "CoreMessages", "{file} is missing from the archive; nothing was restored."
    ),
    "archive_size_mismatch": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{file} in the archive does not have the size its manifest gives ({size:,} bytes instead of "
        "{expected:,}); nothing was restored.",
    ),
    "archive_file_too_big": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{file} in the archive would be {size:,} bytes, far more than any file of the old app; nothing was restored.",
    ),
    "restore_target_exists": QT_TRANSLATE_NOOP(
        "CoreMessages", "{path} already exists; choose an empty folder. Nothing was restored."
    ),
    "restore_no_space": QT_TRANSLATE_NOOP(
        "CoreMessages", "There is not enough free space in {folder} to restore {size:,} bytes; nothing was restored."
    ),
    "archive_file_bigger": QT_TRANSLATE_NOOP(
        "CoreMessages", "{file} in the archive is bigger than its manifest says; nothing was restored."
    ),
    "archive_file_damaged": QT_TRANSLATE_NOOP(
        "CoreMessages", "{file} in the archive is damaged ({detail}); nothing was restored."
    ),
    "archive_checksum": QT_TRANSLATE_NOOP(
        "CoreMessages", "{file} in the archive does not match its checksum; nothing was restored."
    ),
    "archive_unreadable": QT_TRANSLATE_NOOP("CoreMessages", "{archive} is not a readable migration archive."),
    "restore_files_failed": QT_TRANSLATE_NOOP(
        "CoreMessages", "The files could not be restored ({reason}); nothing was restored."
    ),
    "old_files_present": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{folder} already holds the old app's files ({names}). Choose another folder, or overwrite them (the "
        "old ones are then kept as .bak). Nothing was written.",
    ),
    "old_files_present_more": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{folder} already holds the old app's files ({names} and {more} more). Choose another folder, or "
        "overwrite them (the old ones are then kept as .bak). Nothing was written.",
    ),
    "migration_unverified": QT_TRANSLATE_NOOP(
        "CoreMessages", "The migration could not be verified, so nothing was written: {differences}"
    ),
}

#: Sentences the window says in its own words: after a conflict it has already reloaded the record.
WINDOW_SENTENCES = {
    "record_changed": QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This record was changed elsewhere since you opened it. Nothing was overwritten; the current version is "
        "shown now.",
    ),
}

#: The ``action`` param of the backups' storage errors (what ``desktop.backup.files.storage_errors`` was doing).
ACTIONS = {
    "create the backup folder": QT_TRANSLATE_NOOP("CoreMessages", "create the backup folder"),
    "read the database": QT_TRANSLATE_NOOP("CoreMessages", "read the database"),
    "check the backup": QT_TRANSLATE_NOOP("CoreMessages", "check the backup"),
    "list the backups": QT_TRANSLATE_NOOP("CoreMessages", "list the backups"),
    "write the backup": QT_TRANSLATE_NOOP("CoreMessages", "write the backup"),
    "tidy up old backups": QT_TRANSLATE_NOOP("CoreMessages", "tidy up old backups"),
    "tidy up after an interrupted restore": QT_TRANSLATE_NOOP("CoreMessages", "tidy up after an interrupted restore"),
    "restore the backup": QT_TRANSLATE_NOOP("CoreMessages", "restore the backup"),
    "encrypt the database": QT_TRANSLATE_NOOP("CoreMessages", "encrypt the database"),
}

LOCKED = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The database is busy: another program (or another Mastery Ledger window) is writing to it. Nothing was "
    "changed; please try again in a moment.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The disk is full, so nothing could be saved. Free some space and try again.",
)
READ_ONLY = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The database cannot be written to (the file or its folder is read-only, or the drive is write-protected). "
    "Nothing was changed.",
)


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def render(code: str, params: dict) -> str:
    """The sentence for ``code`` in the window's language, filled with ``params``."""
    template = WINDOW_SENTENCES.get(code) or SENTENCES[code]
    values = dict(params)
    if isinstance(values.get("action"), str) and values["action"] in ACTIONS:
        values["action"] = translate(ACTIONS[values["action"]])
    return translate(template).format(**values)


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
        if exc.errno == errno.ENOSPC:
            return translate(DISK_FULL)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return translate(READ_ONLY)
    return None


def describe(exc: BaseException) -> str | None:
    """A translated sentence for a known error, or ``None`` for a bug (which deserves a crash report). A
    ValidationError's sentence leaves out the field name (the form shows the field)."""
    if isinstance(exc, LedgerError) and exc.code in SENTENCES:
        return render(exc.code, exc.params)
    storage = known_storage_problem(exc)
    if storage:
        return storage
    if isinstance(exc, ValidationError):
        return exc.message
    if isinstance(exc, LedgerError):
        return str(exc)
    return None


def is_known(exc: BaseException) -> bool:
    return describe(exc) is not None
