"""Server URLs: handed whole to libpq (every option works, percent-decoding is libpq's), and no password — in the
user part or as ``password=`` — is ever shown, logged or written. The server tests need MASTERY_LEDGER_TEST_PG."""

from __future__ import annotations

import logging
import uuid

import pytest
from tests_support import PG_URL, reset_pg_schema

from desktop import server_backup, services, transfer
from desktop.errors import LedgerError
from desktop.store import db, postgres

psycopg2 = pytest.importorskip("psycopg2")
needs_pg = pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server configured (MASTERY_LEDGER_TEST_PG)")

SECRET = "s3cr3t-Pa55"  # invented


def with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


# ---------------------------------------------------------------------------------------------------------------
# redact: one function, both password forms


@pytest.mark.parametrize(
    "url, shown",
    [
        ("postgresql://ann:s3cr3t@db.example:5432/ledger", "postgresql://ann:***@db.example:5432/ledger"),
        ("postgres://ann:p%40ss%2F%3A@db.example/ledger", "postgres://ann:***@db.example/ledger"),
        ("postgresql://ann:p@ss@db.example/ledger", "postgresql://ann:***@db.example/ledger"),  # an unencoded @
        (
            "postgresql://ann@db.example/ledger?password=s3cr3t&sslmode=require",
            "postgresql://ann@db.example/ledger?password=***&sslmode=require",
        ),
        (
            "postgresql://db.example/ledger?sslmode=require&PassWord=s3cr3t",
            "postgresql://db.example/ledger?sslmode=require&PassWord=***",
        ),
        ("postgresql://ann:one@db.example/ledger?password=two", "postgresql://ann:***@db.example/ledger?password=***"),
        ("POSTGRESQL://ann:s3cr3t@db.example/ledger", "POSTGRESQL://ann:***@db.example/ledger"),
        (
            "postgresql://ann@db.example:5432/ledger?application_name=x",
            "postgresql://ann@db.example:5432/ledger?application_name=x",
        ),
        ("postgresql://db.example:5432/ledger", "postgresql://db.example:5432/ledger"),
    ],
)
def test_redact_removes_the_password_in_both_forms(url, shown):
    assert postgres.redact(url) == shown


def test_describe_and_display_name_hide_both_password_forms():
    url = f"postgresql://ann:{SECRET}@db.example:5432/ledger?password={SECRET}x&application_name=ml"
    assert SECRET not in db.describe(url)
    database = postgres.make_database(url)  # not connected: only the driver is needed
    assert SECRET not in db.display_name(database)
    assert db.display_name(database) == "postgresql://ann:***@db.example:5432/ledger?password=***&application_name=ml"
    assert database.server_url == url  # kept in memory, for reconnecting


def test_a_url_libpq_cannot_read_is_a_sentence_without_the_password():
    with pytest.raises(LedgerError) as caught:
        postgres.make_database(f"postgresql://ann:{SECRET}%zz@db.example/ledger")  # %zz is not percent-encoding
    assert "cannot be used" in str(caught.value) and SECRET not in str(caught.value)
    with pytest.raises(LedgerError, match="invalid URI query parameter"):
        postgres.make_database("postgresql://ann@db.example/ledger?no_such_option=1")


# ---------------------------------------------------------------------------------------------------------------
# Options reach the connection


@needs_pg
def test_url_options_reach_the_connection():
    reset_pg_schema(PG_URL)
    url = with_query(PG_URL, "application_name=mastery-test&options=-c%20statement_timeout%3D4321")
    database = db.open_database(url)
    assert database.execute_sql("SHOW application_name").fetchone()[0] == "mastery-test"
    assert database.execute_sql("SHOW statement_timeout").fetchone()[0] == "4321ms"


@needs_pg
def test_sslmode_require_against_a_server_without_tls_refuses_with_a_sentence():
    url = with_query(PG_URL, f"sslmode=require&password={SECRET}")
    with pytest.raises(LedgerError) as caught:
        db.open_database(url)
    message = str(caught.value)
    assert message.startswith("Cannot connect to the server database ") and "SSL" in message
    assert SECRET not in message and "password=***" in message


