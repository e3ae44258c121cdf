"""The way back: export → import gives the same content, and rollback restores the original files byte for byte —
but never outside the chosen folder, never from a tampered archive, never over an existing file."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop import cli, services
from desktop.errors import LedgerError
from desktop.legacy import export
from desktop.legacy.result import MigrationResult
from desktop.legacy.sealed import HEADER_LEN, ArchiveReader, is_sealed
from desktop.store import db

from .corpus import write_corpus
from .test_importer import grammar_of, instant, migrate, profile_row, q, run_cli, tree_state, untouched, words_of


def content() -> dict[str, Any]:
    """The open database's content without surrogate ids and added_at: what a round trip must keep."""
    pids = sorted(pid for (pid,) in q("SELECT id FROM profiles"))
    cards = []
    for pid, card_type, text, status, legacy_id in q(
        "SELECT profile_id, card_type, content, status, legacy_id FROM approved_cards"
    ):
        card = json.loads(text)
        cards.append((pid, card_type, status, legacy_id, text, tuple(card)))  # the text: values and key order
    chat = []
    for pid, legacy_id, role, text, stamp, mentions, extra in q(
        "SELECT profile_id, legacy_id, role, content, timestamp, mentions, extra FROM chat_messages"
    ):
        chat.append(
            (
                pid,
                legacy_id,
                role,
                text,
                str(instant(stamp)),
                json.loads(mentions or "[]"),
                json.dumps(json.loads(extra) if extra else {}, sort_keys=True),
            )
        )
    return {
        "profiles": {pid: profile_row(pid) for pid in pids},
        "words": {(pid, lang): words_of(pid, lang) for pid in pids for lang in ("zh", "en")},
        "grammar": {pid: grammar_of(pid) for pid in pids},
        "cards": sorted(cards, key=repr),
        "chat": sorted(chat, key=repr),
    }


def reopen_empty(engine_target: str, tmp_path: Path) -> None:
    """Close the open database and open an empty one on the same engine."""
    db.close_database()
    if db.is_server_url(engine_target):
        from desktop.store.postgres import make_database

        server = make_database(engine_target)
        server.connect()
        try:
            server.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
            server.execute_sql("CREATE SCHEMA public")
        finally:
            server.close()
        db.open_database(engine_target)
    else:
        db.open_database(tmp_path / "second.db")


