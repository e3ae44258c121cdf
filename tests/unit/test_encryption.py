"""Encryption at rest (issue 17), attacked the way the world would: a copied file or backup is read byte by byte for
a child's words; a conversion is killed at every step; a backup is restored on a "new laptop" (an empty data folder)
with a right, a wrong and a mistyped recovery key; the key file's modes are looked at.

Every string below is invented and distinctive, so finding one in a file's bytes means it was stored in plain."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from desktop import health, keys, services
from desktop.backup.check import check_backup, list_backups
from desktop.backup.create import create_backup
from desktop.backup.encrypt import PLAIN_ASIDE, STEPS, encrypt_database, table_digests
from desktop.backup.files import beside_database
from desktop.backup.recover import recover_interrupted
from desktop.backup.restore import restore_backup
from desktop.errors import KeyNeeded, LedgerError, WrongKey
from desktop.keys import Passphrase
from desktop.store import cipher, db

REPO = Path(__file__).resolve().parents[2]

CHILD = "Zephyrine Quillfeather 晴川测试童"
WORDS_EN = ["xylophraxine", "quombleberry", "snorkelvane"]
WORDS_ZH = ["翡翠螺旋梯", "琥珀星河灯"]
NOTE = "invented note: allergic to glimmerwort, likes the 蓝鲸潜水艇 book"
SECRETS = [CHILD, *WORDS_EN, *WORDS_ZH, "glimmerwort", "蓝鲸潜水艇"]


def fill() -> str:
    """The sample child: a name, words in two languages, a chat message and an address (all audited)."""
    pid = services.create_profile(CHILD, address="12 Invented Lane, Nowhere", dob="2017-05-06")["id"]
    services.bulk_add_words(pid, WORDS_EN, "en")
    services.bulk_add_words(pid, WORDS_ZH, "zh")
    services.add_chat_message(pid, "user", NOTE)
    return pid


def plain_hits(path: Path) -> list[str]:
    """Which sample strings (UTF-8 and UTF-16, as SQLite may store either) appear in the file's bytes."""
    data = path.read_bytes()
    return [s for s in SECRETS if s.encode("utf-8") in data or s.encode("utf-16-le") in data]


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=env or dict(os.environ),
    )


def contents(path: Path) -> dict[str, tuple[int, str]]:
    with closing(cipher.connect(path)) as con:
        return table_digests(con)


# --------------------------------------------------------------------------------------------------------------
# Nothing readable in the bytes


def test_a_new_database_and_every_backup_hold_none_of_the_childs_words(ledger, db_path, tmp_path, ledger_home):
    fill()
    assert cipher.is_encrypted(db_path)
    made = [create_backup(reason="manual"), create_backup(dest_dir=tmp_path, reason="auto")]
    services.add_word(services.list_profiles()[0]["id"], "lastwordzzqx", "en")  # in the -wal now
    db.close_database()
    every = files_under(tmp_path)  # the database, its -wal, both backup folders, the data folder
    assert {db_path, *(i.path for i in made)} <= set(every) and len(every) >= 8
    for path in every:
        assert plain_hits(path) == [], path
    # what is kept is readable with the key: the test would pass on empty files otherwise
    words = {w[0] for w in cipher.connect(made[0].path).execute("SELECT word FROM mastered_words")}
    assert set(WORDS_EN + WORDS_ZH) <= words
    for info in made:
        manifest = info.manifest_path.read_text(encoding="utf-8")
        assert info.key_id == keys.default_key_id() and info.key_id in manifest
        assert plain_hits(info.manifest_path) == [] and keys.load_key(info.key_id).hex() not in manifest  # type: ignore[union-attr]
        assert check_backup(info, integrity=True).ok


def test_the_migration_archive_holds_no_plain_text(ledger, sample_legacy):
    from desktop.legacy.archive import open_archive
    from desktop.legacy.importer import migrate

    result = migrate(sample_legacy, assign_to="Test Child 2 (测试孩子2）")
    assert result.archive is not None and result.archive.name.endswith(".zip.enc")
    data = result.archive.read_bytes()
    originals = [p.read_bytes() for p in (sample_legacy / "data").rglob("*") if p.is_file()]
    assert b"PK\x03\x04" not in data and b"manifest.json" not in data and b"profiles" not in data
    for original in originals:  # no 32-byte run of any old file, in plain
        assert not any(original[i : i + 32] in data for i in range(0, max(1, len(original) - 32), 97))
    with open_archive(result.archive) as zf:  # and it decrypts to the files, whole
        stored = [zf.read(n) for n in zf.namelist() if n.startswith("files/")]
    assert sorted(stored) == sorted(originals)


