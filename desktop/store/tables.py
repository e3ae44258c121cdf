"""Read-only queries for the window: paged, sorted and filtered selects, counts, profile summaries and the
words-over-time series, built with peewee's query builder over :mod:`desktop.models`. Nothing here writes and
nothing imports Qt.

Tables are read a page at a time with a keyset cursor (the last row's sort value and id), so reading page 500 costs
what reading page 1 does, and no caller ever holds a whole table it did not scroll through. Sorting and the filter
box run in SQL; the filter is peewee's ``.contains()``: a substring match with ``%``/``_`` taken literally,
case-insensitive (``LIKE`` on SQLite, for Latin letters; ``ILIKE`` on PostgreSQL).
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import reduce
from typing import Any, cast

from peewee import SQL, ColumnBase, Database, Node, Select, Tuple, fn

from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile
from desktop.store import db, foreground
from desktop.store.engine import engine_of

DEFAULT_PAGE_SIZE = 200
#: Chat text is read up to this many characters per row (a message may carry megabytes of inline images).
CHAT_PREVIEW_CHARS = 2000
#: Card front/back previews in the table are cut at this many characters (the side pane reads the whole card).
CARD_PREVIEW_CHARS = 400

#: ``COUNT(*)``, the one piece of SQL text here, a planner hint of sorts: SQLite then counts index entries without
#: reading the id out of each, a third faster than ``COUNT(id)`` on 100,000 words.
ROW_COUNT = fn.COUNT(SQL("*"))

#: A selected value: a peewee expression, or a function building one on the bound engine (JSON access).
Expr = Node | Callable[[], Node]
#: A row as the driver returns it.
Row = tuple[Any, ...]


def _database() -> Database:
    return db.current()


def json_text(column: Node, key: str) -> Node:
    """The text at ``key`` of the JSON object held (as text) in ``column``; NULL where there is none. The one place
    the engines spell JSON differently."""
    return engine_of(_database()).json_text(column, key)


def raw_rows(query: Node) -> list[Row]:
    """The rows of ``query`` as the driver returns them: no per-value conversion by the models' fields, which would
    triple the cost of reading a page."""
    rows: list[Row] = _database().execute(query).fetchall()
    return rows


class Reusable:
    """A query peewee builds once and that then runs with other values (building a small query costs more than
    running it). ``slots`` are values the query was built with, each found among its parameters (as they are, no
    field converting them) and nowhere else: :meth:`rows` runs it with the values given in their places, in their
    order. The SQL is the bound engine's: keep it for that engine only."""

    def __init__(self, query: Node, *slots: object) -> None:
        self.sql, params = _database().get_sql_context().sql(query).query()
        self.params = list(params)
        self.places: list[list[int]] = []
        for slot in slots:
            found = [i for i, value in enumerate(self.params) if type(value) is type(slot) and value == slot]
            if not found:
                raise ValueError(f"{slot!r} is not a parameter of {self.sql}")
            self.places.append(found)

    def rows(self, *values: object) -> list[Row]:
        """The rows as the driver returns them (see :func:`raw_rows`)."""
        params = list(self.params)
        for places, value in zip(self.places, values, strict=True):
            for place in places:
                params[place] = value
        rows: list[Row] = _database().execute_sql(self.sql, params).fetchall()
        return rows


def _node(expr: Expr) -> Node:
    return expr if isinstance(expr, Node) else expr()


@dataclass(frozen=True)
class FieldSpec:
    """One selected value: ``key`` names it, ``value`` computes it, ``sort`` (if set) is a never-NULL expression the
    table can be ordered by; ``full`` is read instead of ``value`` by exports."""

    key: str
    value: Expr
    sort: Expr | None = None
    #: What exports read instead of ``value`` (the whole text where the table shows a preview).
    full: Expr | None = None


