"""Encryption as a parent meets it, on the real core: Tools ▸ Encrypt… ends with an encrypted file and the recovery
key shown (Close gated by "I have kept it"); a locked database asks for its passphrase or recovery key, says a
wrong one in a sentence and asks again; closing that question at start shows the locked welcome page, never a
traceback; a backup whose key is not stored here is asked for, and a wrong key changes nothing."""

from __future__ import annotations

from argparse import Namespace

import pytest
from gui_helpers import wait_jobs
from PySide6.QtWidgets import QApplication
from tests_support import content_snapshot

from desktop import cli, keys, services
from desktop.backup.create import create_backup
from desktop.store import cipher, db
from desktop.ui import app, crash, encryption, opening
from desktop.ui.backups import restore
from desktop.ui.locked import LockedPage
from desktop.ui.main_window import MainWindow
from desktop.ui.recovery_key import RecoveryKeyDialog, SecretDialog

# Invented child and words: what must not be readable in an encrypted file.
CHILD = "Lin Xiaoyu"
WORDS = "熊猫 长颈鹿 蝴蝶"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def key_files(monkeypatch):
    """Keys go to owner-only files in the test's own data folder, never this machine's keychain."""
    monkeypatch.setenv("MASTERY_LEDGER_KEY_STORAGE", "file")


@pytest.fixture
def plain_ledger(db_path, monkeypatch):
    """A plain (unencrypted) database, as every database was before encryption existed, with one child."""
    monkeypatch.setattr(cipher, "ENCRYPT_NEW_DATABASES", False)
    database = db.open_database(db_path)
    monkeypatch.setattr(cipher, "ENCRYPT_NEW_DATABASES", True)  # what the app does for new ones
    profile = services.create_profile(CHILD, dob="2017-03-04")
    services.bulk_add_words(profile["id"], WORDS, "zh")
    yield database
    db.close_database()


@pytest.fixture
def main_window(qtbot, settings):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.jobs.wait()
    win.overview.profile = None
    win.instance.close()


def readable(path, text: str) -> bool:
    """Whether ``text`` can be read in the database file or its write-ahead log."""
    files = [path, path.with_name(path.name + "-wal")]
    return any(f.exists() and text.encode("utf-8") in f.read_bytes() for f in files)


def test_encrypt_from_the_menu_ends_encrypted_and_shows_the_recovery_key(
    qtbot, plain_ledger, db_path, main_window, fake_dialogs
):
    before = content_snapshot(str(db_path))
    assert readable(db_path, CHILD) and not cipher.is_encrypted(db_path)  # the check below can fail
    shown: dict = {}

    def keep(dialog: RecoveryKeyDialog) -> bool:
        shown["key"] = dialog.key_label.text()
        shown["closable before"] = dialog.close_button.isEnabled()
        dialog.kept.setChecked(True)
        shown["closable after"] = dialog.close_button.isEnabled()
        return True

    fake_dialogs.answer("ask", True)
    fake_dialogs.answer("run", keep)
    main_window.menus.actions["encrypt"].trigger()
    qtbot.waitUntil(lambda: "key" in shown, timeout=60_000)
    wait_jobs(qtbot, main_window)

    assert cipher.is_encrypted(db_path)
    for side in db_path.parent.iterdir():  # the database, and whatever is beside it (WAL, temp copies)
        if side.is_file():
            assert not readable(side, CHILD) and not readable(side, "长颈鹿"), side.name
    key = keys.parse_recovery(shown["key"])
    cipher.check_secret(db_path, key)  # the key shown is the one that opens it
    assert shown["closable before"] is False and shown["closable after"] is True
    assert keys.recovery_confirmed(keys.key_id(key))
    after = content_snapshot(str(db_path))
    assert {t: v for t, v in after.items() if t != "audit_batch"} == {
        t: v for t, v in before.items() if t != "audit_batch"
    }
    assert after["audit_batch"][0] == before["audit_batch"][0] + 1  # every record unchanged; the encryption noted
    assert [p["name"] for p in services.list_profiles()] == [CHILD]  # the window's models read the new file
    assert main_window.profiles.model.rowCount() == 1
    question = fake_dialogs.texts("ask")[0]
    assert "lost laptop" in question and "recovery key" in question
    assert main_window.encryption.state in ("keychain", "file", "")
    qtbot.waitUntil(lambda: main_window.encryption.state == "file", timeout=10_000)
    assert "file" in main_window.encryption.text()