# --------------------------------------------------------------------------------------------------------------
# Converting a plain database


@pytest.fixture
def plain_db(db_path, monkeypatch) -> Path:
    """A plain database of the sample child (as an earlier version made it), closed."""
    (db_path.parent / "b").mkdir()  # the backup folder the conversions use
    monkeypatch.setattr(cipher, "ENCRYPT_NEW_DATABASES", False)
    db.open_database(db_path)
    fill()
    db.close_database()
    monkeypatch.setattr(cipher, "ENCRYPT_NEW_DATABASES", True)
    assert not cipher.is_encrypted(db_path) and plain_hits(db_path)
    return db_path


def test_a_plain_database_is_converted_verified_with_the_same_content(plain_db, tmp_path):
    before = contents(plain_db)
    done = encrypt_database(plain_db, backup_dir=tmp_path / "b")
    assert cipher.is_encrypted(plain_db) and plain_hits(plain_db) == []
    assert keys.parse_recovery(done.recovery) == keys.load_key(done.key_id)
    after = contents(plain_db)
    assert {t: v for t, v in after.items() if t != "audit_batch"} == {
        t: v for t, v in before.items() if t != "audit_batch"
    }
    assert after["audit_batch"][0] == before["audit_batch"][0] + 1  # the encryption, noted
    database = db.open_database(plain_db)
    report = health.check(database)
    assert report.healthy, report.problems
    rows = database.execute_sql("SELECT kind, actor, note FROM audit_batch WHERE kind = 'encrypt'").fetchall()
    assert len(rows) == 1 and rows[0][1] == "system" and done.key_id in rows[0][2]
    assert {r[0] for r in database.execute_sql("SELECT word FROM mastered_words")} == set(WORDS_EN + WORDS_ZH)
    db.close_database()
    backup = check_backup(done.backup, integrity=True)
    assert backup.ok and backup.reason == "before-encryption" and plain_hits(done.backup) == []
    assert [p.name for p in plain_db.parent.iterdir() if p.name.startswith(".")] == [f".{plain_db.name}.lock"]
    with pytest.raises(LedgerError, match="already encrypted"):
        encrypt_database(plain_db, backup_dir=tmp_path / "b")


def test_converting_the_open_database_reopens_it_encrypted(plain_db, tmp_path):
    db.open_database(plain_db)
    encrypt_database(backup_dir=tmp_path / "b")
    assert db.database_path() == plain_db and cipher.is_encrypted(plain_db)
    assert services.add_word(services.list_profiles()[0]["id"], "afterwardword", "en")["word"] == "afterwardword"


def test_a_database_another_program_holds_open_is_not_converted(plain_db, tmp_path):
    before = plain_db.read_bytes()
    with closing(cipher.connect(plain_db, None)) as other:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM profiles").fetchone()
        with pytest.raises(LedgerError, match="open in another window or program"):
            encrypt_database(plain_db, backup_dir=tmp_path / "b")
    assert plain_db.read_bytes() == before and not cipher.is_encrypted(plain_db)


KILL_SCRIPT = """
import os, signal, sys
from desktop.backup.encrypt import encrypt_database
step = sys.argv[2]
def progress(done, total, text):
    if text == step:
        os.kill(os.getpid(), signal.SIGKILL)
encrypt_database(sys.argv[1], progress=progress, backup_dir=sys.argv[3])
"""


