"""Errors carry codes and the window translates them by code: every code has an English sentence that is the core's
own (``str(error)``, what the CLI prints) and a Chinese one with every value filled in; every code the core raises
has both."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from desktop import errors
from desktop.errors import (
    MESSAGES,
    Cancelled,
    ConflictError,
    DatabaseDamagedError,
    DuplicateError,
    LedgerError,
    NewerSchemaError,
    NotFoundError,
    ValidationError,
)
from desktop.ui import i18n, messages

DESKTOP = Path(errors.__file__).resolve().parent
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:[:!][^{}]*)?\}")


def fields(code: str) -> list[tuple[str, str]]:
    """(name, format spec) of each value the sentence of ``code`` needs."""
    return [(name, spec) for _, name, spec, _ in string.Formatter().parse(MESSAGES[code]) if name]


def example(code: str) -> LedgerError:
    """An error with ``code`` and invented values: numbers where the sentence formats a number, otherwise ASCII
    text (so any Chinese in the window's sentence is the translation's), a real ``action`` for the backups'."""
    params = {}
    for index, (name, spec) in enumerate(fields(code)):
        if name == "action":
            params[name] = "write the backup"
        elif spec:
            params[name] = 1234567 + index
        else:
            params[name] = f"value-{name}-{index}"
    return LedgerError(code=code, **params)


@pytest.fixture
def chinese():
    assert i18n.translations().switch("zh_CN")
    yield
    i18n.translations().switch("en")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_reads_as_the_core_sentence_in_english(code):
    error = example(code)
    expected = messages.translate(messages.WINDOW_SENTENCES[code]) if code in messages.WINDOW_SENTENCES else str(error)
    assert messages.describe(error) == expected
    assert messages.SENTENCES[code] == MESSAGES[code]  # the catalogue's source is the core's sentence
    assert not PLACEHOLDER.search(str(error))


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_is_translated_into_chinese_with_its_values(code, chinese):
    error = example(code)
    text = messages.describe(error)
    assert text != str(error)
    assert CJK.search(text), text
    assert not PLACEHOLDER.search(text), text
    for value in error.params.values():
        shown = (
            messages.translate(messages.ACTIONS[value])
            if value in messages.ACTIONS
            else f"{value:,}"
            if isinstance(value, int)
            else value
        )
        assert shown in text, (shown, text)


def test_the_window_speaks_of_a_conflict_in_its_own_words(chinese):
    error = ConflictError("profiles", "p1")
    assert messages.describe(error) == "这条记录在您打开后已在别处被修改。没有覆盖任何内容；现在显示的是最新版本。"
    i18n.translations().switch("en")
    assert str(error).endswith("reload to see the current version.")
    assert messages.describe(error).endswith("the current version is shown now.")


def test_the_errors_with_their_own_classes_are_translated_by_code(chinese):
    damaged = DatabaseDamagedError("/data/ledger.sqlite", "file is not a database")
    assert (
        messages.describe(damaged)
        == "数据库 /data/ledger.sqlite 已损坏（file is not a database）。您可以从备份中恢复它。"
    )
    newer = NewerSchemaError("/data/ledger.sqlite", 9, 4)
    assert messages.describe(newer) == (
        "数据库 /data/ledger.sqlite 是由更新版本的 Mastery Ledger 创建的（结构版本 9；"
        "本版本最高只认识 4）。请先更新本应用再打开它。"
    )
    assert messages.describe(Cancelled()) == "操作已取消；没有做任何更改。"
    assert messages.describe(Cancelled(code="backup_cancelled")) == "备份已取消。没有做任何更改。"
    assert messages.describe(NotFoundError(code="child_gone")) == "这个孩子的档案已不存在。"
    # a ValidationError's sentence leaves out the field: the form shows which field it is
    duplicate = DuplicateError("word", code="word_mastered", word="cat")
    assert str(duplicate) == "word: “cat” is already mastered."
    assert messages.describe(duplicate) == "“cat”已经掌握了。"
    long_name = ValidationError("name", code="name_too_long", length=130, limit=120)
    assert messages.describe(long_name) == "姓名太长（130 个字符；最多 120 个）。"


def test_an_error_without_a_code_is_shown_as_the_core_wrote_it(chinese):
    assert (
        messages.describe(LedgerError("The demo data is missing from this installation (/x)."))
        == "The demo data is missing from this installation (/x)."
    )
    assert (
        messages.describe(Cancelled("Stopped halfway; nothing was changed.")) == "Stopped halfway; nothing was changed."
    )
    assert messages.describe(ValidationError("dob", "Not a date.")) == "Not a date."
    assert messages.describe(ValueError("a bug")) is None


