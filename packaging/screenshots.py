"""Screenshots of every tab of the main window, in English and in Simplified Chinese, for the README; then every
window (each tab, the main dialogs, the import wizard's first pages) on the small screens the app must fit:
800×600 and 1366×768, in both languages.

    python packaging/screenshots.py            # starts its own Xvfb if there is no display
    xvfb-run -s "-screen 0 1366x768x24" python packaging/screenshots.py
    python packaging/screenshots.py --screens 800x600   # only the small-screen set, one size

The data is invented and built with desktop.services in a temporary user-data folder (nothing of the user's is
read or touched). Images go to docs/screenshots/<lang>-<tab>.png and docs/screenshots/<W>x<H>/<lang>-<window>.png
(a window larger than the screen is shrunk to it, as a window manager would, so what clips there clips here).
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1200, 760)
TABS = ("overview", "zh", "en", "grammar", "cards", "chat")
#: The small screens every window must fit (a netbook, the commonest laptop screen).
SCREENS = ((800, 600), (1366, 768))
#: The dialogs shot on each screen: name → a function of the main window that opens it (not modally).
DIALOGS = ("new-card", "paste", "settings", "backup-settings", "restore", "health", "audit-log", "as-of")
WIZARD_PAGES = ("welcome", "source", "check")

ZH_WORDS = (
    "猫 狗 鱼 鸟 马 牛 羊 鸡 鸭 兔 苹果 香蕉 西瓜 葡萄 草莓 橙子 米饭 面条 牛奶 鸡蛋 水 茶 爸爸 妈妈 爷爷 奶奶 哥哥 姐姐 "
    "弟弟 妹妹 老师 朋友 医生 学校 公园 超市 医院 家 门 窗 桌子 椅子 床 书 笔 纸 包 鞋 帽子 衣服 红色 黄色 蓝色 绿色 "
    "白色 黑色 大 小 多 少 高 矮 快 慢 冷 热 吃 喝 睡觉 洗澡 刷牙 穿 走 跑 跳 唱歌 跳舞 画画 读书 写字 看 听 说 笑 哭 "
    "开心 难过 生气 害怕 早上 中午 晚上 今天 明天 昨天 太阳 月亮 星星 雨 雪 风 云 花 草 树 山 河 海 车 火车 飞机 船"
).split()
EN_WORDS = (
    "cat dog fish bird apple banana milk water mum dad teacher friend school park red blue green yellow big small "
    "hot cold eat drink sleep run jump sing happy sad sun moon star rain tree flower car bus train"
).split()
GRAMMAR = (
    "gp-a1-000-you-possession",
    "gp-a1-001-shi-sentence",
    "gp-a1-003-%E5%9C%A8-location",
    "gp-a1-005-le-completion",
    "gp-a2-006-bu-negation",
    "gp-a2-010-you-possession",
    "gp-a2-011-ma-question",
)


@contextmanager
def screenshot_session(prefix: str, first: int = 90, screen: str = "1366x800x24") -> Iterator[None]:
    """A display (:func:`ensure_display`), a throwaway data folder, Shanghai time (chat times are shown in the local
    zone) and the repository importable, for the length of one screenshot run."""
    xvfb = ensure_display(first, screen)
    home = tempfile.mkdtemp(prefix=prefix)
    os.environ["MASTERY_LEDGER_HOME"] = home
    os.environ.setdefault("TZ", "Asia/Shanghai")
    time.tzset()
    sys.path.insert(0, str(ROOT))
    try:
        yield
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)


def ensure_display(first: int = 90, screen: str = "1366x800x24") -> subprocess.Popen | None:
    """Use the display we have; without one, start Xvfb (the xcb platform renders fonts like a desktop) on a display
    number from ``first`` (each screenshot script has its own range) with ``screen`` (width x height x depth)."""
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    display = f":{first + os.getpid() % 9}"
    process = subprocess.Popen(
        [xvfb, display, "-screen", "0", screen, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    return process


def picture_png(color: str, text: str) -> str:
    """A small picture (as a data URI) for the sample cards."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(160, 110, QImage.Format.Format_ARGB32)
    image.fill(QColor("#fffdf5"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(45, 15, 70, 70))
    painter.setBrush(QColor("#3f8f3f"))
    painter.drawEllipse(QRectF(78, 6, 22, 12))
    font = QFont()
    font.setPointSize(11)
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    painter.drawText(QRectF(0, 86, 160, 22), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def build_sample_data() -> str:
    """Three children with words over many months, grammar, three cards and a chat; returns the first child's id."""
    from desktop import services
    from desktop.store import audit

    ming = services.create_profile(
        "小明",
        dob="2016-04-18",
        gender="male",
        school="阳光小学",
        neighborhood="东湖街道",
        verbal_fluency="short sentences",
        passive_language_level="intermediate",
        mental_age=6.5,
        interests=["乐高", "火车", "画画"],
        character_roster=["小猪佩奇", "汪汪队", "Elsa"],
        raw_input="妈妈：138 0000 0000（示例）\n喜欢坐火车，怕大声音。",
    )
    services.create_profile("李莉 Lily", dob="2018-09-02", gender="female", interests=["唱歌"])
    services.create_profile("王浩", dob="2014-12-24", gender="male")
    pid = ming["id"]
    start = datetime(2024, 9, 1, 9, 30, tzinfo=UTC)
    zh_rows, en_rows = [], []
    for i, word in enumerate(ZH_WORDS):
        zh_rows.append((pid, word, "zh", (start + timedelta(days=int(i * 4.2))).isoformat()))
    for i, word in enumerate(EN_WORDS):
        en_rows.append((pid, word, "en", (start + timedelta(days=60 + i * 9)).isoformat()))
    with audit.writing("user"):
        services.insert_rows("mastered_words", ("profile_id", "word", "language", "added_at"), zh_rows + en_rows)
        services.insert_rows(
            "mastered_grammar",
            ("profile_id", "grammar_uri", "added_at"),
            [
                (pid, f"http://srs4autism.com/instance/{g}", (start + timedelta(days=30 * i)).isoformat())
                for i, g in enumerate(GRAMMAR)
            ],
        )
    lily = [p for p in services.list_profiles() if p["name"].startswith("李莉")][0]
    services.bulk_add_words(lily["id"], "猫, 狗, 妈妈, 爸爸, 水, 苹果", "zh")
    services.bulk_add_words(lily["id"], "cat, dog, mum", "en")

    services.add_card(
        pid,
        "basic",
        {
            "front": "<b>苹果</b>",
            "back": f'apple<br><img src="{picture_png("#d9342b", "apple 苹果")}">',
            "tags": ["vocab", "zh"],
        },
        status="approved",
    )
    services.add_card(
        pid,
        "interactive_cloze",
        {
            "front": "我喜欢吃<b>香蕉</b>",
            "text_field": "我喜欢吃[[c1::香蕉]]",
            "back": f'I like bananas<br><img src="{picture_png("#f2c230", "banana 香蕉")}">',
            "tags": ["sentence"],
        },
        status="pending",
    )
    services.add_card(
        pid,
        "basic_reverse",
        {"front": "<b>橙子</b>", "back": f'orange<br><img src="{picture_png("#f28a1c", "orange 橙子")}">'},
        status="synced",
    )
    chat_start = datetime(2025, 3, 1, 1, 0, tzinfo=UTC)
    conversation = [
        ("user", "@小明 请做 3 张卡片：苹果、香蕉、橙子，要有图片。"),
        (
            "assistant",
            "好的！我为小明做了 3 张卡片：\n\n- 苹果 apple\n- 香蕉 banana\n- 橙子 orange\n\n"
            f"![Generated Image]({picture_png('#d9342b', 'apple')})",
        ),
        ("user", "他喜欢火车，可以用火车做一个句子吗？"),
        ("assistant", "可以：“火车开得很快。” The train is very fast. 要我把它做成填空卡吗？"),
        ("user", "好的，谢谢！"),
    ]
    for i, (role, text) in enumerate(conversation):
        services.add_chat_message(pid, role, text, timestamp=(chat_start + timedelta(minutes=3 * i)).isoformat())
    return pid


def prepare() -> str:
    """The application and the invented sample database (with one backup, for the Restore window); returns the
    child the pictures show."""
    from desktop.store import db
    from desktop.ui.app import create_application
    from desktop.ui.backups import making

    create_application()
    db.open_database(None)
    pid = build_sample_data()
    sample_backups()
    making.backup_into_chosen_folder("manual")
    return pid


def sample_backups() -> None:
    """A few weeks of backups for the Restore window (grouped by day, some thinned): made now, then dated back by
    rewriting their manifests' time, which is what the list and thinning go by."""
    import json

    from desktop.backup.create import create_backup

    now = datetime.now(UTC)
    for reason, age in (
        ("auto", timedelta(hours=3)),
        ("before-optimize", timedelta(days=1, hours=2)),
        ("auto", timedelta(days=1, hours=5)),
        ("before-undo", timedelta(days=6)),
        ("auto", timedelta(days=20)),
        ("auto", timedelta(days=20, hours=3)),
    ):
        info = create_backup(reason=reason)
        manifest = json.loads(info.manifest_path.read_text(encoding="utf-8"))
        manifest["created_at"] = (now - age).isoformat(timespec="seconds").replace("+00:00", "Z")
        info.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def shoot(out_dir: Path, languages: tuple[str, ...], pid: str) -> list[Path]:
    """Every tab of the main window at the README's size, in each language."""
    from PySide6.QtWidgets import QApplication

    from desktop.settings import Settings
    from desktop.ui import i18n
    from desktop.ui.main_window import TAB_KEYS, MainWindow

    app = QApplication.instance()
    window = MainWindow(Settings())
    window.resize(*SIZE)
    window.show()
    window.profiles.select(pid)
    written = []
    for language in languages:
        i18n.translations().switch(language)
        settle(app)
        for key in TABS:
            window.tabs.setCurrentIndex(TAB_KEYS.index(key))
            settle(app)
            select_sample_rows(window, key)
            settle(app)
            path = out_dir / f"{language}-{key}.png"
            window.grab().save(str(path))
            written.append(path)
    window.jobs.wait()
    window.close()
    QApplication.processEvents()
    return written


def select_sample_rows(window, key: str) -> None:
    """A card shown in the preview, a word selected: the tabs as someone using them sees them."""
    if key == "cards":
        page = window.pages["cards"]
        page.view.setCurrentIndex(page.model.index(1, 0))
    if key == "zh":
        window.pages["zh"].view.selectRow(2)


def settle(app, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.03)


def open_dialog(name: str, window):
    """One of :data:`DIALOGS` over ``window``, shown."""
    from desktop.ui import health
    from desktop.ui.audit.as_of import AsOfDialog
    from desktop.ui.audit.viewer import AuditLogViewer
    from desktop.ui.backups.restore import RestoreDialog
    from desktop.ui.backups.settings_page import BackupSettingsDialog
    from desktop.ui.cards import CardDialog
    from desktop.ui.record_pages import PasteDialog
    from desktop.ui.settings_dialog import SettingsDialog

    makers = {
        "new-card": lambda: CardDialog(window),
        "paste": lambda: PasteDialog(window.pages["zh"].language_name(), "猫, 狗, 老虎\n大象、长颈鹿", window),
        "settings": lambda: SettingsDialog(window.settings, window),
        "backup-settings": lambda: BackupSettingsDialog(None, window),
        "restore": lambda: RestoreDialog(window),
        "health": lambda: health.HealthPage(window),
        "audit-log": lambda: AuditLogViewer(window, verify=True),
        "as-of": lambda: AsOfDialog(window, window.profiles.current_id()),
    }
    dialog = makers[name]()
    if name == "audit-log":
        dialog.set_scope()  # every change, as Tools ▸ Audit log… opens it
    dialog.show()
    return dialog


def fit(widget, screen: tuple[int, int]) -> None:
    """Size a window as a window manager would on ``screen``: its own size, at most the screen (less a title bar
    and a panel), at least its minimum (a minimum larger than the screen is what this set is here to catch)."""
    width, height = screen[0], screen[1] - 60
    size = widget.size()
    widget.resize(
        max(widget.minimumWidth(), min(size.width(), width)), max(widget.minimumHeight(), min(size.height(), height))
    )


def each_screen(app, window, out_dir: Path, screens, languages):
    """For each screen size and language: ``window`` in that language, sized to the screen; yields (folder of the
    screen's pictures, language, screen)."""
    from desktop.ui import i18n

    for screen in screens:
        folder = out_dir / f"{screen[0]}x{screen[1]}"
        folder.mkdir(parents=True, exist_ok=True)
        for language in languages:
            i18n.translations().switch(language)
            window.resize(*screen)
            fit(window, (screen[0], screen[1] + 60))
            settle(app)
            yield folder, language, screen


def shoot_screens(
    out_dir: Path, languages: tuple[str, ...], screens: tuple[tuple[int, int], ...], pid: str
) -> list[Path]:
    """Every window on every small screen, in each language: the main window's tabs, :data:`DIALOGS` and the
    wizard's :data:`WIZARD_PAGES` (on a copy of the invented sample of the old app's files)."""
    from PySide6.QtWidgets import QApplication

    from desktop.settings import Settings
    from desktop.ui.main_window import TAB_KEYS, MainWindow
    from desktop.ui.wizard.wizard import MigrationWizard

    app = QApplication.instance()
    window = MainWindow(Settings())
    window.show()
    window.profiles.select(pid)
    legacy = Path(tempfile.gettempdir()) / "screens-demo" / "Curious Mario"  # a stable path: it shows in pictures
    shutil.rmtree(legacy.parent, ignore_errors=True)
    shutil.copytree(ROOT / "resources" / "demo" / "legacy", legacy)
    written = []

    def save(widget, folder: Path, name: str) -> None:
        settle(app)
        jobs = getattr(widget, "jobs", None)
        if jobs is not None:
            jobs.wait()
            settle(app)
        path = folder / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    try:
        for folder, language, screen in each_screen(app, window, out_dir, screens, languages):
            for key in TABS:
                window.tabs.setCurrentIndex(TAB_KEYS.index(key))
                settle(app)
                select_sample_rows(window, key)
                save(window, folder, f"{language}-{key}")
            for name in DIALOGS:
                dialog = open_dialog(name, window)
                if name == "audit-log":  # its rows are read in the background
                    wait_until(app, lambda d=dialog: d.model.rowCount() > 0)
                fit(dialog, screen)
                save(dialog, folder, f"{language}-{name}")
                dialog.close()
                dialog.deleteLater()
            wizard = MigrationWizard(window, source=legacy, search_usual_places=False)
            wizard.show()
            fit(wizard, screen)
            save(wizard, folder, f"{language}-wizard-welcome")
            wizard.next()
            wait_until(app, wizard.source_page.isComplete)
            save(wizard, folder, f"{language}-wizard-source")
            wizard.next()
            wait_until(app, lambda w=wizard: not w.check_page.running and w.dry is not None)
            save(wizard, folder, f"{language}-wizard-check")
            wizard.jobs.cancel_all()
            wizard.wait_idle()
            wizard.close()
            wizard.deleteLater()
    finally:
        shutil.rmtree(legacy.parent, ignore_errors=True)
        window.jobs.wait()
        window.close()
        QApplication.processEvents()
    return written


def shoot_welcome(out_dir: Path, languages: tuple[str, ...], screens: tuple[tuple[int, int], ...]) -> list[Path]:
    """The first window a parent sees: an empty database, the welcome page leading to the import."""
    from PySide6.QtWidgets import QApplication

    from desktop.settings import Settings
    from desktop.store import db
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance()
    previous = db.database_path()
    db.open_database(Path(os.environ["MASTERY_LEDGER_HOME"]) / "empty" / "ledger.db")
    window = MainWindow(Settings())
    window.show()
    written = []
    try:
        for folder, language, _screen in each_screen(app, window, out_dir, screens, languages):
            window.jobs.wait()
            settle(app)
            path = folder / f"{language}-welcome.png"
            window.grab().save(str(path))
            written.append(path)
    finally:
        window.jobs.wait()
        window.close()
        QApplication.processEvents()
        if previous is not None:
            db.open_database(previous)
    return written


def wait_until(app, condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("a window did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--lang", action="append", choices=("en", "zh_CN"))
    parser.add_argument(
        "--screens", action="append", metavar="WxH", help="only the small-screen set, on this screen size (repeatable)"
    )
    args = parser.parse_args(argv)
    screens = tuple(tuple(int(n) for n in s.lower().split("x")) for s in args.screens) if args.screens else SCREENS
    args.out.mkdir(parents=True, exist_ok=True)
    languages = tuple(args.lang or ("en", "zh_CN"))
    with screenshot_session("ml-screens-"):
        pid = prepare()
        written = [] if args.screens else shoot(args.out, languages, pid)
        written += shoot_screens(args.out, languages, screens, pid)
        written += shoot_welcome(args.out, languages, screens)
        for path in written:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        from desktop.store import db

        db.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