@dataclass(frozen=True)
class TableSpec:
    """What the window reads from one data table: the fields (``id`` and ``version`` first), which expressions the
    filter box searches, the default order, and whether rows are also scoped by language."""

    name: str
    #: the peewee model class (Any: its fields are class attributes peewee's hints do not declare)
    model: Any
    fields: tuple[FieldSpec, ...]
    search: tuple[Expr, ...]
    default_sort: str
    default_descending: bool = False
    by_language: bool = False

    @property
    def table(self) -> str:
        return str(self.model._meta.table_name)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def index(self, key: str) -> int:
        return self.keys.index(key)

    def sort_expr(self, key: str) -> Node:
        for f in self.fields:
            if f.key == key and f.sort is not None:
                return _node(f.sort)
        raise ValueError(f"{self.name}: {key!r} is not sortable")

    def sortable(self, key: str) -> bool:
        return any(f.key == key and f.sort is not None for f in self.fields)

    def columns(self, full: bool = False) -> list[Node]:
        return [_node((f.full or f.value) if full else f.value) for f in self.fields]


def _id(model: Any) -> FieldSpec:
    return FieldSpec("id", model.id, model.id)


def _version(model: Any) -> FieldSpec:
    return FieldSpec("version", model.version)


W, G, C, M = MasteredWord, MasteredGrammar, ApprovedCard, ChatMessage

WORDS = TableSpec(
    name="words",
    model=W,
    # "Added" sorts by id: the order words were added in (added_at is set at insert, so it follows id), and the
    # rowid order needs no sort step, where ordering 100,000 words by added_at costs ~150 ms a page without an
    # index on (profile_id, language, added_at).
    fields=(_id(W), _version(W), FieldSpec("word", W.word, W.word), FieldSpec("added_at", W.added_at, W.id)),
    search=(W.word,),
    default_sort="added_at",
    default_descending=True,
    by_language=True,
)

GRAMMAR = TableSpec(
    name="grammar",
    model=G,
    fields=(
        _id(G),
        _version(G),
        FieldSpec("grammar_uri", G.grammar_uri, G.grammar_uri),
        FieldSpec("added_at", G.added_at, G.id),
    ),
    search=(G.grammar_uri,),
    default_sort="added_at",
    default_descending=True,
)


def _card_front() -> Node:
    return fn.COALESCE(
        json_text(C.content, "front"), json_text(C.content, "text_field"), json_text(C.content, "cloze_text"), ""
    )


def _card_back() -> Node:
    return fn.COALESCE(json_text(C.content, "back"), "")


def _card_status() -> Node:
    return fn.COALESCE(C.status, json_text(C.content, "status"), "")


CARDS = TableSpec(
    name="cards",
    model=C,
    fields=(
        _id(C),
        _version(C),
        FieldSpec("card_type", C.card_type, C.card_type),
        FieldSpec("status", _card_status, _card_status),
        FieldSpec("front", lambda: fn.substr(_card_front(), 1, CARD_PREVIEW_CHARS), _card_front, _card_front),
        FieldSpec("back", lambda: fn.substr(_card_back(), 1, CARD_PREVIEW_CHARS), _card_back, _card_back),
        FieldSpec("approved_at", C.approved_at, fn.COALESCE(C.approved_at, "")),
    ),
    search=(C.card_type, _card_status, _card_front, _card_back),
    default_sort="approved_at",
    default_descending=True,
)

CHAT = TableSpec(
    name="chat",
    model=M,
    fields=(
        _id(M),
        _version(M),
        FieldSpec("role", M.role, M.role),
        FieldSpec("content", fn.substr(M.content, 1, CHAT_PREVIEW_CHARS), full=M.content),
        FieldSpec("length", fn.length(M.content)),
        FieldSpec("timestamp", M.timestamp, fn.COALESCE(M.timestamp, "")),
    ),
    search=(M.content,),
    default_sort="timestamp",
    default_descending=True,
)

SPECS = {spec.name: spec for spec in (WORDS, GRAMMAR, CARDS, CHAT)}


