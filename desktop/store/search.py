"""The search index of the audit log's text: an FTS5 trigram index on SQLite, ``pg_trgm`` on PostgreSQL.

The index is a cache the search may use, never the answer. Every row it offers is checked against the log's own
text with the same ``LIKE`` / ``ILIKE`` test the search always made (so a row the index names wrongly is never
shown), and on SQLite the rows it does not cover yet — the newest, written since it was last brought up to date —
are searched in the log itself. A search through it therefore returns exactly the rows a scan of the log returns,
only sooner.

On SQLite the index is external content (``content='audit_log'``: the text is not stored twice) with
``detail=none``, kept up to date by :func:`catch_up` rather than by a trigger: tokenising every audit row into
trigrams inside the writing transaction would more than double the cost of every audited write (measured:
200,000 words 3.9 s → 9.1 s CPU), where catching up later costs the same once and no write waits for it. The app
catches up when a database is upgraded to schema 2 and in the background whenever the audit-log viewer opens.
The log is append-only, so the index only ever grows at its end; which rows it covers is the largest id it holds.

A text of one or two characters (a Chinese word or character) has no trigram of its own, but every place it stands in
a value, except the value's last two characters, begins a trigram: the index's vocabulary (an ``fts5vocab`` table in
the connection's ``temp`` schema, no change to the file) lists the trigrams that start with it, and the rows holding
any of them are the candidates (:func:`index_match`). The last two characters of every value the app's triggers write
are those of a JSON object (``…"}``, ``…1}``, ``{}``): a text that could stand there (:func:`short_prefix`) is
searched by the scan, and the old backend's own audit rows (before the baseline of an adopted database, whose values
can be any text) are searched in the log itself (:class:`IndexedReads`' ``floor``). A NUL, a letter with case
outside ASCII (FTS5 folds it, ``LIKE`` does not) and a text that starts more than :data:`SHORT_TERMS` trigrams are
searched by the scan alone. What this leaves is in ``docs/security.md``: a row written straight into the log by
another program, with a value that is not a JSON object, is missed by a one- or two-character search when the text
is that value's end.

On PostgreSQL the ``pg_trgm`` GIN indexes serve the same ``ILIKE`` the scan runs (the planner chooses them); a
server without the extension keeps the scan, and :func:`server_index_missing` says so.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Callable
from typing import Any

import peewee

from desktop.store.engine import engine_of
from desktop.store.schema import PG_SEARCH_INDEXES, SEARCH_SQL, SEARCH_TABLE

log = logging.getLogger(__name__)

#: The shortest text a trigram index can find.
MIN_CHARS = 3
#: How long a text search scans the log before it asks the index instead (see :class:`IndexedReads`).
SCAN_FIRST_SECONDS = 0.03
#: Rows read ahead through the index at a time (see :meth:`IndexedReads._through_index`).
INDEX_AHEAD = 1000
#: An id above every audit row's.
_NO_BOUND = 2**62
#: How often (in SQLite virtual machine steps) a :class:`TimeLimit` looks at the clock.
TIME_LIMIT_STEPS = 10_000
#: Audit rows indexed per write transaction while catching up (a fraction of a second each: writers interleave).
CATCH_UP_CHUNK = 20_000

#: The index as a table for peewee: ``rowid`` is the audit row's id, the hidden column named like the table takes
#: the MATCH. Typed Any: peewee makes each column an attribute at run time.
FTS: Any = peewee.Table(SEARCH_TABLE, ("rowid", SEARCH_TABLE))


def trigram_match(text: str) -> str | None:
    """The FTS5 query that every row holding ``text`` matches: each three-character piece of it as a quoted string
    (a quote doubled), all of them required — the user's text is never read as FTS5 syntax. ``None`` when the
    index cannot help (fewer than :data:`MIN_CHARS` characters, or a NUL, where SQLite's strings end)."""
    if len(text) < MIN_CHARS or "\0" in text:
        return None
    pieces = dict.fromkeys(text[i : i + 3] for i in range(len(text) - 2))
    return " ".join(_quoted(piece) for piece in pieces)


#: The most trigrams a two-character text is looked up by (a text starting more is common: the scan finds it soon).
SHORT_TERMS = 500
#: The index's vocabulary, one row per trigram, made per connection (``temp``: nothing is written to the file).
VOCAB_TABLE = f"temp.{SEARCH_TABLE}_vocab"
VOCAB_SQL = f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} USING fts5vocab(main, {SEARCH_TABLE}, row)"