@pytest.mark.parametrize("step", [*STEPS, "copying the database", "checking the copy"])
def test_a_conversion_killed_at_any_step_leaves_the_old_or_the_new_database(plain_db, tmp_path, step):
    before = contents(plain_db)
    done = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(plain_db), step, str(tmp_path / "b")], cwd=REPO, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, f"the run never reached {step!r}"
    if cipher.is_encrypted(plain_db):
        assert step in STEPS[STEPS.index("removing the plain file") :]
        after = contents(plain_db)
        assert {t: v for t, v in after.items() if t != "audit_batch"} == {
            t: v for t, v in before.items() if t != "audit_batch"
        }
    else:  # the same plain database (its journal mode may have been switched from WAL, as a restore does)
        assert contents(plain_db) == before and plain_hits(plain_db)
    recover_interrupted(plain_db)  # what the app does at start-up
    assert not beside_database(plain_db, PLAIN_ASIDE).exists()
    if cipher.is_encrypted(plain_db):  # the plain file's second name was overwritten, not just unlinked
        for path in files_under(plain_db.parent):
            assert plain_hits(path) == [], path
    else:
        encrypt_database(plain_db, backup_dir=tmp_path / "b")  # simply run again
    assert health.check(db.open_database(plain_db)).healthy
    assert {r[0] for r in db.current().execute_sql("SELECT word FROM mastered_words")} == set(WORDS_EN + WORDS_ZH)


# --------------------------------------------------------------------------------------------------------------
# Keys: wrong, missing, recovered


@pytest.fixture
def backup_elsewhere(ledger, tmp_path, monkeypatch) -> tuple:
    """A backup made on "the old laptop", and a "new laptop": an empty data folder, no key stored."""
    fill()
    (tmp_path / "usb").mkdir()
    info = create_backup(dest_dir=tmp_path / "usb")
    key = keys.load_key(info.key_id)
    db.close_database()
    cipher.forget_all()
    new_home = tmp_path / "new-laptop"
    monkeypatch.setenv("MASTERY_LEDGER_HOME", str(new_home))
    target = new_home / "ledger.db"
    db.open_database(target)  # the new laptop's own (empty) database, with a key of its own
    services.create_profile("Another Invented Child")
    db.close_database()
    return info, key, target


def state_of(target: Path) -> tuple:
    folder = target.parent
    kept = sorted(p.name for p in folder.rglob("*") if not {"keys", "logs"} & set(p.parts))
    return target.read_bytes(), kept, keys.known_key_ids()


def test_a_backup_from_elsewhere_needs_its_recovery_key_and_nothing_changes_without_it(backup_elsewhere):
    info, key, target = backup_elsewhere
    assert keys.load_key(info.key_id) is None
    listed = {i.name: i for i in list_backups(info.path.parent, integrity=True)}
    assert listed[info.name].status == "locked" and "not stored on this computer" in listed[info.name].detail
    before = state_of(target)
    with pytest.raises(KeyNeeded, match="recovery key"):
        restore_backup(info.path, target)
    wrong = keys.new_key()
    with pytest.raises(WrongKey, match="does not open"):
        restore_backup(info.path, target, secret=wrong)
    typo = keys.recovery_text(key).replace("-", "", 3)
    typo = typo[:-1] + ("A" if typo[-1] != "A" else "B")
    with pytest.raises(WrongKey, match="typing mistake"):
        restore_backup(info.path, target, secret=keys.parse_recovery(typo))
    assert state_of(target) == before  # nothing changed: not the file, no backup, no key stored
    result = restore_backup(info.path, target, secret=keys.parse_recovery(keys.recovery_text(key).lower()))
    assert result.ok and keys.load_key(info.key_id) == key  # stored on this computer now
    db.close_database()
    cipher.forget_all()  # a later start: opened with the stored key
    db.open_database(target)
    assert {r["name"] for r in services.list_profiles()} == {CHILD}


