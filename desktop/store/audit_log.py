"""The audit log read a page at a time (the audit-log viewer's read layer): filters in SQL, keyset on id, batches
as one item, counts, a chunked iterator for export, and the children's names the log mentions. Read-only, Qt-free.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import peewee
from peewee import fn

from desktop.models import AuditLog, Profile
from desktop.store import audit, db, foreground, search, tables
from desktop.store.audit import AuditEntry
from desktop.store.engine import Engine, engine_of
from desktop.store.schema import AUDIT_COLUMNS

log = logging.getLogger(__name__)


def _database() -> peewee.Database:
    return db.current()


# --------------------------------------------------------------------------------------------------------------
# Reading the log a page at a time (the audit-log viewer): filters in SQL, keyset on id, batches as one item.

#: Old / new values longer than this are not read into a page (a chat message may carry megabytes of images); the
#: details pane reads the whole entry.
PAGE_VALUE_CHARS = 20_000


@dataclass(frozen=True)
class LogFilter:
    """Which audit rows to show. ``since`` / ``until`` are UTC instants (``until`` exclusive); ``actor`` is one of
    :data:`desktop.store.audit.ACTORS` or ``external`` (what the triggers write for any other program); ``text`` matches
    old or new values (a substring, case-insensitive for Latin letters)."""

    profile_id: str | None = None
    table: str | None = None
    action: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""
    batch_id: str | None = None
    record_id: str | None = None

    def with_(self, **changes: Any) -> LogFilter:
        return dataclasses.replace(self, **changes)


#: LogFilter fields tested for equality, and the audit_log column each one pins.
_LOG_EQUAL = (
    ("profile_id", AuditLog.profile_id),
    ("table", AuditLog.table_name),
    ("action", AuditLog.action),
    ("batch_id", AuditLog.batch_id),
    ("record_id", AuditLog.record_id),
    ("actor", AuditLog.changed_by),
)
#: What every row of a batch shares: a filter testing only these matches the whole batch or none of it.
_BATCH_CONSTANT = frozenset({AuditLog.changed_by.name, AuditLog.batch_id.name})


@dataclass(frozen=True)
class _LogWhere:
    """A filter's conditions: ``pinned`` (column name → value) the equalities, ``since`` / ``until`` the date range
    (``time_index``: through the ``changed_at`` index), ``text`` the search of the values."""

    pinned: dict[str, str]
    since: str | None = None
    until: str | None = None
    time_index: bool = True
    text: str = ""
    #: whether the text may be searched through an index (PostgreSQL's pg_trgm): not inside a batch's id range,
    #: where the primary key is the way in and a common text's index entries would cost far more
    text_index: bool = True
    #: whether a chosen child's rows are walked through the child's index, the table's index left alone (SQLite
    #: without statistics prefers the table's, which holds every child's rows of that table)
    child_index: bool = False

    @property
    def shape(self) -> tuple[Any, ...]:
        """What the conditions' SQL looks like, the values compared with left out (the text aside)."""
        return (
            tuple(self.pinned),
            self.since is not None,
            self.until is not None,
            self.time_index,
            self.text,
            self.text_index,
            self.child_index,
        )

    @property
    def values(self) -> tuple[str, ...]:
        """The values compared with, in the order :func:`_conditions` takes them."""
        return (*self.pinned.values(), *(v for v in (self.since, self.until) if v is not None))

    @property
    def conditions(self) -> list[peewee.Node]:
        return _conditions(self.shape, self.values)

    @property
    def constant(self) -> bool:
        """Only what a batch shares is tested (who, which batch)."""
        return set(self.pinned) <= _BATCH_CONSTANT and self.since is None and self.until is None and not self.text


def _conditions(shape: tuple[Any, ...], values: Iterable[object]) -> list[peewee.Node]:
    """The conditions of a filter of ``shape`` (see :attr:`_LogWhere.shape`) comparing with ``values``."""
    columns, since, until, time_index, text, text_index, child_index = shape
    given = iter(values)
    conditions: list[peewee.Node] = []
    for column in columns:
        field = getattr(AuditLog, column)
        if child_index and column == AuditLog.table_name.name:
            field = _unindexed(field)
        conditions.append(field == next(given))
    # Unary plus: SQLite leaves the index alone.
    at = AuditLog.changed_at if time_index else peewee.NodeList((peewee.SQL("+"), AuditLog.changed_at), glue="")
    if since:
        conditions.append(at >= next(given))
    if until:
        conditions.append(at < next(given))
    if text:
        values_: tuple[Any, ...] = (AuditLog.old_value, AuditLog.new_value)
        if not text_index:  # ``value || ''``: the same text (NULL stays NULL), which no index serves
            values_ = tuple(v.concat("") for v in values_)
        conditions.append(tables.matches(values_, text))
    return conditions


