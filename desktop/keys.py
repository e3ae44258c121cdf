"""The encryption key and where it lives.

A key is 32 random bytes (:func:`new_key`); :func:`key_id` is its public fingerprint, safe in plain description
files and settings. The key itself is kept in the OS keychain (``keyring``: Windows Credential Manager, macOS
Keychain, Secret Service) under the service "Mastery Ledger" and its key id; where no usable keychain exists
(headless, CI: keyring's fail or null backends, or a keychain that refuses) it sits in an owner-only file
``<data dir>/keys/<key id>.key`` (0600, folder 0700) and :func:`key_storage` says "file", which the window shows
as a warning. ``keys/index.json`` (key ids only) lists the keys this computer knows and which one new databases
use.

What the user writes down is the :func:`recovery_text`: the key in base32 with a checksum, grouped
(``MLK1-ABCD-…``); :func:`parse_recovery` reads it back whatever the case, spaces or dashes, and tells a typo from
a key that does not open the file.

A :class:`Passphrase` is the other kind of secret (passphrase mode, for shared computers): SQLCipher derives the
key from it with its own KDF; it is never stored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.errors import LedgerError, WrongKey

log = logging.getLogger(__name__)

SERVICE = "Mastery Ledger"
KEY_BYTES = 32
RECOVERY_PREFIX = "MLK1"
_CHECKSUM_BYTES = 3  # 32 + 3 bytes = 56 base32 characters, no padding
_GROUP = 4
#: what people misread in base32 (which has no 0, 1, 8 or 9)
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


class Passphrase(str):
    """A passphrase typed by the user (passphrase mode): SQLCipher derives the key from it (PBKDF2, its default
    settings). Never stored; kept in memory for the run only."""


#: A secret that opens an encrypted file: a raw key, or a passphrase.
Secret = bytes | Passphrase


def new_key() -> bytes:
    """32 random bytes from the OS's cryptographic generator."""
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> str:
    """The key's public fingerprint (16 hex characters): says which key, reveals nothing of it."""
    return hashlib.sha256(b"mastery-ledger key id\0" + key).hexdigest()[:16]


def secret_id(secret: Secret) -> str:
    """The fingerprint of a secret: a raw key's :func:`key_id`, or one of a passphrase (``p-…``)."""
    if isinstance(secret, Passphrase):
        return "p-" + hashlib.sha256(b"mastery-ledger passphrase id\0" + secret.encode()).hexdigest()[:14]
    return key_id(secret)


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"mastery-ledger recovery\0" + key).digest()[:_CHECKSUM_BYTES]


def recovery_text(key: bytes) -> str:
    """The recovery key the user writes down: ``MLK1-`` then the key and a checksum in base32, in groups of 4."""
    body = base64.b32encode(key + _checksum(key)).decode("ascii").rstrip("=")
    groups = [body[i : i + _GROUP] for i in range(0, len(body), _GROUP)]
    return "-".join([RECOVERY_PREFIX, *groups])


