"""Kill tests: ``backup`` and ``restore`` subprocesses killed with SIGKILL at random moments (fixed seed).

Afterwards no partial file is listed as a backup, the database is either the old one or the restored one (never a
mix), ``verify`` passes, and start-up tidying (``recover_interrupted``) leaves no leftovers and changes nothing."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from desktop import services
from desktop.backup.check import check_backup, list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import TEMP_PREFIX
from desktop.backup.manifest import VERIFIED
from desktop.backup.recover import recover_interrupted
from desktop.cli import verify as cli_verify
from desktop.store import audit, cipher, db

REPO = Path(__file__).resolve().parents[2]
KILLS = 20
SEED = 20240601

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]


def build(path: Path, messages: int = 13_000) -> None:
    """A ~21 MB database through the real schema, triggers and audit trail."""
    db.open_database(path)
    try:
        pids = [services.create_profile(f"Child {n}", interests=["trains"])["id"] for n in range(5)]
        text = "这是一段用来测试的中文内容，没有真实的人。 An invented sentence for testing. " * 4
        with audit.writing("migration"):
            services.insert_rows(
                "chat_messages",
                ("profile_id", "role", "content", "timestamp"),
                (
                    (pids[i % 5], "user" if i % 2 else "assistant", f"{i} {text}", f"2024-01-01T00:{i % 60:02d}:00Z")
                    for i in range(messages)
                ),
            )
        for pid in pids:
            services.bulk_add_words(pid, [f"word{n}" for n in range(200)], "en")
    finally:
        db.close_database()


def identity(path: Path) -> tuple:
    """What tells the two states apart: row counts of every table and the audit chain head.

    Opened read-write, as the app opens it: a hot rollback journal a kill left beside the file (e.g. in the middle
    of switching journal modes) is SQLite's own crash recovery and is rolled back on open."""
    with closing(cipher.connect(path)) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'meta' "
                "ORDER BY name"
            )
        ]  # meta: a restore gives the file a new identity (a new line of history)
        counts = tuple((t, con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables)
        head = con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        seal = con.execute("SELECT hash FROM audit_seal ORDER BY id DESC LIMIT 1").fetchone()[0]
        words = con.execute("SELECT group_concat(word, ',') FROM (SELECT word FROM mastered_words ORDER BY id)")
        digest = hashlib.sha256((words.fetchone()[0] or "").encode()).hexdigest()
    return counts, head, seal, digest


def verify_passes(path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_verify.run_verify(argparse.Namespace(db=str(path)))
    assert code == 0, out.getvalue()


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def timed_run(*args: str) -> float:
    started = time.monotonic()
    proc = spawn(*args)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - started


def startup_time(tmp_path: Path) -> float:
    """How long the interpreter takes to reach a command (kills before that only test start-up)."""
    empty = tmp_path / "empty-backups"
    empty.mkdir(exist_ok=True)
    return min(timed_run("backups", "--dest", str(empty)) for _ in range(2))


class Killer:
    """Kills at random moments between the interpreter's start-up and the end of the command. The expected
    duration follows the runs that finished (the machine's load changes while the test runs)."""

    def __init__(self, rng: random.Random, start: float, full: float) -> None:
        self.rng, self.start, self.full = rng, start, full
        self.interrupted = 0

    def run(self, *args: str) -> bool:
        """Run the command and SIGKILL it at a random moment; True if it was still running then."""
        # up to a quarter past the expected end, so that some runs complete: a restore checks the whole backup before
        # its one commit point, so only the last few percent of a run lie after it
        delay = self.rng.uniform(self.start * 0.8, self.full * 1.25)
        started = time.monotonic()
        proc = spawn(*args)
        while proc.poll() is None and time.monotonic() - started < delay:
            time.sleep(0.002)
        finished = proc.poll() is not None
        if finished:
            self.full = (self.full + (time.monotonic() - started)) / 2
        else:
            proc.send_signal(signal.SIGKILL)
            self.interrupted += 1
        _, err = proc.communicate(timeout=60)
        if finished:
            assert proc.returncode == 0, err.decode()
        return not finished


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kill-template") / "ledger.db"
    build(path)
    return path


def test_backup_killed_at_random_moments(template, tmp_path):
    path = tmp_path / "ledger.db"
    shutil.copyfile(template, path)
    dest = tmp_path / "backups"
    dest.mkdir()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    full = timed_run("backup", "--db", str(path), "--dest", str(dest))
    start = startup_time(tmp_path)
    killer = Killer(random.Random(SEED), start, full)
    known: set[str] = set()
    for _ in range(KILLS):
        killer.run("backup", "--db", str(path), "--dest", str(dest))
        infos = list_backups(dest, verify=False)
        for info in infos:  # every file with a backup's name is complete and matches its manifest
            if info.name not in known:
                checked = check_backup(info, integrity=True)
                assert checked.status == VERIFIED, (info.name, checked.detail)
                known.add(info.name)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # a backup never changes the database
    assert killer.interrupted >= KILLS // 4, f"only {killer.interrupted} of {KILLS} kills hit a running backup"
    # the next run removes what the killed ones left; every listed backup verifies
    last = create_backup(path, dest_dir=dest)
    assert temp_files(dest) == []
    assert all(i.status == VERIFIED for i in list_backups(dest))
    assert last.counts == list_backups(dest, verify=False)[-1].counts
    verify_passes(path)


def test_restore_killed_at_random_moments(template, tmp_path):
    path = tmp_path / "ledger.db"
    shutil.copyfile(template, path)
    states = tmp_path / "states"
    states.mkdir()
    safety = tmp_path / "safety"
    safety.mkdir()

    a = create_backup(path, dest_dir=states)
    db.open_database(path)
    try:
        pid = services.create_profile("Later Child")["id"]
        services.bulk_add_words(pid, [f"later{n}" for n in range(300)], "zh")
        services.update_profile("child-0", None, school="Invented School")
        services.delete_rows("chat_messages", list(range(1, 400)))
    finally:
        db.close_database()
    b = create_backup(path, dest_dir=states)
    ident = {identity(a.path): a, identity(b.path): b}
    assert len(ident) == 2
    full = timed_run("restore", str(a.path), "--db", str(path), "--dest", str(safety), "--yes")
    assert identity(path) == identity(a.path)
    start = startup_time(tmp_path)

    killer = Killer(random.Random(SEED + 1), start, full)
    switched = 0
    for _ in range(KILLS):
        current = ident[identity(path)]
        other = b if current is a else a
        killer.run("restore", str(other.path), "--db", str(path), "--dest", str(safety), "--yes")
        # whatever the moment: the old database or the restored one, complete, before any tidying
        now = identity(path)
        assert now in ident, "the database is neither the old nor the restored one"
        switched += ident[now] is other
        recover_interrupted(path)  # what the app does at start-up
        assert identity(path) == now
        assert not [p.name for p in tmp_path.iterdir() if ".restore" in p.name or p.name.endswith(".orphaned")]
        verify_passes(path)
        assert identity(path) == now
        for info in list_backups(safety):  # before-restore backups: complete or absent
            assert info.status == VERIFIED, (info.name, info.detail)
            info.path.unlink()
            info.manifest_path.unlink()
        assert temp_files(states) == []
    assert killer.interrupted >= KILLS // 4, f"only {killer.interrupted} of {KILLS} kills hit a running restore"
    assert 0 < switched, "no restore ever completed"
