"""The migration wizard, driven end to end headless: the sample data set and generated corpora, a damaged file,
several profiles, cancel, undo, a re-run, the problems table, the usual places, first start, keyboard, language."""

from __future__ import annotations

import csv
import importlib.util
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWizard

from desktop import services
from desktop.legacy import importer
from desktop.legacy import problems as legacy_problems
from desktop.legacy.result import KINDS
from desktop.models import ApprovedCard, ChatMessage, MasteredGrammar, MasteredWord, Profile
from desktop.store import db
from desktop.ui import dialogs, i18n
from desktop.ui.wizard import legacy_folders
from desktop.ui.wizard.texts import problem_text
from desktop.ui.wizard.wizard import CHECK, DONE, MIGRATE, READY, SOURCE, WELCOME, MigrationWizard

REPO = Path(__file__).resolve().parents[2]
CHILD_1 = "Test Child 1 (测试孩子1）"
CHILD_2 = "Test Child 2 (测试孩子2）"


def _corpus_module():
    spec = importlib.util.spec_from_file_location(
        "wizard_test_corpus", REPO / "tests" / "unit" / "legacy" / "corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_corpus = _corpus_module().write_corpus


# ----------------------------------------------------------------------------------------------------- fixtures


class Answers:
    """Scripted answers for the wizard's questions (:mod:`desktop.ui.dialogs`, replacing the conftest's
    ``fake_dialogs`` there); an unexpected question fails the test."""

    def __init__(self) -> None:
        self.queued: dict[str, list] = {}
        self.asked: list[tuple[str, str, str]] = []

    def queue(self, kind: str, value) -> None:
        self.queued.setdefault(kind, []).append(value)

    def _take(self, kind: str, title: str, text: str = ""):
        self.asked.append((kind, title, text))
        if not self.queued.get(kind):
            raise AssertionError(f"unexpected {kind}: {title} {text}")
        return self.queued[kind].pop(0)

    def ask(self, parent, title, text, **_kwargs) -> bool:
        return self._take("ask", title, text)

    def inform(self, parent, title, text) -> None:
        self.asked.append(("inform", title, text))

    def warn(self, parent, title, text) -> None:
        self.asked.append(("warn", title, text))

    def choose_directory(self, parent, title, directory="") -> str | None:
        return self._take("choose_directory", title)

    def save_file(self, parent, title, suggested="", filters="") -> str | None:
        return self._take("save_file", title, suggested)


@pytest.fixture(autouse=True)
def answers(monkeypatch, fake_dialogs) -> Answers:  # after fake_dialogs: these answers replace its own
    fake = Answers()
    for name in ("ask", "inform", "warn", "choose_directory", "save_file"):
        monkeypatch.setattr(dialogs, name, getattr(fake, name))
    return fake


@pytest.fixture
def make_wizard(qtbot, ledger):
    made: list[MigrationWizard] = []

    def make(source=None) -> MigrationWizard:
        wizard = MigrationWizard(None, source=source, search_usual_places=False)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.jobs.cancel_all()
        wizard.wait_idle()


def next_button(wizard: QWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.NextButton)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_check(qtbot, wizard: MigrationWizard) -> None:
    qtbot.waitUntil(
        lambda: not wizard.check_page.running and wizard.dry is not None or bool(wizard.check_page.failure),
        timeout=30_000,
    )


def to_check(qtbot, wizard: MigrationWizard) -> None:
    """Welcome → Source (the folder given to the wizard) → Check, and wait for the dry run."""
    assert wizard.currentId() == WELCOME
    click(qtbot, next_button(wizard))
    assert wizard.currentId() == SOURCE
    qtbot.waitUntil(wizard.source_page.isComplete)
    click(qtbot, next_button(wizard))
    assert wizard.currentId() == CHECK
    wait_check(qtbot, wizard)


def choose_child(qtbot, wizard: MigrationWizard, name: str) -> None:
    combo = wizard.check_page.profile_combo
    assert combo.isVisible()
    combo.setCurrentIndex(combo.findText(name))
    wait_check(qtbot, wizard)


def set_zone(qtbot, wizard: MigrationWizard, text: str) -> None:
    combo = wizard.check_page.zone_combo
    combo.setEditText(text)
    combo.lineEdit().editingFinished.emit()
    wait_check(qtbot, wizard)


def migrate_to_done(qtbot, wizard: MigrationWizard) -> None:
    """Check → Ready → Migrate → Done."""
    click(qtbot, next_button(wizard))
    assert wizard.currentId() == READY
    assert next_button(wizard).text().replace("&", "") == "Migrate"
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=60_000)


