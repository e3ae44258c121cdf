"""Screenshots of the audit log (list, field diff, "as it was on…"), the Restore dialog and the health page, in
English and in Simplified Chinese, for the README.

    python packaging/audit_screenshots.py            # starts its own Xvfb if there is no display
    xvfb-run -s "-screen 0 1280x800x24" python packaging/audit_screenshots.py

Invented data, built with desktop.services in a temporary user-data folder (nothing of the user's is read or
touched). Images go to docs/screenshots/audit-*.png, restore-*.png and health-*.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from screenshots import screenshot_session  # packaging/ is first on sys.path: these run as scripts

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def build_story(db_path: Path) -> dict:
    """An import, everyday edits, an edit by another program, an undo and some backups; returns what the shots
    need (ids, the moment before the later edits, the damaged backup)."""
    from desktop import history, services
    from desktop.backup.create import create_backup
    from desktop.store import audit, cipher, db

    with audit.writing("migration"):
        audit.note_batch("migration", {"archive": "legacy-2024-09-01.zip", "source": "srs4autism/data"})
        ming = services.create_profile(
            "小明", actor="migration", dob="2016-04-18", school="阳光小学", interests=["乐高", "火车"]
        )["id"]
        lily = services.create_profile("李莉 Lily", actor="migration", dob="2018-09-02")["id"]
        services.bulk_add_words(
            ming, "猫 狗 鱼 鸟 苹果 香蕉 西瓜 葡萄 妈妈 爸爸 老师 学校 火车 飞机", "zh", actor="migration"
        )
        services.bulk_add_words(ming, "cat, dog, apple, train", "en", actor="migration")
        services.bulk_add_words(lily, "猫 狗 水 苹果", "zh", actor="migration")
        services.add_grammar(ming, "http://srs4autism.com/instance/gp-a1-001-shi-sentence", actor="migration")
        services.add_card(ming, "basic", {"front": "苹果", "back": "apple"}, status="approved", actor="migration")
    create_backup(reason="before-migration")
    time.sleep(1.1)
    moment = datetime.now(UTC)
    time.sleep(1.1)
    apple = (
        db.current()
        .execute_sql("SELECT id FROM mastered_words WHERE word = '苹果' AND profile_id = ?", (ming,))
        .fetchone()[0]
    )
    services.rename_word(apple, "苹果树", None)
    services.update_profile(ming, None, school="东湖小学", interests=["乐高", "火车", "画画"])
    services.bulk_add_words(ming, "草莓 橙子 牛奶 面条 米饭", "zh")
    watermelon = db.current().execute_sql("SELECT id FROM mastered_words WHERE word = '西瓜'").fetchone()[0]
    services.delete_rows("mastered_words", [watermelon])
    services.add_chat_message(ming, "user", "今天小明自己说出了“火车开得很快”！")
    with closing(cipher.connect(db_path)) as con:  # another program (the sqlite3 shell, say), with the key
        con.execute("UPDATE mastered_words SET word = 'dogs' WHERE word = 'dog'")
        con.commit()
    db.close_database()
    db.open_database(db_path)  # seals what the other program wrote
    services.add_word(lily, "香蕉", "zh")
    rename = [
        e for e in audit.entries(db.current(), audit.LOG.action == "UPDATE", audit.LOG.table_name == "mastered_words")
    ][0]
    history.revert_entry(rename.id)
    services.rename_word(apple, "大苹果", None)
    create_backup(reason="manual")
    time.sleep(1.1)
    services.add_word(ming, "熊猫", "zh")
    create_backup(reason="auto")
    time.sleep(1.1)
    damaged = create_backup(reason="manual")
    data = bytearray(damaged.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.path.write_bytes(bytes(data))
    services.delete_rows(
        "mastered_words", [db.current().execute_sql("SELECT id FROM mastered_words WHERE word = '熊猫'").fetchone()[0]]
    )
    time.sleep(1.1)
    create_backup(reason="manual")
    return {"ming": ming, "lily": lily, "moment": moment, "apple": apple}


def shoot(out_dir: Path, languages: tuple[str, ...]) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop.store import cipher, db
    from desktop.ui import health as health_ui
    from desktop.ui import i18n
    from desktop.ui.app import create_application
    from desktop.ui.audit.as_of import AsOfDialog, open_as_of
    from desktop.ui.audit.viewer import open_audit_log
    from desktop.ui.backups.restore import open_restore

    app = create_application()
    db_path = Path(os.environ["MASTERY_LEDGER_HOME"]) / "ledger.db"
    db.open_database(db_path)
    story = build_story(db_path)
    written: list[Path] = []

    def settle(*widgets) -> None:
        for _ in range(200):
            app.processEvents()
            busy = False
            for w in widgets:
                for name in ("jobs",):
                    jobs = getattr(w, name, None)
                    busy = busy or (jobs is not None and jobs.busy)
                model = getattr(w, "model", None)
                if hasattr(model, "loading"):
                    busy = busy or model.loading or model.reader.busy
                for reader in ("count_reader", "chain_reader", "reader"):
                    r = getattr(w, reader, None)
                    busy = busy or (r is not None and hasattr(r, "busy") and r.busy)
                if isinstance(w, AsOfDialog):
                    busy = busy or w.diff is None
                if isinstance(w, health_ui.HealthPage):
                    busy = busy or w.facts is None
            if not busy:
                break
            time.sleep(0.03)
        for _ in range(8):
            app.processEvents()
            time.sleep(0.02)

    def save(widget, name: str, language: str) -> None:
        path = out_dir / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    for language in languages:
        i18n.translations().switch(language)
        app.processEvents()

        viewer = open_audit_log(None)
        viewer.resize(1180, 700)
        settle(viewer)
        rows = viewer.model.rows
        batch = next(r for r, row in enumerate(rows) if row.item.changed_by == "migration" and row.item.is_batch)
        viewer.model.toggle(batch)
        viewer.select_row(
            next(
                r
                for r, row in enumerate(viewer.model.rows)
                if row.item.action == "UPDATE"
                and row.item.table_name == "mastered_words"
                and row.item.changed_by == "external"
            )
        )
        settle(viewer)
        save(viewer, "audit-log", language)

        viewer.model.toggle(batch)
        profile_edit = next(
            r
            for r, row in enumerate(viewer.model.rows)
            if row.item.action == "UPDATE" and row.item.table_name == "profiles"
        )
        viewer.select_row(profile_edit)
        settle(viewer)
        save(viewer, "audit-diff", language)

        as_of = open_as_of(viewer, story["ming"])
        as_of.set_moment(story["moment"])
        settle(as_of)
        save(as_of, "audit-as-of", language)
        as_of.close()
        viewer.wait_idle()
        viewer.close()

        restore = open_restore(None)
        settle(restore)
        restore.select(2)
        settle(restore)
        save(restore, "restore", language)
        restore.close()

        page = health_ui.open_health(None)
        page.resize(760, 400)
        settle(page)
        save(page, "health", language)
        page.close()
        app.processEvents()

    # A tampered log, as another program could leave it: guard dropped, a sealed row altered.
    db.close_database()
    with closing(cipher.connect(db_path)) as con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute(
            "UPDATE audit_log SET new_value = replace(new_value, '苹果树', '梨') WHERE new_value LIKE '%苹果树%'"
        )
        con.commit()
    db.open_database(db_path, repair=False)
    for language in languages:
        i18n.translations().switch(language)
        app.processEvents()
        page = health_ui.open_health(None)
        page.resize(760, 400)
        settle(page)
        save(page, "health-tampered", language)
        page.close()
    db.close_database()
    QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lang", action="append", choices=("en", "zh_CN"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with screenshot_session("ml-audit-screens-", 80, "1280x800x24"):
        for path in shoot(args.out, tuple(args.lang or ("en", "zh_CN"))):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