def _log_where(f: LogFilter, time_index: bool | None = None) -> _LogWhere:
    """The conditions of ``f``. ``time_index`` says whether the date range may use the index on ``changed_at``
    (``None``: decide by where the range lies, see :func:`_use_time_index`; PostgreSQL's planner weighs both ways
    by itself)."""
    pinned = {
        column.name: str(getattr(f, attr))
        for attr, column in _LOG_EQUAL
        if getattr(f, attr) is not None and getattr(f, attr) != ""
    }
    dated = f.since is not None or f.until is not None
    if not dated or not engine_of(_database()).needs_planner_hints:
        time_index = True
    elif time_index is None:
        time_index = _use_time_index(f)
    hints = engine_of(_database()).needs_planner_hints
    return _LogWhere(
        pinned,
        None if f.since is None else audit_time(f.since),
        None if f.until is None else audit_time(f.until),
        bool(time_index),
        f.text.strip(),
        child_index=hints and AuditLog.profile_id.name in pinned and AuditLog.table_name.name in pinned,
    )


def _unindexed(field: Any) -> peewee.Node:
    """``+column``: the same value, which SQLite serves from no index."""
    return peewee.NodeList((peewee.SQL("+"), field), glue="")


def _use_time_index(f: LogFilter) -> bool:
    """Newest first, a date range is read either through the ``changed_at`` index (then sorted by id: costs the
    rows in the range) or by walking the log back from its newest row (costs the rows newer than the range). Ids
    follow time, so two index probes estimate both and the cheaper is taken; either way the result is exact."""
    engine = engine_of(_database())

    def probe(name: str, *values: object) -> Any:
        found = _reused(engine, name, None).rows(*values)
        return found[0][0] if found else None

    top = probe("top") or 0
    hi = top
    if f.until is not None:
        hi = probe("before", audit_time(f.until)) or 0
    lo = 0
    if f.since is not None:
        lo = probe("from", audit_time(f.since))
        lo = top if lo is None else lo
    return max(0, hi - lo) < top - hi


def _log(*columns: Any, pk_only: bool = False) -> peewee.ModelSelect[AuditLog]:
    """A select on audit_log. ``pk_only``: within an id range the primary key is the way in; SQLite is told not to
    wander off into another index."""
    query: peewee.ModelSelect[AuditLog] = AuditLog.select(*columns)
    if pk_only and engine_of(_database()).needs_planner_hints:
        query = query.from_(peewee.NodeList((AuditLog, peewee.SQL("NOT INDEXED"))))
    return query


def _where_all(query: peewee.ModelSelect[AuditLog], conditions: list[peewee.Node]) -> peewee.ModelSelect[AuditLog]:
    return query.where(*conditions) if conditions else query


@dataclass
class LogItem:
    """One line of the viewer: an audit row, or (``count`` > 1) a whole batch shown as one entry, represented by
    its newest row. A batch's ``first_id`` is its oldest matching row; ``same_child`` / ``same_table`` /
    ``same_action`` say whether the newest row's child, table and action hold for all of them."""

    id: int
    changed_at: str
    changed_by: str | None
    profile_id: str | None
    table_name: str
    record_id: str
    action: str
    batch_id: str | None
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    large: bool = False
    count: int = 1
    first_id: int | None = None
    same_child: bool = True
    same_table: bool = True
    same_action: bool = True

    @property
    def is_batch(self) -> bool:
        return self.count > 1

    def entry(self) -> AuditEntry:
        return AuditEntry(
            self.id,
            self.table_name,
            self.record_id,
            self.action,
            self.old,
            self.new,
            self.changed_at,
            self.changed_by,
            self.batch_id,
            self.profile_id,
        )


@dataclass
class LogPage:
    items: list[LogItem]
    before_id: int | None  # where the next page starts (exclusive)
    exhausted: bool