@dataclass(frozen=True)
class TableQuery:
    """Which rows, in which order: one child's rows of ``spec`` (of ``language`` for words), matching ``text``."""

    spec: TableSpec
    profile_id: str
    language: str | None = None
    sort: str | None = None
    descending: bool | None = None
    text: str = ""

    @property
    def sort_key(self) -> str:
        return self.sort or self.spec.default_sort

    @property
    def is_descending(self) -> bool:
        return self.spec.default_descending if self.descending is None else self.descending

    def with_(self, **changes: Any) -> TableQuery:
        return replace(self, **changes)


#: Where the next page starts: the last row's sort value and id.
Cursor = tuple[object, object]


@dataclass
class Page:
    rows: list[Row] = field(default_factory=list)
    cursor: Cursor | None = None
    exhausted: bool = True


# --------------------------------------------------------------------------------------------------------------
# Query building


def matches(columns: tuple[Expr, ...], text: str) -> Node:
    """Any of ``columns`` holds ``text`` (wildcards in it taken literally; case-insensitive as the engine's
    ``ILIKE`` / SQLite's ``LIKE`` are)."""
    found: Node = reduce(operator.or_, (cast(ColumnBase, _node(column)).contains(text) for column in columns))
    return found


def _where(query: TableQuery) -> Node:
    spec = query.spec
    condition: Any = spec.model.profile == query.profile_id  # an Expression (peewee's hints give no &)
    if spec.by_language:
        if not query.language:
            raise ValueError(f"{spec.name} needs a language")
        condition &= spec.model.language == query.language
    text = query.text.strip()
    if text:
        condition &= matches(spec.search, text)
    where: Node = condition
    return where


def count_rows(query: TableQuery) -> int:
    """How many rows ``query`` matches (the filter applied)."""
    model = query.spec.model
    return int(model.select(ROW_COUNT).where(_where(query)).scalar())


def fetch_page(
    query: TableQuery, after: Cursor | None = None, limit: int = DEFAULT_PAGE_SIZE, full: bool = False
) -> Page:
    """Up to ``limit`` rows of ``query`` after ``after`` (``None``: from the start), each a tuple in
    ``query.spec.keys`` order. The returned cursor continues where this page ended. ``full`` reads whole texts
    where the table reads previews (exports). A page for the screen (not ``full``) is read first: a background check
    steps aside meanwhile (:mod:`desktop.store.foreground`)."""
    with contextlib.nullcontext() if full else foreground.read():
        return _fetch_page(query, after, limit, full)


def _fetch_page(query: TableQuery, after: Cursor | None, limit: int, full: bool) -> Page:
    spec = query.spec
    model = spec.model
    sort = spec.sort_expr(query.sort_key)
    by_id = sort is model.id
    condition = _where(query)
    if after is not None:
        key = model.id if by_id else Tuple(sort, model.id)
        bound = after[1] if by_id else tuple(after)
        condition &= (key < bound) if query.is_descending else (key > bound)
    keys: list[Any] = [sort] if by_id else [sort, model.id]
    order = [o.desc() if query.is_descending else o.asc() for o in keys]
    # Sort only (key, id) pairs, then read the page's rows by id: SQLite's sorter would otherwise carry every
    # selected column (long chat texts) of every matching row, ~6x slower on 20,000 messages.
    ids = model.select(model.id).where(condition).order_by(*order).limit(int(limit))
    raw = raw_rows(model.select(*spec.columns(full), sort).where(model.id.in_(ids)).order_by(*order))
    if not raw:
        return Page([], after, True)
    last = raw[-1]
    cursor = (last[-1], last[0])
    return Page([tuple(r[:-1]) for r in raw], cursor, len(raw) < limit)


def iter_rows(query: TableQuery, page_size: int = 1000, full: bool = False) -> Iterator[Row]:
    """Every row of ``query`` in order, read a page at a time (CSV export; ``full``: whole texts)."""
    cursor = None
    while True:
        page = fetch_page(query, cursor, page_size, full)
        yield from page.rows
        if page.exhausted:
            return
        cursor = page.cursor


