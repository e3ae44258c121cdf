"""The data layer: the schema, the two engines (SQLite, PostgreSQL), the audit trail, opening and upgrading a
database, and the read-only queries of the tables and of the audit log. Qt-free.

The peewee models stay in :mod:`desktop.models` (the project's fixed layout names that file); they sit below this
package and know nothing of it.
"""
