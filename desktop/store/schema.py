"""The database schema: the migration plan's tables, columns, constraints and indexes, exactly, plus additive
columns and tables of our own. Written as SQL so that the plan's DDL is the contract, not an ORM's rendering
of it. ``PLAN_TABLES`` lists the plan's data tables in dependency order.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2

#: What the triggers write as ``changed_by`` for a writer that did not set the app's context (another program).
EXTERNAL_ACTOR = "external"

#: The five data tables the audit trail watches, parents first.
DATA_TABLES = ("profiles", "mastered_words", "mastered_grammar", "approved_cards", "chat_messages")

#: Columns added to the plan's tables (never renamed or dropped plan columns). Used by the upgrade that adopts a
#: database the old backend created with the plan's bare schema.
ADDITIVE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "profiles": (("extra", "TEXT"), ("version", "INTEGER NOT NULL DEFAULT 1")),
    "mastered_words": (("version", "INTEGER NOT NULL DEFAULT 1"),),
    "mastered_grammar": (("version", "INTEGER NOT NULL DEFAULT 1"),),
    "approved_cards": (("legacy_id", "TEXT"), ("status", "TEXT"), ("version", "INTEGER NOT NULL DEFAULT 1")),
    "chat_messages": (
        ("legacy_id", "TEXT"),
        ("mentions", "TEXT"),
        ("extra", "TEXT"),
        ("version", "INTEGER NOT NULL DEFAULT 1"),
    ),
    "audit_log": (("batch_id", "TEXT"), ("profile_id", "TEXT")),
}

APPEND_ONLY_TABLES = ("audit_log", "audit_seal", "audit_batch")

# The plan's DDL (migration-plan.md), verbatim but for the additive columns at the end of each table.
PLAN_TABLES_SQL = """
CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    dob TEXT,
    gender TEXT,
    address TEXT,
    school TEXT,
    neighborhood TEXT,
    interests TEXT,  -- JSON array
    character_roster TEXT,  -- JSON array
    verbal_fluency TEXT,
    passive_language_level TEXT,
    mental_age REAL,
    raw_input TEXT,
    extracted_data TEXT,  -- JSON object
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    extra TEXT,  -- JSON object: legacy keys the plan has no column for (kept, not dropped)
    version INTEGER NOT NULL DEFAULT 1  -- bumped by every edit; conflict detection
);

CREATE TABLE mastered_words (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    word TEXT NOT NULL,
    language TEXT NOT NULL,  -- 'zh' or 'en'
    added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE,
    UNIQUE(profile_id, word, language)
);

CREATE INDEX idx_mastered_words_profile ON mastered_words(profile_id);
CREATE INDEX idx_mastered_words_language ON mastered_words(language);

CREATE TABLE mastered_grammar (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    grammar_uri TEXT NOT NULL,
    added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE,
    UNIQUE(profile_id, grammar_uri)
);

CREATE INDEX idx_mastered_grammar_profile ON mastered_grammar(profile_id);

CREATE TABLE approved_cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    card_type TEXT NOT NULL,
    content TEXT NOT NULL,  -- JSON object
    approved_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    legacy_id TEXT,  -- the legacy card's id
    status TEXT,  -- pending / approved / synced (also inside content)
    version INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE
);

CREATE INDEX idx_approved_cards_profile ON approved_cards(profile_id);

CREATE TABLE chat_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    role TEXT NOT NULL,  -- 'user' or 'assistant'
    content TEXT NOT NULL,
    timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    legacy_id TEXT,  -- the legacy message id
    mentions TEXT,  -- JSON array of profile slugs/ids
    extra TEXT,  -- JSON object: other legacy keys (config without secrets)
    version INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE
);

CREATE INDEX idx_chat_messages_profile ON chat_messages(profile_id);
CREATE INDEX idx_chat_messages_timestamp ON chat_messages(timestamp);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL,  -- 'INSERT', 'UPDATE', 'DELETE'
    old_value TEXT,  -- JSON
    new_value TEXT,  -- JSON
    changed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    changed_by TEXT,  -- 'system', 'user', 'migration', etc.
    batch_id TEXT,  -- changes made together (one import, one bulk delete) share it
    profile_id TEXT  -- the child the change belongs to (not a foreign key: history outlives the child)
);

