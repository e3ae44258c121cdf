"""Back up now, the Restore dialog (verified / damaged backups, comparison, restore), the Backup settings page and
the automatic backups."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow

from desktop import services
from desktop.backup.check import check_backup, list_backups
from desktop.backup.create import create_backup
from desktop.backup.files import file_sha256
from desktop.backup.manifest import REASONS, read_backup
from desktop.backup.retention import prune
from desktop.store import db
from desktop.ui.backups import making, restore, settings_page
from desktop.ui.backups.preferences import BackupPreferences


@pytest.fixture
def kids(ledger):
    pid = services.create_profile("Mei")["id"]
    services.bulk_add_words(pid, "苹果 香蕉 橙子", "zh")
    return pid


@pytest.fixture
def main(qtbot, kids):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def flip_a_byte(path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_database(path) -> None:
    """Break every b-tree page's header (a flipped byte may land in free space and harm nothing)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page, len(data), page):
        data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


def wait(qtbot, jobs, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: not jobs.busy, timeout=timeout)


def test_backup_now_makes_a_verified_backup_and_names_it(qtbot, main):
    made = []
    worker = making.backup_now(main, on_done=made.append)
    qtbot.waitUntil(lambda: bool(made) and worker.done.is_set(), timeout=20_000)
    info = made[0]
    assert info.reason == "manual" and info.path.exists()
    assert check_backup(info.path, integrity=True).ok
    assert info.name in main.statusBar().currentMessage()


def test_backup_now_reports_a_missing_folder_plainly(qtbot, main, tmp_path, fake_dialogs):
    BackupPreferences(folder=str(tmp_path / "usb-stick")).save()
    making.backup_now(main)
    qtbot.waitUntil(lambda: "warn" in fake_dialogs.kinds(), timeout=20_000)
    assert "not there" in fake_dialogs.texts("warn")[0]


def open_dialog(qtbot, parent=None):
    dialog = restore.open_restore(parent)
    qtbot.addWidget(dialog)
    wait(qtbot, dialog.jobs)
    return dialog


def test_restore_brings_back_deleted_rows(qtbot, main, kids, fake_dialogs):
    info = create_backup(reason="manual")
    services.delete_profile(kids)
    assert services.list_profiles() == []

    dialog = open_dialog(qtbot, main)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "✔ Verified"
    assert dialog.select(0)
    # the comparison with now: the backup has the child and three words more
    compare = {
        dialog.compare.item(r, 0).text(): dialog.compare.item(r, 3).text() for r in range(dialog.compare.rowCount())
    }
    assert compare["Child"] == "+1" and compare["Word"] == "+3"
    assert dialog.restore_button.isEnabled()

    fake_dialogs.answer("ask", True)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30_000)
    wait(qtbot, dialog.jobs)
    assert "backup of the database as it is now is made first" in fake_dialogs.texts("ask")[0]
    assert [p["name"] for p in services.list_profiles()] == ["Mei"]
    assert services.profile_counts(kids)["zh"] == 3
    result = dialog.result_value
    assert result.ok and result.backup.name == info.name and result.safety_backup.reason == "before-restore"
    assert "Restored the backup" in dialog.message.text()
    # the list now shows the safety backup too
    assert dialog.table.rowCount() == 2


def test_a_damaged_backup_is_shown_as_damaged_and_cannot_be_restored(qtbot, main, kids, fake_dialogs):
    info = create_backup(reason="manual")
    flip_a_byte(info.path)
    dialog = open_dialog(qtbot, main)
    assert dialog.table.item(0, 3).text() == "✖ Damaged"
    assert not dialog.select(0)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)  # a click on it selects nothing either
    assert dialog.selected() is None
    dialog.restore_selected()
    assert fake_dialogs.kinds() == []


def test_declining_leaves_everything(qtbot, main, kids, fake_dialogs):
    create_backup(reason="manual")
    services.delete_profile(kids)
    dialog = open_dialog(qtbot, main)
    dialog.select(0)
    dialog.restore_selected()  # answered "no"
    wait(qtbot, dialog.jobs)
    assert services.list_profiles() == [] and dialog.result_value is None


