"""The way back: export the database into the legacy layout, and restore the original files from a migration's
source archive.

Export writes ``<out>/data/profiles/child_profiles.json``, ``<out>/data/content_db/approved_cards.json`` and
``<out>/data/content_db/chat_history.json`` in the old app's format (word lists joined with ", ", grammar with
","), so the old app can read them and importing them again gives the same database content. The legacy format
has no owner for cards and chat; each exported card and message carries ``_ledger_profile_id`` (the old app
ignores unknown keys) so that a re-import puts it back with the same child.

Export never keeps a secret: keys that `is_secret_key` names are left out of profiles, cards and chat
(an older version may have stored some). It refuses a folder that already holds the old app's files unless told to
overwrite them; the old ones are then kept beside the new as ``<name>.bak``.

Rollback extracts an archive's files byte-for-byte, each checked against the archive's manifest, into a folder the
user picks — never outside it, whatever paths the archive holds. Sizes are checked against the manifest before
anything is read, entries are streamed (never read whole into memory) with the declared size as a cap, and
everything is extracted into a temporary folder beside the target first: either every file arrives, or the target
is left exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from desktop import paths, services
from desktop.errors import LedgerError
from desktop.legacy import contract
from desktop.legacy.archive import open_archive
from desktop.legacy.contract import OWNER_KEY
from desktop.legacy.parse import find_legacy_files
from desktop.legacy.problems import LegacySourceError
from desktop.legacy.records import CARDS_FILE, CHAT_FILE, PROFILES_FILE, TEXT_COLUMNS
from desktop.legacy.secret_keys import strip_secrets
from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile
from desktop.store import db

#: How the reader splits each list: a list that would not split back into the same entries is written as a JSON
#: array (which the reader also accepts), e.g. a word with a comma that was added in the app.
SPLITTERS = {
    "mastered_words": contract.split_zh,
    "mastered_english_words": contract.split_en,
    "mastered_grammar": contract.split_grammar,
}

PROFILE_KEYS = (*TEXT_COLUMNS, "mental_age")  # written in this order, as the old app did


def _write_json(path: Path, value: Any) -> None:
    paths.make_private_dir(path.parent)
    with paths.replacing(path, "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False, indent=2)


class OldFilesPresent(LedgerError):
    """The export folder already holds the old app's files; ``found`` lists them."""

    def __init__(self, out: Path, found: list[Path]) -> None:
        self.found = found
        names = ", ".join(contract.show_text(p.relative_to(out).as_posix()) for p in found[:5])
        if len(found) > 5:
            super().__init__(
                code="old_files_present_more", folder=contract.show_text(out), names=names, more=len(found) - 5
            )
        else:
            super().__init__(code="old_files_present", folder=contract.show_text(out), names=names)


def old_app_files(out_dir: str | os.PathLike[str]) -> list[Path]:
    """The old app's JSON files in ``out_dir`` (in any of the layouts the importer reads), side files included."""
    try:
        found = find_legacy_files(out_dir)
    except LegacySourceError:
        return []
    files = [p for p in (found.profiles, found.cards, found.chat) if p is not None]
    return files + [side.path for side in found.side_files]


