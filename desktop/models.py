"""peewee models on the migration plan's schema.

The tables are created from the plan's own DDL (:mod:`desktop.store.schema`), not from these classes, so that the
database is exactly the plan's; the models map onto it for queries (``tests/unit/test_models_schema.py`` holds
them to it: the same columns, in the same order, with the same null-ness and keys). Timestamps are stored as
ISO-8601 text (UTC); JSON columns hold JSON text (the service layer parses and validates it).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    DatabaseProxy,
    Field,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

#: The one database the app works on; :func:`desktop.store.db.open_database` initialises it.
database = DatabaseProxy()


class TimestampField(Field):
    """A plan ``TIMESTAMP`` column holding ISO-8601 text, passed through unchanged (no driver conversion)."""

    field_type = "TIMESTAMP"

    def db_value(self, value):
        return None if value is None else str(value)

    def python_value(self, value):
        return None if value is None else str(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Profile(BaseModel):
    id = TextField(primary_key=True)
    name = TextField()
    dob = TextField(null=True)
    gender = TextField(null=True)
    address = TextField(null=True)
    school = TextField(null=True)
    neighborhood = TextField(null=True)
    interests = TextField(null=True)
    character_roster = TextField(null=True)
    verbal_fluency = TextField(null=True)
    passive_language_level = TextField(null=True)
    mental_age = FloatField(null=True)
    raw_input = TextField(null=True)
    extracted_data = TextField(null=True)
    created_at = TimestampField(null=True)
    updated_at = TimestampField(null=True)
    extra = TextField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "profiles"


class MasteredWord(BaseModel):
    id = AutoField()
    profile = ForeignKeyField(Profile, column_name="profile_id", backref="words", on_delete="CASCADE")
    word = TextField()
    language = TextField()
    added_at = TimestampField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "mastered_words"


class MasteredGrammar(BaseModel):
    id = AutoField()
    profile = ForeignKeyField(Profile, column_name="profile_id", backref="grammar", on_delete="CASCADE")
    grammar_uri = TextField()
    added_at = TimestampField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "mastered_grammar"


class ApprovedCard(BaseModel):
    id = AutoField()
    profile = ForeignKeyField(Profile, column_name="profile_id", backref="cards", on_delete="CASCADE")
    card_type = TextField()
    content = TextField()
    approved_at = TimestampField(null=True)
    legacy_id = TextField(null=True)
    status = TextField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "approved_cards"


class ChatMessage(BaseModel):
    id = AutoField()
    profile = ForeignKeyField(Profile, column_name="profile_id", backref="chat", on_delete="CASCADE")
    role = TextField()
    content = TextField()
    timestamp = TimestampField(null=True)
    legacy_id = TextField(null=True)
    mentions = TextField(null=True)
    extra = TextField(null=True)
    version = IntegerField(default=1)

    class Meta:
        table_name = "chat_messages"


class AuditLog(BaseModel):
    """Read-only from the app's side: rows are written by triggers, never by code."""

    id = AutoField()
    table_name = TextField()
    record_id = TextField()
    action = TextField()
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    changed_at = TimestampField(null=True)
    changed_by = TextField(null=True)
    batch_id = TextField(null=True)
    profile_id = TextField(null=True)

    class Meta:
        table_name = "audit_log"


DATA_MODELS = (Profile, MasteredWord, MasteredGrammar, ApprovedCard, ChatMessage)
MODEL_BY_TABLE = {m._meta.table_name: m for m in (*DATA_MODELS, AuditLog)}