def test_not_now_changes_nothing(qtbot, plain_ledger, db_path, main_window, fake_dialogs):
    wait_jobs(qtbot, main_window)
    before = db_path.read_bytes()
    main_window.menus.actions["encrypt"].trigger()  # the fake answers "no"
    assert fake_dialogs.kinds() == ["ask"]
    assert db_path.read_bytes() == before and not main_window.jobs.busy


def test_an_encrypted_database_is_not_encrypted_twice(qtbot, ledger, db_path, main_window, fake_dialogs):
    assert cipher.is_encrypted(db_path)  # new databases are encrypted
    main_window.menus.actions["encrypt"].trigger()
    assert fake_dialogs.kinds() == ["inform"] and "already encrypted" in fake_dialogs.texts("inform")[0]


def test_the_status_bar_offers_encryption_for_a_plain_database(qtbot, plain_ledger, main_window):
    qtbot.waitUntil(lambda: main_window.encryption.state == "plain", timeout=10_000)
    assert main_window.encryption.isVisible() and "Encrypt" in main_window.encryption.text()


def test_an_export_from_an_encrypted_database_says_it_is_plain_text_once(qtbot, ledger, main_window, fake_dialogs):
    main_window.menus.actions["export_legacy"].trigger()  # the folder question is cancelled by the fake
    main_window.menus.actions["export_legacy"].trigger()
    notes = fake_dialogs.texts("inform")
    assert len(notes) == 1 and "anyone who gets hold of it can read it" in notes[0]
    assert fake_dialogs.kinds().count("choose_directory") == 2


def make_passphrase_database(path) -> None:
    cipher.remember_secret(path, keys.Passphrase(PASSPHRASE))
    db.open_database(path)
    services.create_profile(CHILD)
    db.close_database()
    cipher.forget_secret(path)


def test_a_wrong_passphrase_is_one_sentence_and_it_asks_again(qtbot, db_path, fake_dialogs):
    make_passphrase_database(db_path)
    assert cipher.needs_secret(db_path) and not readable(db_path, CHILD)
    tries: list = []

    def answer(dialog: SecretDialog) -> bool:
        dialog.edit.setText("not the passphrase")
        tries.append((dialog.try_accept(), dialog.error.text(), dialog.result() != dialog.DialogCode.Accepted))
        dialog.edit.setText(PASSPHRASE)
        return dialog.try_accept()

    fake_dialogs.answer("run", answer)
    assert opening.open_database(None, db_path, create=False)
    accepted, sentence, still_open = tries[0]
    assert not accepted and still_open
    assert sentence.startswith("That passphrase does not open") and "\n" not in sentence and "Error" not in sentence
    assert [p["name"] for p in services.list_profiles()] == [CHILD]


def test_closing_the_question_opens_nothing(db_path, fake_dialogs):
    make_passphrase_database(db_path)
    assert not opening.open_database(None, db_path, create=False)  # the fake closes the question
    assert fake_dialogs.kinds() == ["run"]
    assert encryption.still_locked(db_path)


def test_cancel_at_start_shows_the_locked_welcome_page_then_unlock_opens_the_window(
    qtbot, db_path, fake_dialogs, monkeypatch
):
    make_passphrase_database(db_path)
    monkeypatch.setattr(cli, "setup_logging", lambda: None)
    monkeypatch.setattr(crash, "install", lambda: None)
    monkeypatch.setattr(app, "notify_running", lambda name: False)
    seen: dict = {}

    def run_loop(_app) -> int:  # stands in for app.exec(): what the user sees, then a click on Unlock…
        pages = [w for w in QApplication.topLevelWidgets() if isinstance(w, LockedPage) and w.isVisible()]
        seen["pages"] = len(pages)
        seen["windows before"] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        fake_dialogs.answer("run", lambda dialog: (dialog.edit.setText(PASSPHRASE), dialog.try_accept())[1])
        seen["unlocked"] = pages[0].unlock()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["windows"] = len(windows)
        seen["page visible"] = pages[0].isVisible()
        for window in windows:
            window.jobs.wait()
            window.overview.profile = None
            window.instance.close()
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_loop)
    args = Namespace(db=str(db_path), lang="en", demo=False, selftest=False)
    assert app.main(args) == 0  # the first question was closed (the fake's default)
    assert seen["pages"] == 1 and seen["windows before"] == []
    assert seen["unlocked"] and seen["windows"] == 1 and not seen["page visible"]