def test_restore_offered_when_the_database_is_damaged_at_start_up(qtbot, kids, db_path, fake_dialogs):
    create_backup(reason="manual")
    db.close_database()
    damage_database(db_path)
    error = db.DatabaseDamagedError(str(db_path), "test damage")

    def choose_and_restore(dialog):
        wait(qtbot, dialog.jobs)
        assert "damaged" in dialog.intro.text()
        assert dialog.select(0) and dialog.compare.isColumnHidden(2)  # nothing to compare with
        fake_dialogs.answer("ask", True)
        dialog.restore_selected()
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30_000)
        wait(qtbot, dialog.jobs)
        return True

    fake_dialogs.answer("run", choose_and_restore)
    assert restore.offer_restore_at_startup(error, db_path)
    db.open_database(db_path)
    assert [p["name"] for p in services.list_profiles()] == ["Mei"]
    assert list(db_path.parent.glob("*.damaged"))


def test_settings_page_round_trip(qtbot, ledger, tmp_path, fake_dialogs):
    page = settings_page.BackupSettingsPage()
    qtbot.addWidget(page)
    assert page.preferences() == BackupPreferences()
    fake_dialogs.answer("choose_directory", str(tmp_path))
    page.choose_folder()
    page.spins["daily"].setValue(5)
    page.spins["interval_minutes"].setValue(0)
    page.on_close.setChecked(False)
    page.apply()
    loaded = BackupPreferences.load()
    assert (loaded.folder, loaded.daily, loaded.interval_minutes, loaded.on_close) == (str(tmp_path), 5, 0, False)
    assert loaded.policy().daily == 5


def test_automatic_backup_on_close_and_on_the_timer(qtbot, kids, tmp_path):
    folder = tmp_path / "auto"
    folder.mkdir()
    BackupPreferences(folder=str(folder), interval_minutes=1).save()
    win = QMainWindow()
    qtbot.addWidget(win)
    controller = making.AutoBackupController(win)
    assert controller.timer.isActive() and controller.timer.interval() == 60_000

    made = []
    controller.backed_up.connect(made.append)
    controller.run_now()  # what the timer does
    qtbot.waitUntil(lambda: controller.running is None, timeout=20_000)
    assert len(made) == 1 and made[0].reason == "auto"

    controller.run_now()  # nothing changed since: no second backup
    qtbot.waitUntil(lambda: controller.running is None, timeout=20_000)
    assert len(made) == 1

    controller.stop()


def age_backup(info, minutes: float) -> None:
    """Make a backup look ``minutes`` older (its manifest's time is what the automatic backups go by)."""
    import json
    from datetime import timedelta

    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    manifest["created_at"] = (info.created_at - timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")
    info.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def test_backup_on_close_respects_the_interval(qtbot, kids, tmp_path):
    """Closing inside the interval makes no backup even after a change; once the newest backup is older than the
    interval, a change is backed up on close; without a change, never."""
    folder = tmp_path / "auto"
    folder.mkdir()
    BackupPreferences(folder=str(folder), interval_minutes=30).save()
    first = create_backup(reason="auto", dest_dir=folder)
    controllers = []  # kept alive as long as their windows (the main window keeps its own)

    def close_a_window() -> list:
        win = QMainWindow()
        qtbot.addWidget(win)
        controller = making.AutoBackupController(win)
        controllers.append(controller)
        win.show()
        win.close()
        controller.stop()
        return sorted(p.name for p in folder.glob("ledger-*.db"))

    services.add_word(kids, "西瓜", "zh")
    assert close_a_window() == [first.name]  # changed, but the newest backup is 0 minutes old

    age_backup(first, 20)
    assert close_a_window() == [first.name]  # 20 minutes: still inside the 30-minute interval

    age_backup(read_backup(first.path), 15)
    names = close_a_window()  # 35 minutes and changed since: one backup
    assert len(names) == 2 and first.name in names
    made = read_backup(folder / [n for n in names if n != first.name][0])
    assert made.reason == "auto" and made.counts["mastered_words"] == 4

    age_backup(read_backup(first.path), 120)
    age_backup(made, 60)
    assert close_a_window() == names  # old enough, but nothing changed since


def test_the_main_window_opens_the_restore_dialog_and_reloads_after(qtbot, window, kids, fake_dialogs, monkeypatch):
    create_backup(reason="manual")
    services.delete_profile(kids)
    reloaded = []
    monkeypatch.setattr(window, "reload_all", lambda: reloaded.append(True))
    assert window.open_restore()
    dialog = window.findChild(restore.RestoreDialog)
    wait(qtbot, dialog.jobs)
    dialog.select(0)
    fake_dialogs.answer("ask", True)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30_000)
    wait(qtbot, dialog.jobs)
    assert reloaded and [p["name"] for p in services.list_profiles()] == ["Mei"]
    dialog.close()