def test_export_then_import_gives_the_same_content(engine_target, tmp_path):
    db.open_database(engine_target)
    info = write_corpus(
        tmp_path / "src",
        profiles=4,
        old_layout={3},
        arrays={2},
        legacy_ids={1},
        untyped_cards=2,
        slug_clash=False,
        chats=30,
    )
    chat_file = info["files"]["chat"]
    messages = json.loads(chat_file.read_text(encoding="utf-8"))
    messages[3]["timestamp"] = "sometime next week"  # unreadable: kept as it was written
    chat_file.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
    result = migrate(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    assert result.status == "migrated", result.message
    # records of other children, and values the legacy string lists cannot carry, added in the app
    b, c = info["profiles"][1]["id"], info["profiles"][2]["id"]
    services.add_card(b, "cloze", {"front": "{{c1::猫}}", "back": "cat", "tags": ["app"]}, status="approved")
    services.add_chat_message(c, "user", "made in the app", mentions=[c])
    services.add_word(b, "salt, pepper", "en")
    services.add_word(c, "冰 淇淋", "zh")
    services.add_grammar(c, "http://srs4autism.com/instance/gp-a1-001-with,comma")
    services.update_profile(b, None, school="Edited School", interests=["chess", "象棋"])
    before = content()
    assert len({card[0] for card in before["cards"]}) == 2 and len({m[0] for m in before["chat"]}) >= 3
    assert any(m[4] == "None" for m in before["chat"])  # the unreadable time is in the round trip

    written = export.export_legacy(tmp_path / "out")
    assert sorted(written) == ["cards", "chat", "profiles"]
    profiles = json.loads(written["profiles"].read_text(encoding="utf-8"))
    plain = next(p for p in profiles if p["id"] == info["profiles"][0]["id"])
    assert isinstance(plain["mastered_words"], str) and isinstance(plain["mastered_grammar"], str)  # the old format
    assert "salt, pepper" in next(p for p in profiles if p["id"] == b)["mastered_english_words"]  # as a JSON array

    reopen_empty(engine_target, tmp_path)
    with untouched(tmp_path / "out"):
        again = migrate(tmp_path / "out", assume_tz="+08:00")
    assert again.status == "migrated" and again.ok, again.message
    assert content() == before


def test_export_json_command(any_ledger, engine_target, sample_legacy, tmp_path, monkeypatch, capsys):
    result = migrate(sample_legacy, assign_to="Test Child 2 (测试孩子2）")
    assert result.status == "migrated"
    db.close_database()
    monkeypatch.setattr(cli, "setup_logging", lambda: None)
    assert cli.main(["export-json", str(tmp_path / "out"), "--db", engine_target]) == 0
    out = capsys.readouterr().out
    assert "child_profiles.json" in out and "chat_history.json" in out
    cards = json.loads((tmp_path / "out" / "data" / "content_db" / "approved_cards.json").read_text("utf-8"))
    assert len(cards) == 12 and {c["_ledger_profile_id"] for c in cards} == {"test-child-2-(测试孩子2）"}


# ------------------------------------------------------------------------------------------------------- rollback


@pytest.fixture
def migrated(any_ledger, tmp_path) -> tuple[dict[str, Any], MigrationResult]:
    info = write_corpus(tmp_path / "src", profiles=2, escaped={"profiles"}, bom={"chat"})
    result = migrate(info["read_path"], assume_tz=info["assume_tz"], assign_to=info["profiles"][0]["name"])
    assert result.status == "migrated" and result.archive is not None
    return info, result


def test_rollback_restores_the_original_files_byte_for_byte(migrated, tmp_path):
    info, result = migrated
    target = tmp_path / "restored"
    written = export.rollback(result.archive, target)
    # every file the old app kept: the three migrated, its side files and its own backups
    source = result.read.source_root
    originals = {p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    assert len(originals) > 3
    assert all(any(rel == side or rel.startswith(side + "/") for rel in originals) for side in info["side_files"])
    assert {p.relative_to(target).as_posix() for p in written} == set(originals)
    assert {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()} == originals
    # and from the command line, into another empty folder
    done = run_cli("rollback", str(result.archive), str(tmp_path / "again"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert tree_state(tmp_path / "again").keys() == tree_state(target).keys()
    assert all((tmp_path / "again" / rel).read_bytes() == (target / rel).read_bytes() for rel in tree_state(target))


def _archive(path: Path, files: list[tuple[str, bytes]], manifest_paths: list[str] | None = None) -> Path:
    """A migration archive holding ``files``; the manifest names ``manifest_paths`` (default: the same paths)."""
    names = manifest_paths or [name for name, _ in files]
    entries = [
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, (_, data) in zip(names, files, strict=True)
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(f"files/{name}", data)
        zf.writestr("manifest.json", json.dumps({"app_version": "x", "files": entries}))
    return path


GOOD = ("data/profiles/child_profiles.json", b'[{"id": null, "name": "Kid"}]')


@pytest.mark.parametrize(
    "evil", ["../evil.json", "/abs.json", "data/../../evil.json", "..\\evil.json", "C:evil.json", "TMP_ABSOLUTE"]
)
def test_rollback_refuses_paths_outside_the_folder(tmp_path, evil):
    if evil == "TMP_ABSOLUTE":
        evil = str(tmp_path / "abs.json")
    archive = _archive(tmp_path / "evil.zip", [GOOD, (evil, b"[]")])
    target = tmp_path / "box" / "restored"
    with pytest.raises(LedgerError, match="outside the chosen folder"):
        export.rollback(archive, target)
    assert not target.exists()  # not even the good file
    assert not (tmp_path / "box" / "evil.json").exists() and not (tmp_path / "evil.json").exists()
    assert not (tmp_path / "abs.json").exists() and not Path("/abs.json").exists()


def test_rollback_refuses_a_symlink_that_leads_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "restored"
    target.mkdir()
    (target / "data").symlink_to(outside, target_is_directory=True)
    archive = _archive(tmp_path / "a.zip", [GOOD])
    with pytest.raises(LedgerError, match="outside the chosen folder"):
        export.rollback(archive, target)
    assert list(outside.iterdir()) == []


def _flip_member_byte(archive: Path, member: str) -> None:
    with zipfile.ZipFile(archive) as zf:
        zinfo = zf.getinfo(member)
    data = bytearray(archive.read_bytes())
    name_len, extra_len = struct.unpack("<HH", data[zinfo.header_offset + 26 : zinfo.header_offset + 30])
    start = zinfo.header_offset + 30 + name_len + extra_len
    data[start + zinfo.compress_size // 2] ^= 0x01
    archive.write_bytes(bytes(data))


def _decrypted(archive: Path) -> bytes:
    """The plain zip inside an encrypted migration archive (what an archive of an earlier version was)."""
    reader = ArchiveReader(archive)
    try:
        return reader.read()
    finally:
        reader.close()


def test_rollback_refuses_an_altered_encrypted_archive(migrated, tmp_path):
    info, result = migrated
    assert is_sealed(result.archive)
    for n, where in enumerate((HEADER_LEN + 10, result.archive.stat().st_size - 5)):
        altered = tmp_path / f"altered-{n}.zip.enc"
        data = bytearray(result.archive.read_bytes())
        data[where] ^= 0x01
        altered.write_bytes(bytes(data))
        with pytest.raises(LedgerError, match="altered"):
            export.rollback(altered, tmp_path / f"r{n}")
        assert not (tmp_path / f"r{n}").exists()
    cut = tmp_path / "cut.zip.enc"
    cut.write_bytes(result.archive.read_bytes()[:-100])
    with pytest.raises(LedgerError, match="altered|not a readable"):
        export.rollback(cut, tmp_path / "r-cut")
    done = run_cli("rollback", str(cut), str(tmp_path / "r-cli"))
    assert done.returncode == 1 and "nothing was restored" in done.stderr + done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_rollback_refuses_a_tampered_archive(migrated, tmp_path):
    info, result = migrated
    rel = result.read.files["cards"].relpath
    plain = tmp_path / "plain.zip"  # as an earlier version wrote it: the zip checks hold for those too
    plain.write_bytes(_decrypted(result.archive))
    # a flipped byte inside a member
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(plain.read_bytes())
    _flip_member_byte(flipped, f"files/{rel}")
    with pytest.raises(LedgerError, match="damaged|checksum"):
        export.rollback(flipped, tmp_path / "r1")
    assert not (tmp_path / "r1").exists()
    # a member replaced by other bytes (a valid zip), the manifest left as it was
    replaced = tmp_path / "replaced.zip"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(replaced, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == f"files/{rel}":
                data = data.replace(b"pending", b"approved", 1)
            dst.writestr(item, data)
    with pytest.raises(LedgerError, match="does not match its checksum|does not have the size its manifest gives"):
        export.rollback(replaced, tmp_path / "r2")
    assert not (tmp_path / "r2").exists()
    # and on the command line: a sentence, exit 1
    for archive in (flipped, replaced):
        done = run_cli("rollback", str(archive), str(tmp_path / "r3"))
        assert done.returncode == 1 and "nothing was restored" in done.stderr
        assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "r3").exists()


@pytest.mark.parametrize("manifest", [b"not json", b'{"files": "x"}', b'{"files": [{"path": 3}]}', b"[]"])
def test_rollback_refuses_a_malformed_manifest(tmp_path, manifest):
    archive = tmp_path / "m.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("files/a.json", b"[]")
        zf.writestr("manifest.json", manifest)
    with pytest.raises(LedgerError, match="no readable manifest"):
        export.rollback(archive, tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_rollback_never_overwrites_a_file(migrated, tmp_path):
    info, result = migrated
    target = tmp_path / "restored"
    existing = target / result.read.files["chat"].relpath
    existing.parent.mkdir(parents=True)
    existing.write_bytes(b"the user's own file")
    with pytest.raises(LedgerError, match="already exists"):
        export.rollback(result.archive, target)
    assert existing.read_bytes() == b"the user's own file"
    assert [p for p in target.rglob("*") if p.is_file()] == [existing]
    done = run_cli("rollback", str(result.archive), str(target))
    assert done.returncode == 1 and "already exists" in done.stderr and "Traceback" not in done.stderr


def test_rollback_of_something_that_is_not_an_archive(tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    with pytest.raises(LedgerError, match="not a readable migration archive"):
        export.rollback(bogus, tmp_path / "r")
