"""The migration's archive of the legacy files: a zip with a manifest of sizes and SHA-256, checked before use,
encrypted at rest (:mod:`desktop.legacy.sealed`: AES-GCM with a key derived from the app's key in the keychain).
Archives of earlier versions are plain zips; :func:`open_archive` reads both."""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import __version__, keys, paths
from desktop.errors import LedgerError
from desktop.legacy.records import LegacyReadResult
from desktop.legacy.sealed import CHUNK, ArchiveReader, ArchiveWriter, is_sealed


def archives_dir() -> Path:
    return paths.make_private_dir(paths.data_dir() / "migration-archives")


def archive_sources(read: LegacyReadResult, dest_dir: Path | None = None) -> tuple[Path, str]:
    """Zip every legacy JSON file that was read, with a manifest (relative path, size, SHA-256); owner-only.
    Each file's bytes are checked against the checksum taken when it was parsed: if a file changed between the
    check and now, the archive is refused (the migration would not match what the user saw). The archive and its
    temporary file have names no other run can take (a random part, not only the second), and the archive is
    written whole (:func:`desktop.paths.replacing`: fsynced, then renamed) with its SHA-256 taken from what was
    written."""
    dest_dir = Path(dest_dir) if dest_dir else archives_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = dest_dir / f"legacy-{stamp}-{secrets.token_hex(4)}.zip.enc"
    files: list[dict[str, Any]] = []
    manifest = {"app_version": __version__, "created_at": datetime.now(UTC).isoformat(), "files": files}
    try:
        with paths.replacing(target, "w+b") as fh:
            sealed = ArchiveWriter(fh, keys.default_key())  # no plain byte of the old files reaches the disk
            # compresslevel 1: the inline base64 images hardly compress better at 6, which takes twice as long
            with zipfile.ZipFile(sealed, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                for info in read.files.values():
                    data = Path(info.path).read_bytes()
                    digest = hashlib.sha256(data).hexdigest()
                    if digest != info.sha256:
                        raise LedgerError(code="source_changed", file=info.relpath)
                    zf.writestr(f"files/{info.relpath}", data)
                    files.append({"path": info.relpath, "size": len(data), "sha256": digest})
                for path, rel in _side_files(read):  # the old app's other files: archived too, so a rollback is whole
                    files.append(_archive_file(zf, path, rel))
                zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            sealed.finish()
            fh.flush()
            fh.seek(0)
            whole = hashlib.sha256()
            while chunk := fh.read(1 << 20):
                whole.update(chunk)
            sha256 = whole.hexdigest()
    except OSError as exc:
        raise LedgerError(code="legacy_backup_unwritable", reason=exc.strerror) from exc
    return target, sha256


def check_archive(path: Path, sha256: str, read: LegacyReadResult) -> None:
    """Raise LedgerError unless the archive on disk is the one written: the same SHA-256, a readable zip whose
    manifest lists every file read (and the old app's side files), each stored whole (size and CRC)."""
    try:
        with open(path, "rb") as fh:
            written = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise LedgerError(code="legacy_backup_unreadable", name=path.name) from exc
    if written != sha256:
        raise LedgerError(code="legacy_backup_changed", name=path.name)
    try:
        with open_archive(path) as zf:
            listed = {f["path"]: f["size"] for f in json.loads(zf.read("manifest.json"))["files"]}
            stored = {
                i.filename.removeprefix("files/"): i.file_size for i in zf.infolist() if i.filename.startswith("files/")
            }
            bad = zf.testzip()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, LedgerError) as exc:
        raise LedgerError(code="legacy_backup_unreadable", name=path.name) from exc
    if bad is not None or listed != stored or not {info.relpath for info in read.files.values()} <= set(listed):
        raise LedgerError(code="legacy_backup_incomplete", name=path.name)


def open_archive(path: str | os.PathLike[str]) -> zipfile.ZipFile:
    """The zip inside a migration archive: decrypted as it is read (an encrypted one: LedgerError
    ``archive_key_missing`` without its key, ``archive_wrong_key`` when altered), or a plain zip of an earlier
    version. Raises OSError / zipfile.BadZipFile like ``zipfile.ZipFile``."""
    if not is_sealed(path):
        return zipfile.ZipFile(path)
    reader = ArchiveReader(path)
    try:
        return zipfile.ZipFile(io.BufferedReader(reader, CHUNK))
    except BaseException:
        reader.close()
        raise


def _side_files(read: LegacyReadResult) -> Iterator[tuple[Path, str]]:
    """(path, relative path) of every side file, and of every file in the old app's backup folders (links are not
    followed: they may lead out of the data folder)."""
    for side in read.side_files:
        if not side.is_dir:
            if not side.path.is_symlink():
                yield side.path, side.relpath
            continue
        for folder, dirs, files in os.walk(side.path):
            dirs[:] = sorted(d for d in dirs if not Path(folder, d).is_symlink())
            for name in sorted(files):
                path = Path(folder, name)
                if not path.is_symlink():
                    yield path, f"{side.relpath}/{path.relative_to(side.path).as_posix()}"


def _archive_file(zf: zipfile.ZipFile, path: Path, rel: str) -> dict[str, Any]:
    """Stream one file into the archive under ``files/<rel>``; its manifest entry."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as src, zf.open(f"files/{rel}", "w", force_zip64=True) as dst:
        while chunk := src.read(1 << 20):
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
    return {"path": rel, "size": size, "sha256": digest.hexdigest()}