def test_ctrl_b_in_the_main_window_makes_a_verified_backup(qtbot, window, kids):
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(list_backups(verify=False)) and not window.jobs.busy, timeout=20_000)
    made = list_backups(verify=False)[0]
    assert check_backup(made, integrity=True).ok and made.reason == "manual"
    assert made.name in window.statusBar().currentMessage()


def test_the_main_window_backs_up_when_it_closes(qtbot, window, kids):
    if not hasattr(window, "start_auto_backup"):
        pytest.skip("this main window does not start automatic backups yet")
    assert window.start_auto_backup()
    services.add_word(kids, "西瓜", "zh")
    window.close()
    made = list_backups(verify=True)
    assert len(made) == 1 and made[0].reason == "auto" and made[0].ok


def crafted_copy(info, name: str, change) -> None:
    """A copy of the backup ``info`` changed by ``change(connection)``, with a manifest made to match its size and
    SHA-256 (the row counts and audit head stay those of the original: ``change`` adds or removes no rows)."""
    import json
    import shutil
    from contextlib import closing

    from desktop.store import cipher  # the database is encrypted: another program with the key

    path = info.path.parent / f"ledger-{name}.db"
    shutil.copyfile(info.path, path)
    with closing(cipher.connect(path, isolation_level=None)) as con:
        change(con)
    manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
    manifest["size"], manifest["sha256"] = file_sha256(path)
    manifest["file"] = path.name
    path.with_suffix(".json").write_text(json.dumps(manifest), encoding="utf-8")


def edit_a_sealed_audit_row(con) -> None:
    from desktop.store import sqlite

    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET new_value = replace(new_value, '苹果', '西瓜') WHERE new_value LIKE '%苹果%'")
    con.execute(next(s for s in sqlite.trigger_sql() if s.startswith("CREATE TRIGGER audit_log_no_update ")))


def test_a_backup_whose_audit_trail_does_not_verify_is_restored_only_after_a_second_confirmation(
    qtbot, main, kids, fake_dialogs
):
    from desktop.store.schema import SCHEMA_VERSION

    good = create_backup(reason="manual")
    crafted_copy(good, "20000101-000000", edit_a_sealed_audit_row)
    crafted_copy(good, "20000102-000000", lambda con: con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}"))
    services.delete_profile(kids)

    dialog = open_dialog(qtbot, main)
    shown = {dialog.backups[r].name: r for r in range(dialog.table.rowCount())}
    tampered, newer = shown["ledger-20000101-000000.db"], shown["ledger-20000102-000000.db"]
    assert dialog.table.item(shown[good.name], 3).text() == "✔ Verified"
    assert dialog.table.item(newer, 3).text() == "✖ Cannot be used"
    assert "newer version" in dialog.table.item(newer, 4).text()
    assert not dialog.select(newer)  # its manifest says the current schema; the file says otherwise
    assert dialog.table.item(tampered, 3).text() == "⚠ Audit trail does not verify"
    assert "altered after they were sealed" in dialog.table.item(tampered, 3).toolTip()
    assert dialog.select(tampered) and dialog.restore_button.isEnabled()

    # yes to the first question, no to the second: nothing is changed
    fake_dialogs.answer("ask", True)
    dialog.restore_selected()
    wait(qtbot, dialog.jobs)
    questions = fake_dialogs.texts("ask")
    assert len(questions) == 2 and "does not verify" in questions[1]
    assert "altered after they were sealed" in questions[1] and "recorded" in questions[1]
    assert dialog.result_value is None and services.list_profiles() == []

    # yes to both: restored, and the choice is in the restored database's audit log
    fake_dialogs.answer("ask", True)
    fake_dialogs.answer("ask", True)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=30_000)
    wait(qtbot, dialog.jobs)
    result = dialog.result_value
    assert result.ok and result.backup.name == "ledger-20000101-000000.db" and result.accepted
    assert "recorded in the audit log" in dialog.message.text()
    assert [p["name"] for p in services.list_profiles()] == ["Mei"]
    database = db.current()
    notes = database.execute_sql("SELECT actor, note FROM audit_batch WHERE kind = 'restore-unverified'").fetchall()
    assert len(notes) == 1 and notes[0][0] == "restore"
    assert "altered after they were sealed" in notes[0][1]


