"""The backup preferences as the backup dialogs use them: where backups go, how many are kept and when automatic
ones are made. They are settings like every other (``backup_*`` in :mod:`desktop.settings`, in settings.json)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from desktop import backup, paths
from desktop.settings import Settings

#: The settings each preference is stored as.
PREFIX = "backup_"


@dataclass
class BackupPreferences:
    """Where backups go, how many are kept (see :class:`desktop.backup.BackupPolicy`) and when automatic ones are
    made. ``folder`` empty: the default folder in the user-data folder. ``interval_minutes`` 0: only on close."""

    folder: str = ""
    keep_all_days: int = 2
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    on_close: bool = True
    interval_minutes: int = 30

    def folder_path(self) -> Path | None:
        return Path(self.folder).expanduser() if self.folder.strip() else None

    def shown_folder(self) -> Path:
        return self.folder_path() or paths.backups_dir(create=False)

    def policy(self) -> backup.BackupPolicy:
        return backup.BackupPolicy(
            keep_all_days=self.keep_all_days,
            daily=self.daily,
            weekly=self.weekly,
            monthly=self.monthly,
            auto_interval_minutes=self.interval_minutes or 30,
        )

    @classmethod
    def load(cls) -> BackupPreferences:
        """From the settings file (the defaults for what it does not say)."""
        settings = Settings()
        return cls(**{f.name: settings.get(PREFIX + f.name) for f in fields(cls)})

    def save(self) -> None:
        settings = Settings()
        for f in fields(self):
            settings.set(PREFIX + f.name, getattr(self, f.name))
        settings.save()