def counts() -> dict[str, int]:
    return {
        "profiles": Profile.select().count(),
        "zh": MasteredWord.select().where(MasteredWord.language == "zh").count(),
        "en": MasteredWord.select().where(MasteredWord.language == "en").count(),
        "grammar": MasteredGrammar.select().count(),
        "cards": ApprovedCard.select().count(),
        "chat": ChatMessage.select().count(),
        "audit": db.current().execute_sql("SELECT count(*) FROM audit_log").fetchone()[0],
    }


SAMPLE_COUNTS = {"profiles": 2, "zh": 230, "en": 146, "grammar": 24, "cards": 12, "chat": 20}


def without_audit(values: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in values.items() if k != "audit"}


# ------------------------------------------------------------------------------------------------ happy paths


def test_sample_end_to_end_verification_green(qtbot, make_wizard, sample_legacy):
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    check = wizard.check_page
    # two children and cards that name none: the wizard asks, and Next waits for the answer
    assert check.profile_combo.isVisible()
    assert not next_button(wizard).isEnabled()
    assert "which child" in check.status.text()
    choose_child(qtbot, wizard, CHILD_1)
    set_zone(qtbot, wizard, "+08:00")
    assert wizard.dry.status == "dry-run" and wizard.dry.read.assumed_zone == "+08:00"
    assert next_button(wizard).isEnabled()
    # counts per kind, as found in the files; secrets are reported as dropped
    assert {k: int(check.count_labels[k][1].text().replace(",", "")) for k in SAMPLE_COUNTS} == SAMPLE_COUNTS
    assert "2 secret values" in check.extra_counts.text() and "dropped" in check.extra_counts.text()
    assert not check.skip_check.isVisible()  # no errors: nothing to skip

    migrate_to_done(qtbot, wizard)
    done = wizard.done_page
    assert wizard.migration_result.status == "migrated" and wizard.migration_result.ok
    assert done.status.kind == "ok" and "nothing was lost" in done.status.text()
    for row, kind in enumerate(KINDS):
        assert done.table.item(row, 4).text().startswith("✓")
        assert done.table.item(row, 1).text().replace(",", "") == str(SAMPLE_COUNTS[kind])
    assert not done.differences.isVisible()
    assert without_audit(counts()) == SAMPLE_COUNTS
    # the cards and the unattributed messages went to the child chosen
    assert {p.name for p in Profile.select()} == {CHILD_1, CHILD_2}
    owners = {c.profile_id for c in ApprovedCard.select()}
    assert owners == {Profile.get(Profile.name == CHILD_1).id}
    assert wizard.migration_result.archive.is_file() and wizard.migration_result.database_backup.is_file()

    with qtbot.waitSignal(wizard.migrated, timeout=5_000) as signal:
        click(qtbot, done.open_button)
    assert signal.args[0] is wizard.migration_result
    assert not wizard.isVisible()


@pytest.mark.parametrize("layout", ["root", "data", "flat"])
def test_generated_corpus_one_child_needs_no_question(qtbot, make_wizard, tmp_path, layout):
    info = write_corpus(tmp_path / "old", profiles=1, zh_words=300, en_words=150, cards=9, chats=14, layout=layout)
    wizard = make_wizard(info["read_path"])
    to_check(qtbot, wizard)
    assert not wizard.check_page.profile_combo.isVisible()
    set_zone(qtbot, wizard, info["assume_tz"])
    assert next_button(wizard).isEnabled()
    migrate_to_done(qtbot, wizard)
    assert wizard.migration_result.status == "migrated" and wizard.migration_result.ok
    child = info["profiles"][0]
    assert without_audit(counts()) == {
        "profiles": 1,
        "zh": len(child["zh"]),
        "en": len(child["en"]),
        "grammar": len(child["grammar"]),
        "cards": 9,
        "chat": 14,
    }
    stored = [w.word for w in MasteredWord.select().where(MasteredWord.language == "zh").order_by(MasteredWord.id)]
    assert stored == child["zh"]


# --------------------------------------------------------------------------------------------- the Source page