def _quoted(piece: str) -> str:
    return '"' + piece.replace('"', '""') + '"'


#: The characters a JSON object the triggers write (``json_object``: no spaces, no nesting) can hold second to last:
#: the end of its last value (a string's quote, a number's digit, true / false / null) or the ``{`` of ``{}``; with
#: the upper-case letters ``LIKE`` takes for the same. A one-character text standing there begins no trigram.
JSON_SECOND_LAST = frozenset('"0123456789elEL{}]')


def short_prefix(text: str) -> str | None:
    """A one- or two-character ``text`` as the index holds it (ASCII letters lower-cased, as FTS5 folds them), or
    ``None`` when the index cannot find it exactly: longer, empty, a NUL, a letter with case outside ASCII (FTS5
    folds its case, ``LIKE`` does not), or where it could stand at the very end of a value, where no trigram starts
    with it: two characters ending with ``}`` (every JSON object's last), one that a JSON object can hold second to
    last (:data:`JSON_SECOND_LAST`)."""
    if not 0 < len(text) < MIN_CHARS or "\0" in text or text.endswith("}"):
        return None
    if len(text) == 1 and text in JSON_SECOND_LAST:
        return None
    if any(ord(c) > 127 and c.lower() != c.upper() for c in text):
        return None
    return text.lower()


def can_look_up(text: str) -> bool:
    """Whether the SQLite index can find the rows holding ``text`` (see :func:`index_match`)."""
    return trigram_match(text) is not None or short_prefix(text) is not None


def index_match(database: peewee.Database, text: str) -> str | None:
    """The FTS5 query every row holding ``text`` matches (the rows the index speaks for, see the module's notes):
    for three characters or more its trigrams, all required (:func:`trigram_match`); for one or two, any trigram of
    the index that starts with them, looked up in its vocabulary. ``""``: no row holds them. ``None``: the index cannot
    help (the text is searched by the scan): :func:`can_look_up` says no, there are more than
    :data:`SHORT_TERMS` such trigrams, or the vocabulary cannot be read."""
    long = trigram_match(text)
    if long is not None:
        return long
    prefix = short_prefix(text)
    if prefix is None:
        return None
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # no character is a surrogate: the next one is U+E000
        following = 0xE000
    if following > 0x10FFFF:
        return None
    try:
        database.execute_sql(VOCAB_SQL)
        terms = [
            row[0]
            for row in database.execute_sql(
                f"SELECT term FROM {VOCAB_TABLE} WHERE term >= ? AND term < ? LIMIT ?",
                (prefix, prefix[:-1] + chr(following), SHORT_TERMS + 1),
            ).fetchall()
        ]
    except peewee.DatabaseError as exc:
        if "interrupted" in str(exc):
            raise
        log.warning("the search index's vocabulary cannot be read; searching the log itself")
        return None
    if len(terms) > SHORT_TERMS:
        return None
    return " OR ".join(_quoted(term) for term in terms)


def _is_sqlite(database: peewee.Database) -> bool:
    return engine_of(database).name == "sqlite"


def has_index(database: peewee.Database) -> bool:
    """Whether the SQLite file has the search index (schema 2, not dropped)."""
    row = database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
    ).fetchone()
    return row is not None


def covered(database: peewee.Database) -> int:
    """The audit rows up to this id are in the SQLite index (0: none, or no index)."""
    if not has_index(database):
        return 0
    try:
        row = database.execute_sql(f"SELECT max(id) FROM {SEARCH_TABLE}_docsize").fetchone()
    except peewee.DatabaseError:  # its tables were dropped or damaged: the search scans
        return 0
    return int(row[0] or 0)


def create_index(database: peewee.Database) -> None:
    """The (empty) index in a SQLite file; :func:`catch_up` fills it. A SQLite built without FTS5's trigram
    tokenizer (before 3.34) gets none: the search then scans."""
    try:
        with database.atomic():
            database.execute_sql(SEARCH_SQL)
    except peewee.OperationalError as exc:
        log.warning("no search index: this SQLite cannot make one (%s)", exc)


