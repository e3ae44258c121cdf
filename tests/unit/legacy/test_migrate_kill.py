"""Kill test: ``python -m desktop migrate`` of a large generated folder, killed with SIGKILL at 20 moments spread
over the whole run (reading, the source archive, the backup before migration, the write, verification; fixed
seed). After each kill the database holds none of the migration or all of it, ``python -m desktop verify`` passes,
and the source files are unchanged. A killed migration run again completes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop import services
from desktop.store import cipher, db

from .corpus import write_corpus
from .test_importer import REPO, tree_state

KILLS = 20
SEED = 20250301
TABLES = ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages", "audit_batch")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Any]:
    """One large folder for the whole module: the write alone takes a second or two."""
    root = tmp_path_factory.mktemp("kill-corpus")
    info = write_corpus(
        root / "src",
        profiles=3,
        zh_words=8_000,
        en_words=5_000,
        grammar=60,
        cards=400,
        card_image_chars=20_000,
        chats=3_000,
        seed=5,
    )
    info["root"] = root / "src"
    info["adds"] = {
        "profiles": len(info["profiles"]),
        "mastered_words": sum(len(p["zh"]) + len(p["en"]) for p in info["profiles"]),
        "mastered_grammar": sum(len(p["grammar"]) for p in info["profiles"]),
        "approved_cards": len(info["cards"]),
        "chat_messages": len(info["chats"]),
        "audit_batch": 1,
    }
    template = root / "template.db"
    db.open_database(template)
    try:  # the database already holds a child, so "nothing of the migration" is not just "empty"
        pid = services.create_profile("Existing Kid (已有的孩子）")["id"]
        services.bulk_add_words(pid, [f"word{n}" for n in range(300)], "en")
    finally:
        db.close_database()
    info["template"] = template
    return info


def table_counts(path: Path) -> dict[str, int]:
    with closing(cipher.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def spawn(corpus: dict[str, Any], db_file: Path, home: Path) -> subprocess.Popen:
    env = dict(os.environ, MASTERY_LEDGER_HOME=str(home))
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "migrate",
            str(corpus["read_path"]),
            "--assume-tz",
            corpus["assume_tz"],
            "--assign-to",
            corpus["profiles"][0]["name"],
            "--db",
            str(db_file),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def verify_passes(db_file: Path, home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "verify", "--db", str(db_file)],
        cwd=REPO,
        env=dict(os.environ, MASTERY_LEDGER_HOME=str(home)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def fresh(corpus: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    db_file = folder / "ledger.db"
    shutil.copyfile(corpus["template"], db_file)
    # the template's key, as the user's keychain holds it (the template is encrypted like every new database)
    shutil.copytree(Path(os.environ["MASTERY_LEDGER_HOME"]) / "keys", folder / "home" / "keys")
    return db_file, folder / "home"


def phase(home: Path) -> str:
    """How far a killed run got, from what it left in the user-data folder (for the failure message)."""
    archives = home / "migration-archives"
    if not archives.exists() or not any(p.name.endswith((".zip", ".zip.enc")) for p in archives.iterdir()):
        return "reading or archiving"
    backups = home / "backups"
    if not backups.exists() or not any(p.suffix == ".db" for p in backups.iterdir()):
        return "backing up"
    return "writing, verifying or finishing"


def test_migration_killed_at_random_moments(corpus, tmp_path):
    sources = tree_state(corpus["root"])
    before = table_counts(corpus["template"])
    everything = {t: before[t] + corpus["adds"][t] for t in TABLES}

    runs = []
    for n in range(2):  # the quicker of two whole runs (the first may pay for a cold disk cache)
        db_file, home = fresh(corpus, tmp_path / f"full-{n}")
        started = time.monotonic()
        proc = spawn(corpus, db_file, home)
        out, err = proc.communicate(timeout=300)
        runs.append(time.monotonic() - started)
        assert proc.returncode == 0, (out + err).decode()
        assert table_counts(db_file) == everything
    full = min(runs)

    rng = random.Random(SEED)
    moments = [full * (k + rng.random()) / KILLS for k in range(KILLS)]  # one in each twentieth of the run
    outcomes: list[tuple[float, str, str]] = []
    interrupted_db = None
    for n, moment in enumerate(moments):
        db_file, home = fresh(corpus, tmp_path / f"kill-{n}")
        proc = spawn(corpus, db_file, home)
        time.sleep(moment)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=300)
        assert b"Traceback" not in out + err
        verify_passes(db_file, home)
        now = table_counts(db_file)
        assert now in (before, everything), (moment, phase(home), now)
        state = "nothing" if now == before else "everything"
        outcomes.append((round(moment, 2), phase(home) if killed else "finished", state))
        if killed and state == "nothing":
            interrupted_db = (db_file, home)
        assert tree_state(corpus["root"]) == sources, "a source file changed"

    killed = [o for o in outcomes if o[1] != "finished"]
    assert len(killed) >= KILLS // 2, outcomes
    assert {o[1] for o in killed} >= {"reading or archiving", "writing, verifying or finishing"}, outcomes
    # a migration killed half-way is simply run again
    assert interrupted_db is not None, outcomes
    db_file, home = interrupted_db
    proc = spawn(corpus, db_file, home)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, (out + err).decode()
    assert table_counts(db_file) == everything
    verify_passes(db_file, home)
