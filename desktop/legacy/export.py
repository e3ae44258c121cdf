"""The way back: export the database into the legacy layout, and restore the original files from a migration's
source archive.

Export writes ``<out>/data/profiles/child_profiles.json``, ``<out>/data/content_db/approved_cards.json`` and
``<out>/data/content_db/chat_history.json`` in the old app's format (word lists joined with ", ", grammar with
","), so the old app can read them and importing them again gives the same database content. The legacy format
has no owner for cards and chat; each exported card and message carries ``_ledger_profile_id`` (the old app
ignores unknown keys) so that a re-import puts it back with the same child.

Rollback extracts an archive's files byte-for-byte, each checked against the archive's manifest, into a folder the
user picks — never outside it, whatever paths the archive holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from desktop import db, paths
from desktop.errors import LedgerError
from desktop.legacy import contract
from desktop.legacy.contract import OWNER_KEY
from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile

#: How the reader splits each list: a list that would not split back into the same entries is written as a JSON
#: array (which the reader also accepts), e.g. a word with a comma that was added in the app.
SPLITTERS = {"mastered_words": contract.split_zh, "mastered_english_words": contract.split_en,
             "mastered_grammar": contract.split_grammar}

PROFILE_KEYS = ("dob", "gender", "address", "school", "neighborhood", "verbal_fluency", "passive_language_level",
                "raw_input", "mental_age")


def _write_json(path: Path, value) -> None:
    paths.make_private_dir(path.parent)
    with paths.replacing(path, "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False, indent=2)


def export_legacy(out_dir: str | os.PathLike, progress=None) -> dict[str, Path]:
    """Export the open database into ``out_dir`` in the legacy layout; returns the files written."""
    db.current()
    out = Path(out_dir)
    profiles = []
    for row in Profile.select().order_by(Profile.created_at, Profile.id):
        obj = {"id": row.id, "name": row.name}
        for key in PROFILE_KEYS:
            obj[key] = getattr(row, key)
        for key in ("interests", "character_roster", "extracted_data"):
            value = getattr(row, key)
            obj[key] = json.loads(value) if value is not None else None
        for lang, key in (("zh", "mastered_words"), ("en", "mastered_english_words")):
            words = [w for (w,) in MasteredWord.select(MasteredWord.word)
                     .where((MasteredWord.profile == row.id) & (MasteredWord.language == lang))
                     .order_by(MasteredWord.id).tuples()]
            obj[key] = _word_list(key, words, ", ")
        grammar = [g for (g,) in MasteredGrammar.select(MasteredGrammar.grammar_uri)
                   .where(MasteredGrammar.profile == row.id).order_by(MasteredGrammar.id).tuples()]
        obj["mastered_grammar"] = _word_list("mastered_grammar", grammar, ",")
        if row.extra:
            for key, value in json.loads(row.extra).items():
                obj.setdefault(key, value)
        profiles.append(obj)
    if progress:
        progress(1, 3, "profiles")
    cards = []
    for pid, content, card_type, status in ApprovedCard.select(
        ApprovedCard.profile, ApprovedCard.content, ApprovedCard.card_type, ApprovedCard.status
    ).order_by(ApprovedCard.id).tuples():
        card = json.loads(content)
        stated = card.get("card_type")
        if card_type != (stated if isinstance(stated, str) and stated.strip() else "unknown"):
            card["card_type"] = card_type  # changed in the app (a card without a type was read as "unknown")
        if status is not None:
            card["status"] = status
        card[OWNER_KEY] = pid
        cards.append(card)
    if progress:
        progress(2, 3, "cards")
    chats = []
    for pid, legacy_id, role, content, stamp, mentions, extra in ChatMessage.select(
        ChatMessage.profile, ChatMessage.legacy_id, ChatMessage.role, ChatMessage.content, ChatMessage.timestamp,
        ChatMessage.mentions, ChatMessage.extra,
    ).order_by(ChatMessage.timestamp, ChatMessage.id).tuples():
        message = {"id": legacy_id, "role": role, "content": content, "timestamp": stamp,
                   "mentions": json.loads(mentions) if mentions else []}
        if extra:
            for key, value in json.loads(extra).items():
                if key == "timestamp" and stamp is None:
                    message[key] = value  # a time the importer could not read, kept as it was written
                message.setdefault(key, value)
        message[OWNER_KEY] = pid
        chats.append(message)
    written = {
        "profiles": out / "data" / "profiles" / "child_profiles.json",
        "cards": out / "data" / "content_db" / "approved_cards.json",
        "chat": out / "data" / "content_db" / "chat_history.json",
    }
    _write_json(written["profiles"], profiles)
    _write_json(written["cards"], cards)
    _write_json(written["chat"], chats)
    if progress:
        progress(3, 3, "chat")
    return written


def _word_list(key: str, words: list[str], separator: str) -> str | list[str]:
    joined = separator.join(words)
    return joined if SPLITTERS[key](joined)[0] == words else words


def _safe_target(out_dir: Path, member: str) -> Path:
    """Where an archive member may be written: inside ``out_dir`` only."""
    pure = PurePosixPath(member.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise LedgerError(f"The archive names a file outside the chosen folder ({member!r}); nothing was restored.")
    target = (out_dir / Path(*pure.parts)).resolve()
    if out_dir.resolve() not in target.parents:
        raise LedgerError(f"The archive names a file outside the chosen folder ({member!r}); nothing was restored.")
    return target


def rollback(archive: str | os.PathLike, out_dir: str | os.PathLike) -> list[Path]:
    """Restore the original legacy files from a migration's source archive into ``out_dir``, byte-for-byte.

    Every file is checked against the manifest before anything is written; existing files are not overwritten.
    """
    out = Path(out_dir)
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as exc:
        raise LedgerError(f"{archive} is not a readable migration archive.") from exc
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
            entries = manifest["files"]
            if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("size"), int)
                and isinstance(e.get("sha256"), str) for e in entries
            ):
                raise ValueError("malformed manifest")
        except (KeyError, TypeError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise LedgerError(f"{archive} has no readable manifest; nothing was restored.") from exc
        planned = []
        for entry in entries:
            rel = entry["path"]
            target = _safe_target(out, rel)
            try:
                data = zf.read(f"files/{rel}")
            except KeyError as exc:
                raise LedgerError(f"{rel} is missing from the archive; nothing was restored.") from exc
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise LedgerError(f"{rel} in the archive is damaged ({exc}); nothing was restored.") from exc
            if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise LedgerError(f"{rel} in the archive does not match its checksum; nothing was restored.")
            if target.exists():
                raise LedgerError(f"{target} already exists; choose an empty folder. Nothing was restored.")
            planned.append((target, data))
    written = []
    for target, data in planned:
        paths.make_private_dir(target.parent)
        with paths.replacing(target, "wb") as fh:
            fh.write(data)
        written.append(target)
    return written