def test_restore_asks_for_a_backup_key_not_stored_here_and_a_wrong_one_changes_nothing(
    qtbot, ledger, db_path, fake_dialogs
):
    pid = services.create_profile(CHILD)["id"]
    info = create_backup(reason="manual")
    old_key = cipher.secret_for(db_path)
    assert isinstance(old_key, bytes)
    # A new laptop: the backup's key is not stored here; the database open now has a key of its own.
    db.close_database()
    keys.forget_key(keys.key_id(old_key))
    cipher.forget_secret(db_path)
    cipher.forget_secret(info.path)
    fresh = db_path.with_name("new-laptop.db")
    db.open_database(fresh)
    assert cipher.needs_secret(info.path)
    before, backup_bytes = content_snapshot(str(fresh)), info.path.read_bytes()

    dialog = restore.open_restore(None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=20_000)
    row = next(r for r, b in enumerate(dialog.backups) if b.name == info.name)
    assert dialog.select(row)
    tries: list = []

    def wrong_then_give_up(asked: SecretDialog) -> bool:
        asked.edit.setText(keys.recovery_text(keys.new_key()))  # a real recovery key, of another key
        tries.append((asked.try_accept(), asked.error.text()))
        return False

    fake_dialogs.answer("ask", True)  # "Go back to the backup of …?"
    fake_dialogs.answer("run", wrong_then_give_up)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: not dialog.jobs.busy, timeout=20_000)
    assert tries and tries[0][0] is False and tries[0][1].startswith("That key does not open")
    assert content_snapshot(str(fresh)) == before and info.path.read_bytes() == backup_bytes

    def right_key(asked: SecretDialog) -> bool:
        asked.edit.setText(keys.recovery_text(old_key).lower().replace("-", " "))  # as a parent might type it
        return asked.try_accept()

    fake_dialogs.answer("ask", True)
    fake_dialogs.answer("run", right_key)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30_000)
    assert [p["id"] for p in services.list_profiles()] == [pid]
    assert keys.load_key(keys.key_id(old_key)) == old_key  # stored on this computer from now on


def test_in_passphrase_mode_a_new_database_is_locked_with_the_passphrase_chosen(tmp_path, settings, fake_dialogs):
    settings.set("passphrase_mode", True)
    settings.save()
    target = tmp_path / "shared.db"
    refused: list = []

    def choose(dialog) -> bool:
        dialog.first.setText(PASSPHRASE)
        dialog.second.setText(PASSPHRASE + "!")
        refused.append((dialog.try_accept(), dialog.error.text()))
        dialog.second.setText(PASSPHRASE)
        return dialog.try_accept()

    fake_dialogs.answer("run", choose)
    assert opening.open_database(None, target, create=True)
    assert refused == [(False, "The two passphrases are not the same; please type them again.")]
    services.create_profile(CHILD)
    db.close_database()
    cipher.forget_secret(target)
    assert cipher.is_encrypted(target) and not readable(target, CHILD)
    assert cipher.needs_secret(target)  # nothing stored opens it: asked at every start
    cipher.check_secret(target, keys.Passphrase(PASSPHRASE))


def test_in_passphrase_mode_cancelling_the_choice_creates_nothing(tmp_path, settings, fake_dialogs):
    settings.set("passphrase_mode", True)
    settings.save()
    target = tmp_path / "shared.db"
    assert not opening.open_database(None, target, create=True)
    assert not target.exists()


def test_a_new_database_s_recovery_key_is_offered_once_it_holds_a_child_until_kept(
    qtbot, ledger, db_path, fake_dialogs
):
    parent = QApplication.activeWindow()
    assert not encryption.offer_recovery_key(parent)  # nothing to lose yet: not asked
    services.create_profile(CHILD)
    assert encryption.offer_recovery_key(parent)  # closed without ticking the box (the fake's default)
    key = cipher.secret_for(db_path)
    assert isinstance(key, bytes) and not keys.recovery_confirmed(keys.key_id(key))
    shown: list = []

    def keep(dialog: RecoveryKeyDialog) -> bool:
        shown.append(dialog.key_label.text())
        dialog.kept.setChecked(True)
        return True

    fake_dialogs.answer("run", keep)
    assert encryption.offer_recovery_key(parent)
    assert keys.parse_recovery(shown[0]) == key and keys.recovery_confirmed(keys.key_id(key))
    assert not encryption.offer_recovery_key(parent)  # kept: never asked again
    assert fake_dialogs.kinds() == ["run", "run"]


def test_every_step_of_the_encryption_is_said_in_the_window_s_words():
    from desktop.backup.encrypt import STEPS
    from desktop.ui import i18n

    assert set(STEPS) <= set(encryption.STEP_TEXTS)
    i18n.translations().switch("zh_CN")
    assert all(encryption.step_text(step) != step and "…" in encryption.step_text(step) for step in STEPS)