def test_source_page_accepts_root_data_and_files_folder(qtbot, make_wizard, sample_legacy, answers, tmp_path):
    wizard = make_wizard()
    click(qtbot, next_button(wizard))
    page = wizard.source_page
    assert not next_button(wizard).isEnabled()
    for folder in (sample_legacy, sample_legacy / "data", sample_legacy / "data" / "profiles"):
        page.folder_edit.setText(str(folder))
        page.check_folder()
        assert page.isComplete() and next_button(wizard).isEnabled(), folder
    names = [page.files.topLevelItem(i).text(0) for i in range(page.files.topLevelItemCount())]
    # the profiles folder stands for the data folder beside content_db
    assert names[:3] == [
        "profiles/child_profiles.json",
        "content_db/approved_cards.json",
        "content_db/chat_history.json",
    ]
    assert "profiles/anki_profiles.json" in names  # listed, marked as not moved
    sizes = [page.files.topLevelItem(i).text(2) for i in range(page.files.topLevelItemCount())]
    assert all(sizes[:3]) and all(page.files.topLevelItem(i).text(3) for i in range(3))

    # profiles alone is a valid source, and the page says the rest is simply absent
    only = tmp_path / "only-profiles"
    only.mkdir()
    (only / "child_profiles.json").write_bytes((sample_legacy / "data/profiles/child_profiles.json").read_bytes())
    answers.queue("choose_directory", str(only))
    click(qtbot, page.browse_button)
    assert page.isComplete()
    assert "no cards file" in page.missing_note.text() and "no chat history file" in page.missing_note.text()

    # a folder without the old app's files
    page.folder_edit.setText(str(tmp_path))
    page.check_folder()
    assert not page.isComplete() and not next_button(wizard).isEnabled()
    assert page.status.kind == "error" and "child_profiles.json" in page.status.text()


def test_usual_places_are_searched_shallowly(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)
    write_corpus(home / "Desktop" / "Curious Mario", profiles=1, cards=1, chats=2)
    write_corpus(home / "Downloads" / "mario-export", profiles=1, cards=1, chats=2, layout="flat")
    write_corpus(home / "Documents" / "a" / "b" / "c" / "too-deep", profiles=1, cards=1, chats=2)
    write_corpus(home / ".hidden" / "old", profiles=1, cards=1, chats=2)
    found = legacy_folders.find_usual_sources()
    assert found == [(home / "Desktop" / "Curious Mario").resolve(), (home / "Downloads" / "mario-export").resolve()]
    # the app's own folder (the working folder when not frozen) holding a data/ folder counts too
    write_corpus(tmp_path / "app", profiles=1, cards=1, chats=2)
    monkeypatch.chdir(tmp_path / "app")
    assert legacy_folders.find_usual_sources()[0] == (tmp_path / "app").resolve()


