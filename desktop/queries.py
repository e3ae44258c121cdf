"""Read-only queries for the window: paged, sorted and filtered selects done in SQL, counts, profile summaries and
the words-over-time series. Plain Python on the bound database; nothing here writes and nothing imports Qt.

Tables are read a page at a time with a keyset cursor (the last row's sort value and id), so reading page 500 costs
what reading page 1 does, and no caller ever holds a whole table it did not scroll through. Sorting and the filter
box run in SQL; the filter is a case-insensitive substring match (``LIKE`` with ``%``/``_`` escaped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from desktop import db

DEFAULT_PAGE_SIZE = 200
#: Chat text is read up to this many characters per row (a message may carry megabytes of inline images).
CHAT_PREVIEW_CHARS = 2000
#: Card front/back previews in the table are cut at this many characters (the side pane reads the whole card).
CARD_PREVIEW_CHARS = 400


@dataclass(frozen=True)
class FieldSpec:
    """One selected value: ``key`` names it, ``sql`` computes it, ``sort`` (if set) is a never-NULL expression the
    table can be ordered by; ``full_sql`` is read instead of ``sql`` by exports."""

    key: str
    sql: str
    sort: str | None = None
    #: What exports read instead of ``sql`` (the whole text where the table shows a preview).
    full_sql: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """What the window reads from one data table: the fields (``id`` and ``version`` first), which expressions the
    filter box searches, the default order, and whether rows are also scoped by language."""

    name: str
    table: str
    fields: tuple[FieldSpec, ...]
    search: tuple[str, ...]
    default_sort: str
    default_descending: bool = False
    by_language: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def index(self, key: str) -> int:
        return self.keys.index(key)

    def sort_sql(self, key: str) -> str:
        for f in self.fields:
            if f.key == key and f.sort:
                return f.sort
        raise ValueError(f"{self.name}: {key!r} is not sortable")

    def sortable(self, key: str) -> bool:
        return any(f.key == key and f.sort for f in self.fields)


_ID = FieldSpec("id", "id", "id")
_VERSION = FieldSpec("version", "version")

WORDS = TableSpec(
    name="words",
    table="mastered_words",
    # "Added" sorts by id: the order words were added in (added_at is set at insert, so it follows id), and the
    # rowid order needs no sort step, where ordering 100,000 words by added_at costs ~150 ms a page without an
    # index on (profile_id, language, added_at).
    fields=(_ID, _VERSION, FieldSpec("word", "word", "word"), FieldSpec("added_at", "added_at", "id")),
    search=("word",),
    default_sort="added_at",
    default_descending=True,
    by_language=True,
)

GRAMMAR = TableSpec(
    name="grammar",
    table="mastered_grammar",
    fields=(_ID, _VERSION, FieldSpec("grammar_uri", "grammar_uri", "grammar_uri"),
            FieldSpec("added_at", "added_at", "id")),
    search=("grammar_uri",),
    default_sort="added_at",
    default_descending=True,
)

_CARD_FRONT = "COALESCE(json_extract(content, '$.front'), json_extract(content, '$.text_field'), " \
              "json_extract(content, '$.cloze_text'), '')"
_CARD_BACK = "COALESCE(json_extract(content, '$.back'), '')"
_CARD_STATUS = "COALESCE(status, json_extract(content, '$.status'), '')"

CARDS = TableSpec(
    name="cards",
    table="approved_cards",
    fields=(
        _ID, _VERSION,
        FieldSpec("card_type", "card_type", "card_type"),
        FieldSpec("status", _CARD_STATUS, _CARD_STATUS),
        FieldSpec("front", f"substr({_CARD_FRONT}, 1, {CARD_PREVIEW_CHARS})", _CARD_FRONT, _CARD_FRONT),
        FieldSpec("back", f"substr({_CARD_BACK}, 1, {CARD_PREVIEW_CHARS})", _CARD_BACK, _CARD_BACK),
        FieldSpec("approved_at", "approved_at", "COALESCE(approved_at, '')"),
    ),
    search=("card_type", _CARD_STATUS, _CARD_FRONT, _CARD_BACK),
    default_sort="approved_at",
    default_descending=True,
)

CHAT = TableSpec(
    name="chat",
    table="chat_messages",
    fields=(
        _ID, _VERSION,
        FieldSpec("role", "role", "role"),
        FieldSpec("content", f"substr(content, 1, {CHAT_PREVIEW_CHARS})", full_sql="content"),
        FieldSpec("length", "length(content)"),
        FieldSpec("timestamp", "timestamp", "COALESCE(timestamp, '')"),
    ),
    search=("content",),
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

    def with_(self, **changes) -> TableQuery:
        return replace(self, **changes)


#: Where the next page starts: the last row's sort value and id.
Cursor = tuple[object, object]


@dataclass
class Page:
    rows: list[tuple] = field(default_factory=list)
    cursor: Cursor | None = None
    exhausted: bool = True


# --------------------------------------------------------------------------------------------------------------
# SQL building


def _database():
    return db.current()


def _is_postgres(database) -> bool:
    return db.engine_of(database).name != "sqlite"


_JSON_EXTRACT = re.compile(r"json_extract\((\w+), '\$\.(\w+)'\)")


def _dialect(sql: str, database) -> str:
    """The few SQLite spellings PostgreSQL writes differently (JSON fields, case-insensitive LIKE)."""
    if not _is_postgres(database):
        return sql
    sql = _JSON_EXTRACT.sub(r"(\1::json->>'\2')", sql)
    return sql.replace(" LIKE ", " ILIKE ").replace("length(", "char_length(")


def like_pattern(text: str) -> str:
    """A ``LIKE`` pattern matching ``text`` anywhere, with the wildcards in ``text`` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(query: TableQuery, p: str) -> tuple[list[str], list]:
    clauses, params = ["profile_id = " + p], [query.profile_id]
    if query.spec.by_language:
        if not query.language:
            raise ValueError(f"{query.spec.name} needs a language")
        clauses.append("language = " + p)
        params.append(query.language)
    text = query.text.strip()
    if text:
        pattern = like_pattern(text)
        clauses.append("(" + " OR ".join(f"{expr} LIKE {p} ESCAPE '\\'" for expr in query.spec.search) + ")")
        params.extend([pattern] * len(query.spec.search))
    return clauses, params


