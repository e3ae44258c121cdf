"""Several app processes editing the same child's words at once never lose an update: each edit either saves
or gets the conflict message, and the audit log holds exactly the accepted edits. Runs on SQLite and, when a
server is configured, on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from desktop import services
from desktop.models import MasteredWord
from desktop.store import audit, db

PROCESSES = 8
EDITS = 200
WORDS = 40

WORKER = textwrap.dedent(
    """
    import json, random, sys, time
    from desktop import services
    from desktop.store import db
    from desktop.errors import ConflictError
    target, proc, edits, ids = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
    db.open_database(target, create=False)
    rng = random.Random(proc)
    out = []
    for i in range(edits):
        word_id = rng.choice(ids)
        row = services.get_row("mastered_words", word_id)
        time.sleep(rng.random() * 0.002)  # widen the window between read and write: deliberate overlaps
        new = f"p{proc}-e{i}"
        try:
            services.rename_word(word_id, new, row["version"])
            out.append(["ok", word_id, row["version"], new])
        except ConflictError:
            out.append(["conflict", word_id, row["version"], new])
    db.close_database()
    print(json.dumps(out))
    """
)


def test_eight_processes_lose_no_update(engine_target):
    db.open_database(engine_target)
    profile = services.create_profile("Concurrency Child 并发")
    services.bulk_add_words(profile["id"], [f"起始{i}" for i in range(WORDS)], "zh")
    ids = [w.id for w in MasteredWord.select(MasteredWord.id).order_by(MasteredWord.id)]
    before_audit = audit.entries(db.current())[-1].id
    db.close_database()

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, engine_target, str(p), str(EDITS), json.dumps(ids)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in range(PROCESSES)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        results.extend(json.loads(out))

    accepted = [r for r in results if r[0] == "ok"]
    conflicts = [r for r in results if r[0] == "conflict"]
    assert len(results) == PROCESSES * EDITS
    assert conflicts, "the test must provoke overlapping edits"
    assert accepted

    db.open_database(engine_target, create=False)
    database = db.current()
    updates = audit.entries(database, audit.LOG.id > int(before_audit))
    # every accepted edit is in the audit log, once, by the app's user; nothing else happened
    assert sorted(e.new["word"] for e in updates) == sorted(r[3] for r in accepted)
    assert all(e.action == "UPDATE" and e.changed_by == "user" for e in updates)
    # each accepted edit moved its row from the version it read to the next one
    for entry in updates:
        assert entry.new["version"] == entry.old["version"] + 1
    # per row: the versions form one unbroken chain, and the database holds the last accepted edit
    last_by_id: dict[str, dict] = {}
    for entry in updates:
        previous = last_by_id.get(entry.record_id)
        if previous is not None:
            assert entry.old["word"] == previous["word"] and entry.old["version"] == previous["version"]
        last_by_id[entry.record_id] = entry.new
    for word in MasteredWord.select():
        expected = last_by_id.get(str(word.id))
        if expected is not None:
            assert (word.word, word.version) == (expected["word"], expected["version"])
        else:
            assert word.version == 1
    assert audit.verify_chain(database).ok
