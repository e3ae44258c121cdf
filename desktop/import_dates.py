"""Which dates are real: the old app's files say when a card was approved or a message sent, but not when a word or
a grammar point was mastered, so a migration stores those with the moment it ran. Each migration's batch note
carries that exact stamp (``imported_at``); a word or grammar point whose ``added_at`` equals one of them was
"imported on" that day, not mastered then. Qt-free, read-only, a few small queries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.store import db
from desktop.store import tables as queries

#: Tables whose ``added_at`` a migration fills with its own stamp.
STAMPED_TABLES = ("mastered_words", "mastered_grammar")


def _database():
    return db.current()


def migration_stamps() -> frozenset[str]:
    """The ``added_at`` stamps the migrations in the open database gave the rows they imported."""
    database = _database()
    p = database.param
    stamps = set()
    for batch_id, note in database.execute_sql("SELECT batch_id, note FROM audit_batch WHERE kind = 'migration'"):
        try:
            stamp = (json.loads(note or "{}") or {}).get("imported_at")
        except (TypeError, ValueError):
            stamp = None
        if not stamp:  # a migration made before notes carried the stamp: read it from one of its rows
            row = database.execute_sql(
                f"SELECT new_value FROM audit_log WHERE batch_id = {p} AND action = 'INSERT' AND table_name IN "
                f"({p}, {p}) LIMIT 1",
                (batch_id, *STAMPED_TABLES),
            ).fetchone()
            try:
                stamp = (json.loads(row[0]) or {}).get("added_at") if row and row[0] else None
            except (TypeError, ValueError):
                stamp = None
        if isinstance(stamp, str) and stamp:
            stamps.add(stamp)
    return frozenset(stamps)


@dataclass(frozen=True)
class ImportStep:
    """Words of one child that a migration brought over (dated ``stamp``, counted in ``month``)."""

    stamp: str
    month: str
    zh: int
    en: int

    @property
    def total(self) -> int:
        return self.zh + self.en


@dataclass(frozen=True)
class WordsSeries:
    """The "words mastered over time" chart's data: cumulative counts per month, and the imports among them."""

    points: list[queries.WordsPoint]
    imports: list[ImportStep]


def words_over_time(profile_id: str) -> WordsSeries:
    """:func:`desktop.store.tables.words_over_time` plus the migrations' steps. When the first month holds an import,
    a month before it at zero is added, so the import shows as a step up rather than the line's start."""
    points = queries.words_over_time(profile_id)
    stamps = sorted(migration_stamps())
    if not stamps or not points:
        return WordsSeries(points, [])
    database = _database()
    p = database.param
    rows = database.execute_sql(
        f"SELECT added_at, language, COUNT(*) FROM mastered_words WHERE profile_id = {p} AND added_at IN "
        f"({', '.join([p] * len(stamps))}) GROUP BY added_at, language",
        (profile_id, *stamps),
    ).fetchall()
    counts: dict[str, dict[str, int]] = {}
    for stamp, language, n in rows:
        counts.setdefault(stamp, {"zh": 0, "en": 0})[language] = int(n)
    steps = [ImportStep(stamp, stamp[:7], c.get("zh", 0), c.get("en", 0)) for stamp, c in sorted(counts.items())]
    if steps and steps[0].month == points[0].month:
        year, month = int(points[0].month[:4]), int(points[0].month[5:7])
        before = f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"
        points = [queries.WordsPoint(before, 0, 0), *points]
    return WordsSeries(points, steps)
