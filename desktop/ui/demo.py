"""``mastery-ledger --demo``: the app on a fresh, temporary copy of the invented sample data set.

The sample is the old web app's data folder for two invented children (``resources/demo/legacy/data``; nothing in
it is about a real person). The demo makes a temporary user-data folder, migrates that folder into a new database
there through the real migration engine, opens the normal window on it, and deletes the folder when the window
closes: a new user sees a populated window at once, and their own data is never touched.
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop import paths, resources
from desktop.errors import LedgerError
from desktop.legacy import importer
from desktop.legacy.read import read_legacy
from desktop.store import db
from desktop.ui import app

log = logging.getLogger(__name__)

#: The sample's naive timestamps were written in China Standard Time.
SAMPLE_TIME_ZONE = "+08:00"
DEMO_ENV = "MASTERY_LEDGER_DEMO"


def sample_legacy_folder() -> Path:
    """The bundled sample legacy data folder (read-only; the wizard can import it)."""
    return resources.demo_dir() / "legacy" / "data"


def first_profile_id(folder: Path | None = None) -> str | None:
    """The id of the first profile in a legacy folder (the demo gives it the cards that name no child)."""
    choices = importer.profile_choices(read_legacy(folder or sample_legacy_folder(), assume_tz=SAMPLE_TIME_ZONE))
    return choices[0][0] if choices else None


def is_demo() -> bool:
    """True in a process started by ``--demo`` (the window may say so in its title)."""
    return os.environ.get(DEMO_ENV) == "1"


@dataclass
class DemoLedger:
    """A temporary user-data folder holding a database migrated from the sample."""

    home: Path
    database: Path
    message: str

    def remove(self) -> None:
        db.close_database()
        shutil.rmtree(self.home, ignore_errors=True)


def prepare(home: Path | None = None) -> DemoLedger:
    """Make the temporary folder (or use ``home``), point ``MASTERY_LEDGER_HOME`` at it and migrate the sample into
    a new database there. The database is left closed. Raises LedgerError if the sample cannot be migrated."""
    folder = sample_legacy_folder()
    if not folder.is_dir():
        raise LedgerError(code="demo_data_missing", folder=str(folder))
    home = Path(home) if home else Path(tempfile.mkdtemp(prefix="mastery-ledger-demo-"))
    paths.make_private_dir(home)
    os.environ[paths.HOME_ENV] = str(home)
    os.environ[DEMO_ENV] = "1"
    database = paths.default_db_path()
    db.open_database(database)
    try:
        result = importer.migrate(
            folder, assume_tz=SAMPLE_TIME_ZONE, assign_to=first_profile_id(folder), backup_database=False
        )
    finally:
        db.close_database()
    if not result.ok:
        raise LedgerError(code="demo_import_failed", reason=result.message)
    log.info("demo ledger in %s: %s", home, result.message)
    return DemoLedger(home=home, database=database, message=result.message)


def main(args: argparse.Namespace) -> int:
    """Prepare a demo ledger and run the normal window on it; the ledger is deleted when the window closes."""
    try:
        ledger = prepare()
    except LedgerError as exc:
        app.create_application()
        QMessageBox.critical(None, "Mastery Ledger", str(exc))
        return 1
    window_args = copy.copy(args)
    window_args.demo = False
    window_args.db = str(ledger.database)
    try:
        return app.main(window_args)
    finally:
        ledger.remove()