def test_the_core_sentences_are_the_ones_the_cli_printed():
    """``str(error)`` is built from the code's sentence: the CLI's output did not change."""
    assert (
        str(DatabaseDamagedError("a.sqlite"))
        == "The database a.sqlite is damaged (it cannot be read). You can restore it from a backup."
    )
    assert str(NewerSchemaError("a.sqlite", 9, 4)) == (
        "The database a.sqlite was made by a newer version of Mastery "
        "Ledger (schema 9; this version knows up to 4). Please update "
        "the app to open it."
    )
    assert (
        str(ValidationError("mental_age", code="not_a_number", value=repr("ten")))
        == "mental_age: 'ten' is not a number."
    )
    assert (
        str(LedgerError(code="restore_no_space", folder="/x", size=2048000))
        == "There is not enough free space in /x to restore 2,048,000 bytes; nothing was restored."
    )
    assert str(Cancelled()) == "The work was cancelled; nothing was changed."


# --------------------------------------------------------------------------------------------------------------
# Every code raised anywhere (the core, and the app layer's demo) has a sentence and a translation.


def _sources() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in DESKTOP.rglob("*.py")}


def _error_classes(trees) -> set[str]:
    """The names of LedgerError and every class in the core that derives from it."""
    bases = {
        node.name: {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    names = {"LedgerError"}
    while True:
        more = {name for name, parents in bases.items() if parents & names} - names
        if not more:
            return names
        names |= more


def raised_codes() -> dict[str, list[str]]:
    """code → where it is raised: ``code="…"`` given to an error class (or to ``super().__init__`` in one), a class's
    own ``code = "…"`` in desktop/errors.py, and the cancellation codes the backups' progress carries."""
    trees = _sources()
    classes = _error_classes(trees)
    found: dict[str, list[str]] = {}

    def add(code_node, where: str) -> None:
        if isinstance(code_node, ast.Constant) and isinstance(code_node.value, str):
            found.setdefault(code_node.value, []).append(where)
        elif isinstance(code_node, ast.IfExp):
            add(code_node.body, where)
            add(code_node.orelse, where)

    for path, tree in trees.items():
        where = str(path.relative_to(DESKTOP.parent))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in classes and path.name == "errors.py":
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and [getattr(t, "id", "") for t in statement.targets] == [
                        "code"
                    ]:
                        add(statement.value, f"{where}:{statement.lineno}")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            is_error = name in classes or (
                name == "__init__"
                and isinstance(func.value, ast.Call)
                and getattr(func.value.func, "id", "") == "super"
            )
            if is_error:
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        add(keyword.value, f"{where}:{node.lineno}")
            if name == "Progress" and len(node.args) == 3:
                add(node.args[2], f"{where}:{node.lineno}")
    return found


def test_every_code_raised_in_the_core_has_a_sentence_and_a_translation(chinese):
    raised = raised_codes()
    raised.setdefault(Cancelled().code, []).append("Cancelled()")
    assert len(raised) > 60
    assert sorted(set(raised) - set(MESSAGES)) == []
    assert sorted(set(MESSAGES) - set(raised)) == []  # no sentence is left that nothing raises
    for code in raised:
        text = messages.describe(example(code))
        assert CJK.search(text) and not PLACEHOLDER.search(text), (code, raised[code], text)


def test_the_code_scan_sees_the_raise_sites():
    """The scan above finds codes where the core raises them (it is not vacuous)."""
    raised = raised_codes()
    assert any(w.startswith("desktop/services.py") for w in raised["word_mastered"])
    assert any(w.startswith("desktop/backup/") for w in raised["backup_folder_missing"])
    assert any(w.startswith("desktop/backup/") for w in raised["restore_cancelled"])
    assert any(w.startswith("desktop/errors.py") for w in raised["database_damaged"])
    assert any(w.startswith("desktop/services.py") for w in raised["must_be_list"])


def test_every_backup_action_is_translated(chinese):
    """The ``action`` a backup's storage error names (what ``backup.files.storage_errors`` was doing) has a translation."""
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in sorted((DESKTOP / "backup").glob("*.py"))]
    actions = {
        node.args[0].value
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "storage_errors"
        and isinstance(node.args[0], ast.Constant)
    }
    assert actions == set(messages.ACTIONS)
    for action in actions:
        assert CJK.search(messages.translate(messages.ACTIONS[action])), action
    from desktop.backup.files import storage_error

    error = storage_error(OSError(28, "No space left on device"), "list the backups", "/media/usb/backups")
    assert error.code == "disk_full"
    assert messages.describe(error) == (
        "磁盘已满：/media/usb/backups 中没有空间来列出备份。请腾出一些空间或选择其他文件夹。没有丢失任何数据。"
    )
