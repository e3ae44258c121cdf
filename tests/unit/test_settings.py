"""The settings file: the backup preferences an older version kept in backup-settings.json are carried over once,
and two copies of the settings (the window's, a dialog's) never undo each other's changes."""

from __future__ import annotations

import json

from desktop import paths
from desktop.settings import LEGACY_BACKUP_FILE, Settings, settings_path

OLD = {
    "folder": "/media/usb-stick/backups",
    "keep_all_days": 5,
    "daily": 20,
    "weekly": 10,
    "monthly": 9,
    "on_close": False,
    "interval_minutes": 0,
}


def write_old_file(content: object) -> bytes:
    path = paths.data_dir() / LEGACY_BACKUP_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content), encoding="utf-8")
    return path.read_bytes()


def test_an_old_backup_settings_file_is_carried_over_once_and_left_as_it_was():
    old_bytes = write_old_file(OLD)
    settings = Settings()
    assert settings.get("backup_folder") == "/media/usb-stick/backups"
    assert (settings.get("backup_keep_all_days"), settings.get("backup_daily")) == (5, 20)
    assert settings.get("backup_on_close") is False and settings.get("backup_interval_minutes") == 0
    assert not settings_path().exists()  # reading writes nothing

    settings.set("page_size", 300)
    settings.save()  # the next save writes them into settings.json
    stored = json.loads(settings_path().read_text(encoding="utf-8"))
    assert stored["backup_folder"] == "/media/usb-stick/backups" and stored["backup_daily"] == 20
    assert stored["page_size"] == 300
    assert (paths.data_dir() / LEGACY_BACKUP_FILE).read_bytes() == old_bytes

    # From now on settings.json holds them: a later change to the old file is not read again.
    write_old_file({**OLD, "daily": 3})
    again = Settings()
    again.set("backup_daily", 7)
    again.save()
    assert Settings().get("backup_daily") == 7


def test_settings_json_with_backup_preferences_ignores_the_old_file():
    write_old_file(OLD)
    settings_path().write_text(json.dumps({"backup_daily": 4}), encoding="utf-8")
    settings = Settings()
    assert settings.get("backup_daily") == 4
    assert settings.get("backup_folder") == "" and settings.get("backup_on_close") is True  # the defaults


def test_an_unreadable_or_invalid_old_file_gives_the_defaults():
    write_old_file({"daily": 9999, "on_close": "yes", "folder": 3, "keep_all_days": 1, "unknown": 1})
    settings = Settings()
    assert settings.get("backup_daily") == 12 and settings.get("backup_on_close") is True
    assert settings.get("backup_folder") == "" and settings.get("backup_keep_all_days") == 1
    (paths.data_dir() / LEGACY_BACKUP_FILE).write_text("{not json", encoding="utf-8")
    assert Settings().get("backup_daily") == 12


def test_two_copies_keep_each_others_changes():
    window = Settings()  # loaded when the window opened
    dialog = Settings()
    dialog.set("backup_daily", 5)
    dialog.save()
    window.set("window_geometry", "abc")
    window.save()  # must not put the backup preference back
    fresh = Settings()
    assert fresh.get("backup_daily") == 5 and fresh.get("window_geometry") == "abc"
    dialog.reset("backup_daily")
    dialog.save()
    assert Settings().get("backup_daily") == 12 and Settings().get("window_geometry") == "abc"


def test_the_window_copy_never_puts_back_old_backup_settings_saved_since():
    """First start after the upgrade: the window's copy carries the old file's values; the Backup settings page
    (its own copy) then saves a change; the window's later save (its geometry, on close) must not undo it."""
    write_old_file(OLD)
    window = Settings()
    page = Settings()
    page.set("backup_daily", 3)
    page.save()
    window.set("page_size", 300)
    window.save()
    for copy in (Settings(), window):
        assert copy.get("backup_daily") == 3
        assert copy.get("backup_folder") == "/media/usb-stick/backups"  # still carried over
        assert copy.get("page_size") == 300
