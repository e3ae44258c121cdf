"""Backups in the window: ``making`` (Back up now, automatic backups), ``restore`` (the Restore dialog),
``settings_page`` (Backup settings) and ``preferences`` (what those settings hold)."""
