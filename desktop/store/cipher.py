"""Encrypted SQLite files: SQLCipher, through ``playhouse.sqlcipher_ext`` and the ``sqlcipher3`` wheel.

Every SQLite file the app opens goes through here — the database, backups, copies, in-memory snapshots — so one
library (SQLCipher, which opens plain files too) handles them all: the backup API and ``sqlcipher_export`` only
work between connections of one library, and its errors are :data:`dbapi`'s. A plain file starts with
``b"SQLite format 3\\0"``; an encrypted one starts with its random salt (:func:`is_encrypted`).

Which secret opens a file: one remembered for this run (:func:`remember_secret`), else the keys this computer
stores (:mod:`desktop.keys`), tried in turn (a raw key costs one page read, no KDF). A new database gets the
default key (:func:`new_database_secret`) unless :data:`ENCRYPT_NEW_DATABASES` is off (a test about something else
may choose plain). Raw keys are given to SQLCipher as ``x'<hex>'`` (no KDF); a :class:`~desktop.keys.Passphrase`
goes through SQLCipher's own KDF.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast
from urllib.parse import unquote

import peewee

from desktop import keys
from desktop.errors import KeyNeeded, WrongKey
from desktop.keys import Passphrase, Secret

if TYPE_CHECKING:
    import sqlite3 as dbapi  # the same DB-API as the standard module (sqlcipher3 is a fork of it)
else:
    from sqlcipher3 import dbapi2 as dbapi

__all__ = [
    "ENCRYPT_NEW_DATABASES",
    "SQLITE_MAGIC",
    "Passphrase",
    "Secret",
    "check_secret",
    "connect",
    "copy_database",
    "database",
    "dbapi",
    "export",
    "forget_secret",
    "is_encrypted",
    "needs_secret",
    "new_database_secret",
    "remember_secret",
    "secret_for",
    "secure_remove",
]

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"

#: New databases are encrypted with the default key. Off only where a test about something else chooses plain.
ENCRYPT_NEW_DATABASES = True

#: Not passed: find the secret of the file (remembered, or a stored key that opens it).
AUTO: Any = object()

_lock = threading.Lock()
_remembered: dict[str, Secret | None] = {}


def _key(path: Path | str) -> str:
    text = str(path)
    if text.startswith("file:"):
        text = unquote(text[5:].split("?", 1)[0])
        if text.startswith("//"):
            text = text[2:]
    return str(Path(text).expanduser().resolve())


@cache
def _quiet() -> None:
    """SQLCipher logs a wrong key to stderr ("hmac check failed"): the app says it in one sentence instead."""
    connection = dbapi.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
    finally:
        connection.close()


def key_literal(secret: Secret) -> str:
    """The value ``PRAGMA key`` and ``ATTACH … KEY`` take, as an SQL string literal."""
    if isinstance(secret, Passphrase):
        return "'" + str(secret).replace("'", "''") + "'"
    return "\"x'" + secret.hex() + "'\""


def _peewee_passphrase(secret: Secret | None) -> str:
    """What ``SqlCipherDatabase(passphrase=…)`` needs: it writes ``PRAGMA key='<passphrase>'`` itself."""
    if secret is None:
        return ""
    if isinstance(secret, Passphrase):
        return str(secret)
    return "x'" + secret.hex() + "'"


# --------------------------------------------------------------------------------------------------------------
# Which files are encrypted, and what opens them


def header(path: Path | str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC))
    except OSError:
        return b""


def is_encrypted(path: Path | str) -> bool:
    """Whether ``path`` looks like an encrypted (SQLCipher) file: whole pages (a multiple of 512 bytes, not empty)
    not starting as a plain SQLite file does. An encrypted file cannot be told from random bytes; whether it is a
    database at all shows when a key opens it."""
    head = header(path)
    try:
        size = os.path.getsize(path)
    except OSError:
        return False
    return bool(head) and head != SQLITE_MAGIC and size % 512 == 0


def _opens(path: Path | str, secret: Secret) -> bool:
    """Whether ``secret`` opens ``path``: the file itself is read (``immutable``: no -wal, -shm or journal is
    looked at or made, nothing is recovered), and SQLCipher checks its first page with the key."""
    _quiet()
    uri = Path(_key(path)).as_uri() + "?mode=ro&immutable=1"
    connection = dbapi.connect(uri, uri=True, isolation_level=None, timeout=5.0)
    try:
        connection.execute(f"PRAGMA key = {key_literal(secret)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi.OperationalError:
        raise  # unreadable: not a question of the key
    except dbapi.DatabaseError as exc:
        # "file is not a database": the key's check of page 1 failed (or page 1 is damaged). Anything else (the file
        # alone is "malformed" while pages of its schema wait in the -wal) came after page 1 opened with the key.
        return ((getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) != _SQLITE_NOTADB
    finally:
        connection.close()


_SQLITE_NOTADB = 26


def check_secret(path: Path | str, secret: Secret) -> None:
    """Raise WrongKey when ``secret`` does not open the encrypted file ``path``. Reads only; changes nothing."""
    if not is_encrypted(path):
        return
    if not _opens(path, secret):
        if isinstance(secret, Passphrase):
            raise WrongKey(code="wrong_passphrase", path=str(path))
        raise WrongKey(code="wrong_key", path=str(path))


def stored_secret(path: Path | str, key_id: str | None = None) -> Secret | None:
    """A key stored on this computer that opens ``path`` (the one named ``key_id`` when given), or None."""
    ids = [key_id] if key_id else keys.known_key_ids()
    for kid in ids:
        key = keys.load_key(kid)
        if key is not None and _opens(path, key):
            return key
    return None


def secret_for(path: Path | str, key_id: str | None = None) -> Secret | None:
    """The secret that opens ``path``: None for a plain (or missing, or empty) file; the one remembered for this
    run; else a stored key that opens it (remembered from then on). Raises KeyNeeded when none does."""
    name = _key(path)
    with _lock:
        if name in _remembered and _remembered[name] is not None:
            return _remembered[name]
    if not is_encrypted(name):
        return None
    secret = stored_secret(name, key_id)
    if secret is None and key_id:
        secret = stored_secret(name)
    if secret is None:
        raise KeyNeeded(path=str(path))
    with _lock:
        _remembered[name] = secret
    return secret


def needs_secret(path: Path | str) -> bool:
    """True when ``path`` is encrypted and nothing this computer stores or remembers opens it (its recovery key or
    passphrase must be asked for)."""
    try:
        secret_for(path)
    except KeyNeeded:
        return True
    return False


def remember_secret(path: Path | str, secret: Secret, *, store: bool = True) -> None:
    """Use ``secret`` for ``path`` for the rest of this run; a raw key is also stored on this computer (keychain or
    key file) unless ``store`` is off. Check it first (:func:`check_secret`)."""
    if store and not isinstance(secret, Passphrase) and keys.load_key(keys.key_id(secret)) is None:
        keys.store_key(secret)
    with _lock:
        _remembered[_key(path)] = secret


def forget_secret(path: Path | str) -> None:
    """Forget what this run remembered for ``path`` (the file was replaced)."""
    with _lock:
        _remembered.pop(_key(path), None)


def forget_all() -> None:
    """Forget every secret this run remembered (the user locks the app; tests)."""
    with _lock:
        _remembered.clear()


def new_database_secret(path: Path | str) -> Secret | None:
    """The secret a database about to be created at ``path`` gets: one remembered for it (passphrase mode), else
    the default key (made and stored on first use), or None when new databases are plain."""
    with _lock:
        remembered = _remembered.get(_key(path))
    if remembered is not None:
        return remembered
    if not ENCRYPT_NEW_DATABASES:
        return None
    secret = keys.default_key()
    remember_secret(path, secret, store=False)
    return secret


def secret_for_new_or_existing(path: Path | str) -> Secret | None:
    """What the engine's connect uses: a new (missing or empty) file gets :func:`new_database_secret`, an existing
    one :func:`secret_for`."""
    try:
        empty = Path(path).stat().st_size == 0
    except OSError:
        empty = True
    return new_database_secret(path) if empty else secret_for(path)


# --------------------------------------------------------------------------------------------------------------
# Connections


def connect(
    path: Path | str,
    secret: Secret | None = AUTO,
    *,
    uri: bool = False,
    timeout: float = 5.0,
    isolation_level: Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None = "DEFERRED",
    check_same_thread: bool = True,
) -> dbapi.Connection:
    """A DB-API connection (:data:`dbapi`) to ``path`` (a file name, or a ``file:`` URI with ``uri``), keyed with
    ``secret`` (default: the file's own, :func:`secret_for`; None: plain). The key is set before anything reads."""
    _quiet()
    if secret is AUTO:
        secret = secret_for(path)
    connection = dbapi.connect(
        str(path), uri=uri, timeout=timeout, isolation_level=isolation_level, check_same_thread=check_same_thread
    )
    if secret is not None:
        try:
            connection.execute(f"PRAGMA key = {key_literal(secret)}")
        except BaseException:
            connection.close()
            raise
    return connection


def database(target: str, secret: Secret | None = AUTO, **kwargs: Any) -> peewee.SqliteDatabase:
    """A peewee database (``playhouse.sqlcipher_ext.SqlCipherDatabase``) on ``target`` (a path, a ``file:`` URI with
    ``uri=True``, or ``:memory:``) keyed with ``secret`` (default: the file's own; None: plain)."""
    # why: deferred; the extension loads the SQLCipher library, which only file access needs
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    _quiet()
    if secret is AUTO:
        secret = None if target == ":memory:" else secret_for(target)
    return cast(peewee.SqliteDatabase, SqlCipherDatabase(target, passphrase=_peewee_passphrase(secret), **kwargs))


def secret_of(database: peewee.Database) -> Secret | None:
    """The secret a database made by :func:`database` was keyed with (None: plain)."""
    passphrase = str(getattr(database, "connect_params", {}).get("passphrase") or "")
    if not passphrase:
        return None
    if passphrase.startswith("x'") and passphrase.endswith("'") and len(passphrase) == 3 + 2 * keys.KEY_BYTES:
        try:
            return bytes.fromhex(passphrase[2:-1])
        except ValueError:
            pass
    return Passphrase(passphrase)


def export(connection: dbapi.Connection, target: Path | str, secret: Secret | None, *, begin: str = "BEGIN") -> None:
    """Write the whole main database of ``connection`` (autocommit, no transaction open: ATTACH needs that) into
    the new file ``target`` encrypted with ``secret`` (None: plain), with ``sqlcipher_export`` (tables, rows,
    indexes, triggers — which do not fire — and the schema version), in one transaction (``begin``: one snapshot
    of the source)."""
    key = key_literal(secret) if secret is not None else "''"
    connection.execute(f"ATTACH DATABASE ? AS cipher_target KEY {key}", (str(target),))
    try:
        connection.execute(begin)
        try:
            connection.execute("SELECT sqlcipher_export('cipher_target')")
            version = connection.execute("PRAGMA main.user_version").fetchone()[0]
            connection.execute(f"PRAGMA cipher_target.user_version = {int(version)}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.execute("DETACH DATABASE cipher_target")


def copy_database(source: peewee.SqliteDatabase, target: peewee.SqliteDatabase) -> None:
    """Copy ``source`` (a database made by :func:`database`) into ``target`` (a plain one, e.g. in memory): SQLite's
    backup API between plain files; ``sqlcipher_export`` out of an encrypted one (the backup API cannot decrypt)."""
    secret = secret_of(source)
    if secret is None:
        source.connection().backup(target.connection())
        return
    connection = target.connection()
    connection.execute(f"ATTACH DATABASE ? AS cipher_source KEY {key_literal(secret)}", (source.database,))
    try:
        connection.execute("SELECT sqlcipher_export('main', 'cipher_source')")
        version = connection.execute("PRAGMA cipher_source.user_version").fetchone()[0]
        connection.execute(f"PRAGMA main.user_version = {int(version)}")
    finally:
        connection.execute("DETACH DATABASE cipher_source")


def table_digests(connection: dbapi.Connection) -> dict[str, tuple[int, str]]:
    """{table: (row count, SHA-256 of every row in rowid order)} for every table of ``connection``'s main
    database: the content two copies must share. A virtual table (the search index) is compared through the tables
    that hold its data; a table without rowid is read in the order of all its columns."""
    out: dict[str, tuple[int, str]] = {}
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = len(connection.execute(f'SELECT * FROM "{table}" LIMIT 0').description or ())
        without_rowid = bool(
            connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%WITHOUT ROWID%'", (table,)
            ).fetchone()
        )
        order = ", ".join(str(i) for i in range(1, columns + 1)) if without_rowid else "rowid"
        digest = hashlib.sha256()
        count = 0
        for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
            digest.update(repr(row).encode("utf-8", "backslashreplace"))
            digest.update(b"\n")
            count += 1
        out[table] = (count, digest.hexdigest())
    return out


def encrypted_copy(source: Path, target: Path, secret: Secret) -> None:
    """Write the plain file ``source`` into the new file ``target`` encrypted with ``secret``, and check that the
    copy holds exactly the same rows (:func:`table_digests`); raises DatabaseError when it does not."""
    with closing(connect(source, None, isolation_level=None)) as plain:
        export(plain, target, secret)
        before = table_digests(plain)
    with closing(connect(target, secret, isolation_level=None)) as copy:
        copy.execute("PRAGMA journal_mode = DELETE")
        if table_digests(copy) != before:
            raise dbapi.DatabaseError("the encrypted copy differs from the original")


# --------------------------------------------------------------------------------------------------------------
# Removing a plain file


def secure_remove(path: Path | str, *, chunk: int = 1 << 20) -> None:
    """Overwrite ``path`` with zeros, fsync, then unlink it. On SSDs, copy-on-write and journaling file systems and
    in snapshots the old blocks may survive (docs/security.md); this removes what an ordinary undelete finds."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError:
        fd = -1
    if fd >= 0:
        try:
            zeros = bytes(chunk)
            done = 0
            while done < size:
                done += os.write(fd, zeros[: min(chunk, size - done)])
            os.fsync(fd)
        except OSError as exc:
            log.warning("a plain file could not be overwritten before removal (%s)", exc.strerror)
        finally:
            os.close(fd)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