def test_on_the_command_line_a_wrong_key_is_one_sentence_and_the_right_one_restores(backup_elsewhere, tmp_path):
    info, key, target = backup_elsewhere
    before = state_of(target)
    base = ["restore", str(info.path), "--db", str(target), "--yes"]
    missing = run_cli(*base)
    wrong = run_cli(*base, "--recovery-key", keys.recovery_text(keys.new_key()))
    junk = run_cli(*base, "--recovery-key", "not a key at all")
    for done in (missing, wrong, junk):
        assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "hmac" not in done.stderr.lower()  # SQLCipher's own log stays quiet
    assert (
        "--recovery-key" in missing.stderr and "does not open" in wrong.stderr and "not a recovery key" in junk.stderr
    )
    assert state_of(target) == before
    key_file = tmp_path / "kept.txt"
    key_file.write_text(f"\n  {keys.recovery_text(key)}  \n", encoding="utf-8")
    done = run_cli(*base, "--recovery-key-file", str(key_file))
    assert done.returncode == 0, done.stderr
    verified = run_cli("verify", "--db", str(target))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_database_whose_key_is_missing_is_a_sentence_not_a_damage(ledger, db_path, tmp_path):
    fill()
    kid = keys.default_key_id()
    key = keys.load_key(kid)
    db.close_database()
    cipher.forget_all()
    keys.forget_key(kid)  # the keychain entry lost
    before = db_path.read_bytes()
    assert cipher.needs_secret(db_path)
    with pytest.raises(KeyNeeded, match="no key stored on this computer opens it"):
        db.open_database(db_path)
    done = run_cli("verify", "--db", str(db_path))
    assert done.returncode == 1 and "--recovery-key" in done.stderr and "Traceback" not in done.stderr
    assert db_path.read_bytes() == before
    done = run_cli("verify", "--db", str(db_path), "--recovery-key", keys.recovery_text(key))
    assert done.returncode == 0, done.stdout + done.stderr
    assert keys.load_key(kid) == key


def test_check_secret_refuses_a_wrong_key_and_changes_nothing(ledger, db_path):
    fill()
    db.close_database()
    before = db_path.read_bytes(), sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(WrongKey):
        cipher.check_secret(db_path, keys.new_key())
    with pytest.raises(WrongKey, match="passphrase"):
        cipher.check_secret(db_path, Passphrase("not it"))
    cipher.check_secret(db_path, keys.default_key())
    assert (db_path.read_bytes(), sorted(p.name for p in db_path.parent.iterdir())) == before


def test_passphrase_mode_opens_only_with_the_passphrase(plain_db, tmp_path):
    done = encrypt_database(plain_db, secret=Passphrase("correct horse 电池 staple"), backup_dir=tmp_path / "b")
    assert done.recovery == "" and done.key_id.startswith("p-") and plain_hits(plain_db) == []
    cipher.forget_all()
    assert cipher.needs_secret(plain_db) and plain_hits(done.backup) == []
    with pytest.raises(KeyNeeded):
        db.open_database(plain_db)
    with pytest.raises(WrongKey):
        cipher.check_secret(plain_db, Passphrase("correct horse battery staple"))
    cipher.check_secret(plain_db, Passphrase("correct horse 电池 staple"))
    cipher.remember_secret(plain_db, Passphrase("correct horse 电池 staple"))
    assert health.check(db.open_database(plain_db)).healthy
    assert all(not k.startswith("p-") for k in keys.known_key_ids())  # a passphrase is never stored


# --------------------------------------------------------------------------------------------------------------
# Where the key lives


def test_a_key_that_cannot_be_stored_is_a_sentence_and_no_key_is_left_half_kept(ledger, ledger_home, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    before = sorted(p.name for p in (ledger_home / "keys").iterdir())
    monkeypatch.setattr(keys.paths, "replacing", full_disk)
    new_key = keys.new_key()
    with pytest.raises(LedgerError) as caught:
        keys.store_key(new_key)
    assert caught.value.code == "key_not_stored" and "No space left" in str(caught.value)
    assert sorted(p.name for p in (ledger_home / "keys").iterdir()) == before
    assert keys.key_id(new_key) not in keys.known_key_ids()


def test_without_a_keychain_the_key_is_an_owner_only_file(ledger, ledger_home):
    assert keys.key_storage() == "file"
    kid = keys.default_key_id()
    folder = ledger_home / "keys"
    key_file = folder / f"{kid}.key"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "index.json").stat().st_mode) == 0o600
    key = keys.load_key(kid)
    assert key is not None and bytes.fromhex(key_file.read_text()) == key
    assert key.hex() not in (folder / "index.json").read_text()  # the list of keys holds ids only


class FakeKeychain:
    """An OS keychain as keyring sees one (a dict)."""

    priority = 5

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, name: str, value: str) -> None:
        self.items[(service, name)] = value

    def get_password(self, service: str, name: str) -> str | None:
        return self.items.get((service, name))

    def delete_password(self, service: str, name: str) -> None:
        self.items.pop((service, name), None)


