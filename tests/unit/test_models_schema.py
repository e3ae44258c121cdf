"""The peewee models (desktop/models.py) map the tables the DDL (desktop/schema.py) creates, column for column:
names, order, declared type, null-ness, primary key and foreign keys as SQLite reports them for a database made from
that DDL, and the column lists in ``schema.COLUMNS`` / ``schema.AUDIT_COLUMNS`` name the same columns in the same
order. Any of the four drifting from the others fails here."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import peewee
import pytest

from desktop import models
from desktop.store import schema

TABLES = (*schema.DATA_TABLES, "audit_log")
#: How SQLite spells each peewee field type (the types the DDL declares).
SQLITE_TYPES = peewee.SqliteDatabase(None)._field_types


def _column(name: str, declared: str, notnull: bool, pk: bool) -> tuple:
    # SQLite lets a primary key column hold NULL unless it says NOT NULL (and reports it so); the models and
    # PostgreSQL never do, and the app never writes one: a primary key counts as not null.
    return name, declared.upper(), not notnull and not pk, pk


@pytest.fixture(scope="module")
def ddl() -> dict[str, dict]:
    """Each table's columns and foreign keys as SQLite reports them for a database made from the DDL alone."""
    with closing(sqlite3.connect(":memory:")) as con:
        con.executescript(schema.PLAN_TABLES_SQL + schema.EXTRA_SQL)
        out = {}
        for table in TABLES:
            info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
            fks = con.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            out[table] = {
                "columns": [_column(r[1], r[2], bool(r[3]), bool(r[5])) for r in info],
                "fks": sorted((r[3], r[2], r[4], r[6].upper()) for r in fks),
            }
        return out


def describe_model(model: type[peewee.Model]) -> dict:
    """The same description, read from a model class."""
    columns = [
        _column(f.column_name, SQLITE_TYPES.get(f.field_type, f.field_type), not f.null, f.primary_key)
        for f in model._meta.sorted_fields
    ]
    fks = sorted(
        (f.column_name, f.rel_model._meta.table_name, f.rel_field.column_name, (f.on_delete or "NO ACTION").upper())
        for f in model._meta.sorted_fields
        if isinstance(f, peewee.ForeignKeyField)
    )
    return {"columns": columns, "fks": fks}


def test_every_table_has_a_model_and_every_model_a_table():
    assert set(models.MODEL_BY_TABLE) == set(TABLES)
    assert [m._meta.table_name for m in models.DATA_MODELS] == list(schema.DATA_TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_model_columns_are_the_ddls(ddl, table):
    assert describe_model(models.MODEL_BY_TABLE[table]) == ddl[table]


@pytest.mark.parametrize("table", TABLES)
def test_column_lists_are_the_ddls(ddl, table):
    listed = schema.AUDIT_COLUMNS if table == "audit_log" else schema.COLUMNS[table]
    assert listed == tuple(c[0] for c in ddl[table]["columns"])


def test_the_comparison_notices_a_drifted_model(ddl):
    """A model that differs in any one respect (null-ness, order, name, type, foreign key) does not compare equal."""
    fields = {
        "id": (peewee.AutoField, {}),
        "profile": (
            peewee.ForeignKeyField,
            {"model": models.Profile, "column_name": "profile_id", "on_delete": "CASCADE"},
        ),
        "word": (peewee.TextField, {}),
        "language": (peewee.TextField, {}),
        "added_at": (models.TimestampField, {"null": True}),
        "version": (peewee.IntegerField, {"default": 1}),
    }

    def word_model(order=tuple(fields), **changes) -> type[peewee.Model]:
        """mastered_words' model, its fields declared in ``order``; ``changes`` replaces a field's class or options."""
        attrs = {}
        for name in order:  # peewee orders columns by when their fields were made
            cls, options = fields[name]
            cls, options = changes.get(name, (cls, options))
            attrs[name] = cls(**options)
        attrs["Meta"] = type("Meta", (), {"table_name": "mastered_words"})
        return type("Drifted", (models.BaseModel,), attrs)

    assert describe_model(word_model()) == ddl["mastered_words"]
    drifted = [
        word_model(word=(peewee.TextField, {"null": True})),
        word_model(language=(peewee.TextField, {"column_name": "lang"})),
        word_model(version=(peewee.TextField, {"default": "1"})),
        word_model(profile=(peewee.ForeignKeyField, {"model": models.Profile, "column_name": "profile_id"})),
        word_model(order=("id", "profile", "language", "word", "added_at", "version")),
    ]
    for model in drifted:
        assert describe_model(model) != ddl["mastered_words"]
