-- The migration plan's DDL (docs: shared/migration-plan.md, every ```sql block, verbatim, in order).
-- The schema tests compare a database the app created against this, read back through PRAGMAs.

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
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE mastered_words (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    word TEXT NOT NULL,
    language TEXT NOT NULL,  -- 'zh' or 'en'
    added_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
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
    FOREIGN KEY (profile_id) REFERENCES profiles(id) ON DELETE CASCADE
);

CREATE INDEX idx_approved_cards_profile ON approved_cards(profile_id);

CREATE TABLE chat_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id TEXT NOT NULL,
    role TEXT NOT NULL,  -- 'user' or 'assistant'
    content TEXT NOT NULL,
    timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
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
    changed_by TEXT  -- 'system', 'user', 'migration', etc.
);

CREATE INDEX idx_audit_log_table ON audit_log(table_name);
CREATE INDEX idx_audit_log_timestamp ON audit_log(changed_at);