def test_source_page_offers_what_the_search_found(qtbot, ledger, sample_legacy, monkeypatch):
    monkeypatch.setattr(legacy_folders, "usual_places", lambda: [sample_legacy.parent])
    wizard = MigrationWizard(None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.source_page
    qtbot.waitUntil(lambda: page.searched, timeout=10_000)
    assert page.found_list.count() == 1
    assert page.found_list.item(0).text() == str(sample_legacy.resolve())
    assert page.folder_edit.text() == str(sample_legacy.resolve()) and page.isComplete()
    wizard.wait_idle()


# ------------------------------------------------------------------------------------------------ the Check page


def test_truncated_profiles_file_names_the_place_and_blocks(qtbot, make_wizard, sample_legacy):
    profiles = sample_legacy / "data" / "profiles" / "child_profiles.json"
    text = profiles.read_text("utf-8")
    profiles.write_text(text[: len(text) * 2 // 3], "utf-8")  # cut off while the old app was saving it
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert wizard.dry.status == "blocked"
    assert not next_button(wizard).isEnabled()
    assert check.status.kind == "error" and "must be fixed" in check.status.text()
    assert check.skip_check.isVisible() and not check.skip_check.isChecked()
    rows = check.model.rows()
    damaged = [r for r in rows if r[1] == "Error" and r[2] == "Children's profiles"]
    assert damaged, rows
    assert any("line" in r[0] and "column" in r[0] for r in damaged)
    problem = next(p for p in wizard.dry.read.problems if p.code == "json_truncated")
    assert f"line {problem.params['line']}, column {problem.params['column']}" in damaged[0][0]
    assert "child_profiles.json" in damaged[0][0]
    # going on means the user ticks "skip" explicitly; until then nothing can be migrated
    check.skip_check.setChecked(True)
    wait_check(qtbot, wizard)
    assert wizard.dry.status == "dry-run"


def test_several_children_next_waits_for_a_choice(qtbot, make_wizard, tmp_path):
    info = write_corpus(tmp_path / "old", profiles=3, cards=5, chats=10, unattributed_pairs=1)
    wizard = make_wizard(info["read_path"])
    to_check(qtbot, wizard)
    check = wizard.check_page
    combo = check.profile_combo
    assert combo.isVisible() and combo.count() == 4 and combo.currentData() is None
    assert not next_button(wizard).isEnabled()
    assert check.status.kind == "warning"
    third = info["profiles"][2]
    choose_child(qtbot, wizard, third["name"])
    assert wizard.choices.assign_to == third["id"]
    assert next_button(wizard).isEnabled()
    set_zone(qtbot, wizard, info["assume_tz"])
    migrate_to_done(qtbot, wizard)
    assert wizard.migration_result.ok
    assert {c.profile_id for c in ApprovedCard.select()} == {third["id"]}
    first_pair = [c["id"] for c in info["chats"][:2]]
    assert {m.profile_id for m in ChatMessage.select().where(ChatMessage.legacy_id.in_(first_pair))} == {third["id"]}


def test_time_zone_box(qtbot, make_wizard, sample_legacy):
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.zone_combo.itemData(0) == check.zone_value()  # the computer's zone is the default
    choose_child(qtbot, wizard, CHILD_2)
    set_zone(qtbot, wizard, "not a zone")
    assert check.zone_error and not next_button(wizard).isEnabled()
    assert "not a time zone" in check.zone_help.text()
    set_zone(qtbot, wizard, "+05:30")
    assert not check.zone_error and wizard.dry.read.assumed_zone == "+05:30"
    combo = check.zone_combo
    index = combo.findData("Asia/Shanghai")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    wait_check(qtbot, wizard)
    assert wizard.dry.read.assumed_zone == "Asia/Shanghai" and next_button(wizard).isEnabled()
    # a zone typed and Next pressed at once: the dry run runs again with it before the wizard goes on
    combo.setEditText("-03:00")
    click(qtbot, next_button(wizard))
    assert wizard.currentId() == CHECK
    wait_check(qtbot, wizard)
    assert wizard.dry.read.assumed_zone == "-03:00"
    click(qtbot, next_button(wizard))
    assert wizard.currentId() == READY


def test_problems_list_leads_with_the_message_groups_kinds_filters_and_exports(
    qtbot, make_wizard, sample_legacy, answers, tmp_path
):
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    check = wizard.check_page
    proxy = check.proxy
    problems = wizard.dry.read.problems
    assert proxy.headerData(0, Qt.Orientation.Horizontal) == "What was found" and check.table.wordWrap()
    # one line per kind of problem; a kind with several opens to each of them, and says how many more
    total = proxy.rowCount()
    assert total == len({(p.severity, p.code) for p in problems}) < len(problems)
    shown = []
    for r in range(total):
        line = proxy.index(r, 0)
        n = proxy.rowCount(line)
        if n:
            more = "1 more like this (open the line to see it)" if n == 2 else f"{n - 1} more like this"
            assert more in line.data(), line.data()
            shown += [proxy.index(c, 0, line).data() for c in range(n)]
        else:
            shown.append(line.data())
    assert sorted(shown) == sorted(problem_text(p) for p in problems)
    severities = [proxy.index(r, 1).data() for r in range(total)]
    order = {"Error": 0, "Warning": 1, "Note": 2}
    assert [order[s] for s in severities] == sorted(order[s] for s in severities)
    # files and fields by what they hold; the raw path and key only in the tooltip
    cells = [
        proxy.index(c, k, proxy.index(r, 0)).data() or ""
        for r in range(total)
        for c in range(max(1, proxy.rowCount(proxy.index(r, 0))))
        for k in range(5)
    ]
    assert not [c for c in cells if "mastered_" in c or "data/" in c], cells
    english = next(r for r in range(total) if proxy.index(r, 0).data().startswith("English words of"))
    child = proxy.index(0, 4, proxy.index(english, 0))
    assert child.data() == "English words" and child.data(Qt.ItemDataRole.ToolTipRole) == "mastered_english_words"
    assert proxy.index(english, 2).data() == "Children's profiles"
    assert proxy.index(english, 2).data(Qt.ItemDataRole.ToolTipRole) == "data/profiles/child_profiles.json"
    # real plural forms
    secret = next(proxy.index(r, 0).data() for r in range(total) if "secret" in proxy.index(r, 0).data())
    assert secret.startswith(
        "2 secret values such as an API key or a password were found in chat_history.json under "
        "config.apiKey. They were left out"
    )

    check.severity_combo.setCurrentIndex(check.severity_combo.findData("info"))
    assert 0 < proxy.rowCount() < total and {proxy.index(r, 1).data() for r in range(proxy.rowCount())} == {"Note"}
    check.severity_combo.setCurrentIndex(0)
    check.filter_box.setText("chat_history")
    check.filter_box.apply()
    assert 0 < proxy.rowCount() < total
    visible = proxy.visible_source_rows()
    assert visible and all("chat_history" in problems[i].file for i in visible)
    check.filter_box.setText("")
    check.filter_box.apply()
    check.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    messages = [proxy.index(r, 0).data().casefold() for r in range(proxy.rowCount())]
    assert messages == sorted(messages, reverse=True)

    check.filter_box.setText("chat_history")
    check.filter_box.apply()
    target = tmp_path / "problems.csv"
    answers.queue("save_file", str(target))
    click(qtbot, check.export_button)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["What was found", "Kind", "File", "Record", "Field"]
    assert len(rows) - 1 == len(visible) and all("chat_history.json" in r[0] for r in rows[1:])
    assert check.status.text() == f"{len(visible)} problems saved to {target}."


def test_every_problem_code_has_a_template_matching_the_engine():
    assert set(legacy_problems.MESSAGES) <= set(__import__("desktop.ui.wizard.texts", fromlist=["PROBLEMS"]).PROBLEMS)
    counted = 0
    for code, (severity, template) in legacy_problems.MESSAGES.items():
        names = {name for _, name, _, _ in __import__("string").Formatter().parse(template) if name}
        params = {name: f"<{name}>" for name in names - {"file", "record", "field"}}
        if "count" not in params:  # the engine's sentence, rebuilt
            problem = legacy_problems.Problem(
                severity,
                "f.json",
                "#1",
                "name",
                template.format(file="f.json", record="#1", field="name", **params),
                code,
                params,
            )
            assert problem_text(problem) == problem.message, code
            continue
        counted += 1
        for n in (1, 3):  # a counted sentence: a real plural form, every value in it
            values = {**params, "count": n}
            text = problem_text(legacy_problems.Problem(severity, "data/f.json", "#1", "name", "", code, values))
            assert f"{n} " in text and "(s)" not in text and "[" not in text and "|" not in text, (code, text)
            assert all(v in text for k, v in params.items() if k not in ("count", "what")), (code, text)
            assert "data/" not in text, (code, text)
    assert counted >= 12


# ---------------------------------------------------------------------------------------- cancel, undo, re-run


@pytest.mark.parametrize("how", ["cancel-button", "escape"])
def test_cancel_during_migration_writes_nothing(qtbot, make_wizard, sample_legacy, monkeypatch, how):
    existing = services.create_profile("Existing child (已有的孩子)")
    services.bulk_add_words(existing["id"], "猫, 狗", "zh")
    before = counts()
    reached, proceed = threading.Event(), threading.Event()
    real = importer.migrate

    def held_at_first_write(source, **kwargs):
        if kwargs.get("dry_run"):
            return real(source, **kwargs)
        progress = kwargs["progress"]

        def hook(done, total, text):
            progress(done, total, text)
            if text.startswith("Writing") and not reached.is_set():
                reached.set()  # in the worker thread: wait until the user has pressed Cancel
                proceed.wait(20)

        return real(source, **{**kwargs, "progress": hook})

    monkeypatch.setattr(importer, "migrate", held_at_first_write)
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    choose_child(qtbot, wizard, CHILD_1)
    click(qtbot, next_button(wizard))
    click(qtbot, next_button(wizard))
    page = wizard.migrate_page
    assert wizard.currentId() == MIGRATE
    qtbot.waitUntil(reached.is_set, timeout=20_000)
    # while the engine works the window answers, Back/Next/Cancel of the wizard are gone, the page's Cancel is there
    qtbot.waitUntil(lambda: page.stage.text().startswith("Writing"), timeout=5_000)
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert page.cancel_button.isVisible()
    if how == "cancel-button":
        click(qtbot, page.cancel_button)
    else:
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        assert wizard.isVisible()  # Esc cancels the migration first; the window closes once it has stopped
    assert page.state == "cancelling"
    proceed.set()
    if how == "cancel-button":
        qtbot.waitUntil(lambda: page.state == "cancelled", timeout=20_000)
        assert "Nothing was written to the database" in page.status.text()
        assert wizard.currentId() == MIGRATE and wizard.migration_result is None
        assert wizard.button(QWizard.WizardButton.BackButton).isVisible()
    else:
        qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20_000)
    wizard.wait_idle()
    assert counts() == before


def test_undo_restores_the_previous_database(qtbot, make_wizard, sample_legacy, answers):
    existing = services.create_profile("Existing child (已有的孩子)")
    services.bulk_add_words(existing["id"], "猫, 狗, 鱼", "zh")
    before = counts()
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    choose_child(qtbot, wizard, CHILD_1)
    migrate_to_done(qtbot, wizard)
    assert counts()["profiles"] == 3
    done = wizard.done_page
    assert done.undo_button.isEnabled()

    answers.queue("ask", False)  # "Keep the records"
    click(qtbot, done.undo_button)
    assert counts()["profiles"] == 3

    answers.queue("ask", True)
    with qtbot.waitSignal(wizard.undone, timeout=60_000):
        click(qtbot, done.undo_button)
    assert done.undo_state == "done", done.undo_message
    assert "back as it was" in done.undo_status.text()
    assert not done.undo_button.isVisible()
    assert counts() == before
    assert wizard.undone_result.safety_backup.reason == "before-undo-import"
    assert [p.name for p in Profile.select()] == ["Existing child (已有的孩子)"]
    wizard.accept()  # closing after an undo announces no migration
    assert not wizard.announced


def test_rerun_imports_only_what_is_new_and_says_so(qtbot, make_wizard, sample_legacy):
    first = importer.migrate(sample_legacy, assume_tz="+08:00", assign_to=CHILD_1)
    assert first.status == "migrated"
    db.current().close()  # as a worker would; the wizard's jobs use their own connections
    before = counts()

    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    choose_child(qtbot, wizard, CHILD_1)
    assert wizard.dry.total_new == 0
    assert "Already imported — 0 new records" in wizard.check_page.status.text()
    click(qtbot, next_button(wizard))
    assert "Already imported — 0 new records" in wizard.ready_page.status.text()
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=30_000)
    assert wizard.migration_result.status == "nothing-new" and wizard.migration_result.ok
    assert "Already imported — 0 new records" in wizard.done_page.status.text()
    assert not wizard.done_page.undo_button.isVisible()
    assert counts() == before
    wizard.accept()
    assert not wizard.announced

    # one message more in the old file: only that one is imported
    chat_file = sample_legacy / "data" / "content_db" / "chat_history.json"
    chat = json.loads(chat_file.read_text("utf-8"))
    chat.append(
        {
            "id": "1799999999999",
            "role": "user",
            "content": "@profile:test-child-2-(测试孩子2） 再来一张",
            "timestamp": "2025-06-01T08:00:00+00:00",
            "mentions": [],
        }
    )
    chat_file.write_text(json.dumps(chat, ensure_ascii=False), "utf-8")
    again = make_wizard(sample_legacy)
    to_check(qtbot, again)
    choose_child(qtbot, again, CHILD_1)
    assert again.dry.new["chat"] == 1 and again.dry.total_new == 1
    assert "Already imported before — 1 new record will be added" in again.check_page.status.text()
    click(qtbot, next_button(again))
    assert "Already imported — 1 new record will be added" in again.ready_page.status.text()
    click(qtbot, next_button(again))
    qtbot.waitUntil(lambda: again.currentId() == DONE, timeout=30_000)
    assert again.migration_result.status == "migrated" and again.migration_result.ok
    assert without_audit(counts()) == {**without_audit(before), "chat": before["chat"] + 1}


def test_save_report(qtbot, make_wizard, sample_legacy, answers, tmp_path):
    wizard = make_wizard(sample_legacy)
    to_check(qtbot, wizard)
    choose_child(qtbot, wizard, CHILD_1)
    migrate_to_done(qtbot, wizard)
    target = tmp_path / "report.json"
    answers.queue("save_file", str(target))
    click(qtbot, wizard.done_page.report_button)
    report = json.loads(target.read_text("utf-8"))
    assert report["status"] == "migrated" and all(v["ok"] for v in report["verification"])
    assert "sk-FAKE" not in target.read_text("utf-8")


# ---------------------------------------------------------------------------------------------- entry points


def test_offer_at_first_start(qtbot, sample_legacy, answers, monkeypatch, ledger_home):
    from desktop.ui import wizard as wizard_package

    monkeypatch.setattr(wizard_package, "open_wizard", lambda parent, source, on_changed: opened.append(source))
    opened: list = []
    # no database yet, nothing in the usual places: no question
    assert not wizard_package.offer_at_first_start(None, places=[sample_legacy / "data" / "content_db"])
    assert answers.asked == []
    # files found: the question, answered "not now"
    answers.queue("ask", False)
    assert not wizard_package.offer_at_first_start(None, places=[sample_legacy.parent])
    assert answers.asked[-1][1] == "Import your old records now?"
    answers.queue("ask", True)
    assert wizard_package.offer_at_first_start(None, places=[sample_legacy.parent])
    assert opened == [sample_legacy.resolve()]
    # a database with children in it: never asked again
    db.open_database()
    services.create_profile("Someone")
    asked = len(answers.asked)
    assert not wizard_package.offer_at_first_start(None, places=[sample_legacy.parent])
    assert len(answers.asked) == asked


def test_open_wizard_reloads_the_window_after_a_migration(qtbot, ledger, sample_legacy):
    from PySide6.QtWidgets import QWidget

    from desktop.ui.wizard import open_wizard

    class Window(QWidget):
        reloads = 0

        def reload_all(self) -> None:
            Window.reloads += 1

    window = Window()
    qtbot.addWidget(window)
    window.show()
    wizard = open_wizard(window, source=sample_legacy, search_usual_places=False, on_changed=window.reload_all)
    assert wizard.isVisible() and wizard.windowModality() == Qt.WindowModality.WindowModal
    wizard.migrated.emit(None)
    assert Window.reloads == 1
    wizard.wait_idle()
    wizard.close()


# ------------------------------------------------------------------------------------------ keyboard, language


def test_keyboard_enter_advances_and_every_control_has_a_mnemonic(qtbot, make_wizard, sample_legacy):
    wizard = make_wizard(sample_legacy)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == SOURCE
    assert next_button(wizard).isDefault()
    qtbot.waitUntil(wizard.source_page.isComplete)
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentId() == CHECK
    wait_check(qtbot, wizard)
    for page in (wizard.source_page, wizard.check_page, wizard.migrate_page, wizard.done_page):
        for label in page.findChildren(QLabel):
            if label.buddy() is not None:
                assert "&" in label.text(), label.text()
        for button in page.findChildren(QAbstractButton):
            if button.text():
                assert "&" in button.text(), button.text()
    for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
        assert "&" in wizard.buttonText(which)
    # Tab walks the check page's questions in order
    check = wizard.check_page
    choose_child(qtbot, wizard, CHILD_1)
    check.profile_combo.setFocus()
    chain = []
    widget = check.profile_combo
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[0] is check.zone_combo or chain[0] is check.zone_combo.lineEdit()


def test_wizard_in_chinese(qtbot, make_wizard, sample_legacy):
    assert i18n.translations().switch("zh_CN")
    wizard = make_wizard(sample_legacy)
    assert wizard.windowTitle() == QApplication.translate("MigrationWizard", "Import the old app's records")
    assert wizard.windowTitle() != "Import the old app's records"
    to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.title() != "Checking the old files"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in check.status.text())
    rows = check.model.rows()
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in row[0]) for row in rows)
    # switching back retranslates the open wizard
    i18n.translations().switch("en")
    qtbot.waitUntil(lambda: wizard.windowTitle() == "Import the old app's records")
    assert check.title() == "Checking the old files"
    assert check.model.rows()[0][1] in ("Error", "Warning", "Note")