def catch_up(
    database: peewee.Database,
    progress: Callable[[int, int], object] | None = None,
    cancel: Callable[[], bool] | None = None,
    chunk: int = CATCH_UP_CHUNK,
) -> int:
    """Index the audit rows the SQLite index does not cover yet, oldest first, ``chunk`` rows per write
    transaction (so a writer waits a fraction of a second at most); returns how many. Each transaction reads the
    covered id again under the write lock, so two processes catching up at once never index a row twice. Stops
    early when ``cancel()`` says so (what is indexed stays). Nothing to do on PostgreSQL or without the index."""
    if not _is_sqlite(database) or not has_index(database):
        return 0
    done = 0
    top = int(database.execute_sql("SELECT max(id) FROM audit_log").fetchone()[0] or 0)
    while not (cancel and cancel()):
        with database.atomic(lock_type="IMMEDIATE"):
            start = covered(database)
            cursor = database.execute_sql(
                f"INSERT INTO {SEARCH_TABLE} (rowid, old_value, new_value) "
                "SELECT id, old_value, new_value FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                (start, chunk),
            )
            added = cursor.rowcount
        done += max(added, 0)
        if progress:
            progress(min(start + max(added, 0), top), top)
        if added < chunk:
            break
    if done:
        log.info("search index: %d audit rows indexed", done)
    return done


def index_problems(database: peewee.Database, counts: bool = True) -> list[str]:
    """What ``verify`` says about the SQLite index: a definition that is not ours, or rows it claims to cover
    that it does not hold (some removed from it, or a made-up row beyond the log). Cheap: two counts. A missing
    index is no problem (the search scans; the app builds it again). What this cannot see — an entry swapped for
    another text — can only make the search miss that row, never show a wrong one or change the log; dropping the
    index (the app makes it again on open) puts it right. ``counts``: also count (two index scans)."""
    if not _is_sqlite(database) or not has_index(database):
        return []
    sql = database.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", (SEARCH_TABLE,)).fetchone()[0]
    if sql != SEARCH_SQL.replace(" IF NOT EXISTS", ""):
        return [f"the search index {SEARCH_TABLE} was changed (its definition is not the one the app makes)"]
    if not counts:
        return []
    try:
        upto = covered(database)
        held = database.execute_sql(f"SELECT count(*) FROM {SEARCH_TABLE}_docsize").fetchone()[0]
        rows = database.execute_sql("SELECT count(*) FROM audit_log WHERE id <= ?", (upto,)).fetchone()[0]
    except peewee.DatabaseError as exc:
        return [f"the search index {SEARCH_TABLE} cannot be read ({exc})"]
    if held != rows:
        return [
            f"the search index {SEARCH_TABLE} holds {held} rows where the audit log has {rows} up to id {upto} "
            "(entries were removed or made up; the search could miss rows until it is rebuilt)"
        ]
    return []


class TimeLimit:
    """Interrupts the SQLite queries run inside ``with`` after ``seconds``: they raise ``peewee.OperationalError``
    (``interrupted``) and :attr:`expired` is then true (an interruption from elsewhere — a newer read replacing
    this one — leaves it false). Used to try one way of reading before another."""

    def __init__(self, database: peewee.Database, seconds: float) -> None:
        self.connection = database.connection()
        self.seconds = seconds
        self.expired = False

    def _over(self) -> bool:
        self.expired = self.expired or time.perf_counter() > self.deadline
        return self.expired

    def __enter__(self) -> TimeLimit:
        self.deadline = time.perf_counter() + self.seconds
        self.connection.set_progress_handler(self._over, TIME_LIMIT_STEPS)
        return self

    def __exit__(self, *exc: object) -> None:
        self.connection.set_progress_handler(None, 0)


Rows = list[tuple[Any, ...]]