def parse_recovery(text: str) -> bytes:
    """The key in a recovery text, whatever its case, spaces, dashes or line breaks. Raises WrongKey with a
    sentence saying the key was mistyped when the checksum does not match, or is not a recovery key at all."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if cleaned.startswith(RECOVERY_PREFIX):
        cleaned = cleaned[len(RECOVERY_PREFIX) :]
    cleaned = cleaned.translate(_LOOKALIKES)
    expected = (KEY_BYTES + _CHECKSUM_BYTES) * 8 // 5
    if len(cleaned) != expected:
        raise WrongKey(code="recovery_key_malformed")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError as exc:
        raise WrongKey(code="recovery_key_malformed") from exc
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if _checksum(key) != check:
        raise WrongKey(code="recovery_key_mistyped")
    return key


# --------------------------------------------------------------------------------------------------------------
# Where keys live: the OS keychain, or an owner-only file.


def _keyring() -> Any | None:
    """The OS keychain backend, or None where there is none usable (keyring's fail / null backends, or keyring
    missing)."""
    try:
        import keyring  # why: deferred; loading the keychain backends costs ~100 ms and most commands need no key
        from keyring.backends import fail, null
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    if os.environ.get("MASTERY_LEDGER_KEY_STORAGE") == "file":
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def key_storage() -> str:
    """Where a key stored now goes: "keychain" (the OS keychain) or "file" (no usable keychain: an owner-only file
    in the app's data folder — the window shows a warning)."""
    return "keychain" if _keyring() is not None else "file"


def keys_dir(create: bool = True) -> Path:
    folder = paths.data_dir(create) / "keys"
    if create:
        paths.make_private_dir(folder)
        paths.make_private(folder)
    return folder


def _key_file(kid: str) -> Path:
    return keys_dir() / f"{kid}.key"


def _read_index() -> dict[str, Any]:
    try:
        data = json.loads((keys_dir() / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"default": None, "known": [], "confirmed": []}
    return data if isinstance(data, dict) else {"default": None, "known": [], "confirmed": []}


def _write_index(index: dict[str, Any]) -> None:
    with paths.replacing(keys_dir() / "index.json", encoding="utf-8") as fh:
        json.dump(index, fh, indent=1)


def _remember_id(kid: str, *, default: bool = False) -> None:
    index = _read_index()
    known = [k for k in index.get("known", []) if k != kid]
    index["known"] = [kid, *known] if default else [*known, kid]
    if default or not index.get("default"):
        index["default"] = kid
    _write_index(index)


def store_key(key: bytes, *, default: bool = False) -> str:
    """Keep ``key`` on this computer: in the OS keychain, or (none usable, or it refuses) an owner-only file.
    Returns "keychain" or "file". ``default``: new databases use this key from now on (the first key stored is
    the default anyway)."""
    kid = key_id(key)
    backend = _keyring()
    where = "file"
    if backend is not None:
        try:
            backend.set_password(SERVICE, kid, key.hex())
            where = "keychain"
        except Exception as exc:  # keyring raises its own errors, and backends raise what their OS gives
            log.warning("the keychain refused the key (%s); keeping it in an owner-only file", type(exc).__name__)
    try:
        if where == "file":
            with paths.replacing(_key_file(kid), encoding="ascii") as fh:
                fh.write(key.hex())
            paths.make_private(_key_file(kid))
        _remember_id(kid, default=default)
    except OSError as exc:  # a full disk or a read-only data folder: say so; the caller has changed nothing yet
        raise LedgerError(code="key_not_stored", reason=exc.strerror or type(exc).__name__) from exc
    log.info("key %s stored (%s)", kid, where)
    return where


def _matching(text: str, kid: str) -> bytes | None:
    """The key written as hex ``text``, if it is the key ``kid``."""
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None
    return key if key_id(key) == kid else None


def load_key(kid: str) -> bytes | None:
    """The key with fingerprint ``kid`` if this computer holds it: the key file first (reading it loads no keychain
    backend, ~100 ms at start-up), then the keychain. Text counts only if its fingerprint is ``kid``."""
    try:
        found = _matching(_key_file(kid).read_text(encoding="ascii").strip(), kid)
    except OSError:
        found = None
    backend = _keyring() if found is None else None
    if backend is not None:
        try:
            found = _matching(backend.get_password(SERVICE, kid) or "", kid)
        except Exception as exc:  # a locked or broken keychain: no key from it
            log.warning("the keychain could not be read (%s)", type(exc).__name__)
    return found


def forget_key(kid: str) -> None:
    """Remove the key from the keychain and the key file, and from the list of known keys."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.delete_password(SERVICE, kid)
        except Exception:  # not there, or the keychain refuses: nothing more to do
            pass
    try:
        _key_file(kid).unlink()
    except FileNotFoundError:
        pass
    index = _read_index()
    index["known"] = [k for k in index.get("known", []) if k != kid]
    index["confirmed"] = [k for k in index.get("confirmed", []) if k != kid]
    if index.get("default") == kid:
        index["default"] = index["known"][0] if index["known"] else None
    _write_index(index)


def known_key_ids() -> list[str]:
    """Fingerprints of the keys this computer has stored, the default first."""
    return [str(k) for k in _read_index().get("known", [])]


def default_key_id() -> str | None:
    """The fingerprint of the key new databases are encrypted with, if there is one yet."""
    kid = _read_index().get("default")
    return str(kid) if kid else None


def default_key() -> bytes:
    """The key new databases are encrypted with: the stored default, or a new one (stored now)."""
    kid = default_key_id()
    if kid is not None:
        key = load_key(kid)
        if key is not None:
            return key
        log.warning("the default key %s is no longer stored; a new key is made for new databases", kid)
    key = new_key()
    store_key(key, default=True)
    return key


def recovery_confirmed(kid: str) -> bool:
    """Whether the user confirmed they kept the recovery key of ``kid`` (the window asks until they do)."""
    return kid in _read_index().get("confirmed", [])


def confirm_recovery(kid: str) -> None:
    """Record that the user kept the recovery key of ``kid``."""
    index = _read_index()
    if kid not in index.get("confirmed", []):
        index["confirmed"] = [*index.get("confirmed", []), kid]
        _write_index(index)
