"""Where Mastery Ledger keeps its files.

The user-data folder comes from platformdirs ("Mastery Ledger"); the environment variable
``MASTERY_LEDGER_HOME`` moves the whole folder (tests, portable use). Everything we create there is
owner-only on POSIX: folders 0700, files 0600.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop import APP_NAME

HOME_ENV = "MASTERY_LEDGER_HOME"
DB_FILENAME = "ledger.db"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def use_private_umask() -> None:
    """Make every file this process creates owner-only (SQLite's -wal/-shm, zips, manifests, logs)."""
    if os.name == "posix":
        os.umask(0o077)


def data_dir(create: bool = True) -> Path:
    """The user-data folder: ``$MASTERY_LEDGER_HOME`` or the platform's folder for "Mastery Ledger"."""
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs  # why: deferred; not imported at all when MASTERY_LEDGER_HOME is set (tests, portable)

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    if create:
        make_private_dir(path)
    return path.resolve()


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def backups_dir(create: bool = True) -> Path:
    path = data_dir(create) / "backups"
    if create:
        make_private_dir(path)
    return path


def logs_dir(create: bool = True) -> Path:
    path = data_dir(create) / "logs"
    if create:
        make_private_dir(path)
    return path


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) and make the folders we created owner-only."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True)
    for created in missing:
        make_private(created)
    return path


def make_private(path: Path | str) -> None:
    """chmod a file to 0600 or a folder to 0700 (no-op where POSIX modes do not exist)."""
    if os.name != "posix":
        return
    p = Path(path)
    try:
        mode = PRIVATE_DIR_MODE if p.is_dir() else PRIVATE_FILE_MODE
        if stat.S_IMODE(p.stat().st_mode) != mode:
            os.chmod(p, mode)
    except FileNotFoundError:
        pass


def create_private_file(path: Path | str) -> None:
    """Create an empty owner-only file if it does not exist yet (before SQLite opens it)."""
    fd = os.open(os.fspath(path), os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to sync). Best effort: a folder
    that cannot be opened or synced is left as it is (the file itself was already fsynced)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: How :func:`replacing` names its temp file beside ``path`` (a folder's owner may tidy what a kill left).
REPLACING_SUFFIX = ".tmp"


@contextmanager
def replacing(path: Path | str, mode: str = "w", *, durable: bool = True, **open_kwargs) -> Iterator[IO]:
    """Write ``path`` as a whole or not at all: a hidden owner-only temp file beside it, fsynced (unless not
    ``durable``: a crash may then keep the previous file, never half of one), then renamed over it and the rename
    made durable too. An error inside the block removes the temp file and leaves ``path`` as it was. The one atomic
    write of the app: every file written whole goes through it."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=REPLACING_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, mode, **open_kwargs) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        make_private(tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)
