"""Encrypting a plain database in place (Tools ▸ Encrypt…, ``python3 -m desktop encrypt``).

Order (each step is safe to be killed at; the rename in step 6 is the only commit point, so the file at the
database's path is always the old plain one or the new encrypted one):
  1. tidy what an earlier killed run left (:func:`tidy_encrypt_leftovers`); refuse an already encrypted file;
  2. a ``before-encryption`` backup (encrypted with the new key: no new plain copy is made);
  3. close the app's connection; fold the WAL into the file (``journal_mode=DELETE``, which also proves no other
     connection is open), then under ``BEGIN EXCLUSIVE`` (nobody writes until the swap) ``sqlcipher_export`` it
     into a hidden temp file beside it, keyed;
  4. verify the copy: ``integrity_check``, the audit chain, the schema version, and every table's row count and
     content (a digest of every row, in rowid order) equal to the plain file's;
  5. an ``encrypt`` note (actor ``system``, with the key id and the backup's name) in the copy's audit batches;
     fsync;
  6. link the plain file aside (a second name for it), rename the copy over the database, fsync the folder —
     committed;
  7. overwrite the plain file through its second name and unlink it (:func:`desktop.store.cipher.secure_remove`).
A kill after 6 leaves the aside name; the next run (or :func:`desktop.backup.recover.recover_interrupted` at
start-up) overwrites and removes it. A kill before 6 leaves the old file in place and at most a temp copy,
encrypted, which the next run removes.
"""

from __future__ import annotations

import logging
import os
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from desktop import keys, models, paths
from desktop.backup.create import create_backup
from desktop.backup.files import (
    DB_LOCK,
    CancelFn,
    DatabaseInUseError,
    Progress,
    ProgressFn,
    beside_database,
    file_lock,
    remove_quietly,
    storage_errors,
)
from desktop.backup.manifest import resolve_database
from desktop.backup.restore import detach_database
from desktop.errors import LedgerError
from desktop.keys import Secret
from desktop.store import audit, cipher, db
from desktop.store.cipher import dbapi

log = logging.getLogger(__name__)

ENCRYPT_TMP = ".{name}.encrypt-tmp"  # the encrypted copy, beside the database, before the commit rename
PLAIN_ASIDE = ".{name}.plain-aside"  # a second name of the plain file, from the rename until it is overwritten


@dataclass
class Encrypted:
    """What :func:`encrypt_database` did: the key's public id, the recovery key to show the user once (empty in
    passphrase mode), and the ``before-encryption`` backup."""

    key_id: str
    recovery: str
    backup: Path


def tidy_encrypt_leftovers(target: Path) -> list[str]:
    """Remove what a killed encryption left beside ``target``: the unused encrypted copy, and the plain file's
    second name (overwritten first when the database is already the encrypted file; only unlinked when it is
    still the plain file itself). Returns what it did, in words."""
    done = []
    tmp = beside_database(target, ENCRYPT_TMP)
    if tmp.exists():
        for suffix in ("", "-journal"):
            remove_quietly(f"{tmp}{suffix}")
        done.append(f"removed the unused copy of an interrupted encryption ({tmp.name})")
    aside = beside_database(target, PLAIN_ASIDE)
    for suffix in ("-wal", "-shm", "-journal"):
        if Path(f"{aside}{suffix}").exists():  # the plain file's side files, moved aside just before the rename
            cipher.secure_remove(f"{aside}{suffix}")
            done.append(f"removed {aside.name}{suffix}")
    if aside.exists():
        if target.exists() and os.path.samefile(aside, target):
            aside.unlink()  # the rename never happened: the database is still this plain file
        else:
            cipher.secure_remove(aside)
        done.append(f"removed the plain file an interrupted encryption left ({aside.name})")
    for line in done:
        log.info("%s", line)
    return done