@needs_pg
def test_the_urls_own_connect_timeout_is_kept():
    database = postgres.make_database(with_query(PG_URL, "connect_timeout=3"))
    database.connect()
    try:
        assert psycopg2.extensions.parse_dsn(database.connection().dsn)["connect_timeout"] == "3"
    finally:
        database.close()


# ---------------------------------------------------------------------------------------------------------------
# The server dialog's URLs: percent-encoded, read back exactly by libpq


@pytest.fixture
def odd_role():
    """A login role whose name and password are full of URL delimiters (the test server trusts 127.0.0.1, so the
    password is not checked there: its round trip through libpq's parse is)."""
    from psycopg2 import sql

    name = f"ml user@:/%#?&= {uuid.uuid4().hex[:8]}"
    password = "p@ss:/w%rd#?&=x 密码"
    admin = psycopg2.connect(PG_URL)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
    try:
        yield name, password
    finally:
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
        admin.close()


@needs_pg
def test_the_dialogs_url_with_delimiters_in_user_and_password_round_trips_and_connects(odd_role):
    from desktop.ui import server_dialogs

    name, password = odd_role
    server = psycopg2.extensions.parse_dsn(PG_URL)
    url = server_dialogs.build_url(server["host"], int(server["port"]), server["dbname"], name, password)
    parsed = psycopg2.extensions.parse_dsn(url)
    assert (parsed["user"], parsed["password"], parsed["host"], parsed["dbname"]) == (
        name,
        password,
        server["host"],
        server["dbname"],
    )
    assert server_dialogs.test_connection(url)  # the server's version text
    database = postgres.make_database(url)
    try:
        assert database.execute_sql("SELECT current_user").fetchone()[0] == name
    finally:
        database.close()
    assert "p@ss" not in postgres.redact(url) and "w%25rd" not in postgres.redact(url)


@needs_pg
def test_the_dialogs_test_connection_button_connects_with_such_a_password(odd_role, qtbot):
    from desktop.ui.server_dialogs import ServerConnectDialog

    name, password = odd_role
    server = psycopg2.extensions.parse_dsn(PG_URL)
    dialog = ServerConnectDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText(server["host"])
    dialog.port.setValue(int(server["port"]))
    dialog.database.setText(server["dbname"])
    dialog.user.setText(name)
    dialog.password.setText(password)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=20_000)
    assert dialog.status.text().startswith("Connected: PostgreSQL "), dialog.status.text()
    assert psycopg2.extensions.parse_dsn(dialog.url())["password"] == password
    assert psycopg2.extensions.parse_dsn(dialog.url(with_password=False)).get("password") is None


def test_a_failed_test_connection_names_the_server_but_not_the_password():
    from desktop.ui import server_dialogs

    url = server_dialogs.build_url("127.0.0.1", 1, "ledger", "ann", SECRET)  # nothing listens on port 1
    with pytest.raises(LedgerError) as caught:
        server_dialogs.test_connection(url)
    assert str(caught.value).startswith("Cannot connect to the server database postgresql://ann:***@127.0.0.1:1/")
    assert SECRET not in str(caught.value)


# ---------------------------------------------------------------------------------------------------------------
# Nothing written or logged holds the password


@needs_pg
def test_backup_manifest_transfer_report_and_log_hold_no_password(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    reset_pg_schema(PG_URL)
    url = with_query(PG_URL, f"password={SECRET}&application_name=mastery-test")
    db.open_database(url)
    child = services.create_profile("URL Child 网址孩子")
    services.add_word(child["id"], "苹果", "zh")
    info = server_backup.create_server_backup(reason="manual")
    manifest = info.path.with_suffix(".json").read_text(encoding="utf-8")
    assert "?password=***&application_name=mastery-test" in manifest
    db.close_database()

    result = transfer.transfer(url, str(tmp_path / "copy.db"))
    assert result.ok and result.source == postgres.redact(url)
    text = "\n".join(result.lines())
    log_files = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.log")]
    for shown in (manifest, text, caplog.text, *log_files):
        assert SECRET not in shown
