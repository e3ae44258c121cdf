"""Secrets under any common key name, at any depth of profiles, cards and chat, never reach the database, the audit
log, a backup, an export or the report — and the report names where they were (key paths, never values). Words that
merely look like secret names (keyword, monkey, author, max_tokens…) are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import services
from desktop.legacy import export
from desktop.legacy.secret_keys import is_secret_key, strip_secrets
from desktop.store import db

from .test_hostile import write_source
from .test_importer import SECRET_MARK, all_text, migrate, q, run_cli, secret_free_files

SECRET_NAMES = [
    "apiKey",
    "api_key",
    "API-KEY",
    "openaiKey",
    "OPENAI_API_KEY",
    "anthropicApiKey",
    "x-api-key",
    "api_keys",
    "access_token",
    "refresh_token",
    "id_token",
    "sessionToken",
    "githubToken",
    "csrftoken",
    "token",
    "tokens",
    "secret",
    "secrets",
    "client_secret",
    "clientSecret",
    "aws_secret_access_key",
    "secret_key",
    "password",
    "passwd",
    "pwd",
    "db_password",
    "userPassword",
    "passcode",
    "passphrase",
    "pass",
    "session_id",
    "sessionId",
    "session",
    "cookie",
    "cookies",
    "Set-Cookie",
    "auth",
    "oauth",
    "authorization",
    "Authorization",
    "bearer",
    "jwt",
    "credentials",
    "credential",
    "creds",
    "private_key_pem",
    "privateKey",
    "license_key",
    "ssh_key",
    "AWS_ACCESS_KEY_ID",
    "minecraft_token",
]
#: Kept, and why (the borderline ones are decided in contract.py's docstring).
PLAIN_NAMES = [
    "keyword",
    "keywords",
    "monkey",
    "turkey",
    "donkey",
    "keyboard",
    "key",  # "key": a card's answer key, a musical key
    "passive_language_level",
    "passage",
    "compass",
    "bypass",
    "passenger",
    "knowledge_points",
    "author",
    "authors",
    "authored_at",  # an author is a person, not an authorisation
    "max_tokens",
    "maxtokens",
    "maxTokens",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "tokens_used",
    "token_count",  # counts of an AI model's tokens
    "tokenizer",
    "sessions",
    "session_count",  # learning sessions, not a login session
    "private_notes",  # the parent's notes are data
    "public_key",
    "sort_key",
    "primary_key",  # not secret by definition
    "secretary",
    "card_model",
    "name",
    "id",
    "content",
]


@pytest.mark.parametrize("key", SECRET_NAMES)
def test_secret_key_names(key: str) -> None:
    assert is_secret_key(key)


@pytest.mark.parametrize("key", PLAIN_NAMES)
def test_names_that_are_not_secrets(key: str) -> None:
    assert not is_secret_key(key)


def test_non_text_keys_are_not_secrets() -> None:
    assert not is_secret_key(3) and not is_secret_key(None) and not is_secret_key("")


# ----------------------------------------------------------------------------------------------- end to end


def mark(n: int) -> str:
    return f"{SECRET_MARK}-{n:02d}-value"


PROFILES = [
    {
        "name": "Amy",
        "dob": "2015-01-31",
        "passive_language_level": "good",
        "openaiKey": mark(1),
        "settings": {"api_keys": [mark(2), mark(3)], "theme": "dark", "monkey": "George"},
        "keyword": "k",
        "keywords": ["a", "b"],
        "turkey": "t",
        "knowledge_points": ["kp1"],
        "author": "Dad",
        "integrations": [{"name": "anki", "auth": {"client_secret": mark(4)}, "private_key_pem": mark(5)}],
        "tokens": {"access": mark(6), "refresh": mark(7)},
        "secrets": {"db": mark(8)},
        "pwd": mark(9),
        "passcode": mark(10),
        "session_id": mark(11),
    }
]
CARDS = [
    {
        "id": "c1",
        "card_type": "basic",
        "front": "x",
        "keyword": "kw",
        "anki": {"sessionToken": mark(12), "x-api-key": mark(13), "sort_key": "s1"},
    }
]
CHAT = [
    {
        "id": "m1",
        "role": "user",
        "content": "hi",
        "timestamp": "2025-03-01T09:00:00+08:00",
        "config": {
            "OPENAI_API_KEY": mark(14),
            "cookie": mark(15),
            "Authorization": mark(16),
            "max_tokens": 500,
            "card_model": "model-x",
        },
        "history": [{"meta": {"bearer": mark(17), "aws_secret_access_key": mark(18), "temperature": 0.2}}],
    }
]
SECRET_VALUES = [mark(n) for n in range(1, 19)]
DROPPED = {
    "data/profiles/child_profiles.json": {
        "openaiKey",
        "settings.api_keys",
        "integrations[].auth",
        "integrations[].private_key_pem",
        "tokens",
        "secrets",
        "pwd",
        "passcode",
        "session_id",
    },
    "data/content_db/approved_cards.json": {"anki.sessionToken", "anki.x-api-key"},
    "data/content_db/chat_history.json": {
        "config.OPENAI_API_KEY",
        "config.cookie",
        "config.Authorization",
        "history[].meta.bearer",
        "history[].meta.aws_secret_access_key",
    },
}


def assert_plain_values_kept() -> None:
    profile = services.get_row("profiles", "amy")
    extra = json.loads(profile["extra"])
    assert extra == {
        "settings": {"theme": "dark", "monkey": "George"},
        "keyword": "k",
        "keywords": ["a", "b"],
        "turkey": "t",
        "knowledge_points": ["kp1"],
        "author": "Dad",
        "integrations": [{"name": "anki"}],
    }
    assert profile["passive_language_level"] == "good"
    assert [json.loads(c) for (c,) in q("SELECT content FROM approved_cards")] == [
        {"id": "c1", "card_type": "basic", "front": "x", "keyword": "kw", "anki": {"sort_key": "s1"}}
    ]
    assert [json.loads(e) for (e,) in q("SELECT extra FROM chat_messages")] == [
        {"config": {"max_tokens": 500, "card_model": "model-x"}, "history": [{"meta": {"temperature": 0.2}}]}
    ]


def test_secrets_at_any_depth_are_dropped_and_their_paths_reported(any_ledger, tmp_path):
    source = write_source(tmp_path / "src", PROFILES, CARDS, CHAT)
    result = migrate(source)
    assert result.status == "migrated" and result.ok, result.message
    read = result.read
    assert read.secrets_dropped == sum(len(paths) for paths in DROPPED.values()) == 16  # keys (a list is one)
    for problem in (p for p in read.problems if p.code == "secrets_dropped"):
        assert set(problem.params["fields"].split(", ")) == DROPPED[problem.file]
        assert all(path in problem.message for path in DROPPED[problem.file])
    assert {p.file for p in read.problems if p.code == "secrets_dropped"} == set(DROPPED)
    text = all_text()  # every data and audit row
    assert not [v for v in SECRET_VALUES if v in text] and SECRET_MARK not in text
    assert_plain_values_kept()


def test_no_secret_in_database_bytes_audit_backups_export_or_report(tmp_path, ledger_home):
    source = write_source(tmp_path / "src", PROFILES, CARDS, CHAT)
    ledger = tmp_path / "l.db"
    report = tmp_path / "report.json"
    done = run_cli("migrate", str(source), "--db", str(ledger), "--report", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    later = run_cli("backup", "--db", str(ledger))
    assert later.returncode == 0, later.stdout + later.stderr
    out = tmp_path / "exported"
    exported = run_cli("export-json", str(out), "--db", str(ledger))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert "Secrets (API keys, passwords, tokens) were not kept" in exported.stdout
    files = [
        p
        for p in (ledger, Path(f"{ledger}-wal"), report, *out.rglob("*"), *ledger_home.rglob("*"))
        if p.is_file() and p.suffix != ".zip"
    ]
    assert {p.name for p in out.rglob("*.json")} == {"child_profiles.json", "approved_cards.json", "chat_history.json"}
    assert any(p.parent.name == "backups" for p in files)
    for path in files:
        assert SECRET_MARK.encode() not in path.read_bytes(), path
    assert secret_free_files(ledger_home) == []  # the archive keeps the originals; its manifest holds none
    for stream in (done, later, exported):
        assert SECRET_MARK not in stream.stdout + stream.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["secrets_dropped"] == 16
    listed = " ".join(p["message"] for p in data["problems"] if p["code"] == "secrets_dropped")
    assert all(path in listed for paths in DROPPED.values() for path in paths)
    db.open_database(ledger)
    assert_plain_values_kept()


def test_export_leaves_out_secrets_a_database_already_holds(any_ledger, tmp_path):
    """A ledger migrated by an older version (or edited by hand) may hold a secret: export-json never writes it."""
    services.create_profile("Amy", extra={"openaiKey": mark(1), "theme": "dark", "nested": [{"password": mark(2)}]})
    card = {"front": "x", "meta": {"access_token": mark(3), "keyword": "k"}}
    services.add_card("amy", "basic", card)
    written = export.export_legacy(tmp_path / "out")
    text = "".join(path.read_text(encoding="utf-8") for path in written.values())
    assert SECRET_MARK not in text
    profile = json.loads(written["profiles"].read_text(encoding="utf-8"))[0]
    assert profile["theme"] == "dark" and profile["nested"] == [{}]
    assert json.loads(written["cards"].read_text(encoding="utf-8"))[0]["meta"] == {"keyword": "k"}


def test_strip_secrets_reports_paths_never_values() -> None:
    clean, paths = strip_secrets({"a": [{"tokens": {"x": mark(1)}}, {"ok": 1}], "pwd": mark(2)})
    assert clean == {"a": [{}, {"ok": 1}]} and sorted(paths) == ["a[0].tokens", "pwd"]
    assert SECRET_MARK not in repr(paths)
