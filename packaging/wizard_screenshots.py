"""Screenshots of every page of the migration wizard, in English and Chinese, for the README.

    xvfb-run -a python packaging/wizard_screenshots.py            # real X server (xcb), the default style
    QT_QPA_PLATFORM=offscreen python packaging/wizard_screenshots.py

Runs the wizard on a copy of the invented sample data (tests/data/sample-legacy) in a throw-away user-data folder
and home folder, so no real records and no real paths appear, and writes docs/screenshots/wizard-<page>-<lang>.png.
The Migrate page is captured while the engine is held at its first write (the progress bar half-way).

    QT_QPA_PLATFORM=offscreen python packaging/wizard_screenshots.py --proof

captures the Done page of a second family's folder migrated into a database that already holds the sample: its own
counts, the record-by-record proof and the records whose old ids clash ("same old id, different content"), as
docs/screenshots/wizard-done-proof-en.png and -zh.png.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAGES = ("welcome", "source", "check", "ready", "migrate", "done")
LANGUAGES = ("en", "zh_CN")
CHILD = "Test Child 1 (测试孩子1）"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--proof", action="store_true", help="only the Done page of a second family's folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.gettempdir()) / "wizard-demo"  # a short, stable path: it shows in the pictures
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        home = scratch / "home" / "parent"
        source = home / "Desktop" / "Curious Mario"
        shutil.copytree(REPO / "tests" / "data" / "sample-legacy" / "data", source / "data")
        os.environ["HOME"] = str(home)
        os.environ["MASTERY_LEDGER_HOME"] = str(home / "Mastery Ledger")
        os.environ["TZ"] = "Asia/Shanghai"  # the zone a family of the sample data would have
        time.tzset()
        os.chdir(home)
        # (the second family's folder is made only for --proof: the Source page would list it beside the sample)
        second = second_family(source, home / "Desktop" / "Curious Luigi") if args.proof else None
        for language in args.languages:
            shots = shoot_proof(language, source, second, args.out) if second else shoot(language, source, args.out)
            for page, path in shots:
                print(f"{page:8} {language:6} {path}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def start_in(language: str):
    """The application in ``language`` (the app's catalogue and Qt's, as the app would have them, and the locale)
    on a fresh database in the data folder; returns the QApplication."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from desktop import paths
    from desktop.store import db
    from desktop.ui import i18n

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if language == "zh_CN"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    i18n.translations().switch(language)
    database_file = paths.default_db_path()
    database_file.unlink(missing_ok=True)
    db.open_database(database_file)
    return app


def shoot(language: str, source: Path, out: Path) -> list[tuple[str, Path]]:
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.legacy import importer
    from desktop.store import db
    from desktop.ui.wizard.wizard import DONE, MIGRATE, MigrationWizard

    app = start_in(language)

    def spin(condition, seconds: float = 30.0) -> None:
        loop_timer = QTimer()
        loop_timer.setSingleShot(True)
        loop_timer.start(int(seconds * 1000))
        while not condition() and loop_timer.isActive():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not condition():
            raise RuntimeError("the wizard did not get there in time")

    def settle() -> None:
        for _ in range(10):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    held, release = threading.Event(), threading.Event()
    real = importer.migrate

    def held_at_words(path, **kwargs):
        if kwargs.get("dry_run"):
            return real(path, **kwargs)
        progress = kwargs["progress"]

        def hook(done, total, text):
            progress(done, total, text)
            if text == "Writing words" and not held.is_set():
                held.set()
                release.wait(30)

        return real(path, **{**kwargs, "progress": hook})

    importer.migrate = held_at_words
    shots: list[tuple[str, Path]] = []
    wizard = MigrationWizard(None)
    try:
        wizard.show()
        settle()

        def grab(page: str) -> None:
            settle()
            target = out / f"wizard-{page}-{language}.png"
            if not wizard.grab().save(str(target)):
                raise RuntimeError(f"could not write {target}")
            shots.append((page, target))

        grab("welcome")
        wizard.next()
        spin(lambda: wizard.source_page.searched and wizard.source_page.isComplete())
        grab("source")
        wizard.next()
        spin(lambda: not wizard.check_page.running and wizard.dry is not None)
        combo = wizard.check_page.profile_combo
        combo.setCurrentIndex(combo.findText(CHILD))
        spin(lambda: not wizard.check_page.running and wizard.check_page.isComplete())
        grab("check")
        wizard.next()
        grab("ready")
        wizard.next()
        spin(lambda: held.is_set() and wizard.currentId() == MIGRATE and wizard.migrate_page.progress.maximum() > 0)
        grab("migrate")
        release.set()
        spin(lambda: wizard.currentId() == DONE)
        grab("done")
    finally:
        release.set()
        importer.migrate = real
        wizard.wait_idle()
        wizard.close()
        wizard.deleteLater()
        settle()
        db.close_database()
    return shots