# ----------------------------------------------------------------------- the Done page's proof (issue 13, items 1–2)


def _family_folders(tmp_path: Path) -> tuple[Path, Path]:
    from tests.unit.legacy.test_identity import family_one, family_two

    return family_one(tmp_path / "one"), family_two(tmp_path / "two")


def test_done_page_shows_the_proof_and_the_same_old_id_for_this_import(qtbot, make_wizard, tmp_path):
    one, two = _family_folders(tmp_path)
    assert importer.migrate(one, assume_tz="+08:00", assign_to="Amy Lin").status == "migrated"
    db.current().close()  # as a worker would
    wizard = make_wizard(two)
    to_check(qtbot, wizard)
    set_zone(qtbot, wizard, "+08:00")
    migrate_to_done(qtbot, wizard)
    done, result = wizard.done_page, wizard.migration_result
    assert result.status == "migrated" and result.ok
    assert done.status.kind == "ok" and "This migration added 17 records." in done.status.text()
    # counts of this import (Bo's records), not of the whole database (which holds Amy's as well)
    added = {kind: int(done.table.item(row, 2).text()) for row, kind in enumerate(KINDS)}
    assert added == {"profiles": 1, "zh": 2, "en": 1, "grammar": 0, "cards": 3, "chat": 10}
    assert counts()["chat"] == 20 and counts()["cards"] == 6
    assert [done.table.item(row, 3).text() for row in range(6)] == ["1", "2", "1", "0", "3", "10"]
    assert all(done.table.item(row, 4).text() == "✓ identical" for row in range(6))
    assert done.proof.text() == (
        "Every record of the old files was compared with its row in the database: 17 of 17 records identical."
    )
    assert done.notes.isVisible() and "13 records were told apart" in done.notes_label.text()
    lines = done.notes.toPlainText().splitlines()
    assert len(lines) == 13 and all(line.startswith("Same old id, different content: ") for line in lines)
    assert 'card #1 "1" in approved_cards.json' in lines[0]
    assert not done.differences.isVisible()