def _page_columns() -> list[peewee.Node]:
    n = PAGE_VALUE_CHARS
    return [
        AuditLog.id,
        AuditLog.changed_at,
        AuditLog.changed_by,
        AuditLog.profile_id,
        AuditLog.table_name,
        AuditLog.record_id,
        AuditLog.action,
        AuditLog.batch_id,
        fn.substr(AuditLog.old_value, 1, n + 1),
        fn.substr(AuditLog.new_value, 1, n + 1),
    ]


def _item(row: tuple[Any, ...]) -> LogItem:
    item = LogItem(*row[:8])
    for attr, raw in (("old", row[8]), ("new", row[9])):
        if raw is None:
            continue
        if len(raw) > PAGE_VALUE_CHARS:
            item.large = True
            continue
        try:
            setattr(item, attr, json.loads(raw))
        except ValueError:
            item.large = True
    return item


def fetch_log_page(f: LogFilter, before_id: int | None = None, limit: int = 200, group: bool = True) -> LogPage:
    """Up to ``limit`` items of the filtered log, newest first, older than ``before_id``.

    With ``group`` the rows of one batch (one transaction: their ids are consecutive) become one item counting the
    batch's rows that match the filter; the batch's rows are read with ``LogFilter(batch_id=…)``. A background
    check of the chain steps aside meanwhile (:mod:`desktop.store.foreground`)."""
    with foreground.read():
        return _fetch_log_page(f, before_id, limit, group)


def _fetch_log_page(f: LogFilter, before_id: int | None, limit: int, group: bool) -> LogPage:
    reads = _PageReads(f)
    items: list[LogItem] = []
    cursor = before_id
    exhausted = False
    while len(items) < limit:
        want = limit - len(items) + 1
        rows = reads.rows(cursor, want)
        if not rows:
            exhausted = True
            break
        i = 0
        while i < len(rows) and len(items) < limit:
            row = rows[i]
            batch = row[7]
            maybe_batch = (
                group and batch is not None and f.batch_id is None and (i + 1 == len(rows) or rows[i + 1][7] == batch)
            )
            group_item = _batch_item(row, reads) if maybe_batch else None
            if group_item is not None:
                items.append(group_item)
                cursor = group_item.first_id
                i += 1
                while i < len(rows) and rows[i][0] >= group_item.first_id:
                    i += 1
            else:
                items.append(_item(row))
                cursor = row[0]
                i += 1
        if len(rows) < want and i >= len(rows):
            exhausted = True
            break
    return LogPage(items, cursor, exhausted)


#: Values a reused query is built with, standing for the values each run gives (ids are never negative; no text
#: value starts with a NUL).
_LOW, _HIGH, _LIMIT = -1, -2, -3
_VALUE = "\0value"
_MATCH = "\0match"
#: The columns a batch item says hold one value for all its rows (``same_child``, ``same_table``, ``same_action``),
#: and what a reused query is built with in place of the newest row's values of them.
_SAME_COLUMNS = (AuditLog.profile_id, AuditLog.table_name, AuditLog.action)
_NEWEST = ("\0child", "\0table", "\0action")


