"""Screenshots of every page of the migration wizard, in English and Chinese, for the README.

    xvfb-run -a python packaging/wizard_screenshots.py            # real X server (xcb), the default style
    QT_QPA_PLATFORM=offscreen python packaging/wizard_screenshots.py

Runs the wizard on a copy of the invented sample data (tests/data/sample-legacy) in a throw-away user-data folder
and home folder, so no real records and no real paths appear, and writes docs/screenshots/wizard-<page>-<lang>.png.
The Migrate page is captured while the engine is held at its first write (the progress bar half-way).
"""

from __future__ import annotations

import argparse
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
        for language in args.languages:
            for page, path in shoot(language, source, args.out):
                print(f"{page:8} {language:6} {path}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def shoot(language: str, source: Path, out: Path) -> list[tuple[str, Path]]:
    from PySide6.QtCore import QEventLoop, QLocale, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import db, paths
    from desktop.legacy import importer
    from desktop.ui.wizard import qt_workaround, translations
    from desktop.ui.wizard.wizard import DONE, MIGRATE, MigrationWizard

    qt_workaround.protect_none()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    translations.ensure_translator(language)
    try:
        from desktop.ui import i18n  # the window's own catalogue and Qt's, as the app would have them

        i18n.translations().switch(language)
    except ImportError:  # pragma: no cover
        pass

    database_file = paths.default_db_path()
    database_file.unlink(missing_ok=True)
    db.open_database(database_file)

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
        spin(lambda: held.is_set() and wizard.currentId() == MIGRATE
             and wizard.migrate_page.progress.maximum() > 0)
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


if __name__ == "__main__":
    sys.exit(main())
