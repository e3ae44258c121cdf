"""Verified backups of the SQLite database: create, list and check, thin out, restore, recover. Qt-free.

A backup is a SQLite file plus a JSON manifest beside it, and is judged by what the file holds, never by its
manifest alone. The modules, from the bottom up:

- ``files``: storage errors in plain words, progress, locks, copying and hashing files;
- ``manifest``: names, the manifest (:class:`~desktop.backup.manifest.BackupInfo`), the facts it records, errors;
- ``check``: judging a backup by its content, listing a folder's backups;
- ``create``: making a verified backup;
- ``retention``: thinning, the restore hold, automatic backups;
- ``restore``: the crash-safe swap of a backup into place;
- ``recover``: start-up recovery (an interrupted restore, a damaged database).

The manifest and its checks (hash, size, counts, retention) are engine-neutral; the SQLite specifics are the copy,
``integrity_check`` and the swap. Import each name from the module that owns it.
"""