@functools.lru_cache(maxsize=256)
def _reused(engine: Engine, name: str, shape: tuple[Any, ...] | None, column: str = "") -> tables.Reusable:
    """Query ``name`` of :class:`_PageReads` (or of :func:`count_log`, or a probe of :func:`_use_time_index`) for a
    filter of ``shape`` (``None``: it tests no filter), built by peewee once per engine and shape (the SQL is the
    same for every database of an engine). Its parameters: those the method using it puts first, the filter's
    values, then the method's others."""
    slots = tuple(f"\0{n}" for n in range(len(shape[0]) + shape[1] + shape[2])) if shape else ()
    conditions = _conditions(shape, slots) if shape else []
    of = getattr(AuditLog, column) if column else None
    if name in ("rows", "rows before"):
        before = name == "rows before"
        bound = [AuditLog.id < _HIGH] if before else []
        # Ids first, then their rows: a sort (date range through its index) then only handles ids.
        ids = _where_all(_log(AuditLog.id), [*conditions, *bound]).order_by(AuditLog.id.desc()).limit(_LIMIT)
        query = _log(*_page_columns()).where(AuditLog.id.in_(ids)).order_by(AuditLog.id.desc())
        return tables.Reusable(query, *slots, *((_HIGH,) if before else ()), _LIMIT)
    if name in ("tail rows", "indexed rows"):  # a text search through the index (see _PageReads.rows)
        if name == "tail rows":  # the rows the index does not cover yet: the log itself
            bound = [AuditLog.id > _LOW, AuditLog.id < _HIGH]
            ids = _where_all(_log(AuditLog.id), [*conditions, *bound]).order_by(AuditLog.id.desc()).limit(_LIMIT)
            params: tuple[object, ...] = (*slots, _LOW, _HIGH, _LIMIT)
        else:  # the index's candidates, newest first (its own order), each checked by the conditions' LIKE
            fts = search.FTS
            ids = (
                AuditLog.select(AuditLog.id)
                .join(fts, on=(fts.rowid == AuditLog.id))
                .where(peewee.Expression(fts.audit_fts, "MATCH", _MATCH), fts.rowid < _HIGH, *conditions)
                .order_by(fts.rowid.desc())
                .limit(_LIMIT)
            )
            params = (_MATCH, *slots, _HIGH, _LIMIT)
        query = _log(*_page_columns()).where(AuditLog.id.in_(ids)).order_by(AuditLog.id.desc())
        return tables.Reusable(query, *params)
    if name in ("first", "last"):
        order = AuditLog.id if name == "first" else AuditLog.id.desc()
        return tables.Reusable(_log(AuditLog.id).where(AuditLog.batch_id == _VALUE).order_by(order).limit(1), _VALUE)
    if name == "count":  # of count_log
        return tables.Reusable(_where_all(_log(tables.ROW_COUNT), conditions), *slots)
    if name == "top":
        return tables.Reusable(_log(fn.MAX(AuditLog.id)))
    if name in ("before", "from"):  # the newest row before an instant, the oldest from one (the changed_at index)
        at = AuditLog.changed_at
        query = (
            _log(AuditLog.id).where(at < _VALUE).order_by(at.desc())
            if name == "before"
            else _log(AuditLog.id).where(at >= _VALUE).order_by(at)
        )
        return tables.Reusable(query.limit(1), _VALUE)
    if name == "total":
        return tables.Reusable(_log(tables.ROW_COUNT).where(AuditLog.batch_id == _VALUE), _VALUE)
    if name == "matching":
        # Whether any row differs, as one more aggregate of the same pass.
        others = [
            engine.any_true(engine.is_distinct(column, slot))
            for column, slot in zip(_SAME_COLUMNS, _NEWEST, strict=True)
        ]
        return tables.Reusable(
            _log(tables.ROW_COUNT, fn.MIN(AuditLog.id), *others, pk_only=True).where(
                AuditLog.id.between(_LOW, _HIGH), *conditions
            ),
            *_NEWEST,
            *slots,
            _LOW,
            _HIGH,
        )
    if name == "equal":
        return tables.Reusable(
            _log(tables.ROW_COUNT).where(of == _VALUE, AuditLog.id.between(_LOW, _HIGH)), _VALUE, _LOW, _HIGH
        )
    return tables.Reusable(
        _log(AuditLog.id, pk_only=True)
        .where(AuditLog.id.between(_LOW, _HIGH), engine.is_distinct(of, _VALUE), *conditions)
        .limit(1),
        *slots,
        _LOW,
        _HIGH,
        _VALUE,
    )