def encrypt_database(
    path: Path | str | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    secret: Secret | None = None,
    backup_dir: Path | str | None = None,
) -> Encrypted:
    """Encrypt the plain SQLite database at ``path`` (default: the open or the default one) in place with
    ``secret`` (default: this computer's default key, made and stored in the keychain on first use; a
    :class:`~desktop.keys.Passphrase` for passphrase mode). See the module's docstring for the steps.

    Raises LedgerError ``already_encrypted``, ``encryption_unverified`` (the copy did not match: nothing changed),
    DatabaseInUseError (another program has it open), StorageError, Cancelled (before the swap; nothing
    changed)."""
    target = resolve_database(path)
    report = Progress(progress, cancel, "cancelled")
    with storage_errors("encrypt the database", target.parent), file_lock(beside_database(target, DB_LOCK)):
        paths.make_private(beside_database(target, DB_LOCK))
        tidy_encrypt_leftovers(target)
        if cipher.is_encrypted(target):
            raise LedgerError(code="already_encrypted", path=str(target))
        if not target.exists() or target.stat().st_size == 0:
            raise LedgerError(code="no_database_at", path=str(target))
        if secret is None:
            secret = keys.default_key()
        elif not isinstance(secret, keys.Passphrase) and keys.load_key(keys.key_id(secret)) is None:
            keys.store_key(secret)
        report.checkpoint("backing up the database")
        backup = create_backup(target, "before-encryption", backup_dir, progress=report.stage(0, 400), secret=secret)
        report.checkpoint("encrypting the database")
        bound = _close_if_bound(target)
        try:
            _encrypt_locked(target, secret, backup.name, report)
        except BaseException:
            if bound:
                _reopen(target)
            raise
    cipher.forget_secret(target)
    cipher.remember_secret(target, secret, store=False)
    if bound:
        _reopen(target)
    report.emit(report.TOTAL, "encryption finished")
    kid = keys.secret_id(secret)
    log.info("database encrypted (key %s)", kid)
    return Encrypted(
        key_id=kid,
        recovery="" if isinstance(secret, keys.Passphrase) else keys.recovery_text(secret),
        backup=backup.path,
    )


def _close_if_bound(target: Path) -> bool:
    bound = models.database.obj
    if bound is not None and db.database_path(bound) is not None and db.database_path(bound) == target:
        db.close_database()
        return True
    return False


def _reopen(target: Path) -> None:
    try:
        db.open_database(target)
    except LedgerError as exc:  # pragma: no cover - reported by the next open
        log.warning("could not reopen the database after encrypting it: %s", type(exc).__name__)


def _encrypt_locked(target: Path, secret: Secret, backup_name: str, report: Progress) -> None:
    tmp = beside_database(target, ENCRYPT_TMP)
    detach_database(target)  # WAL folded in, and nobody else has the file open
    source = cipher.connect(target, None, isolation_level=None, timeout=2.0)
    committed = False
    plain_sides: list[Path] = []
    try:
        paths.create_private_file(tmp)
        version = source.execute("PRAGMA data_version").fetchone()[0]
        report.checkpoint("copying into the encrypted file")
        _export(source, tmp, secret)
        source.execute("BEGIN EXCLUSIVE")  # nobody reads or writes from here until the swap
        if source.execute("PRAGMA data_version").fetchone()[0] != version:  # another program wrote meanwhile
            raise DatabaseInUseError(code="database_open_elsewhere")
        report.checkpoint("verifying the encrypted copy")
        _verify(source, tmp, secret, target)
        report.checkpoint("recording the encryption")
        _note(tmp, secret, backup_name)
        _fsync(tmp)
        report.checkpoint("putting the encrypted file in place")
        aside = beside_database(target, PLAIN_ASIDE)
        linked = _link(target, aside)
        source.execute("ROLLBACK")
        source.close()
        # the plain file's side files, if any are left (journal_mode=DELETE removed its -wal and -shm); taken now, so
        # that nothing the new file may get after the rename is touched
        plain_sides = [Path(f"{target}{s}") for s in ("-wal", "-shm", "-journal") if Path(f"{target}{s}").exists()]
        for side in plain_sides:
            os.replace(side, f"{aside}{side.name[len(target.name) :]}")
        os.replace(tmp, target)  # the commit point
        committed = True
        paths.fsync_dir(target.parent)
        report.emit(900, "removing the plain file")
        if linked:
            cipher.secure_remove(aside)
        for side in plain_sides:
            cipher.secure_remove(f"{aside}{side.name[len(target.name) :]}")
    finally:
        if not committed:
            try:
                source.close()
            except dbapi.Error:  # pragma: no cover
                pass
            for suffix in ("", "-journal"):
                remove_quietly(f"{tmp}{suffix}")
            aside = beside_database(target, PLAIN_ASIDE)
            for suffix in ("-wal", "-shm", "-journal"):  # put back what was moved aside for the rename
                if Path(f"{aside}{suffix}").exists() and not Path(f"{target}{suffix}").exists():
                    os.replace(f"{aside}{suffix}", f"{target}{suffix}")
            remove_quietly(aside)