def count_rows(query: TableQuery) -> int:
    """How many rows ``query`` matches (the filter applied)."""
    database = _database()
    clauses, params = _where(query, database.param)
    sql = f"SELECT COUNT(*) FROM {query.spec.table} WHERE {' AND '.join(clauses)}"
    return database.execute_sql(_dialect(sql, database), params).fetchone()[0]


def fetch_page(
    query: TableQuery, after: Cursor | None = None, limit: int = DEFAULT_PAGE_SIZE, full: bool = False
) -> Page:
    """Up to ``limit`` rows of ``query`` after ``after`` (``None``: from the start), each a tuple in
    ``query.spec.keys`` order. The returned cursor continues where this page ended. ``full`` reads whole texts
    where the table reads previews (exports)."""
    database = _database()
    p = database.param
    spec = query.spec
    sort = spec.sort_sql(query.sort_key)
    clauses, params = _where(query, p)
    direction = "DESC" if query.is_descending else "ASC"
    if after is not None:
        op = "<" if query.is_descending else ">"
        if sort == "id":
            clauses.append(f"id {op} {p}")
            params.append(after[1])
        else:
            clauses.append(f"({sort}, id) {op} ({p}, {p})")
            params.extend(after)
    select = ", ".join((f.full_sql or f.sql) if full else f.sql for f in spec.fields)
    order = "id " + direction if sort == "id" else f"{sort} {direction}, id {direction}"
    # Sort only (key, id) pairs, then read the page's rows by id: SQLite's sorter would otherwise carry every
    # selected column (long chat texts) of every matching row, ~6x slower on 20,000 messages.
    sql = (
        f"SELECT {select}, {sort} FROM {spec.table} WHERE id IN ("
        f"SELECT id FROM {spec.table} WHERE {' AND '.join(clauses)} ORDER BY {order} LIMIT {int(limit)}"
        f") ORDER BY {order}"
    )
    raw = database.execute_sql(_dialect(sql, database), params).fetchall()
    if not raw:
        return Page([], after, True)
    last = raw[-1]
    cursor = (last[-1], last[0])
    return Page([tuple(r[:-1]) for r in raw], cursor, len(raw) < limit)


