"""Time to transfer a tutor-sized ledger (the bench/migrate.py corpus: 50 children × 5,000 Chinese + 3,000 English
words, 100 grammar points each, 2,000 cards, 5,000 chat messages, with its audit log) from SQLite to PostgreSQL,
next to the floor: a plain COPY of the same rows into the same tables without triggers, in the same run.

    python bench/transfer.py --pg postgresql://postgres@127.0.0.1:5432/postgres
(or set MASTERY_LEDGER_TEST_PG; `.ci/postgres.sh` starts a throwaway server and prints such a URL.)
Prints the figures and the ratio (goal ≤ 3); asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop import services, transfer
from desktop.store import audit, cipher, db  # noqa: E402
from desktop.store import postgres as pg


def build_corpus(path: Path, children: int, zh: int, en: int, grammar: int, cards: int, chats: int) -> None:
    db.open_database(path)
    rng = random.Random(7)
    chars = "苹果香蕉西瓜老师朋友学校妈妈爸爸画画唱歌跳舞太阳月亮星星天空大海"
    image = "data:image/png;base64," + "QUJD" * 20_000  # ~80 KB inline image, like the real cards
    with audit.writing("migration"):
        stamp = services.now_iso()
        services.insert_rows(
            "profiles",
            ("id", "name", "created_at", "updated_at"),
            [(f"child-{i}", f"Child {i} 孩子{i}", stamp, stamp) for i in range(children)],
        )
        for i in range(children):
            pid = f"child-{i}"
            services.insert_rows(
                "mastered_words",
                ("profile_id", "word", "language", "added_at"),
                [(pid, f"{rng.choice(chars)}{rng.choice(chars)}{n}", "zh", stamp) for n in range(zh)],
            )
            services.insert_rows(
                "mastered_words",
                ("profile_id", "word", "language", "added_at"),
                [(pid, f"word{n}", "en", stamp) for n in range(en)],
            )
            services.insert_rows(
                "mastered_grammar",
                ("profile_id", "grammar_uri", "added_at"),
                [(pid, f"http://srs4autism.com/instance/gp-a1-{n:03d}", stamp) for n in range(grammar)],
            )
        services.insert_rows(
            "approved_cards",
            ("profile_id", "card_type", "content", "approved_at", "legacy_id", "status"),
            [
                (
                    f"child-{n % children}",
                    "basic",
                    json.dumps(
                        {"id": str(n), "front": "苹果", "back": "apple", "image_data": image if n % 10 == 0 else None}
                    ),
                    stamp,
                    str(n),
                    "approved",
                )
                for n in range(cards)
            ],
        )
        services.insert_rows(
            "chat_messages",
            ("profile_id", "role", "content", "timestamp", "legacy_id", "mentions"),
            [
                (
                    f"child-{n % children}",
                    "user" if n % 2 == 0 else "assistant",
                    f"请做 {n} 张卡片",
                    stamp,
                    f"m{n}",
                    "[]",
                )
                for n in range(chats)
            ],
        )
    db.close_database()


def copy_floor(source_path: Path, url: str) -> float:
    """COPY every row of the same tables into bare tables (no triggers) in one transaction."""

    from desktop.store.schema import EXTRA_SQL, PLAN_TABLES_SQL, split_sql
    from desktop.transfer import COPY_TABLES

    conn_db = pg.make_database(url)
    conn_db.connect()
    for statement in split_sql(pg.translate_ddl(PLAN_TABLES_SQL + EXTRA_SQL)):
        conn_db.execute_sql(statement)
    src = cipher.connect(source_path)  # the app's database: encrypted
    start = time.perf_counter()
    with conn_db.atomic():
        cursor = conn_db.cursor()
        for table, columns in COPY_TABLES.items():
            rows = src.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
            while chunk := rows.fetchmany(20_000):
                buffer = io.StringIO()
                for row in chunk:
                    buffer.write("\t".join(_copy_text(v) for v in row))
                    buffer.write("\n")
                buffer.seek(0)
                cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    elapsed = time.perf_counter() - start
    src.close()
    conn_db.close()
    return elapsed


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def reset(url: str) -> None:
    database = pg.make_database(url)
    database.connect()
    database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    database.execute_sql("CREATE SCHEMA public")
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", default=os.environ.get("MASTERY_LEDGER_TEST_PG"))
    parser.add_argument("--children", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the corpus for a quick run")
    args = parser.parse_args()
    if not args.pg:
        parser.error("give --pg URL or set MASTERY_LEDGER_TEST_PG (.ci/postgres.sh starts a server)")
    s = args.scale
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MASTERY_LEDGER_HOME"] = tmp
        source = Path(tmp) / "tutor.db"
        t0 = time.perf_counter()
        build_corpus(source, args.children, int(5000 * s), int(3000 * s), int(100 * s), int(2000 * s), int(5000 * s))
        print(f"corpus built in {time.perf_counter() - t0:.1f} s: {source.stat().st_size / 1e6:.0f} MB")
        counted = transfer.open_raw(str(source), create=False)
        rows = sum(transfer.count_rows(counted).values())
        counted.close()
        reset(args.pg)
        floor = copy_floor(source, args.pg)
        reset(args.pg)
        t0 = time.perf_counter()
        result = transfer.transfer(str(source), args.pg)
        elapsed = time.perf_counter() - t0
        reset(args.pg)
    print(f"rows copied (data + audit):           {rows:,}")
    print(f"transfer SQLite -> PostgreSQL:        {elapsed:7.2f} s  (copy, checksums of both sides, chain verify)")
    print(f"floor: plain COPY of the same rows:   {floor:7.2f} s")
    print(f"ratio:                                {elapsed / floor:7.2f}  (goal <= 3)")
    print("verified:", result.ok, "|", ", ".join(f"{c.table} {c.target_rows}" for c in result.checks))


if __name__ == "__main__":
    main()