class _PageReads:
    """The queries reading a page runs again and again (the next rows; each batch's ends, count and comparisons).
    Each is built by peewee once per engine and filter shape (:func:`_reused`) and then run with the values at
    hand: a page full of batches runs dozens of small queries, and building one costs more than running it."""

    def __init__(self, f: LogFilter) -> None:
        self.where = _log_where(f)
        # Inside a batch's id range the id is the selective part: never the changed_at index there.
        self.in_range = _log_where(f, time_index=False)
        if not engine_of(_database()).needs_planner_hints:
            self.in_range = dataclasses.replace(self.in_range, text_index=False)
        self.engine = engine_of(_database())
        self._queries: dict[tuple[str, str], tuple[tables.Reusable, tuple[Any, ...]]] = {}
        # the search index, when it can help: SQLite, a text it can look up (search.can_look_up), the index there
        text = self.where.text
        lookup = self.engine.name == "sqlite" and search.can_look_up(text)
        covered = search.covered(_database()) if lookup else 0
        self.indexed = (
            search.IndexedReads(
                _database(),
                covered,
                scan=self._scan,
                tail=lambda low, high, n: self._run("tail rows", self.where, low, high, n),
                through_index=self._through_index,
                # two characters: the old backend's rows of an adopted file are read from the log (search's notes)
                floor=audit.baseline_from(_database()) if search.trigram_match(text) is None else 0,
            )
            if lookup and covered
            else None
        )

    def _run(
        self, name: str, where: _LogWhere | None, *values: object, column: str = "", lead: tuple[Any, ...] = ()
    ) -> list[tables.Row]:
        """Query ``name`` with the values ``lead``, then those of ``where``, then ``values``."""
        found = self._queries.get((name, column))
        if found is None:
            shape, given = (where.shape, tuple(where.values)) if where else (None, ())
            found = self._queries[name, column] = _reused(self.engine, name, shape, column), given
        query, given = found
        return query.rows(*lead, *given, *values)

    def rows(self, before: int | None, limit: int) -> list[tables.Row]:
        """Up to ``limit`` matching rows older than ``before``, newest first (the columns of :func:`_item`): a scan,
        or for a text the search index can look up, :class:`desktop.store.search.IndexedReads` (the same rows)."""
        if self.indexed is None:
            return self._scan(before, limit)
        return self.indexed.rows(before, limit)

    @functools.cached_property
    def _match(self) -> str | None:
        """The index's query for the text (made at the first read that needs it: a short text's is looked up in the
        index)."""
        return search.index_match(_database(), self.where.text)

    def _through_index(self, high: int, limit: int) -> list[tables.Row]:
        """Up to ``limit`` matching rows below id ``high`` among the index's candidates."""
        if self._match is None:  # too common a text for the index: the log itself
            return self._scan(high, limit)
        if not self._match:  # no row holds it
            return []
        return self._run("indexed rows", self.where, high, limit, lead=(self._match,))

    def _scan(self, before: int | None, limit: int) -> list[tables.Row]:
        if before is None:
            return self._run("rows", self.where, limit)
        return self._run("rows before", self.where, before, limit)

    def batch_ends(self, batch: str) -> tuple[Any, ...]:
        """The first and last id of ``batch`` and its number of rows. The ends are two probes of its index; the
        count a scan of its index entries, never of its rows (asked together with the ends, SQLite would read the id
        out of every entry: four times slower)."""
        first = self._run("first", None, batch)
        if not first:
            return None, None, 0
        ((last,),) = self._run("last", None, batch)
        ((total,),) = self._run("total", None, batch)
        return first[0][0], last, total

    def matching(self, low: int, high: int, newest: tuple[Any, ...]) -> tuple[Any, ...]:
        """How many rows from id ``low`` to ``high`` match, the first of them, and for each of
        :data:`_SAME_COLUMNS` whether one of them holds something else than ``newest`` does: one pass over the
        range."""
        return self._run("matching", self.in_range, low, high, lead=newest)[0]

    def count_equal(self, column: peewee.Field, value: object, low: int, high: int) -> int:
        """How many rows from id ``low`` to ``high`` hold ``value`` in ``column`` (counted in its index)."""
        return int(self._run("equal", None, value, low, high, column=column.name)[0][0])

    def any_other(self, column: peewee.Field, value: object, low: int, high: int) -> bool:
        """Whether a matching row from id ``low`` to ``high`` holds something else than ``value`` in ``column``
        (stops at the first)."""
        return bool(self._run("other", self.in_range, low, high, value, column=column.name))


def _batch_item(row: tuple[Any, ...], reads: _PageReads) -> LogItem | None:
    """The batch of ``row`` (the newest of its matching rows here) as one item, if more than one of its rows match;
    ``None`` shows it row by row.

    A batch is one transaction, so its ids are consecutive (SQLite has one writer; the PostgreSQL trigger takes a
    transaction lock): the batch index gives its id range cheaply and its matching rows are that range of the
    primary key. ``where.constant``: the filter only tests what a batch shares (who, batch), so every row in the
    range matches. A batch whose ids are not consecutive (never written by this app) is shown row by row."""
    newest, batch = row[0], row[7]
    where = reads.in_range
    # The ends, and the count that proves the range holds only this batch.
    lo, hi, total = reads.batch_ends(batch)
    if lo is None or lo == hi or hi - lo + 1 != total:
        return None
    values = (row[3], row[4], row[6])  # the newest row's child, table and action (_SAME_COLUMNS)
    if where.constant:
        count, first = newest - lo + 1, lo
    else:
        # The matching rows are counted and compared in the same pass.
        count, first, *others = reads.matching(lo, newest, values)
    if count < 2:
        return None
    item = _item(row)
    item.count, item.first_id = count, first
    if not where.constant:
        item.same_child, item.same_table, item.same_action = (not other for other in others)
        return item

    def all_same(column: Any, value: object) -> bool:
        if value is not None and column is not AuditLog.action:
            # Both have an index whose entries carry the id: counting a range of it reads no rows.
            return bool(reads.count_equal(column, value, first, newest) == count)
        # Stops at the first row that differs: cheap for a mixed batch, one pass over the range otherwise.
        return not reads.any_other(column, value, first, newest)

    item.same_child, item.same_table, item.same_action = (
        all_same(column, value) for column, value in zip(_SAME_COLUMNS, values, strict=True)
    )
    return item