def iter_rows(query: TableQuery, page_size: int = 1000, full: bool = False) -> Iterator[tuple]:
    """Every row of ``query`` in order, read a page at a time (CSV export; ``full``: whole texts)."""
    cursor = None
    while True:
        page = fetch_page(query, cursor, page_size, full)
        yield from page.rows
        if page.exhausted:
            return
        cursor = page.cursor


def fetch_row(spec: TableSpec, row_id) -> tuple | None:
    """One row in ``spec.keys`` order (to refresh a row after an edit), or ``None`` if it is gone."""
    database = _database()
    select = ", ".join(f.sql for f in spec.fields)
    sql = f"SELECT {select} FROM {spec.table} WHERE id = {database.param}"
    row = database.execute_sql(_dialect(sql, database), (row_id,)).fetchone()
    return tuple(row) if row else None


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


def profile_summaries(search: str = "") -> list[ProfileSummary]:
    """Every child (matching ``search`` in the name), by name, with word counts per language, in one query."""
    database = _database()
    p = database.param
    where, params = "", []
    if search.strip():
        where = f"WHERE p.name LIKE {p} ESCAPE '\\'"
        params.append(like_pattern(search.strip()))
    sql = (
        "SELECT p.id, p.name, p.dob, p.version, COALESCE(zh.n, 0), COALESCE(en.n, 0) FROM profiles p "
        "LEFT JOIN (SELECT profile_id, COUNT(*) AS n FROM mastered_words WHERE language = 'zh' GROUP BY profile_id) "
        "zh ON zh.profile_id = p.id "
        "LEFT JOIN (SELECT profile_id, COUNT(*) AS n FROM mastered_words WHERE language = 'en' GROUP BY profile_id) "
        f"en ON en.profile_id = p.id {where} ORDER BY p.name, p.id"
    )
    rows = database.execute_sql(_dialect(sql, database), params).fetchall()
    return [ProfileSummary(r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5])) for r in rows]


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
    database = _database()
    p = database.param
    sql = (
        f"SELECT (SELECT COUNT(*) FROM mastered_words WHERE profile_id = {p} AND language = 'zh'), "
        f"(SELECT COUNT(*) FROM mastered_words WHERE profile_id = {p} AND language = 'en'), "
        f"(SELECT COUNT(*) FROM mastered_grammar WHERE profile_id = {p}), "
        f"(SELECT COUNT(*) FROM approved_cards WHERE profile_id = {p}), "
        f"(SELECT COUNT(*) FROM chat_messages WHERE profile_id = {p})"
    )
    row = database.execute_sql(sql, [profile_id] * 5).fetchone()
    return dict(zip(("zh", "en", "grammar", "cards", "chat"), (int(v) for v in row), strict=True))


@dataclass(frozen=True)
class WordsPoint:
    """Words mastered up to and including ``month`` (``YYYY-MM``), per language."""

    month: str
    zh: int
    en: int


def words_over_time(profile_id: str) -> list[WordsPoint]:
    """Cumulative mastered words per month (by ``added_at``), every month from the first to the last present.
    Words without a date count from the first month."""
    database = _database()
    p = database.param
    sql = (
        "SELECT substr(added_at, 1, 7) AS month, language, COUNT(*) FROM mastered_words "
        f"WHERE profile_id = {p} GROUP BY month, language ORDER BY month"
    )
    rows = database.execute_sql(sql, (profile_id,)).fetchall()
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
    out, zh, en = [], undated["zh"], undated["en"]
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