def test_done_page_counts_in_real_plural_forms_in_english_and_chinese(qtbot, make_wizard, tmp_path):
    one, _ = _family_folders(tmp_path)
    assert importer.migrate(one, assume_tz="+08:00", assign_to="Amy Lin").status == "migrated"
    db.current().close()
    chat_file = one / "data" / "content_db" / "chat_history.json"
    chat = json.loads(chat_file.read_text("utf-8"))
    chat.append({"id": "m10", "role": "user", "content": "再来一张", "timestamp": "2025-04-01T09:00:00+00:00"})
    chat_file.write_text(json.dumps(chat, ensure_ascii=False), "utf-8")
    wizard = make_wizard(one)
    to_check(qtbot, wizard)
    set_zone(qtbot, wizard, "+08:00")
    migrate_to_done(qtbot, wizard)
    done = wizard.done_page
    assert wizard.migration_result.total_new == 1
    assert done.status.text().endswith("This migration added 1 record.")
    assert done.proof.text().endswith("18 of 18 records identical.")
    assert i18n.translations().switch("zh_CN")
    qtbot.waitUntil(lambda: "新增了 1 条记录" in done.status.text())
    assert "18 条中有 18 条完全相同" in done.proof.text()
    assert done.table.item(5, 4).text() == "✓ 完全相同"


def test_done_page_tells_the_truth_after_undo(qtbot, make_wizard, tmp_path, answers):
    one, _ = _family_folders(tmp_path)
    wizard = make_wizard(one)
    to_check(qtbot, wizard)
    set_zone(qtbot, wizard, "+08:00")
    migrate_to_done(qtbot, wizard)
    done = wizard.done_page
    assert done.status.kind == "ok" and done.table.isVisible()
    answers.queue("ask", True)
    with qtbot.waitSignal(wizard.undone, timeout=60_000):
        click(qtbot, done.undo_button)
    assert done.undo_state == "done", done.undo_message
    assert done.status.kind == "info"
    assert done.status.text() == (
        "This migration was undone: the database is back as it was before it, without the "
        "17 records the migration had added."
    )
    assert "nothing was lost" not in done.status.text() and "✓" not in done.status.text()
    assert not done.table.isVisible() and not done.proof.isVisible()
    assert without_audit(counts()) == dict.fromkeys(KINDS, 0)