def test_with_a_keychain_the_key_is_kept_there_and_no_file_holds_it(monkeypatch, ledger_home):
    chain = FakeKeychain()
    monkeypatch.setattr(keys, "_keyring", lambda: chain)
    assert keys.key_storage() == "keychain"
    key = keys.new_key()
    assert keys.store_key(key) == "keychain"
    kid = keys.key_id(key)
    assert chain.items[(keys.SERVICE, kid)] == key.hex()
    assert not (ledger_home / "keys" / f"{kid}.key").exists()
    assert keys.load_key(kid) == key
    keys.forget_key(kid)
    assert keys.load_key(kid) is None and chain.items == {}


def test_a_keychain_that_refuses_falls_back_to_the_file(monkeypatch, ledger_home):
    class Refusing(FakeKeychain):
        def set_password(self, service: str, name: str, value: str) -> None:
            raise RuntimeError("locked")

    monkeypatch.setattr(keys, "_keyring", Refusing)
    key = keys.new_key()
    assert keys.store_key(key) == "file" and keys.load_key(keys.key_id(key)) == key


def test_recovery_text_round_trips_and_catches_typos():
    key = keys.new_key()
    text = keys.recovery_text(key)
    assert text.startswith("MLK1-") and len(text.split("-")) == 15
    assert keys.parse_recovery(text) == key
    assert keys.parse_recovery(" " + text.lower().replace("-", " ") + "\n") == key
    assert keys.parse_recovery(text.replace("O", "0").replace("I", "1")) == key  # misread look-alikes
    body = text.replace("-", "")
    for n in range(len("MLK1"), len(body)):  # every single-letter typo is caught
        swapped = body[:n] + ("A" if body[n] != "A" else "B") + body[n + 1 :]
        with pytest.raises(WrongKey):
            keys.parse_recovery(swapped)
    with pytest.raises(WrongKey, match="not a recovery key"):
        keys.parse_recovery("MLK1-ABCD")
    assert keys.key_id(key) != keys.key_id(keys.new_key()) and key.hex() not in keys.key_id(key)


def test_export_json_warns_that_it_writes_plain_text(ledger, db_path, tmp_path):
    fill()
    db.close_database()
    done = run_cli("export-json", str(tmp_path / "out"), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert "plain text, not encrypted" in done.stderr


def test_the_key_command_says_where_the_key_is(ledger, db_path):
    db.close_database()
    done = run_cli("key", "--db", str(db_path), "--show-recovery")
    assert done.returncode == 0 and "owner-only key file" in done.stdout
    assert keys.recovery_text(keys.default_key()) in done.stdout


def test_copies_of_the_live_database_in_memory_work_on_encrypted_files(ledger, db_path):
    fill()
    db.close_database()
    database = db.open_read_only(db_path)
    assert {r[0] for r in database.execute_sql("SELECT word FROM mastered_words")} == set(WORDS_EN + WORDS_ZH)
    memory = cipher.database(":memory:", None)
    cipher.copy_database(database, memory)
    assert memory.execute_sql("SELECT count(*) FROM mastered_words").fetchone()[0] == len(WORDS_EN + WORDS_ZH)
    assert memory.execute_sql("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION


def test_a_plain_backup_restored_over_an_encrypted_database_is_encrypted(plain_db, tmp_path):
    (tmp_path / "old").mkdir()
    old = create_backup(plain_db, dest_dir=tmp_path / "old")  # made by an earlier version: plain
    assert old.key_id is None and plain_hits(old.path)
    encrypt_database(plain_db, backup_dir=tmp_path / "b")
    db.open_database(plain_db)
    services.add_word(services.list_profiles()[0]["id"], "laterwordqq", "en")
    result = restore_backup(old, plain_db, backup_dir=tmp_path / "b")
    assert result.ok and cipher.is_encrypted(plain_db)
    for path in files_under(plain_db.parent):
        if path.parent != tmp_path / "old":  # the old plain backup is the user's to delete
            assert plain_hits(path) == [], path
    with closing(cipher.connect(plain_db)) as con:
        words = {r[0] for r in con.execute("SELECT word FROM mastered_words")}
    assert words == set(WORDS_EN + WORDS_ZH)
    assert health.check(db.open_database(plain_db)).healthy