def _link(target: Path, aside: Path) -> bool:
    """A second name for the plain file, so it can be overwritten after the rename (False where the file system
    has no hard links: the plain file is then unlinked by the rename without being overwritten)."""
    try:
        os.link(target, aside)
        return True
    except OSError:
        log.warning("no hard links here: the plain file is removed without being overwritten")
        return False


def _export(source: dbapi.Connection, tmp: Path, secret: Secret) -> None:
    cipher.export(source, tmp, secret, begin="BEGIN IMMEDIATE")  # no writer meanwhile
    with closing(cipher.connect(tmp, secret, isolation_level=None)) as copy:
        copy.execute("PRAGMA journal_mode = DELETE")
    paths.make_private(tmp)


def _verify(source: dbapi.Connection, tmp: Path, secret: Secret, target: Path) -> None:
    """Step 4: the copy is whole and holds exactly what the plain file holds. Raises ``encryption_unverified``."""

    def refuse(detail: str) -> LedgerError:
        return LedgerError(code="encryption_unverified", path=str(target), detail=detail)

    if not cipher.is_encrypted(tmp):
        raise refuse("the copy is not encrypted")
    with closing(cipher.connect(tmp, secret, isolation_level=None)) as copy:
        rows = [r[0] for r in copy.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise refuse("; ".join(str(r) for r in rows[:3]))
        versions = (
            source.execute("PRAGMA user_version").fetchone()[0],
            copy.execute("PRAGMA user_version").fetchone()[0],
        )
        if versions[0] != versions[1]:
            raise refuse(f"schema {versions[1]} instead of {versions[0]}")
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        if source.execute(schema).fetchall() != copy.execute(schema).fetchall():
            raise refuse("its tables, indexes or triggers differ")
        before, after = cipher.table_digests(source), cipher.table_digests(copy)
    for table in sorted(set(before) | set(after)):
        if before.get(table, (None, ""))[0] != after.get(table, (None, ""))[0]:
            raise refuse(f"{table}: {after.get(table, (0, ''))[0]} rows instead of {before.get(table, (0, ''))[0]}")
        if before[table] != after[table]:
            raise refuse(f"{table}: the rows differ")
    copy_db = cipher.database(str(tmp), secret)
    try:
        if copy_db.table_exists("audit_seal"):
            chain = audit.verify_chain(copy_db)
            if not chain.ok:
                raise refuse("its audit chain does not verify")
    finally:
        copy_db.close()


def _note(tmp: Path, secret: Secret, backup_name: str) -> None:
    """Step 5: the encryption, in the copy's own audit batches (actor ``system``)."""
    copy_db = cipher.database(str(tmp), secret)
    try:
        if not copy_db.table_exists("audit_batch"):
            return
        with copy_db.atomic():
            note = {"key_id": keys.secret_id(secret), "backup": backup_name}
            audit.insert_note(copy_db, uuid.uuid4().hex, "system", "encrypt", note)
    finally:
        copy_db.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


table_digests = cipher.table_digests  # (the tests compare two files' contents with it)

#: For tests: each step's progress message, in order (a test kills the process at each).
STEPS: tuple[str, ...] = (
    "backing up the database",
    "encrypting the database",
    "copying into the encrypted file",
    "verifying the encrypted copy",
    "recording the encryption",
    "putting the encrypted file in place",
    "removing the plain file",
)