def fetch_row(spec: TableSpec, row_id: object) -> Row | None:
    """One row in ``spec.keys`` order (to refresh a row after an edit), or ``None`` if it is gone."""
    model = spec.model
    rows = raw_rows(model.select(*spec.columns()).where(model.id == row_id))
    return rows[0] if rows else None


# --------------------------------------------------------------------------------------------------------------
# Profiles


@dataclass(frozen=True)
class ProfileSummary:
    """A line of the profile list: who, how old, how many words."""

    id: str
    name: str
    dob: str | None
    version: int
    zh_words: int
    en_words: int

    def age(self, today: date | None = None) -> tuple[int, int] | None:
        return age_on(self.dob, today)


def _words_of(language: str) -> Any:
    """A child's words in ``language``, counted through the (profile, language) index: no pass over other rows
    (two GROUP BYs over every word took 0.9 s of a 1 GB database's opening; this 0.1 s)."""
    words = W.alias("w")
    return words.select(ROW_COUNT).where(words.profile == Profile.id, words.language == language)


def profile_summaries(search: str = "") -> list[ProfileSummary]:
    """Every child (matching ``search`` in the name), by name, with word counts per language, in one query."""
    query = Profile.select(
        Profile.id, Profile.name, Profile.dob, Profile.version, _words_of("zh"), _words_of("en")
    ).order_by(Profile.name, Profile.id)
    if search.strip():
        query = query.where(matches((Profile.name,), search.strip()))
    return [ProfileSummary(r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5])) for r in raw_rows(query)]


def age_on(dob: str | None, today: date | None = None) -> tuple[int, int] | None:
    """Completed (years, months) between a date of birth (ISO text) and ``today``; ``None`` if unknown."""
    if not dob:
        return None
    try:
        born = date.fromisoformat(str(dob)[:10])
    except ValueError:
        return None
    today = today or date.today()
    months = (today.year - born.year) * 12 + today.month - born.month - (1 if today.day < born.day else 0)
    if months < 0:
        return None
    return divmod(months, 12)


def profile_counts(profile_id: str) -> dict[str, int]:
    """Records of each kind for one child: zh, en, grammar, cards, chat."""

    def count(model: Any, *conditions: Node) -> Select:
        query: Select = model.select(ROW_COUNT).where(model.profile == profile_id, *conditions)
        return query

    counts = {
        "zh": count(W, W.language == "zh"),
        "en": count(W, W.language == "en"),
        "grammar": count(G),
        "cards": count(C),
        "chat": count(M),
    }
    (row,) = raw_rows(Select(columns=list(counts.values())))
    return dict(zip(counts, (int(v) for v in row), strict=True))


@dataclass(frozen=True)
class WordsPoint:
    """Words mastered up to and including ``month`` (``YYYY-MM``), per language."""

    month: str
    zh: int
    en: int


def words_over_time(profile_id: str) -> list[WordsPoint]:
    """Cumulative mastered words per month (by ``added_at``), every month from the first to the last present.
    Words without a date count from the first month."""
    in_month = fn.substr(W.added_at, 1, 7)
    rows = raw_rows(
        W.select(in_month, W.language, ROW_COUNT)
        .where(W.profile == profile_id)
        .group_by(in_month, W.language)
        .order_by(in_month)
    )
    added: dict[str, dict[str, int]] = {}
    undated = {"zh": 0, "en": 0}
    for month, language, n in rows:
        if language not in undated:
            continue
        if not month or not re.fullmatch(r"\d{4}-\d{2}", month):
            undated[language] += n
            continue
        added.setdefault(month, {"zh": 0, "en": 0})[language] += n
    if not added:
        if undated["zh"] or undated["en"]:
            return [WordsPoint(date.today().strftime("%Y-%m"), undated["zh"], undated["en"])]
        return []
    months = _month_range(min(added), max(added))
    out: list[WordsPoint] = []
    zh, en = undated["zh"], undated["en"]
    for month in months:
        zh += added.get(month, {}).get("zh", 0)
        en += added.get(month, {}).get("en", 0)
        out.append(WordsPoint(month, zh, en))
    return out


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
