"""``encrypt`` and ``key``: encryption at rest from the command line.

``encrypt`` turns a plain database into an encrypted one in place (a backup first, then a verified swap) and prints
the recovery key once. ``key`` says where the key is kept and, on request, prints the recovery key again. Every
command takes ``--recovery-key``, ``--recovery-key-file`` or ``--passphrase-file`` to open a database (or, for
``restore``, a backup) whose key this computer does not hold yet: a raw key given so is checked, then stored in
this computer's keychain (or key file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import keys
from desktop.backup.encrypt import encrypt_database
from desktop.backup.manifest import resolve_database
from desktop.backup.recover import recover_interrupted
from desktop.cli import EXIT_OK, EXIT_PROBLEMS
from desktop.cli.backup import _Bar
from desktop.errors import LedgerError
from desktop.keys import Passphrase, Secret
from desktop.store import cipher, db

PLACES = {
    "keychain": "this computer's keychain",
    "file": "an owner-only key file in the app's data folder (this computer has no usable keychain: anyone who can "
    "read your files as you can read the key)",
}


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt a plain database in place (a backup first); prints the recovery key once",
    )
    p.add_argument("--dest", metavar="DIR", help="backup folder (default: backups/ in the data folder)")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="passphrase mode: the key is derived from --passphrase-file's passphrase, which is asked for at every "
        "start (no key is stored; there is no recovery key — a forgotten passphrase loses the data)",
    )
    p.set_defaults(handler=run_encrypt)

    p = sub.add_parser("key", parents=[common], help="where the encryption key is kept; its recovery key")
    p.add_argument(
        "--show-recovery", action="store_true", help="print the recovery key of the database's key (keep it safe)"
    )
    p.set_defaults(handler=run_key)


def given_secret(args: argparse.Namespace) -> Secret | None:
    """The secret given on the command line, if any (a recovery key is checked for typing mistakes: WrongKey)."""
    text = getattr(args, "recovery_key", None)
    if getattr(args, "recovery_key_file", None):
        try:
            text = Path(args.recovery_key_file).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise LedgerError(
                f"The recovery key file {args.recovery_key_file} cannot be read ({exc.strerror})."
            ) from exc
    if text:
        return keys.parse_recovery(text)
    if getattr(args, "passphrase_file", None):
        try:
            phrase = Path(args.passphrase_file).expanduser().read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise LedgerError(f"The passphrase file {args.passphrase_file} cannot be read ({exc.strerror}).") from exc
        if not phrase:
            raise LedgerError(f"The passphrase file {args.passphrase_file} is empty.")
        return Passphrase(phrase)
    return None


def apply_secret(args: argparse.Namespace) -> None:
    """Before any command: a secret given for the database (``--db`` or the default file) is checked against it
    (WrongKey, nothing changed) and used for this run (a raw key is also stored here). ``restore`` and ``encrypt``
    use it for the backup and the new key instead."""
    secret = given_secret(args)
    args.secret = secret
    if secret is None or getattr(args, "command", None) in ("restore", "encrypt") or db.is_server_url(args.db):
        return
    path = Path(args.db).expanduser() if args.db else db.database_path() or None
    target = resolve_database(path)
    if cipher.is_encrypted(target):
        cipher.check_secret(target, secret)
        cipher.remember_secret(target, secret)


def run_encrypt(args) -> int:
    secret = args.secret
    if args.passphrase and not isinstance(secret, Passphrase):
        print("--passphrase needs the passphrase in --passphrase-file.", file=sys.stderr)
        return EXIT_PROBLEMS
    recover_interrupted(args.db)
    bar = _Bar()
    try:
        done = encrypt_database(args.db, progress=bar, secret=secret, backup_dir=args.dest)
    finally:
        bar.done()
    print(f"The database is encrypted: {resolve_database(args.db)}")
    print(f"A backup of it as it was (encrypted too) is {done.backup}")
    if done.recovery:
        print("Recovery key — write it down or save it somewhere safe (not on this computer). It opens the database")
        print("and its backups on any computer if this one's keychain is lost. It is shown only this once:")
        print(f"\n    {done.recovery}\n")
        print(f"The key is kept in {PLACES[keys.key_storage()]}.")
    else:
        print("Passphrase mode: the passphrase is asked for at every start. There is no recovery key.")
    return EXIT_OK


def run_key(args) -> int:
    target = resolve_database(args.db)
    storage = keys.key_storage()
    print(f"New keys are kept in {PLACES[storage]}.")
    if not cipher.is_encrypted(target):
        print(f"The database {target} is not encrypted (mastery-ledger encrypt --db … encrypts it).")
        return EXIT_OK
    secret = cipher.secret_for(target)  # KeyNeeded: a sentence
    if isinstance(secret, Passphrase):
        print(f"The database {target} is encrypted with a passphrase (no stored key, no recovery key).")
        return EXIT_OK
    assert secret is not None  # encrypted: a key opened it
    print(f"The database {target} is encrypted; key id {keys.key_id(secret)}.")
    if args.show_recovery:
        print(f"Recovery key: {keys.recovery_text(secret)}")
    elif not keys.recovery_confirmed(keys.key_id(secret)):
        print("Make sure you kept its recovery key: mastery-ledger key --show-recovery prints it.")
    return EXIT_OK