def _keep_as_bak(path: Path) -> Path:
    """Copy ``path`` to ``<name>.bak`` (``.bak-2``, ``-3`` … if taken), owner-only; returns the copy."""
    bak = path.with_name(path.name + ".bak")
    n = 1
    while bak.exists():
        n += 1
        bak = path.with_name(f"{path.name}.bak-{n}")
    with open(path, "rb") as src, paths.replacing(bak, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return bak


def _no_secrets(value: Any) -> Any:
    return strip_secrets(value)[0]


#: Said wherever records leave the encrypted database as plain files (export-json; the window's export too).
PLAIN_TEXT_WARNING = (
    "Warning: these files are plain text, not encrypted: anyone who gets a copy can read the children's records. "
    "Keep them on this computer, and delete them when you no longer need them."
)


def export_legacy(
    out_dir: str | os.PathLike[str], progress: Callable[[int, int, str], None] | None = None, overwrite: bool = False
) -> dict[str, Path]:
    """Export the open database into ``out_dir`` in the legacy layout; returns the files written.

    A folder that holds the old app's files is refused (OldFilesPresent) unless ``overwrite``; then every file
    this export replaces is first kept as ``<name>.bak``.  Secrets are never written.
    """
    db.current()
    out = Path(out_dir)
    existing = old_app_files(out)
    if existing and not overwrite:
        raise OldFilesPresent(out, existing)
    profiles = [_exported_profile(row) for row in Profile.select().order_by(Profile.created_at, Profile.id)]
    if progress:
        progress(1, 3, "profiles")
    cards = _exported_cards()
    if progress:
        progress(2, 3, "cards")
    chats = _exported_chats()
    written = {
        "profiles": out / "data" / "profiles" / PROFILES_FILE,
        "cards": out / "data" / "content_db" / CARDS_FILE,
        "chat": out / "data" / "content_db" / CHAT_FILE,
    }
    for path in written.values():
        if path.exists():
            _keep_as_bak(path)
    _write_json(written["profiles"], profiles)
    _write_json(written["cards"], cards)
    _write_json(written["chat"], chats)
    if progress:
        progress(3, 3, "chat")
    return written


def _exported_profile(row: Profile) -> dict[str, Any]:
    """One profile as the old app wrote it: its columns, word lists, and the keys only the old app knew."""
    obj: dict[str, Any] = {"id": row.id, "name": row.name}
    for key in PROFILE_KEYS:
        obj[key] = getattr(row, key)
    for key in ("interests", "character_roster", "extracted_data"):
        value = getattr(row, key)
        obj[key] = json.loads(value) if value is not None else None
    for lang, key in (("zh", "mastered_words"), ("en", "mastered_english_words")):
        words = [
            w
            for (w,) in services.tuples(
                MasteredWord.select(MasteredWord.word)
                .where((MasteredWord.profile == row.id) & (MasteredWord.language == lang))
                .order_by(MasteredWord.id)
            )
        ]
        obj[key] = _word_list(key, words, ", ")
    grammar = [
        g
        for (g,) in services.tuples(
            MasteredGrammar.select(MasteredGrammar.grammar_uri)
            .where(MasteredGrammar.profile == row.id)
            .order_by(MasteredGrammar.id)
        )
    ]
    obj["mastered_grammar"] = _word_list("mastered_grammar", grammar, ",")
    if row.extra:
        for key, value in _no_secrets(json.loads(row.extra)).items():
            obj.setdefault(key, value)
    exported: dict[str, Any] = _no_secrets(obj)
    return exported


def _exported_cards() -> list[dict[str, Any]]:
    cards = []
    for pid, content, card_type, status in services.tuples(
        ApprovedCard.select(
            ApprovedCard.profile, ApprovedCard.content, ApprovedCard.card_type, ApprovedCard.status
        ).order_by(ApprovedCard.id)
    ):
        card = _no_secrets(json.loads(content))
        stated = card.get("card_type")
        if card_type != (stated if isinstance(stated, str) and stated.strip() else "unknown"):
            card["card_type"] = card_type  # changed in the app (a card without a type was read as "unknown")
        if status is not None:
            card["status"] = status
        card[OWNER_KEY] = pid
        cards.append(card)
    return cards


def _exported_chats() -> list[dict[str, Any]]:
    chats = []
    for pid, legacy_id, role, content, stamp, mentions, extra in services.tuples(
        ChatMessage.select(
            ChatMessage.profile,
            ChatMessage.legacy_id,
            ChatMessage.role,
            ChatMessage.content,
            ChatMessage.timestamp,
            ChatMessage.mentions,
            ChatMessage.extra,
        ).order_by(ChatMessage.timestamp, ChatMessage.id)
    ):
        message = {
            "id": legacy_id,
            "role": role,
            "content": content,
            "timestamp": stamp,
            "mentions": json.loads(mentions) if mentions else [],
        }
        if extra:
            for key, value in _no_secrets(json.loads(extra)).items():
                if key == "timestamp" and stamp is None:
                    message[key] = value  # a time the importer could not read, kept as it was written
                message.setdefault(key, value)
        message[OWNER_KEY] = pid
        chats.append(message)
    return chats


def _word_list(key: str, words: list[str], separator: str) -> str | list[str]:
    joined = separator.join(words)
    return joined if SPLITTERS[key](joined)[0] == words else words


def _safe_target(out_dir: Path, member: str) -> Path:
    """Where an archive member may be written: inside ``out_dir`` only."""
    pure = PurePosixPath(member.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise LedgerError(code="archive_path_outside", member=repr(member))
    target = (out_dir / Path(*pure.parts)).resolve()
    if out_dir.resolve() not in target.parents:
        raise LedgerError(code="archive_path_outside", member=repr(member))
    return target


#: The manifest is a short JSON list; anything bigger is not one of ours.
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
#: No file the old app kept comes near this (its biggest, the cards with inline images, are tens of MB).
MAX_FILE_BYTES = 1024 * 1024 * 1024
#: Room left on the disk after a rollback.
SPARE_BYTES = 16 * 1024 * 1024
CHUNK = 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


def _read_manifest(zf: zipfile.ZipFile, archive: str | os.PathLike[str]) -> list[dict[str, Any]]:
    shown = contract.show_text(archive)
    try:
        info = zf.getinfo("manifest.json")
        if info.file_size > MAX_MANIFEST_BYTES:
            raise LedgerError(code="archive_no_manifest", archive=shown)
        with zf.open(info) as fh:
            manifest = json.loads(fh.read(MAX_MANIFEST_BYTES + 1))
        entries = manifest["files"]
        if not isinstance(entries, list) or not all(
            isinstance(e, dict)
            and isinstance(e.get("path"), str)
            and isinstance(e.get("size"), int)
            and not isinstance(e.get("size"), bool)
            and e["size"] >= 0
            and isinstance(e.get("sha256"), str)
            for e in entries
        ):
            raise ValueError("malformed manifest")
    except (KeyError, TypeError, ValueError, *_ZIP_ERRORS) as exc:
        raise LedgerError(code="archive_no_manifest", archive=shown) from exc
    return entries


def _plan_rollback(
    zf: zipfile.ZipFile, entries: list[dict[str, Any]], out: Path
) -> list[tuple[str, zipfile.ZipInfo, dict[str, Any]]]:
    """Check every entry before anything is read: a path inside ``out`` that is free, a member whose declared size
    is the manifest's, no file bigger than MAX_FILE_BYTES, room on the disk."""
    planned = []
    seen: set[str] = set()
    for entry in entries:
        rel = entry["path"]
        shown = contract.show_text(rel)
        target = _safe_target(out, rel)
        key = target.as_posix().casefold()
        if key in seen:
            raise LedgerError(code="archive_names_twice", file=shown)
        seen.add(key)
        try:
            member = zf.getinfo(f"files/{rel}")
        except KeyError as exc:
            raise LedgerError(code="archive_file_missing", file=shown) from exc
        if member.file_size != entry["size"]:
            raise LedgerError(code="archive_size_mismatch", file=shown, size=member.file_size, expected=entry["size"])
        if entry["size"] > MAX_FILE_BYTES:
            raise LedgerError(code="archive_file_too_big", file=shown, size=entry["size"])
        if target.exists() or target.is_symlink():
            raise LedgerError(code="restore_target_exists", path=contract.show_text(target))
        planned.append((rel, member, entry))
    needed = sum(entry["size"] for _, _, entry in planned) + SPARE_BYTES
    existing = next(p for p in (out, *out.parents) if p.exists())
    if shutil.disk_usage(existing).free < needed:
        raise LedgerError(code="restore_no_space", folder=contract.show_text(existing), size=needed - SPARE_BYTES)
    return planned


def _extract(zf: zipfile.ZipFile, member: zipfile.ZipInfo, entry: dict[str, Any], target: Path) -> None:
    """Stream one member into ``target`` (owner-only), never more than its declared size; check size and hash.

    Not :func:`desktop.paths.replacing`: ``target`` is a new file in a private staging folder that the rollback
    moves into place whole (or removes), so the staging folder, not a rename per file, is what makes it atomic."""
    shown = contract.show_text(entry["path"])
    digest, size = hashlib.sha256(), 0
    paths.make_private_dir(target.parent)
    try:
        with zf.open(member) as src, open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as dst:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > entry["size"]:
                    raise LedgerError(code="archive_file_bigger", file=shown)
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except _ZIP_ERRORS as exc:
        raise LedgerError(code="archive_file_damaged", file=shown, detail=str(exc)) from exc
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise LedgerError(code="archive_checksum", file=shown)


def _move_into(staging: Path, out: Path, rels: list[str]) -> None:
    """Move the extracted files into an existing ``out``; on any failure, move back what was moved."""
    moved: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for rel in rels:
            source, target = staging.joinpath(*PurePosixPath(rel).parts), out.joinpath(*PurePosixPath(rel).parts)
            missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
            for folder in reversed(missing):
                paths.make_private_dir(folder)
                made.append(folder)
            if target.exists() or target.is_symlink():
                raise LedgerError(code="restore_target_exists", path=contract.show_text(target))
            os.rename(source, target)
            moved.append((target, source))
    except BaseException:
        for target, source in reversed(moved):
            os.rename(target, source)
        for folder in reversed(made):
            folder.rmdir()
        raise


def rollback(archive: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Restore the original legacy files from a migration's source archive into ``out_dir``, byte-for-byte:
    every file the archive's manifest lists (the files migrated, the old app's side files and backups).

    All or nothing: sizes are checked against the manifest before reading, each entry is streamed into a
    temporary folder beside ``out_dir`` and checked against its size and SHA-256, and only when every file is
    there are they moved into ``out_dir`` (a new folder is renamed into place whole). Existing files are never
    overwritten; a failure raises LedgerError and leaves ``out_dir`` as it was.
    """
    out = Path(out_dir)
    try:
        zf = open_archive(archive)  # decrypted as it is read (issue 17)
    except (OSError, *_ZIP_ERRORS) as exc:
        raise LedgerError(code="archive_unreadable", archive=contract.show_text(archive)) from exc
    with zf:
        planned = _plan_rollback(zf, _read_manifest(zf, archive), out)
        missing_parents = [d for d in (out.parent, *out.parent.parents) if not d.exists()]
        for folder in reversed(missing_parents):
            paths.make_private_dir(folder)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-rollback-", dir=out.parent))
        try:
            for rel, member, entry in planned:
                _extract(zf, member, entry, staging.joinpath(*PurePosixPath(rel).parts))
            if out.exists():
                _move_into(staging, out, [rel for rel, _, _ in planned])
            else:
                os.rename(staging, out)
        except OSError as exc:
            raise LedgerError(code="restore_files_failed", reason=exc.strerror or type(exc).__name__) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if not out.exists():
                for folder in missing_parents:
                    if folder.exists() and not any(folder.iterdir()):
                        folder.rmdir()
    return [out.joinpath(*PurePosixPath(rel).parts) for rel, _, _ in planned]