class IndexedReads:
    """How the audit log's pages are read for a text the SQLite index can look up (the queries are the caller's:
    ``scan(before, n)`` the log itself, ``tail(low, high, n)`` the log between two ids, ``through_index(high, n)``
    the index's candidates below an id, each checked by the same LIKE; all newest first).

    The scan is tried first for :data:`SCAN_FIRST_SECONDS`: when the text is common it finds a page sooner than the
    index's many candidates would. When it has not found the rows by then (a rare text, or one rare among the other
    conditions' rows), the index answers, for this call and the next ones: the rows newer than it covers from the
    log, then the older ones through it. A damaged index (someone edited its tables) falls back to the scan. Either
    way the rows are the same.

    ``floor``: the index speaks only for the rows from this id up; the older ones are read from the log (a
    two-character text in an adopted database, whose first rows are the old backend's, see the module's notes)."""

    def __init__(
        self,
        database: peewee.Database,
        covered: int,
        scan: Callable[[int | None, int], Rows],
        tail: Callable[[int, int, int], Rows],
        through_index: Callable[[int, int], Rows],
        floor: int = 0,
    ) -> None:
        self.database, self.covered, self.floor = database, covered, floor
        self.scan, self.tail, self.through_index = scan, tail, through_index
        self.scan_lost = False
        self.broken = False
        self._ahead: Rows = []
        self._ahead_keys: list[int] = []
        self._ahead_high: int | None = None
        self._ahead_done = False

    def rows(self, before: int | None, limit: int) -> Rows:
        if self.broken:
            return self.scan(before, limit)
        if not self.scan_lost:
            limit_ = TimeLimit(self.database, SCAN_FIRST_SECONDS)
            try:
                with limit_:
                    return self.scan(before, limit)
            except peewee.OperationalError:
                if not limit_.expired:
                    raise
                self.scan_lost = True  # the next pages of this filter go to the index straight away
        try:
            return self._indexed(before, limit)
        except peewee.DatabaseError as exc:
            if "interrupted" in str(exc):
                raise
            log.warning("the search index cannot be read; searching the log itself")
            self.broken = True
            return self.scan(before, limit)

    def _indexed(self, before: int | None, limit: int) -> Rows:
        """The rows newer than the index covers, from the log; then the older ones through the index; then those
        below the floor, from the log."""
        high = before if before is not None else _NO_BOUND
        rows: Rows = []
        if high > self.covered + 1:
            rows = self.tail(self.covered, high, limit)
        if len(rows) < limit:
            rows += self._through_index(min(high, self.covered + 1), limit - len(rows))
        if len(rows) < limit and self.floor > 0:  # every id below the floor (even one of 0 or less: a row too)
            rows += self.tail(-_NO_BOUND, min(high, self.covered + 1, self.floor), limit - len(rows))
        return rows

    def _through_index(self, high: int, n: int) -> Rows:
        """Up to ``n`` matching rows below id ``high`` through the index. A page is read in several calls (a batch
        shown as one item takes many rows), and each query through the index starts by finding its place in the
        index's lists (reading a common trigram's backwards costs milliseconds): so rows are read
        :data:`INDEX_AHEAD` at a time and the next calls are served from them. ``_ahead`` holds every matching
        row from its last one's id up to ``_ahead_high`` (exclusive), newest first; ``_ahead_done``: and no older
        one exists."""
        if high <= self.floor:
            return []
        if self._ahead_high is not None and high <= self._ahead_high:
            start = bisect.bisect_right(self._ahead_keys, -high)  # the first row below high (keys: -id, ascending)
            if len(self._ahead) - start >= n or self._ahead_done:
                return self._ahead[start : start + n]
        fetch = max(n, INDEX_AHEAD, 2 * len(self._ahead))
        found = self.through_index(high, fetch)
        rows = [row for row in found if row[0] >= self.floor]  # newest first: those below the floor come last
        self._ahead, self._ahead_high, self._ahead_done = rows, high, len(rows) < fetch
        self._ahead_keys = [-row[0] for row in rows]
        return rows[:n]


# --------------------------------------------------------------------------------------------------------------
# PostgreSQL


def create_server_indexes(database: peewee.Database) -> bool:
    """``pg_trgm`` and its GIN indexes on a server database, if the server has the extension (and lets us create
    it): whether they are there now. Inside a savepoint, so a refusal leaves the transaction usable."""
    try:
        with database.atomic():
            database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for name, spec in PG_SEARCH_INDEXES.items():
                database.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {spec}")
    except peewee.DatabaseError:
        log.warning("the server has no pg_trgm extension: text search scans the audit log")
        return False
    return True


def server_index_missing(database: peewee.Database) -> list[str]:
    """The ``pg_trgm`` indexes a server database lacks (all of them when the server has no such extension): then
    its text search scans, exactly but slower. Empty on SQLite."""
    if _is_sqlite(database):
        return []
    found = {
        r[0]
        for r in database.execute_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(%s)",
            (list(PG_SEARCH_INDEXES),),
        ).fetchall()
    }
    return [name for name in PG_SEARCH_INDEXES if name not in found]