def count_log(f: LogFilter) -> int:
    """How many audit rows match (may read the whole log: call it off the GUI thread)."""
    where = _log_where(f)
    return int(_reused(engine_of(_database()), "count", where.shape).rows(*where.values)[0][0])


def iter_log(f: LogFilter, chunk: int = 2000) -> Iterator[AuditEntry]:
    """Every matching audit row as a whole :class:`AuditEntry`, newest first, read a chunk at a time (exports)."""
    conditions = _log_where(f).conditions
    columns = [getattr(AuditLog, c) for c in AUDIT_COLUMNS]
    cursor = None
    while True:
        bound: list[peewee.Node] = [AuditLog.id < cursor] if cursor is not None else []
        rows = tables.raw_rows(
            _where_all(_log(*columns), [*conditions, *bound]).order_by(AuditLog.id.desc()).limit(int(chunk))
        )
        for row in rows:
            yield AuditEntry.from_row(row)
        if len(rows) < chunk:
            return
        cursor = rows[-1][0]


def profile_names() -> dict[str, str]:
    """{profile id: name} of every child that exists now (a handful of rows)."""
    return {str(pid): str(name) for pid, name in tables.raw_rows(Profile.select(Profile.id, Profile.name))}


def deleted_profile_names() -> dict[str, str]:
    """{profile id: name} of the children deleted and not back, from their deletions in the log (a few rows)."""
    names: dict[str, str] = {}
    rows = tables.raw_rows(
        _log(AuditLog.record_id, AuditLog.old_value)
        .where(AuditLog.table_name == "profiles", AuditLog.action == "DELETE")
        .order_by(AuditLog.id)
    )
    for record_id, old in rows:
        try:
            name = (json.loads(old) or {}).get("name") if old else None
        except (TypeError, ValueError):
            name = None
        if isinstance(name, str) and name:
            names[str(record_id)] = name
    current = profile_names()
    return {pid: name for pid, name in names.items() if pid not in current}


# --------------------------------------------------------------------------------------------------------------
# Times as the log writes them, and the notes ``verify`` reports.


def as_utc(when: str | datetime) -> datetime:
    """``when`` (an ISO string or a datetime; naive means UTC) as an aware UTC datetime."""
    if isinstance(when, str):
        when = datetime.fromisoformat(when.replace("Z", "+00:00"))
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def audit_time(when: str | datetime) -> str:
    """An instant as the audit log writes it: ``2025-03-01T09:30:00.123Z`` (text order is time order)."""
    moment = as_utc(when)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _notes(database: peewee.Database, kind: str) -> list[tuple[dict[str, Any], str]]:
    """(note, when as 'YYYY-MM-DD HH:MM') of every batch note of ``kind``, oldest first."""
    b = audit.BATCHES
    rows = database.execute(b.select(b.note, b.created_at).where(b.kind == kind).order_by(b.id)).fetchall()
    return [(json.loads(note or "{}"), str(created)[:16].replace("T", " ")) for note, created in rows]


def noted_problems(database: peewee.Database) -> list[str]:
    """Flags the app recorded when it found rows it did not write (see :func:`seal_pending`)."""
    return [
        f"audit rows {n.get('first_id')}–{n.get('last_id')} ({n.get('rows')}) name the app as their author but "
        f"were not written by it (found {when})"
        for n, when in _notes(database, audit.FLAGGED_KIND)
    ]


def repairs(database: peewee.Database) -> list[str]:
    """When the app found the audit machinery missing or changed and put it back (for the report)."""
    return [
        f"{when}: " + "; ".join(map(str, (n.get("found") or [])[:3])) for n, when in _notes(database, audit.REPAIR_KIND)
    ]
