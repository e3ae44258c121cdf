"""The migration wizard: a parent moves years of records from the old app's JSON files in a few clicks, and sees
that nothing was lost.

Entry points:

- :func:`open_wizard` (File → Import legacy data…) shows the wizard window-modally and returns it; its
  ``migrated(result)`` signal tells the window to reload.
- :func:`offer_at_first_start` asks "Import your old records now?" when the database is empty and the old app's
  files are in one of the usual places, and opens the wizard on them.
- :func:`find_usual_sources` (Qt-free) lists the folders in the usual places that hold the old app's files.

One module per page (``welcome``, ``source``, ``check``, ``ready``, ``migrate``, ``done``); every question goes
through :mod:`desktop.ui.dialogs`, like the window's, so tests can answer it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from desktop import paths
from desktop.errors import LedgerError
from desktop.models import Profile
from desktop.store import db
from desktop.ui import dialogs
from desktop.ui.wizard.legacy_folders import find_usual_sources

if TYPE_CHECKING:
    from desktop.ui.wizard.wizard import MigrationWizard


def __getattr__(name: str) -> object:
    """``MigrationWizard`` on first use: its pages and the migration engine cost ~0.15 s that start-up need not pay."""
    if name == "MigrationWizard":
        from desktop.ui.wizard.wizard import MigrationWizard  # why: deferred (see above)

        return MigrationWizard
    raise AttributeError(name)


__all__ = ["MigrationWizard", "database_is_empty", "find_usual_sources", "offer_at_first_start", "open_wizard"]


def open_wizard(
    parent: QWidget | None = None,
    source: str | Path | None = None,
    *,
    search_usual_places: bool = True,
    on_changed: Callable[[], None] | None = None,
) -> MigrationWizard:
    """Show the wizard (window-modal over ``parent``, not blocking) and return it.

    ``source`` preselects the old app's folder; ``on_changed()`` (the main window's ``reload_all``) is called after
    a migration or an undo."""
    from desktop.ui.wizard.wizard import MigrationWizard  # why: deferred until the wizard opens (see __getattr__)

    _ensure_database()
    wizard = MigrationWizard(parent, source=source, search_usual_places=search_usual_places)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if on_changed is not None:
        wizard.migrated.connect(on_changed)
        wizard.undone.connect(on_changed)
    if parent is not None:  # a new database holds records now: its recovery key, until the user kept it
        wizard.migrated.connect(wizard.offer_recovery_key)
    if parent is not None:
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard


def _ensure_database() -> None:
    """The wizard writes into the open database; at first start none may be open yet: open the default one."""
    try:
        db.current()
    except LedgerError:
        db.open_database()


def database_is_empty() -> bool:
    """True when no database is open and none exists yet, or the open one holds no child."""
    try:
        db.current()
    except LedgerError:
        path = paths.default_db_path()
        return not path.exists() or path.stat().st_size == 0
    return not bool(Profile.select().exists())


def offer_at_first_start(
    parent: QWidget | None = None,
    places: list[Path] | None = None,
    on_changed: Callable[[], None] | None = None,
) -> bool:
    """At start-up: if the database is empty and the old app's files are in a usual place, ask whether to import
    them now and open the wizard on the first folder found (``on_changed`` as for :func:`open_wizard`). Returns
    True when the wizard was opened."""
    if not database_is_empty():
        return False
    found = find_usual_sources(places)
    if not found:
        return False
    translate = QCoreApplication.translate
    question = translate(
        "MigrationWizard",
        "The old app's records were found in {folder}.\n\nImport your old "
        "records now? The old files are only read, never changed.",
    ).format(folder=found[0])
    if not dialogs.ask(
        parent,
        translate("MigrationWizard", "Import your old records now?"),
        question,
        yes=translate("MigrationWizard", "&Import now"),
        no=translate("MigrationWizard", "&Not now"),
    ):
        return False
    open_wizard(parent, source=found[0], on_changed=on_changed)
    return True