def second_family(sample: Path, target: Path) -> Path:
    """Another installation's folder (invented): one child, and cards and messages numbered like the sample's."""
    profiles = json.loads((sample / "data" / "profiles" / "child_profiles.json").read_text("utf-8"))
    cards = json.loads((sample / "data" / "content_db" / "approved_cards.json").read_text("utf-8"))
    chats = json.loads((sample / "data" / "content_db" / "chat_history.json").read_text("utf-8"))
    child = {
        **profiles[1],
        "name": "Test Child 3 (测试孩子3）",
        "mastered_words": "月亮, 星星, 太阳",
        "mastered_english_words": "moon, star, sun",
        "mastered_grammar": "",
    }
    for card in cards[:3]:
        card["front"] = card["front"].replace("<b>", "<b>月")
    for message in chats[:4]:
        message.pop("mentions", None)
        message["content"] = "Test Child 3: " + message["content"]
    (target / "data" / "profiles").mkdir(parents=True)
    (target / "data" / "content_db").mkdir(parents=True)
    for rel, items in (
        ("profiles/child_profiles.json", [child]),
        ("content_db/approved_cards.json", cards[:4]),
        ("content_db/chat_history.json", chats[:6]),
    ):
        (target / "data" / rel).write_text(json.dumps(items, ensure_ascii=False, indent=1), "utf-8")
    return target


def shoot_proof(language: str, sample: Path, second: Path, out: Path) -> list[tuple[str, Path]]:
    from PySide6.QtCore import QEventLoop

    from desktop.legacy import importer
    from desktop.store import db
    from desktop.ui.wizard.wizard import DONE, MigrationWizard

    app = start_in(language)
    first = importer.migrate(sample, assign_to=CHILD, backup_database=False)
    if first.status != "migrated":
        raise RuntimeError(first.message)
    db.current().close()  # the wizard's jobs use connections of their own
    wizard = MigrationWizard(None, source=second, search_usual_places=False)
    try:
        wizard.resize(900, 760)
        wizard.show()

        def spin(condition, seconds: float = 60.0) -> None:
            deadline = time.monotonic() + seconds
            while not condition() and time.monotonic() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                time.sleep(0.01)
            if not condition():
                raise RuntimeError("the wizard did not get there in time")

        wizard.next()
        spin(wizard.source_page.isComplete)
        wizard.next()
        spin(lambda: not wizard.check_page.running and wizard.dry is not None)
        wizard.check_page.zone_combo.setEditText("+08:00")
        wizard.check_page.zone_combo.lineEdit().editingFinished.emit()
        spin(lambda: not wizard.check_page.running and wizard.check_page.isComplete())
        wizard.next()
        wizard.next()
        spin(lambda: wizard.currentId() == DONE)
        for _ in range(10):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        target = out / f"wizard-done-proof-{language.split('_')[0]}.png"
        if not wizard.grab().save(str(target)):
            raise RuntimeError(f"could not write {target}")
    finally:
        wizard.wait_idle()
        wizard.close()
        wizard.deleteLater()
        db.close_database()
    return [("done", target)]


if __name__ == "__main__":
    sys.exit(main())
