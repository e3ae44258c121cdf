"""The backup engine: verified backups, restore (also onto a damaged database), stale WAL, storage errors, the
restore hold, and the ``backup`` / ``backups`` / ``restore`` commands. Invented data only, written through
:mod:`desktop.services` so every row is audited."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop import health, keys, paths, services
from desktop.backup.check import check_backup, last_backup_time, list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import (
    TEMP_PREFIX,
    DatabaseInUseError,
    DiskFullError,
    FolderMissingError,
    ReadOnlyError,
    copy_file,
    file_sha256,
)
from desktop.backup.manifest import (
    DAMAGED,
    NAME_RE,
    UNREADABLE,
    VERIFIED,
    BackupDamagedError,
    BackupError,
    BackupInfo,
    NoGoodBackupError,
    audit_head,
)
from desktop.backup.recover import recover_damaged, recover_interrupted
from desktop.backup.restore import detach_database, restore_backup
from desktop.backup.retention import BackupPolicy, auto_backup, prune, read_restore_hold
from desktop.errors import Cancelled, DatabaseDamagedError, NotFoundError, StorageError
from desktop.store import audit, cipher, db
from desktop.store.schema import PLAN_TABLES_SQL, SCHEMA_VERSION, SEARCH_TABLES

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------------------------------------------
# Helpers


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )


def fill(tag: str = "a") -> str:
    """A child with words, grammar, a card and chat, plus an edit and a delete (all audited)."""
    pid = services.create_profile(f"Kid {tag}", interests=["trains", "maps"], dob="2016-03-04")["id"]
    services.bulk_add_words(pid, "猫，狗、鸟 鱼", "zh")
    services.bulk_add_words(pid, "apple, banana, cherry", "en")
    services.add_grammar(pid, f"grammar://{tag}/ba")
    card = services.add_card(pid, "basic", {"front": "猫", "back": "cat"})
    services.add_chat_message(pid, "user", f"hello from {tag}")
    services.add_chat_message(pid, "assistant", "你好！")
    services.update_row("approved_cards", card["id"], card["version"], {"status": "approved"})
    word = services.get_row("mastered_words", 1) if tag == "a" else None
    if word:
        services.delete_rows("mastered_words", [word["id"]])
    return pid


LINEAGE_KEYS = ("database_id", "previous_database_id")


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (audit log and seals included), read-only — but for the database's identity in
    ``meta``, which a restore renews on purpose (a new line of history; checked by lineage())."""
    with closing(cipher.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        # the search index is read through its own queries (its tables have no rowid order; the rows it indexes
        # are audit_log's, compared here)
        out = {
            t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables if t not in SEARCH_TABLES
        }
    if "meta" in out:
        out["meta"] = [r for r in out["meta"] if r[0] not in LINEAGE_KEYS]
    return out


def lineage(path: Path) -> dict[str, str]:
    with closing(cipher.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as con:
        return dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", LINEAGE_KEYS).fetchall())


def counts(path: Path) -> dict[str, int]:
    return {t: len(rows) for t, rows in snapshot(path).items()}


def files_of(path: Path) -> dict[str, bytes]:
    """The database and any side files, byte for byte."""
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            out[suffix] = p.read_bytes()
    return out


def flip_byte(path: Path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    offset = len(data) // 2 + 7 if offset is None else offset
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def backdate(info: BackupInfo, when: datetime, reason: str | None = None) -> None:
    """Pretend a backup was made at ``when`` (rewrites its manifest; the file and its hash stay as they are)."""
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    manifest["created_at"] = when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if reason:
        manifest["reason"] = reason
    info.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((TEMP_PREFIX, ".ledger.db.restore")))


def damage(path: Path) -> None:
    """Overwrite a stretch in the middle of the file (b-tree pages) with garbage."""
    with open(path, "r+b") as fh:
        fh.seek(path.stat().st_size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 2048)


@pytest.fixture
def bdir(tmp_path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


# --------------------------------------------------------------------------------------------------------------
# Backup → change → restore


def test_backup_change_restore_gives_back_exactly_the_earlier_rows(ledger, db_path, bdir):
    fill("a")
    fill("b")
    before = snapshot(db_path)
    info = create_backup(reason="manual", dest_dir=bdir)

    # the manifest is right about the file
    size, digest = file_sha256(info.path)
    assert (info.size, info.sha256) == (size, digest)
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    assert manifest["sha256"] == digest and manifest["size"] == size
    counts = {t: n for t, n in manifest["counts"].items() if t not in SEARCH_TABLES}
    assert counts == {**{t: len(rows) for t, rows in before.items()}, "meta": len(before["meta"]) + 1}
    assert manifest["reason"] == "manual" and manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["app_version"] and manifest["created_at"].endswith("Z")
    assert manifest["audit_head"]["last_audit_id"] == max(r[0] for r in before["audit_log"])
    assert manifest["audit_head"]["last_seal_hash"] == before["audit_seal"][-1][5]
    assert NAME_RE.match(info.name)
    # the copy is self-contained (rollback journal, no WAL needed) and owner-only
    with closing(cipher.connect(info.path)) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert snapshot(info.path) == before
    if os.name == "posix":
        for p in (info.path, info.manifest_path):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600

    # change everything: add, edit, delete (a cascade too)
    pid = services.create_profile("Kid c")["id"]
    services.bulk_add_words(pid, "x y z", "zh")
    services.delete_rows("profiles", ["kid-a"])
    services.update_profile("kid-b", None, school="Elm Street")
    assert snapshot(db_path) != before

    old_id = lineage(db_path)["database_id"]
    result = restore_backup(info, db_path, backup_dir=bdir)
    assert result.ok, result.problems
    assert result.safety_backup is not None and result.safety_backup.reason == "before-restore"
    assert not result.damaged_copies
    assert snapshot(db_path) == before
    # the restored file starts a new line of history (its id is new; the one it came from is kept)
    assert lineage(db_path) == {"database_id": lineage(db_path)["database_id"], "previous_database_id": old_id}
    assert lineage(db_path)["database_id"] != old_id
    # the app is bound to the restored database and the audit chain verifies with nothing unsealed
    chain = audit.verify_chain(db.current())
    assert chain.ok and chain.unsealed_rows == 0
    assert health.check(db.current()).healthy
    assert services.get_row("profiles", "kid-a")["name"] == "Kid a"
    # the safety backup holds the state that was replaced
    assert "kid-c" in {r[0] for r in snapshot(result.safety_backup.path)["profiles"]}
    assert leftovers(bdir) == [] and leftovers(db_path.parent) == []
    assert not Path(f"{db_path}.damaged").exists()


def test_a_backup_is_taken_while_the_app_writes_without_disturbing_it(ledger, db_path, bdir):
    pid = fill("a")
    committed = snapshot(db_path)
    with audit.writing("user"):
        services.bulk_add_words(pid, "uncommitted", "en")
        info = create_backup(reason="manual", dest_dir=bdir)  # sees the last committed state only
    assert snapshot(info.path) == committed
    assert audit.verify_chain(db.current()).ok
    words = {r[2] for r in snapshot(db_path)["mastered_words"]}
    assert "uncommitted" in words  # the app's transaction committed normally


def test_a_name_collision_gets_a_suffix(ledger, bdir):
    fill("a")
    first = create_backup(dest_dir=bdir)
    second = create_backup(dest_dir=bdir)
    assert first.name != second.name
    names = [i.name for i in list_backups(bdir)]
    assert len(names) == 2 and all(NAME_RE.match(n) for n in names)


def test_progress_and_cancel(ledger, db_path, bdir):
    fill("a")
    seen = []
    create_backup(dest_dir=bdir, progress=lambda d, t, text: seen.append((d, t, text)))
    assert seen[-1][0] == seen[-1][1] == 1000
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    asked_in_a_full_run = []
    create_backup(dest_dir=bdir, cancel=lambda: asked_in_a_full_run.append(1) and False)
    n = len(asked_in_a_full_run)
    assert n >= 4
    for old in list_backups(bdir)[1:]:
        old.path.unlink()
        old.manifest_path.unlink()
    for patience in (0, n // 2, n - 1):
        asked = []

        def cancel(asked=asked, patience=patience):
            asked.append(1)
            return len(asked) > patience

        with pytest.raises(Cancelled, match="cancelled"):
            create_backup(dest_dir=bdir, cancel=cancel)
        assert len(list_backups(bdir)) == 1
        assert leftovers(bdir) == []
    info = list_backups(bdir)[0]
    db.close_database()
    before = files_of(db_path)
    with pytest.raises(Cancelled, match="not changed"):
        restore_backup(info, db_path, backup_dir=bdir, cancel=lambda: True)
    assert files_of(db_path) == before


# --------------------------------------------------------------------------------------------------------------
# Listing and damage


def test_a_flipped_byte_is_reported_damaged_and_refused(ledger, db_path, bdir):
    fill("a")
    good = create_backup(dest_dir=bdir)
    services.create_profile("Later")
    bad = create_backup(dest_dir=bdir)
    flip_byte(bad.path)
    listed = {i.name: i for i in list_backups(bdir)}
    assert listed[good.name].status == VERIFIED
    assert listed[bad.name].status == DAMAGED and "fingerprint" in listed[bad.name].detail

    db.close_database()
    before = files_of(db_path)
    with pytest.raises(BackupDamagedError, match="not changed"):
        restore_backup(bad.name, db_path, backup_dir=bdir)
    assert files_of(db_path) == before  # byte-identical
    assert [i.name for i in list_backups(bdir)] == [bad.name, good.name]  # no safety backup was taken
    assert leftovers(db_path.parent) == []

    # a stale, "verified" BackupInfo is still caught by the hash of the bytes actually copied
    stale = check_backup(good, integrity=True)
    assert stale.ok
    flip_byte(good.path)
    with pytest.raises(BackupDamagedError):
        restore_backup(stale, db_path, backup_dir=bdir)
    assert files_of(db_path) == before


def test_damage_that_keeps_the_hash_is_found_by_the_integrity_check(ledger, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    damage(info.path)
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    manifest["size"], manifest["sha256"] = file_sha256(info.path)  # a manifest made to match
    info.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert list_backups(bdir)[0].status == VERIFIED
    checked = list_backups(bdir, integrity=True)[0]
    assert checked.status == DAMAGED and "damaged" in checked.detail


def test_unreadable_backups_and_leftovers_are_never_listed_as_good(ledger, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    # a killed backup's temp files and a manifest whose .db never arrived
    (bdir / f"{TEMP_PREFIX}dead.db").write_bytes(b"half")
    (bdir / f"{TEMP_PREFIX}dead.db-journal").write_bytes(b"x")
    (bdir / "ledger-20200101-000000.json").write_text("{}")
    # a .db without its manifest
    shutil.copyfile(info.path, bdir / "ledger-20200102-000000.db")
    listed = {i.name: i for i in list_backups(bdir)}
    assert set(listed) == {info.name, "ledger-20200102-000000.db"}
    assert listed["ledger-20200102-000000.db"].status == UNREADABLE
    assert "manifest" in listed["ledger-20200102-000000.db"].detail
    # a manifest and a restore hold that paths.replacing was writing when it was killed
    (bdir / ".ledger-20200103-000000.json-k3x_9q.tmp").write_text("{")
    (bdir / "..restore-hold.json-a1b2c3.tmp").write_text("{")
    # other programs' hidden temp files in a folder the user chose (a synced folder, a USB drive)
    foreign = [".syncthing.notes.txt.tmp", ".~lock.report.odt#", ".notes.json-x1.tmp"]
    for name in foreign:
        (bdir / name).write_text("theirs")
    create_backup(dest_dir=bdir)  # the next run tidies the leftovers
    assert leftovers(bdir) == []
    assert not (bdir / "ledger-20200101-000000.json").exists()
    assert not (bdir / ".ledger-20200103-000000.json-k3x_9q.tmp").exists()
    assert not (bdir / "..restore-hold.json-a1b2c3.tmp").exists()
    assert (bdir / "ledger-20200102-000000.db").exists()  # not ours to delete
    assert all((bdir / name).read_text() == "theirs" for name in foreign)  # nor these


def test_a_backup_on_a_removed_drive_is_reported_plainly(ledger, tmp_path):
    usb = tmp_path / "usb" / "backups"
    usb.mkdir(parents=True)
    fill("a")
    info = create_backup(dest_dir=usb)
    shutil.rmtree(tmp_path / "usb")  # the drive is gone
    with pytest.raises(FolderMissingError, match="USB drive"):
        create_backup(dest_dir=usb)
    with pytest.raises(FolderMissingError, match="connect"):
        list_backups(usb)
    with pytest.raises(FolderMissingError, match="drive"):
        restore_backup(info.path)
    assert check_backup(info).status == UNREADABLE
    assert audit.verify_chain(db.current()).ok


# --------------------------------------------------------------------------------------------------------------
# Storage errors lose nothing


def test_disk_full_during_backup_keeps_everything(ledger, db_path, bdir, monkeypatch):
    fill("a")
    old = create_backup(dest_dir=bdir)
    old_files = {p.name: p.read_bytes() for p in bdir.iterdir() if not p.name.startswith(".")}
    before = snapshot(db_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("desktop.backup.create._online_copy", full)
    with pytest.raises(DiskFullError) as caught:
        create_backup(dest_dir=bdir)
    assert isinstance(caught.value, StorageError)
    assert "The disk is full" in str(caught.value) and "Nothing was lost" in str(caught.value)
    assert {p.name: p.read_bytes() for p in bdir.iterdir() if not p.name.startswith(".")} == old_files
    assert leftovers(bdir) == []
    assert snapshot(db_path) == before
    assert [i.status for i in list_backups(bdir, integrity=True)] == [VERIFIED]
    assert old.path.exists()


def test_disk_full_reported_by_sqlite_too(ledger, bdir, monkeypatch):
    fill("a")

    def full(*args, **kwargs):
        exc = cipher.dbapi.OperationalError("database or disk is full")
        exc.sqlite_errorcode = 13
        raise exc

    monkeypatch.setattr("desktop.backup.create._online_copy", full)
    with pytest.raises(DiskFullError, match="disk is full"):
        create_backup(dest_dir=bdir)
    assert leftovers(bdir) == []


def test_disk_full_during_restore_keeps_the_database(ledger, db_path, bdir, monkeypatch):
    fill("a")
    info = create_backup(dest_dir=bdir)
    services.create_profile("After")
    db.close_database()
    before = snapshot(db_path)

    real_copy = copy_file

    def full(source, target, progress=None):
        real_copy(source, target, progress)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("desktop.backup.check.copy_file", full)
    with pytest.raises(DiskFullError, match="disk is full"):
        restore_backup(info, db_path, backup_dir=bdir)
    assert snapshot(db_path) == before
    assert leftovers(db_path.parent) == []
    assert [i.name for i in list_backups(bdir)] == [info.name]


def test_read_only_folder_is_a_plain_message(ledger, bdir, monkeypatch):
    fill("a")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("desktop.backup.create._online_copy", read_only)
    with pytest.raises(ReadOnlyError, match="read-only"):
        create_backup(dest_dir=bdir)
    assert leftovers(bdir) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_really_read_only_folder(ledger, bdir):
    fill("a")
    bdir.chmod(0o500)
    try:
        with pytest.raises(ReadOnlyError):
            create_backup(dest_dir=bdir)
    finally:
        bdir.chmod(0o700)


def test_missing_database_and_bad_reason(tmp_path, bdir):
    with pytest.raises(BackupError, match="no database"):
        create_backup(tmp_path / "absent.db", dest_dir=bdir)
    with pytest.raises(ValueError):
        create_backup(tmp_path / "absent.db", reason="whim", dest_dir=bdir)


# --------------------------------------------------------------------------------------------------------------
# Stale WAL


def _wal_with_extra_rows(db_path: Path, dest: Path) -> Path:
    """Copy the -wal of a state with extra rows (taken while those rows are only in the WAL)."""
    database = db.current()
    database.execute_sql("PRAGMA wal_autocheckpoint = 0")
    pid = services.create_profile("Ghost")["id"]
    services.bulk_add_words(pid, "stale one, stale two", "en")
    wal = Path(f"{db_path}-wal")
    assert wal.stat().st_size > 0
    shutil.copyfile(wal, dest)
    return dest


def test_a_stale_wal_beside_the_database_does_not_leak_into_the_restore(ledger, db_path, bdir, tmp_path):
    fill("a")
    info = create_backup(dest_dir=bdir)
    expected = snapshot(info.path)
    stale = _wal_with_extra_rows(db_path, tmp_path / "stale-wal")
    db.close_database()
    shutil.copyfile(stale, f"{db_path}-wal")  # placed beside the database before the restore
    restore_backup(info, db_path, backup_dir=bdir)
    assert snapshot(db_path) == expected
    assert "ghost" not in {r[0] for r in snapshot(db_path)["profiles"]}
    assert health.check(db.open_database(db_path)).healthy


def test_a_wal_appearing_just_before_the_swap_is_moved_aside(ledger, db_path, bdir, tmp_path, monkeypatch):
    """The dangerous case: a -wal written for the old file sits beside the database at the moment the restored
    file is renamed into place. SQLite would replay it into the restored file; the restore moves it aside."""
    fill("a")
    info = create_backup(dest_dir=bdir)
    expected = snapshot(info.path)
    stale = _wal_with_extra_rows(db_path, tmp_path / "stale-wal")
    db.close_database()
    real_detach = detach_database

    def detach_then_stale_wal(target):
        real_detach(target)
        shutil.copyfile(stale, f"{target}-wal")

    monkeypatch.setattr("desktop.backup.restore.detach_database", detach_then_stale_wal)
    restore_backup(info, db_path, backup_dir=bdir)
    assert snapshot(db_path) == expected
    assert not any(p.name.endswith(".restore-old") for p in db_path.parent.iterdir())
    database = db.open_database(db_path)
    assert health.check(database).healthy
    assert services.get_row("profiles", "kid-a")
    with pytest.raises(NotFoundError):
        services.get_row("profiles", "ghost")


# --------------------------------------------------------------------------------------------------------------
# Damaged database


def test_a_damaged_database_is_detected_and_recovered_from_the_newest_good_backup(ledger, db_path, bdir):
    fill("a")
    older = create_backup(dest_dir=bdir)
    good_rows = snapshot(older.path)
    fill("b")
    newest = create_backup(dest_dir=bdir)
    flip_byte(newest.path)  # the newest backup is damaged too: it must be skipped
    fill("c")
    db.close_database()
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        db.open_database(db_path)
    db.close_database()

    recovery = recover_damaged(db_path, backup_dir=bdir)
    assert recovery.restore.backup.name == older.name
    assert [name for name, _ in recovery.skipped] == [newest.name]
    kept = Path(f"{db_path}.damaged")
    assert recovery.restore.damaged_copies[0] == kept  # (with its -wal/-shm when there are any)
    assert kept.read_bytes() == damaged_bytes
    assert snapshot(db_path) == good_rows
    assert health.check(db.open_database(db_path)).healthy
    # no before-restore backup of a damaged database was attempted
    assert {i.reason for i in list_backups(bdir, verify=False)} == {"manual"}

    # damaged again: the earlier .damaged file is never overwritten; the new one gets a timestamp
    db.close_database()
    damage(db_path)
    recover_damaged(db_path, backup_dir=bdir)
    assert kept.read_bytes() == damaged_bytes
    stamped = [p for p in db_path.parent.iterdir() if p.name.endswith(".damaged") and p != kept]
    assert len(stamped) == 1 and stamped[0].name.startswith("ledger.db.")


def test_recover_keeps_the_damaged_wal_too(ledger, db_path, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    db.current().execute_sql("PRAGMA wal_autocheckpoint = 0")
    fill("b")
    wal = Path(f"{db_path}-wal")
    saved = {"": None, "-wal": None}
    shutil.copyfile(db_path, db_path.parent / "crash.db")
    shutil.copyfile(wal, db_path.parent / "crash.db-wal")
    db.close_database()
    os.replace(db_path.parent / "crash.db", db_path)
    os.replace(db_path.parent / "crash.db-wal", wal)
    with open(db_path, "r+b") as fh:  # the header itself: damaged whatever the WAL holds
        fh.write(b"this is no database file")
    saved[""], saved["-wal"] = db_path.read_bytes(), wal.read_bytes()
    recover_damaged(db_path, backup_dir=bdir)
    assert Path(f"{db_path}.damaged").read_bytes() == saved[""]
    assert Path(f"{db_path}.damaged-wal").read_bytes() == saved["-wal"]
    assert snapshot(db_path) == snapshot(info.path)


def test_no_good_backup_leaves_the_damaged_database_alone(ledger, db_path, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    flip_byte(info.path)
    db.close_database()
    damage(db_path)
    before = files_of(db_path)
    with pytest.raises(NoGoodBackupError, match="left as it is"):
        recover_damaged(db_path, backup_dir=bdir)
    assert files_of(db_path) == before


def test_backing_up_a_damaged_database_says_so(ledger, db_path, bdir):
    fill("a")
    db.close_database()
    damage(db_path)
    with pytest.raises(DatabaseDamagedError):
        create_backup(db_path, dest_dir=bdir)
    assert leftovers(bdir) == [] and list_backups(bdir) == []


# --------------------------------------------------------------------------------------------------------------
# Schema versions, other connections, leftovers


def test_an_older_backup_is_upgraded_after_restore(ledger, db_path, bdir, tmp_path):
    old = tmp_path / "old.db"
    with closing(cipher.connect(old)) as con:
        con.executescript(PLAN_TABLES_SQL)
        con.execute("INSERT INTO profiles (id, name) VALUES ('old-kid', 'Old Kid')")
        con.execute("INSERT INTO mastered_words (profile_id, word, language) VALUES ('old-kid', '树', 'zh')")
        con.commit()
    info = create_backup(old, dest_dir=bdir)
    assert info.schema_version == 0
    fill("a")
    result = restore_backup(info, db_path, backup_dir=bdir)
    assert result.ok, result.problems
    assert result.schema_version == SCHEMA_VERSION
    assert services.get_row("profiles", "old-kid")["name"] == "Old Kid"
    assert health.check(db.current()).healthy


def test_a_newer_backup_is_refused(ledger, db_path, bdir, tmp_path):
    fill("a")
    db.close_database()
    newer = tmp_path / "newer.db"
    shutil.copyfile(db_path, newer)
    with closing(cipher.connect(newer)) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    info = create_backup(newer, dest_dir=bdir)
    before = files_of(db_path)
    with pytest.raises(BackupError, match="newer version"):
        restore_backup(info, db_path, backup_dir=bdir)
    assert files_of(db_path) == before


def test_restore_refuses_while_another_program_has_the_database_open(ledger, db_path, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    services.create_profile("After")
    before = snapshot(db_path)
    other = cipher.connect(db_path)
    try:
        other.execute("SELECT count(*) FROM profiles").fetchone()
        with pytest.raises(DatabaseInUseError, match="another window or program"):
            restore_backup(info, db_path, backup_dir=bdir)
    finally:
        other.close()
    assert snapshot(db_path) == before
    assert leftovers(db_path.parent) == []
    # the app's own connection was reopened and works
    assert services.get_row("profiles", "after")["name"] == "After"


def test_leftovers_of_a_killed_restore_are_tidied(ledger, db_path):
    fill("a")
    db.close_database()
    before = snapshot(db_path)
    parent = db_path.parent
    (parent / ".ledger.db.restore-tmp").write_bytes(b"half a copy")
    (parent / ".ledger.db-wal.restore-old").write_bytes(b"")
    (parent / ".ledger.db-shm.restore-old").write_bytes(b"\0" * 100)
    (parent / ".ledger.db-journal.restore-old").write_bytes(b"something")
    done = recover_interrupted(db_path)
    assert len(done) == 4
    assert leftovers(parent) == []
    assert not any(p.name.endswith(".restore-old") for p in parent.iterdir())
    assert [p.name for p in parent.iterdir() if p.name.endswith(".orphaned")]  # data is never deleted
    assert snapshot(db_path) == before


# --------------------------------------------------------------------------------------------------------------
# Automatic backups and the restore hold


def test_auto_backup_only_when_changed_and_old_enough(ledger, db_path, bdir):
    policy = BackupPolicy(auto_interval_minutes=30)
    fill("a")
    now = datetime.now(UTC)
    first = auto_backup(db_path, policy, dest_dir=bdir, now=now)
    assert first is not None and first.reason == "auto"
    assert auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(hours=5)) is None  # unchanged
    services.create_profile("New")
    assert auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(minutes=10)) is None  # too soon
    second = auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(minutes=31))
    assert second is not None
    assert last_backup_time(bdir) == second.created_at


def test_no_rotation_after_a_restore_until_the_user_changes_something(ledger, db_path, bdir):
    policy = BackupPolicy()
    fill("a")
    now = datetime.now(UTC)
    infos = []
    for n in range(6):
        services.create_profile(f"Kid {n} x")
        infos.append(create_backup(dest_dir=bdir))
    # all six were made long ago on the same day: rotation would keep only the newest of them
    noon = (now - timedelta(days=40)).replace(hour=12, minute=0)
    for n, info in enumerate(infos):
        backdate(info, noon - timedelta(minutes=n))
    chosen = infos[0]
    result = restore_backup(chosen.name, db_path, backup_dir=bdir)
    assert result.ok
    assert read_restore_hold(bdir)["backup"] == chosen.name
    all_names = {i.name for i in list_backups(bdir, verify=False)}

    # unchanged since the restore: no automatic backup, and rotation deletes nothing
    assert auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(days=1)) is None
    assert prune(bdir, policy, now + timedelta(days=1)) == []
    assert {i.name for i in list_backups(bdir, verify=False)} == all_names
    # reopening the app (seal on open, journal mode) is not a change either
    db.close_database()
    db.open_database(db_path)
    assert auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(days=2)) is None

    # the first real change: a backup is made, the hold is lifted and rotation resumes
    services.create_profile("Changed after restore")
    made = auto_backup(db_path, policy, dest_dir=bdir, now=now + timedelta(days=2))
    assert made is not None
    assert read_restore_hold(bdir) is None
    remaining = {i.name for i in list_backups(bdir, verify=False)}
    assert remaining == {made.name, result.safety_backup.name, chosen.name}


def test_prune_deletes_db_and_manifest_together(ledger, bdir):
    fill("a")
    now = datetime.now(UTC)
    infos = [create_backup(dest_dir=bdir) for _ in range(3)]
    noon = (now - timedelta(days=400)).replace(hour=12, minute=0)
    for n, info in enumerate(infos):
        backdate(info, noon - timedelta(minutes=n))
    fresh = create_backup(dest_dir=bdir)
    removed = prune(bdir, BackupPolicy(), now)
    assert {p.name for p in removed} == {infos[1].name, infos[2].name}  # the newest of the old day stays a daily
    for p in removed:
        assert not p.exists() and not p.with_suffix(".json").exists()
    assert {i.name for i in list_backups(bdir)} == {fresh.name, infos[0].name}


# --------------------------------------------------------------------------------------------------------------
# Command line


def test_cli_backup_backups_restore(ledger, db_path, bdir):
    fill("a")
    db.close_database()
    before = snapshot(db_path)
    made = run_cli("backup", "--db", str(db_path), "--dest", str(bdir))
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip().splitlines()[-1])
    assert path.is_absolute() and path.exists() and path.parent == bdir.resolve()

    listing = run_cli("backups", "--db", str(db_path), "--dest", str(bdir), "--check")
    assert listing.returncode == 0, listing.stderr
    assert path.name in listing.stdout and "verified" in listing.stdout and "manual" in listing.stdout

    db.open_database(db_path)
    services.create_profile("Later")
    db.close_database()
    refused = run_cli("restore", path.name, "--db", str(db_path), "--dest", str(bdir), stdin="")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = run_cli("restore", path.name, "--db", str(db_path), "--dest", str(bdir), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(db_path.resolve())
    assert snapshot(db_path) == before
    assert run_cli("verify", "--db", str(db_path)).returncode == 0

    flip_byte(path)
    listing = run_cli("backups", "--dest", str(bdir))
    assert listing.returncode == 1 and "damaged" in listing.stdout
    refused = run_cli("restore", str(path), "--db", str(db_path), "--dest", str(bdir), "--yes")
    assert refused.returncode == 1 and "cannot be used" in refused.stderr and "Traceback" not in refused.stderr


def test_cli_restore_works_on_a_damaged_database(ledger, db_path, bdir):
    fill("a")
    info = create_backup(dest_dir=bdir)
    db.close_database()
    damage(db_path)
    verify = run_cli("verify", "--db", str(db_path))
    assert verify.returncode == 1 and "restore" in verify.stderr
    done = run_cli("restore", info.name, "--db", str(db_path), "--dest", str(bdir), "--yes")
    assert done.returncode == 0, done.stderr
    assert "damaged database was kept" in done.stdout
    assert Path(f"{db_path}.damaged").exists()
    assert run_cli("verify", "--db", str(db_path)).returncode == 0


def test_cli_errors_are_sentences(tmp_path, ledger, db_path):
    fill("a")
    missing = tmp_path / "nowhere"
    result = run_cli("backup", "--db", str(db_path), "--dest", str(missing))
    assert result.returncode == 1 and "is not there" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("restore", "ledger-20000101-000000", "--db", str(db_path), "--yes")
    assert result.returncode == 1 and "no backup called" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("backups", "--dest", str(empty))
    assert result.returncode == 0 and "No backups yet" in result.stdout


def test_default_backup_folder_is_private(ledger, ledger_home):
    fill("a")
    info = create_backup()
    assert info.path.parent == paths.backups_dir()
    if os.name == "posix":
        assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700


def test_restore_in_a_worker_thread_twice(ledger, db_path, bdir):
    """As the window does it: this thread's connection is closed, the restore runs in a worker, the models stay
    usable here afterwards, and no connection lingers in the worker to block the next restore."""
    fill("a")
    first = create_backup(dest_dir=bdir)
    services.create_profile("Second State")
    second = create_backup(dest_dir=bdir)
    for chosen in (first, second, first):
        db.current().close()
        outcome = {}
        worker = threading.Thread(
            target=lambda c=chosen, o=outcome: o.update(result=restore_backup(c, db_path, backup_dir=bdir))
        )
        worker.start()
        worker.join(60)
        assert outcome["result"].ok
        assert snapshot(db_path) == snapshot(chosen.path)
        assert services.get_row("profiles", "kid-a")["name"] == "Kid a"  # this thread reconnects by itself
    assert audit.verify_chain(db.current()).ok


def test_a_database_left_with_a_hot_journal_is_backed_up_and_restored(ledger, db_path, bdir, tmp_path):
    """A crash in the middle of a rollback-journal write (e.g. a journal-mode switch) leaves a hot -journal that a
    read-only connection may not roll back; reading, backing up and restoring let SQLite recover it first."""
    fill("a")
    good = create_backup(dest_dir=bdir)
    db.close_database()
    with closing(cipher.connect(db_path, isolation_level=None)) as con:
        con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA cache_size = 2")  # spill changed pages into the file before the commit
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE chat_messages SET content = content || ' (never committed)'")
        crash = {"": db_path.read_bytes(), "-journal": Path(f"{db_path}-journal").read_bytes()}
        con.execute("ROLLBACK")
    committed = snapshot(db_path)

    def crashed(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for suffix, data in crash.items():
            Path(f"{folder / 'ledger.db'}{suffix}").write_bytes(data)
        return folder / "ledger.db"

    with pytest.raises(cipher.dbapi.OperationalError, match="readonly"):
        key = keys.load_key(keys.default_key_id() or "")  # given, not looked for (looking recovers the file)
        with closing(cipher.connect(crashed("ro").as_uri() + "?mode=ro", key, uri=True)) as con:
            con.execute("SELECT count(*) FROM profiles").fetchone()
    assert audit_head(crashed("head"))["last_audit_id"] == max(r[0] for r in committed["audit_log"])
    assert snapshot(create_backup(crashed("backup"), dest_dir=bdir).path) == committed
    target = crashed("restore")
    result = restore_backup(good, target, backup_dir=bdir)
    assert result.ok and result.safety_backup is not None and not result.damaged_copies
    assert snapshot(result.safety_backup.path) == committed
    assert snapshot(target) == snapshot(good.path)
