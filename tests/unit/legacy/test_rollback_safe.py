"""Rollback and export that cannot hurt: a zip bomb is refused before it is read and memory stays small while
streaming; a rollback that fails midway leaves the folder byte for byte as it was; every file of the old app comes
back, side files included; export-json never silently overwrites the old app's files."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from desktop.errors import LedgerError
from desktop.legacy import export
from desktop.legacy.archive import open_archive

from .test_importer import migrate, run_cli, tree_state

PROFILES = ("data/profiles/child_profiles.json", b'[{"id": null, "name": "Kid"}]')
TEMPLATES = ("data/profiles/prompt_templates.json", b'[{"name": "t"}]')
CHAT = ("data/content_db/chat_history.json", b"[]")
BIG = "data/content_db/approved_cards.json"
MB = 1024 * 1024


def make_archive(path: Path, files: list[tuple[str, bytes]], sizes: dict[str, int] | None = None) -> Path:
    """A migration archive of ``files`` whose manifest gives their true size and hash (or ``sizes[name]``)."""
    sizes = sizes or {}
    entries = [
        {"path": name, "size": sizes.get(name, len(data)), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in files
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(f"files/{name}", data)
        zf.writestr("manifest.json", json.dumps({"app_version": "x", "files": entries}))
    return path


def declare_size(archive: Path, member: str, size: int) -> None:
    """Make the zip headers (local and central) of ``member`` declare ``size`` uncompressed bytes."""
    with zipfile.ZipFile(archive) as zf:
        offset = zf.getinfo(member).header_offset
    data = bytearray(archive.read_bytes())
    struct.pack_into("<I", data, offset + 22, size)
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    else:
        raise AssertionError(f"{member} not in the central directory")
    archive.write_bytes(bytes(data))


def peak_memory(call) -> tuple[int, object]:
    """Peak bytes Python allocated while ``call()`` ran, and what it returned or raised."""
    tracemalloc.start()
    try:
        try:
            outcome: object = call()
        except LedgerError as exc:
            outcome = exc
        return tracemalloc.get_traced_memory()[1], outcome
    finally:
        tracemalloc.stop()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "rollback" in p.name)


# ---------------------------------------------------------------------------------------------------- zip bombs


def test_an_entry_declaring_more_than_its_manifest_is_refused_before_reading(tmp_path):
    archive = make_archive(tmp_path / "bomb.zip", [PROFILES, (BIG, bytes(2 * MB))])
    declare_size(archive, f"files/{BIG}", 1_500_000_000)  # a 2 KB zip "holding" 1.5 GB
    assert archive.stat().st_size < 64 * 1024
    peak, outcome = peak_memory(lambda: export.rollback(archive, tmp_path / "out"))
    assert isinstance(outcome, LedgerError) and "does not have the size its manifest gives" in str(outcome)
    assert peak < 8 * MB
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []
    done = run_cli("rollback", str(archive), str(tmp_path / "out"))
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "does not have the size its manifest gives" in done.stderr and "nothing was restored" in done.stderr
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


def test_a_huge_entry_agreeing_with_its_manifest_is_refused_before_reading(tmp_path):
    archive = make_archive(tmp_path / "bomb.zip", [PROFILES, (BIG, bytes(2 * MB))], sizes={BIG: 1_500_000_000})
    declare_size(archive, f"files/{BIG}", 1_500_000_000)
    peak, outcome = peak_memory(lambda: export.rollback(archive, tmp_path / "out"))
    assert isinstance(outcome, LedgerError) and "far more than any file of the old app" in str(outcome)
    assert peak < 8 * MB
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


def test_an_entry_expanding_past_its_declared_size_is_cut_off(tmp_path):
    data = bytes(16 * MB)
    archive = make_archive(tmp_path / "bomb.zip", [PROFILES, (BIG, data)], sizes={BIG: MB})
    declare_size(archive, f"files/{BIG}", MB)  # headers and manifest say 1 MB; the stream inflates to 16 MB
    peak, outcome = peak_memory(lambda: export.rollback(archive, tmp_path / "out"))
    assert isinstance(outcome, LedgerError) and "nothing was restored" in str(outcome)
    assert peak < 8 * MB
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


def test_a_manifest_declaring_a_huge_size_is_not_read(tmp_path):
    archive = make_archive(tmp_path / "bomb.zip", [PROFILES])
    declare_size(archive, "manifest.json", 1_000_000_000)
    with pytest.raises(LedgerError, match="no readable manifest"):
        export.rollback(archive, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_big_entries_are_streamed_not_read_whole(tmp_path):
    data = b"[" + b" " * (40 * MB) + b"]"
    archive = make_archive(tmp_path / "big.zip", [PROFILES, (BIG, data)])
    peak, outcome = peak_memory(lambda: export.rollback(archive, tmp_path / "out"))
    assert not isinstance(outcome, LedgerError), outcome
    assert (tmp_path / "out" / BIG).read_bytes() == data
    assert peak < 8 * MB  # a fifth of the entry: never held whole
    for path in (tmp_path / "out").rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


# ------------------------------------------------------------------------------------------------ all or nothing


@pytest.fixture
def own_folder(tmp_path) -> Path:
    """A folder the user already keeps other files in."""
    folder = tmp_path / "restored"
    (folder / "data" / "profiles").mkdir(parents=True)
    (folder / "notes.txt").write_bytes(b"the user's notes")
    (folder / "data" / "profiles" / "readme.md").write_bytes(b"mine")
    return folder


def test_a_rollback_failing_midway_leaves_a_new_folder_absent(tmp_path):
    bad = ("data/content_db/approved_cards.json", b"[1]")
    archive = make_archive(tmp_path / "a.zip", [PROFILES, TEMPLATES, CHAT, bad])
    _corrupt_hash(archive, bad[0])
    with pytest.raises(LedgerError, match="does not match its checksum"):
        export.rollback(archive, tmp_path / "new" / "restored")
    assert not (tmp_path / "new").exists() and leftovers(tmp_path) == []


def test_a_rollback_failing_while_extracting_leaves_the_folder_byte_identical(tmp_path, own_folder):
    bad = ("data/content_db/approved_cards.json", b"[1]")
    archive = make_archive(tmp_path / "a.zip", [PROFILES, TEMPLATES, CHAT, bad])
    _corrupt_hash(archive, bad[0])  # three files extracted, then the fourth fails its check
    before = tree_state(own_folder)
    with pytest.raises(LedgerError, match="does not match its checksum"):
        export.rollback(archive, own_folder)
    assert tree_state(own_folder) == before
    assert sorted(p.relative_to(own_folder).as_posix() for p in own_folder.rglob("*")) == [
        "data",
        "data/profiles",
        "data/profiles/readme.md",
        "notes.txt",
    ]
    assert leftovers(tmp_path) == []


def test_a_rollback_failing_while_moving_into_place_puts_everything_back(tmp_path, own_folder, monkeypatch):
    archive = make_archive(tmp_path / "a.zip", [PROFILES, TEMPLATES, CHAT])
    before = tree_state(own_folder)
    real_rename, calls = os.rename, []

    def failing_rename(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the third file cannot be moved: the disk is full, say
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(export.os, "rename", failing_rename)
    with pytest.raises(LedgerError, match="nothing was restored"):
        export.rollback(archive, own_folder)
    monkeypatch.undo()
    assert tree_state(own_folder) == before
    assert not (own_folder / "data" / "content_db").exists()
    assert leftovers(tmp_path) == []
    # and once the disk has room again, the same rollback goes through
    written = export.rollback(archive, own_folder)
    assert sorted(p.relative_to(own_folder).as_posix() for p in written) == sorted(
        n for n, _ in (PROFILES, TEMPLATES, CHAT)
    )
    assert (own_folder / "notes.txt").read_bytes() == b"the user's notes"


def _corrupt_hash(archive: Path, rel: str) -> None:
    """Rewrite the archive with a manifest whose hash for ``rel`` is wrong (size unchanged)."""
    with zipfile.ZipFile(archive) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == rel:
            entry["sha256"] = "0" * 64
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


# --------------------------------------------------------------------------------------------- every file back


def test_rollback_gives_back_every_file_side_files_included(any_ledger, sample_legacy, tmp_path):
    result = migrate(sample_legacy, assign_to="Test Child 2 (测试孩子2）")
    assert result.status == "migrated" and result.archive is not None
    originals = {
        p.relative_to(sample_legacy).as_posix(): p.read_bytes()
        for p in (sample_legacy / "data").rglob("*")
        if p.is_file()
    }
    assert len(originals) == 5 and "data/profiles/anki_profiles.json" in originals
    with open_archive(result.archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert {e["path"] for e in manifest["files"]} == set(originals)
    written = export.rollback(result.archive, tmp_path / "api")
    assert {p.relative_to(tmp_path / "api").as_posix(): p.read_bytes() for p in written} == originals
    done = run_cli("rollback", str(result.archive), str(tmp_path / "cli"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert {
        p.relative_to(tmp_path / "cli").as_posix(): p.read_bytes() for p in (tmp_path / "cli").rglob("*") if p.is_file()
    } == originals


# ------------------------------------------------------------------------------------------------- export-json


def test_export_refuses_the_old_apps_folder_unless_told_to_overwrite(
    any_ledger, engine_target, sample_legacy, tmp_path
):
    result = migrate(sample_legacy, assign_to="Test Child 2 (测试孩子2）")
    assert result.status == "migrated"
    before = tree_state(sample_legacy)
    with pytest.raises(export.OldFilesPresent, match="already holds the old app's files"):
        export.export_legacy(sample_legacy)
    assert tree_state(sample_legacy) == before
    done = run_cli("export-json", str(sample_legacy), "--db", engine_target)
    assert done.returncode == 1 and "--overwrite" not in done.stdout and "already holds" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert tree_state(sample_legacy) == before
    old = {
        rel: (sample_legacy / rel).read_bytes()
        for rel in (
            "data/profiles/child_profiles.json",
            "data/content_db/approved_cards.json",
            "data/content_db/chat_history.json",
        )
    }
    done = run_cli("export-json", str(sample_legacy), "--db", engine_target, "--overwrite")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Secrets (API keys, passwords, tokens) were not kept" in done.stdout
    for rel, data in old.items():
        bak = sample_legacy / f"{rel}.bak"
        assert bak.read_bytes() == data
        assert stat.S_IMODE(bak.stat().st_mode) == 0o600
        assert (sample_legacy / rel).read_bytes() != data
        json.loads((sample_legacy / rel).read_text(encoding="utf-8"))
    # the files export does not write are left alone
    for rel in ("data/profiles/anki_profiles.json", "data/profiles/prompt_templates.json"):
        assert tree_state(sample_legacy)[rel] == before[rel]
    # a second overwrite keeps the first backups and adds new ones
    assert export.export_legacy(sample_legacy, overwrite=True)
    assert (sample_legacy / "data/profiles/child_profiles.json.bak").read_bytes() == old[
        "data/profiles/child_profiles.json"
    ]
    assert (sample_legacy / "data/profiles/child_profiles.json.bak-2").exists()


def test_export_into_an_empty_or_unrelated_folder_needs_no_overwrite(any_ledger, sample_legacy, tmp_path):
    migrate(sample_legacy, assign_to="Test Child 2 (测试孩子2）")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "notes.json").write_text("{}")
    written = export.export_legacy(tmp_path / "elsewhere")
    assert all(path.exists() for path in written.values())
    assert not list((tmp_path / "elsewhere").rglob("*.bak"))