CREATE INDEX idx_audit_log_table ON audit_log(table_name);
CREATE INDEX idx_audit_log_timestamp ON audit_log(changed_at);
"""

# Our own tables and indexes (additive).
EXTRA_SQL = """
CREATE INDEX IF NOT EXISTS idx_audit_log_profile ON audit_log(profile_id, id);
CREATE INDEX IF NOT EXISTS idx_audit_log_batch ON audit_log(batch_id);
CREATE INDEX IF NOT EXISTS idx_approved_cards_legacy ON approved_cards(legacy_id);
CREATE INDEX IF NOT EXISTS idx_chat_messages_legacy ON chat_messages(legacy_id);
CREATE INDEX IF NOT EXISTS idx_mastered_words_profile_language_added ON mastered_words(profile_id, language, added_at);
CREATE INDEX IF NOT EXISTS idx_chat_messages_profile_timestamp ON chat_messages(profile_id, timestamp);
-- The audit-log viewer's "who" filter (newest first): without it, showing the import's rows in a long log reads the
-- whole log backwards.
CREATE INDEX IF NOT EXISTS idx_audit_log_actor ON audit_log(changed_by);

-- Hash-chain seals over audit_log: each seal covers the rows first_id..last_id and chains to the previous seal.
CREATE TABLE IF NOT EXISTS audit_seal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);

-- Who is writing right now: set by the app inside each of its write transactions and cleared before commit, so a
-- write by any other program finds it empty and is audited as 'external'.
CREATE TABLE IF NOT EXISTS audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    actor TEXT NOT NULL,
    batch_id TEXT
);

-- What a notable batch was (a migration with its source archive, a bulk delete, a restore): one row per batch,
-- written by the app in the batch's own transaction. Append-only like the log.
CREATE TABLE IF NOT EXISTS audit_batch (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL UNIQUE,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,  -- JSON object
    created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
"""

#: The audit viewer's text search on SQLite (schema 2): an FTS5 trigram index over the log's old and new values.
#: External content (the text stays in audit_log only) and ``detail=none`` (no positions: a third of the text's
#: size). It is a cache the search may use, never the answer: each hit is checked against the log's text, and rows
#: the index does not cover yet are searched in the log itself (see :mod:`desktop.store.search`).
SEARCH_TABLE = "audit_fts"
SEARCH_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5(old_value, new_value, content='audit_log', "
    "content_rowid='id', tokenize='trigram', detail='none')"
)
#: The index and the tables SQLite keeps it in (no ``_content``: the text is audit_log's).
SEARCH_TABLES = (SEARCH_TABLE, *(f"{SEARCH_TABLE}_{part}" for part in ("data", "idx", "docsize", "config")))

#: The same search on PostgreSQL: ``pg_trgm`` GIN indexes, where the server has the extension.
PG_SEARCH_INDEXES = {
    "idx_audit_log_old_trgm": "audit_log USING gin (old_value gin_trgm_ops)",
    "idx_audit_log_new_trgm": "audit_log USING gin (new_value gin_trgm_ops)",
    "idx_mastered_words_word_trgm": "mastered_words USING gin (word gin_trgm_ops)",
}


def split_sql(script: str) -> list[str]:
    """The statements of a DDL script (comments removed), without their semicolons."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _columns(script: str) -> dict[str, tuple[str, ...]]:
    """Every table's columns in declaration order, as SQLite reads the DDL (one list of columns: the DDL's)."""
    memory = sqlite3.connect(":memory:")
    try:
        for statement in split_sql(script):
            memory.execute(statement)
        names = [r[0] for r in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: tuple(r[1] for r in memory.execute(f'PRAGMA table_info("{table}")')) for table in names}
    finally:
        memory.close()


_DECLARED = _columns(PLAN_TABLES_SQL + EXTRA_SQL)
#: Every column of each data table, in table order (plan columns first, then our additive ones): the audit
#: triggers' whole-row JSON, replay, transfer, history and backups all read this.
COLUMNS: dict[str, tuple[str, ...]] = {table: _DECLARED[table] for table in DATA_TABLES}
AUDIT_COLUMNS = _DECLARED["audit_log"]
AUDIT_BATCH_COLUMNS = _DECLARED["audit_batch"]
SEAL_COLUMNS = _DECLARED["audit_seal"]