def test_every_reason_has_its_own_label_in_both_languages(qtbot, main):
    from desktop.ui import i18n

    dialog = open_dialog(qtbot, main)
    labels = {reason: dialog.reason_text(reason) for reason in REASONS}
    assert labels["before-optimize"] == "Before optimizing"
    assert labels["before-undo-import"] == "Before undoing an import"
    assert labels["manual"] == "Made by you"
    assert len(set(labels.values())) == len(labels) and all(labels[r] != r for r in labels)
    i18n.translations().switch("zh_CN")
    chinese = {reason: dialog.reason_text(reason) for reason in REASONS}
    assert chinese["before-optimize"] == "优化之前"
    assert len(set(chinese.values())) == len(chinese)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in chinese.values())


def test_the_restore_list_groups_by_day_and_shows_what_thinning_keeps(qtbot, main, kids):
    """Six backups on four days: each day is named once, on its newest backup; of two backups 40 days old on
    the same day thinning keeps the newer only, and the list says so."""
    from datetime import datetime, timedelta

    made = {}
    for key, reason in (
        ("now", "manual"),
        ("now2", "auto"),
        ("yesterday", "auto"),
        ("weeks", "before-optimize"),
        ("old-newer", "auto"),
        ("old-older", "auto"),
    ):
        made[key] = create_backup(reason=reason)
    noon_today = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    at = {
        "now": noon_today + timedelta(minutes=2),
        "now2": noon_today + timedelta(minutes=1),
        "yesterday": noon_today - timedelta(days=1),
        "weeks": noon_today - timedelta(days=20),
        "old-newer": noon_today - timedelta(days=40),
        "old-older": noon_today - timedelta(days=40, hours=2),
    }
    for key, info in made.items():
        age_backup(info, (info.created_at - at[key]).total_seconds() / 60)

    dialog = open_dialog(qtbot, main)
    order = [info.name for info in dialog.backups]
    assert order == [made[k].name for k in ("now", "now2", "yesterday", "weeks", "old-newer", "old-older")]
    firsts = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    today, yesterday = dialog.day_text(at["now"].date()), dialog.day_text(at["yesterday"].date())
    assert firsts[0] == f"{today}  12:02:00" and firsts[1] == "12:01:00"
    assert firsts[2].startswith(yesterday) and firsts[3].startswith(dialog.day_text(at["weeks"].date()))
    assert firsts[4].startswith(dialog.day_text(at["old-newer"].date())) and firsts[5] == "10:00:00"
    kept = [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]
    assert kept == ["Kept"] * 5 + ["Removed at the next tidy-up"]
    assert dialog.table.item(3, 1).text() == "Before optimizing"

    prune()  # and thinning does what the list said
    assert [i.name for i in list_backups(verify=False)] == order[:5]


def test_the_settings_page_shows_preferences_an_older_version_kept_in_their_own_file(qtbot, ledger, tmp_path):
    import json

    from desktop import paths

    old = paths.data_dir() / "backup-settings.json"
    old.write_text(json.dumps({"folder": tmp_path.as_posix(), "daily": 5, "on_close": False}), encoding="utf-8")
    page = settings_page.BackupSettingsPage()
    qtbot.addWidget(page)
    assert page.folder_edit.text() == tmp_path.as_posix()
    assert page.spins["daily"].value() == 5 and not page.on_close.isChecked()
    page.spins["weekly"].setValue(3)
    page.apply()
    assert BackupPreferences.load() == BackupPreferences(folder=tmp_path.as_posix(), daily=5, weekly=3, on_close=False)
    assert "daily" in old.read_text(encoding="utf-8")  # the old file is left as it was
