"""Tools ▸ Audit log…: every change to the children's records, newest first, with filters, a field-by-field diff,
undo, "as it was on…", export and the audit chain's verdict.

The table holds only the rows scrolled to: :class:`AuditLogModel` reads a page at a time through
:func:`desktop.store.audit_log.fetch_log_page` (filters in SQL, keyset on id) in a worker, so even a log of a million rows
opens at once and a slow search never freezes the window (a newer filter interrupts the older query). A batch (an
import, a bulk delete, an undo) is one line with its count; expanding it reads its rows, a page at a time.

Also here: the translations of the audit, backup and health dialogs (``resources/translations/audit_<lang>.qm``,
loaded beside the app's own, following its language), and :class:`AsOfDialog` ("as it was on…").

Entry points for the main window: :func:`open_audit_log`, :func:`open_as_of`.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import as_of, csv_export, history, paths
from desktop.errors import LedgerError
from desktop.store import audit, audit_log, db
from desktop.store.audit_log import LogFilter, LogItem
from desktop.ui import dialogs, formatting, i18n, messages
from desktop.ui.widgets import FilterBox, MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

# --------------------------------------------------------------------------------------------------------------
# Translations of these dialogs (audit log, backups, health): their own .qm beside the app's, following its
# language. The app's i18n loads only ``mastery_ledger_<lang>.qm``, so this installs ``audit_<lang>.qm`` too.

DOMAIN = "audit"
_translator: QTranslator | None = None
_translator_language: str | None = None  # None: none installed yet
_forced_language: str | None = None


def ensure_translations(language: str | None = None) -> bool:
    """Install (or remove) the translator of these dialogs so it matches ``language`` (default: the window's).

    Called by every dialog here when it is built and when the language changes; installing sends a LanguageChange
    that makes them retranslate once more, with the texts now found. Returns True if that language is in use."""
    global _translator, _translator_language, _forced_language
    if language is not None:
        _forced_language = None if language == i18n.translations().language else language
    wanted = _forced_language or i18n.translations().language
    if wanted == _translator_language:
        return True
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    _translator_language = None
    translator = QTranslator(app)
    # English too has a catalogue: the plural forms of counted texts ("1 word", "3 words")
    if not translator.load(f"{DOMAIN}_{wanted}", str(i18n.translations_dir())):
        log.warning("no %s translation of the audit dialogs in %s", wanted, i18n.translations_dir())
        return wanted == "en"
    app.installTranslator(translator)
    _translator, _translator_language = translator, wanted
    return True


def launch(widget: QWidget) -> QWidget:
    """Show one of these windows without blocking (tests replace or inspect it)."""
    widget.show()
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        widget.raise_()
        widget.activateWindow()
    return widget


def notify_data_changed(widget: QWidget | None) -> None:
    """After an undo or restore: the window that shows the records reads them again (``reload_all``)."""
    while widget is not None:
        reload_all = getattr(widget, "reload_all", None)
        if callable(reload_all):
            try:
                reload_all()
            except Exception:  # the undo itself worked; a stale view is no reason to fail it
                log.exception("reload after an undo failed")
            return
        widget = widget.parentWidget()


# --------------------------------------------------------------------------------------------------------------
# Words for codes.

CTX = "AuditLog"
TABLE_NAMES = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "Child"),
    "mastered_words": QT_TRANSLATE_NOOP("AuditLog", "Word"),
    "mastered_grammar": QT_TRANSLATE_NOOP("AuditLog", "Grammar point"),
    "approved_cards": QT_TRANSLATE_NOOP("AuditLog", "Card"),
    "chat_messages": QT_TRANSLATE_NOOP("AuditLog", "Chat message"),
}
#: Lower-case nouns for sentences ("the word “苹果” was changed again later").
TABLE_NOUNS = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "child"),
    "mastered_words": QT_TRANSLATE_NOOP("AuditLog", "word"),
    "mastered_grammar": QT_TRANSLATE_NOOP("AuditLog", "grammar point"),
    "approved_cards": QT_TRANSLATE_NOOP("AuditLog", "card"),
    "chat_messages": QT_TRANSLATE_NOOP("AuditLog", "chat message"),
}
ACTOR_NAMES = {
    "user": QT_TRANSLATE_NOOP("AuditLog", "You (this app)"),
    "migration": QT_TRANSLATE_NOOP("AuditLog", "Import"),
    "restore": QT_TRANSLATE_NOOP("AuditLog", "Restore"),
    "system": QT_TRANSLATE_NOOP("AuditLog", "The app itself"),
    "external": QT_TRANSLATE_NOOP("AuditLog", "Another program"),
}
ACTION_NAMES = {
    "INSERT": QT_TRANSLATE_NOOP("AuditLog", "Added"),
    "UPDATE": QT_TRANSLATE_NOOP("AuditLog", "Changed"),
    "DELETE": QT_TRANSLATE_NOOP("AuditLog", "Deleted"),
}
FIELD_NAMES = {
    "id": QT_TRANSLATE_NOOP("AuditLog", "id"),
    "name": QT_TRANSLATE_NOOP("AuditLog", "name"),
    "dob": QT_TRANSLATE_NOOP("AuditLog", "date of birth"),
    "gender": QT_TRANSLATE_NOOP("AuditLog", "gender"),
    "address": QT_TRANSLATE_NOOP("AuditLog", "address"),
    "school": QT_TRANSLATE_NOOP("AuditLog", "school"),
    "neighborhood": QT_TRANSLATE_NOOP("AuditLog", "neighbourhood"),
    "interests": QT_TRANSLATE_NOOP("AuditLog", "interests"),
    "character_roster": QT_TRANSLATE_NOOP("AuditLog", "favourite characters"),
    "verbal_fluency": QT_TRANSLATE_NOOP("AuditLog", "verbal fluency"),
    "passive_language_level": QT_TRANSLATE_NOOP("AuditLog", "passive language level"),
    "mental_age": QT_TRANSLATE_NOOP("AuditLog", "mental age"),
    "raw_input": QT_TRANSLATE_NOOP("AuditLog", "notes as entered"),
    "extracted_data": QT_TRANSLATE_NOOP("AuditLog", "extracted data"),
    "created_at": QT_TRANSLATE_NOOP("AuditLog", "created"),
    "updated_at": QT_TRANSLATE_NOOP("AuditLog", "last changed"),
    "extra": QT_TRANSLATE_NOOP("AuditLog", "other legacy data"),
    "version": QT_TRANSLATE_NOOP("AuditLog", "version"),
    "profile_id": QT_TRANSLATE_NOOP("AuditLog", "child"),
    "word": QT_TRANSLATE_NOOP("AuditLog", "word"),
    "language": QT_TRANSLATE_NOOP("AuditLog", "language"),
    "added_at": QT_TRANSLATE_NOOP("AuditLog", "added"),
    "grammar_uri": QT_TRANSLATE_NOOP("AuditLog", "grammar point"),
    "card_type": QT_TRANSLATE_NOOP("AuditLog", "card type"),
    "content": QT_TRANSLATE_NOOP("AuditLog", "content"),
    "approved_at": QT_TRANSLATE_NOOP("AuditLog", "approved"),
    "legacy_id": QT_TRANSLATE_NOOP("AuditLog", "id in the old app"),
    "status": QT_TRANSLATE_NOOP("AuditLog", "status"),
    "role": QT_TRANSLATE_NOOP("AuditLog", "from"),
    "timestamp": QT_TRANSLATE_NOOP("AuditLog", "time"),
    "mentions": QT_TRANSLATE_NOOP("AuditLog", "mentions"),
}
BATCH_KINDS = {
    "migration": QT_TRANSLATE_NOOP("AuditLog", "Import from the old app"),
    "revert": QT_TRANSLATE_NOOP("AuditLog", "Undo"),
    "restore-child": QT_TRANSLATE_NOOP("AuditLog", "Child restored to an earlier moment"),
}
#: A batch without a note, described by what all of its changes did ("Deleted 3 words"); real plural forms.
BATCH_COUNTS = {
    ("INSERT", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Added %n child(ren)"),
    ("INSERT", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Added %n word(s)"),
    ("INSERT", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Added %n grammar point(s)"),
    ("INSERT", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Added %n card(s)"),
    ("INSERT", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Added %n chat message(s)"),
    ("UPDATE", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n child(ren)"),
    ("UPDATE", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n word(s)"),
    ("UPDATE", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n grammar point(s)"),
    ("UPDATE", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n card(s)"),
    ("UPDATE", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Changed %n chat message(s)"),
    ("DELETE", "profiles"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n child(ren)"),
    ("DELETE", "mastered_words"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n word(s)"),
    ("DELETE", "mastered_grammar"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n grammar point(s)"),
    ("DELETE", "approved_cards"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n card(s)"),
    ("DELETE", "chat_messages"): QT_TRANSLATE_NOOP("AuditLog", "Deleted %n chat message(s)"),
}
MIXED_BATCH = QT_TRANSLATE_NOOP("AuditLog", "%n change(s) made together")
BATCH_WHEN = QT_TRANSLATE_NOOP("AuditLog", "{what}, {when}")
CHANGES = QT_TRANSLATE_NOOP("AuditLog", "%n change(s)")
GENDER_NAMES = {
    "male": QT_TRANSLATE_NOOP("AuditLog", "Male"),
    "female": QT_TRANSLATE_NOOP("AuditLog", "Female"),
}
#: What a batch's note holds, by name (a note's other keys, like the archive's checksum, are not for reading).
NOTE_FIELDS = {
    "archive": QT_TRANSLATE_NOOP("AuditLog", "copy of the old files"),
    "source": QT_TRANSLATE_NOOP("AuditLog", "the old app's folder"),
    "new": QT_TRANSLATE_NOOP("AuditLog", "records added"),
    "assumed_zone": QT_TRANSLATE_NOOP("AuditLog", "time zone of old times"),
    "imported_at": QT_TRANSLATE_NOOP("AuditLog", "imported at"),
    "as_of": QT_TRANSLATE_NOOP("AuditLog", "put back as it was on"),
    "count": QT_TRANSLATE_NOOP("AuditLog", "changes undone"),
    "backup": QT_TRANSLATE_NOOP("AuditLog", "backup made first"),
}
NOTE_COUNTS = {
    "profiles": QT_TRANSLATE_NOOP("AuditLog", "%n child(ren)"),
    "zh": QT_TRANSLATE_NOOP("AuditLog", "%n Chinese word(s)"),
    "en": QT_TRANSLATE_NOOP("AuditLog", "%n English word(s)"),
    "words": QT_TRANSLATE_NOOP("AuditLog", "%n word(s)"),
    "grammar": QT_TRANSLATE_NOOP("AuditLog", "%n grammar point(s)"),
    "cards": QT_TRANSLATE_NOOP("AuditLog", "%n card(s)"),
    "chat": QT_TRANSLATE_NOOP("AuditLog", "%n chat message(s)"),
}
BLOCKED = {
    "changed": QT_TRANSLATE_NOOP(
        "AuditLog",
        "The {what} “{label}” was changed again later (it is now “{value}”), so undoing the earlier "
        "change would overwrite that.",
    ),
    "already": QT_TRANSLATE_NOOP("AuditLog", "This change to the {what} “{label}” has already been undone."),
    "gone": QT_TRANSLATE_NOOP("AuditLog", "The {what} “{label}” no longer exists (it was deleted later)."),
    "exists": QT_TRANSLATE_NOOP("AuditLog", "The {what} “{label}” is already there again."),
    "duplicate": QT_TRANSLATE_NOOP(
        "AuditLog", "The {what} “{label}” has been added again since, so it cannot be brought back twice."
    ),
    "no_child": QT_TRANSLATE_NOOP(
        "AuditLog", "The child this {what} belonged to ({label}) no longer exists; bring the child back first."
    ),
    "has_records": QT_TRANSLATE_NOOP(
        "AuditLog", "Undoing this would delete the child “{label}” together with {count} records added since."
    ),
    "not_yet": QT_TRANSLATE_NOOP("AuditLog", "The child “{label}” did not exist yet at that moment."),
}
NOTHING_CHANGED = QT_TRANSLATE_NOOP("AuditLog", "Nothing was changed.")
ALL = "\x00all"


def tr(text: str, n: int = -1) -> str:
    """``text`` in the window's language; with ``n``, its plural form for ``n`` (``%n`` is replaced by it)."""
    return QCoreApplication.translate(CTX, text, None, n)


def name_of(table: dict[str, str], code: str | None) -> str:
    return tr(table[code]) if code in table else str(code or "")


def field_name(name: str) -> str:
    return name_of(FIELD_NAMES, name)


def error_text(exc: BaseException) -> str:
    """A history error (or any known error) as a sentence in the window's language."""
    if isinstance(exc, history.RevertBlocked) and exc.code in BLOCKED:
        text = tr(BLOCKED[exc.code]).format(
            what=name_of(TABLE_NOUNS, exc.table), label=exc.label, value=exc.value, count=exc.count
        )
        return f"{text} {tr(NOTHING_CHANGED)}"
    return messages.describe(exc) or str(exc)


def summary_text(item: LogItem) -> str:
    if item.large and item.old is None and item.new is None:
        return tr(QT_TRANSLATE_NOOP("AuditLog", "(a large change: select it to see the details)"))
    return entry_summary(item.entry())


def entry_summary(entry: audit.AuditEntry) -> str:
    """One change in a line, codes by their labels: ``Mei · gender: Male → Female``, ``苹果 → 苹果树``."""
    summary = history.summarize(entry)
    if summary.field:
        old, new = (entry.old or {}).get(summary.field), (entry.new or {}).get(summary.field)
        summary.before = code_text(summary.field, old) if code_text(summary.field, old) is not None else summary.before
        summary.after = code_text(summary.field, new) if code_text(summary.field, new) is not None else summary.after
    return summary.text(entry.action, field_name)


def code_text(name: str, value) -> str | None:
    """A stored code as the window words it (``male`` → "Male" / "男", ``zh`` → "Chinese", a grammar address →
    its name), or ``None`` if ``name`` holds no code."""
    if not isinstance(value, str) or not value:
        return None
    if name == "gender":
        return name_of(GENDER_NAMES, value)
    if name == "language":
        return formatting.label(formatting.LANGUAGE_NAMES, value)
    if name == "card_type":
        return formatting.label(formatting.CARD_TYPES, value)
    if name == "status":
        return formatting.label(formatting.CARD_STATUSES, value)
    if name == "role":
        return formatting.label(formatting.ROLES, value)
    if name == "grammar_uri":
        return formatting.grammar_label(value)
    return None


TIME_FIELDS = frozenset({"added_at", "approved_at", "timestamp", "created_at", "updated_at"})
#: Fields the details pane leaves out: bookkeeping a person never reads.
HIDDEN_FIELDS = frozenset({"id", "version", "profile_id"})


def display_value(name: str, value, limit: int = 400) -> str:
    """A stored value as a person reads it: times in local time, JSON lists as "a, b", long text cut."""
    if value is None:
        return ""
    label = code_text(name, value)
    if label is not None:
        return label
    if name in TIME_FIELDS and isinstance(value, str) and formatting.parse_utc(value) is not None:
        return formatting.local_time(value, seconds=True)
    if isinstance(value, str) and value[:1] == "[":
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            value = ", ".join(items)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if "data:" in text or "<img" in text:
        text = formatting.plain_preview(text, limit)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def batch_title(note: dict | None, item: LogItem | None = None) -> str:
    """What a batch was, in words: from its note ("Import from the old app, 2025-12-02 14:03"), else from what all
    of its changes did ("Deleted 3 words"), else how many changes it made together. Never its id."""
    kind = (note or {}).get("kind", "")
    if kind in BATCH_KINDS:
        when = formatting.local_time((note or {}).get("created_at") or (item.changed_at if item else None))
        return tr(BATCH_WHEN).format(what=tr(BATCH_KINDS[kind]), when=when) if when else tr(BATCH_KINDS[kind])
    if item is None:
        return ""
    if item.same_table and item.same_action and (item.action, item.table_name) in BATCH_COUNTS:
        return tr(BATCH_COUNTS[(item.action, item.table_name)], item.count)
    return tr(MIXED_BATCH, item.count)


def note_rows(note: dict | None) -> list[tuple[str, str]]:
    """(label, value) of what a batch's note says that a person reads: the archive's name, the folder, what was
    added, the time zone, when; a note's checksums and ids are left out."""
    rows = []
    for key, value in ((note or {}).get("note") or {}).items():
        if key not in NOTE_FIELDS or value in (None, "", {}):
            continue
        if isinstance(value, dict):
            text = ", ".join(
                tr(NOTE_COUNTS[k], int(v)) if k in NOTE_COUNTS else f"{k}: {v}"
                for k, v in value.items()
                if isinstance(v, int) and v
            )
        elif key in ("imported_at", "as_of"):
            text = formatting.local_time(str(value), seconds=True)
        else:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        rows.append((tr(NOTE_FIELDS[key]), text))
    return rows


# --------------------------------------------------------------------------------------------------------------
# The table model.


@dataclass
class Row:
    """One line of the table: an item (an entry or a batch), an entry inside an expanded batch (``depth`` 1), or
    the "show more of this batch" line (``more``)."""

    item: LogItem
    depth: int = 0
    more: bool = False
    expanded: bool = False
    next_before: int | None = None  # for a batch: where its next page of rows starts
    left: int = 0  # for a "more" line: how many rows of the batch are not shown yet


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 0


class AuditLogModel(QAbstractTableModel):
    """The filtered audit log, a page at a time, newest first.

    Signals: ``loading_changed(bool)``; ``reloaded()`` after the first page of a new filter arrived;
    ``failed(message)`` when a read failed."""

    COLUMNS = (
        Column("time", QT_TRANSLATE_NOOP("AuditLog", "When"), 180),
        Column("who", QT_TRANSLATE_NOOP("AuditLog", "Who"), 120),
        Column("child", QT_TRANSLATE_NOOP("AuditLog", "Child"), 110),
        Column("what", QT_TRANSLATE_NOOP("AuditLog", "What"), 110),
        Column("record", QT_TRANSLATE_NOOP("AuditLog", "Record"), 120),
        Column("action", QT_TRANSLATE_NOOP("AuditLog", "Action"), 80),
        Column("summary", QT_TRANSLATE_NOOP("AuditLog", "Change"), 0),
    )

    loading_changed = Signal(bool)
    reloaded = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, page_size: int = 200) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.filter = LogFilter()
        self.rows: list[Row] = []
        self.names: dict[str, str] = {}
        self.gone_names: dict[str, str] = {}  # children deleted since, by the name they had
        self.notes: dict[str, dict] = {}
        self._before: int | None = None
        self._exhausted = True
        self._loading = False
        self._summaries: dict[int, str] = {}
        self.reader = JobRunner(self, latest=True)

    # ---------------------------------------------------------------------------------------------- loading
    @property
    def loading(self) -> bool:
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def set_filter(self, f: LogFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Read the first page of the current filter again (in the background)."""
        self.beginResetModel()
        self.rows, self._before, self._exhausted, self._summaries = [], None, False, {}
        self.endResetModel()
        self._fetch(first=True)

    def _fetch(self, first: bool = False) -> None:
        f, before, size = self.filter, self._before, self.page_size

        def job(_worker: Worker):
            names = (audit_log.profile_names(), audit_log.deleted_profile_names()) if first else None
            page = audit_log.fetch_log_page(f, before, size)
            batches = {i.batch_id for i in page.items if i.batch_id}
            return names, page, audit.batch_notes(db.current(), batches)

        self._set_loading(True)
        self.reader.read(job, lambda result: self._arrived(result, first), self._read_failed)

    def _arrived(self, result, first: bool) -> None:
        names, page, notes = result
        if names is not None:
            self.names, self.gone_names = names
        self.notes.update(notes)
        self._before, self._exhausted = page.before_id, page.exhausted
        if page.items:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.items) - 1)
            self.rows.extend(Row(item) for item in page.items)
            self.endInsertRows()
        self._set_loading(False)
        if first:
            self.reloaded.emit()

    def _read_failed(self, message: str) -> None:
        self._exhausted = True
        self._set_loading(False)
        self.failed.emit(message)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt signature
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._fetch()

    def stop(self) -> None:
        self.reader.stop()

    # ---------------------------------------------------------------------------------------------- batches
    def toggle(self, row: int) -> None:
        """Expand a batch (its first page of rows, read now: the batch index makes it quick) or collapse it; on a
        "more" line, read the batch's next page."""
        if not 0 <= row < len(self.rows):
            return
        entry = self.rows[row]
        if entry.more:
            self._expand_more(row)
            return
        if not entry.item.is_batch:
            return
        if entry.expanded:
            end = row + 1
            while end < len(self.rows) and self.rows[end].depth == 1:
                end += 1
            if end > row + 1:
                self.beginRemoveRows(QModelIndex(), row + 1, end - 1)
                del self.rows[row + 1 : end]
                self.endRemoveRows()
            entry.expanded = False
            entry.next_before = None
        else:
            entry.expanded = True
            entry.next_before = entry.item.id + 1
            self._insert_children(row, row + 1, entry)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _insert_children(self, group_row: int, at: int, group: Row) -> None:
        f = self.filter.with_(batch_id=group.item.batch_id)
        page = audit_log.fetch_log_page(f, group.next_before, self.page_size, group=False)
        group.next_before = page.before_id
        new = [Row(item, depth=1) for item in page.items]
        shown = sum(1 for r in self.rows[group_row + 1 :] if r.depth == 1 and not r.more) + len(new)
        left = group.item.count - shown
        if not page.exhausted and left > 0:
            new.append(Row(group.item, depth=1, more=True, left=left))
        if new:
            self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
            self.rows[at:at] = new
            self.endInsertRows()

    def _expand_more(self, row: int) -> None:
        group_row = row - 1
        while group_row >= 0 and self.rows[group_row].depth == 1:
            group_row -= 1
        group = self.rows[group_row]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()
        self._insert_children(group_row, row, group)

    # ---------------------------------------------------------------------------------------------- reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return tr(self.COLUMNS[section].header)
        return None

    def item_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def child_name(self, profile_id: str | None) -> str:
        """The child's name; a deleted child's as it was ("Mei (deleted)"), never an id."""
        if profile_id is None:
            return ""
        if profile_id in self.names:
            return self.names[profile_id]
        if profile_id in self.gone_names:
            return tr(QT_TRANSLATE_NOOP("AuditLog", "{name} (deleted)")).format(name=self.gone_names[profile_id])
        return tr(QT_TRANSLATE_NOOP("AuditLog", "a deleted child"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, key)
        if role == Qt.ItemDataRole.FontRole:
            if row.more or (key == "child" and row.item.profile_id and row.item.profile_id not in self.names):
                font = QFont()
                font.setItalic(True)
                return font
            if row.item.is_batch and row.depth == 0:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and (
            row.more or (key == "child" and row.item.profile_id and row.item.profile_id not in self.names)
        ):
            return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.UserRole:
            return row.item.id
        return None

    def display(self, row: Row, key: str) -> str:
        item = row.item
        if row.more:
            return (
                tr(QT_TRANSLATE_NOOP("AuditLog", "▸ Show more of this batch ({n} not shown yet)")).format(
                    n=f"{row.left:,}"
                )
                if key == "summary"
                else ""
            )
        batch = item.is_batch and row.depth == 0
        several = tr(QT_TRANSLATE_NOOP("AuditLog", "several"))
        if key == "time":
            text = formatting.local_time(item.changed_at, seconds=True)
            if batch:
                return ("▾ " if row.expanded else "▸ ") + text
            return ("    " + text) if row.depth else text
        if key == "who":
            return name_of(ACTOR_NAMES, item.changed_by) if item.changed_by else "—"
        if key == "child":
            return self.child_name(item.profile_id) if not batch or item.same_child else several
        if key == "what":
            return name_of(TABLE_NAMES, item.table_name) if not batch or item.same_table else several
        if key == "record":
            return "" if batch else self.record_text(item)
        if key == "action":
            return name_of(ACTION_NAMES, item.action) if not batch or item.same_action else several
        if key == "summary":
            if batch:
                note = self.notes.get(item.batch_id)
                title = batch_title(note, item)
                return f"{title} — {tr(CHANGES, item.count)}" if note else title
            cached = self._summaries.get(item.id)
            if cached is None:
                cached = self._summaries[item.id] = summary_text(item)
            return cached
        return ""

    def record_text(self, item: LogItem) -> str:
        """The record by what it holds (the word, the name, the card's front), not its number."""
        if item.large and item.old is None and item.new is None:
            return ""
        return history.record_label(item.table_name, item.new or item.old)

    def tooltip(self, row: Row, key: str) -> str | None:
        item = row.item
        if key == "time":
            return f"{formatting.local_time(item.changed_at, seconds=True)} ({item.changed_at} UTC)"
        if key == "child" and item.profile_id and item.profile_id not in self.names:
            return tr(QT_TRANSLATE_NOOP("AuditLog", "This child no longer exists."))
        # On a small screen the columns are narrow: whatever they shorten with "…" is whole in the tooltip.
        return self.display(row, key) or None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


# --------------------------------------------------------------------------------------------------------------
# The details pane.

CHANGED_BACKGROUND = QColor("#fff1a8")
OLD_BACKGROUND = QColor("#fde2e2")
NEW_BACKGROUND = QColor("#dff3df")


class DetailsPane(Retranslating, QWidget):
    """The selected change field by field (before / after, changed fields highlighted), or what a batch was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setObjectName("detailsTitle")
        self.fields = QTableWidget(0, 3)
        self.fields.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.fields, 1)
        self.changed_fields: list[str] = []
        self._shown: tuple | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.fields.setAccessibleName(self.tr("The change field by field"))
        if self._shown:
            self.show_entry(*self._shown)

    def clear(self) -> None:
        self._shown = None
        self.title.setText(self.tr("Select a change to see it field by field."))
        self.fields.setRowCount(0)
        self.changed_fields = []

    def show_entry(self, entry: audit.AuditEntry, child: str, note: dict | None = None) -> None:
        self._shown = (entry, child, note)
        when = formatting.local_time(entry.changed_at, seconds=True)
        who = name_of(ACTOR_NAMES, entry.changed_by) if entry.changed_by else "—"
        label = history.record_label(entry.table_name, entry.new or entry.old)
        action = name_of(ACTION_NAMES, entry.action)
        if entry.table_name == "profiles":
            title = self.tr("{action} the child “{label}” — {who}, {when}").format(
                action=action, label=label, who=who, when=when
            )
        else:
            title = self.tr("{action} {what} “{label}” of {child} — {who}, {when}").format(
                action=action,
                what=name_of(TABLE_NOUNS, entry.table_name),
                label=label,
                child=child or "—",
                who=who,
                when=when,
            )
        if note:
            title += "\n" + self.tr("Part of: {batch}").format(batch=batch_title(note))
        self.title.setText(title)
        old, new = entry.old or {}, entry.new or {}
        changed = (
            set(history.differing_fields(entry.table_name, entry.old, entry.new)) if entry.action == "UPDATE" else set()
        )
        # Bookkeeping (numbers, versions, the child's id: the title names the child) and fields empty before and
        # after say nothing to a reader.
        names = [
            n
            for n in list(old) + [k for k in new if k not in old]
            if n not in HIDDEN_FIELDS and (n in changed or old.get(n) not in (None, "") or new.get(n) not in (None, ""))
        ]
        self.changed_fields = [n for n in names if n in changed]
        # Changed fields first: they are what the user came for.
        names.sort(key=lambda n: n not in changed)
        self.fields.setRowCount(len(names))
        bold = QFont()
        bold.setBold(True)
        for r, name in enumerate(names):
            cells = [
                QTableWidgetItem(field_name(name)),
                QTableWidgetItem(display_value(name, old.get(name)) if entry.action != "INSERT" else ""),
                QTableWidgetItem(display_value(name, new.get(name)) if entry.action != "DELETE" else ""),
            ]
            for c, cell in enumerate(cells):
                value = old.get(name) if c == 1 else new.get(name)
                raw = name == "grammar_uri" and isinstance(value, str)  # the address behind the name
                cell.setToolTip((value if raw else display_value(name, value, 4000)) if c else field_name(name))
                if name in changed:
                    cell.setBackground(CHANGED_BACKGROUND if c == 0 else OLD_BACKGROUND if c == 1 else NEW_BACKGROUND)
                    cell.setFont(bold)
                self.fields.setItem(r, c, cell)
        self.fields.setColumnHidden(1, entry.action == "INSERT")
        self.fields.setColumnHidden(2, entry.action == "DELETE")
        self.fields.resizeRowsToContents()

    def show_batch(self, item: LogItem, note: dict | None, child: str) -> None:
        self._shown = None
        self.title.setText(
            self.tr(
                "{title}: {changes} by {who}, {when}. Expand the line to see them; “Undo this "
                "batch” undoes all of them at once."
            ).format(
                title=batch_title(note, item),
                changes=tr(CHANGES, item.count),
                who=name_of(ACTOR_NAMES, item.changed_by) if item.changed_by else "—",
                when=formatting.local_time(item.changed_at, seconds=True),
            )
        )
        rows = []
        if item.same_child and child:
            rows.append((self.tr("child"), child))
        rows += note_rows(note)
        self.changed_fields = []
        self.fields.setRowCount(len(rows))
        for r, (key, value) in enumerate(rows):
            self.fields.setItem(r, 0, QTableWidgetItem(str(key)))
            cell = QTableWidgetItem(display_value(str(key), value))
            cell.setToolTip(display_value(str(key), value, 4000))
            self.fields.setItem(r, 1, cell)
            self.fields.setItem(r, 2, QTableWidgetItem(""))
        self.fields.setColumnHidden(1, False)
        self.fields.setColumnHidden(2, True)
        self.fields.resizeRowsToContents()

    def cell_text(self, field: str, column: int) -> str:
        """What the pane shows for ``field`` (a stored field name) in column 1 (before) or 2 (after). Tests."""
        for r in range(self.fields.rowCount()):
            if self.fields.item(r, 0).text() == field_name(field):
                return self.fields.item(r, column).text()
        raise KeyError(field)


# --------------------------------------------------------------------------------------------------------------
# The viewer.


class AuditLogViewer(Retranslating, QWidget):
    """The audit-log window. Filters: child, table, action, who, date range, text. Actions: undo the selected
    change or batch, "as it was on…", export CSV / JSON. Shows whether the audit chain verifies.

    Signals: ``undone(batch_id)`` after an undo was applied."""

    undone = Signal(str)

    def __init__(self, parent: QWidget | None = None, verify: bool = True) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        ensure_translations()
        self.setObjectName("auditLogViewer")
        self.jobs = JobRunner(self)
        self.chain_reader = JobRunner(self, latest=True)
        self.count_reader = JobRunner(self, latest=True)
        self.model = AuditLogModel(self)
        self.model.reloaded.connect(self._reloaded)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.failed.connect(lambda message: self.message.show_message(message, "error"))
        self._profiles: list[tuple[str, str]] = []
        self._extra_children: list[str] = []
        self._gone: dict[str, str] = {}  # deleted children's names, by id
        self._updating_filters = False

        # filters
        self.child_box = QComboBox()
        self.table_box = QComboBox()
        self.action_box = QComboBox()
        self.actor_box = QComboBox()
        for box in (self.child_box, self.table_box, self.action_box, self.actor_box):
            # As wide as a short name, not the longest one: the filters fit an 800-pixel screen (the list that
            # drops down is as wide as its entries).
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10 if box is self.child_box else 7)
            box.currentIndexChanged.connect(self._filters_changed)
        self.from_check, self.to_check = QCheckBox(), QCheckBox()
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        today = QDate.currentDate()
        for check, edit, date in (
            (self.from_check, self.from_date, today.addDays(-7)),
            (self.to_check, self.to_date, today),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(date)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.text_box = FilterBox()
        self.text_box.changed.connect(self._filters_changed)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filters)
        self.child_label, self.table_label, self.action_label, self.actor_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.text_label = QLabel()

        # table
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # arrows move inside; Tab moves on to the next control
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        for i, column in enumerate(AuditLogModel.COLUMNS):
            if column.width:
                self.table.setColumnWidth(i, column.width)
        self.table.doubleClicked.connect(lambda index: self.model.toggle(index.row()))
        self.table.activated.connect(lambda index: self.model.toggle(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.details = DetailsPane()
        self.details.clear()

        # actions
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_selected)
        self.undo_button.setEnabled(False)
        self.as_of_button = QPushButton()
        self.as_of_button.clicked.connect(lambda: open_as_of(self, self.child_filter()))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.chain_badge = QLabel()
        self.chain_badge.setObjectName("chainBadge")
        self.chain_ok: bool | None = None
        self.chain_summary = ""
        self.message = MessageBar()

        filters1 = QHBoxLayout()
        for label, widget in (
            (self.child_label, self.child_box),
            (self.table_label, self.table_box),
            (self.action_label, self.action_box),
            (self.actor_label, self.actor_box),
        ):
            filters1.addWidget(label)
            filters1.addWidget(widget)
            filters1.addSpacing(6)
        filters1.addStretch(1)
        filters2 = QHBoxLayout()
        filters2.addWidget(self.from_check)
        filters2.addWidget(self.from_date)
        filters2.addWidget(self.to_check)
        filters2.addWidget(self.to_date)
        filters2.addSpacing(12)
        filters2.addWidget(self.text_label)
        filters2.addWidget(self.text_box, 1)
        filters2.addWidget(self.clear_button)
        filters2.addSpacing(6)
        filters2.addWidget(self.chain_badge)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.as_of_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters1)
        layout.addLayout(filters2)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1180, 760)
        self._fill_filters()
        self.retranslate()
        self._set_chain(None, "")
        if verify:
            self.verify_chain()

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        ensure_translations()
        self.setWindowTitle(self.tr("Audit log — Mastery Ledger"))
        self.child_label.setText(self.tr("Child:"))
        self.table_label.setText(self.tr("What:"))
        self.action_label.setText(self.tr("Action:"))
        self.actor_label.setText(self.tr("Who:"))
        self.from_check.setText(self.tr("From"))
        self.to_check.setText(self.tr("to"))
        self.text_label.setText(self.tr("Text:"))
        self.text_box.setPlaceholderText(self.tr("a word, a name, any value…"))
        # Screen readers say each filter by its label (the date boxes by their check boxes).
        for label, field in (
            (self.child_label, self.child_box),
            (self.table_label, self.table_box),
            (self.action_label, self.action_box),
            (self.actor_label, self.actor_box),
            (self.text_label, self.text_box),
            (self.from_check, self.from_date),
            (self.to_check, self.to_date),
        ):
            field.setAccessibleName(label.text().rstrip(":："))
        self.table.setAccessibleName(self.tr("Changes"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.as_of_button.setText(self.tr("As it was on…"))
        self.as_of_button.setToolTip(
            self.tr("See a child's records as they were at an earlier moment, and put them back if you want")
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the changes the filters show as a CSV or JSON file"))
        self._update_undo()
        self._fill_filter_texts()
        self._set_chain(self.chain_ok, self.chain_summary)
        self._update_count(None)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AuditLogModel.COLUMNS) - 1)

    def _fill_filters(self) -> None:
        self._updating_filters = True
        try:
            for box, codes in (
                (self.table_box, TABLE_NAMES),
                (self.action_box, ACTION_NAMES),
                (self.actor_box, ACTOR_NAMES),
            ):
                box.clear()
                box.addItem("", ALL)
                for code in codes:
                    box.addItem("", code)
            self.reload_children()
        finally:
            self._updating_filters = False

    def _fill_filter_texts(self) -> None:
        every = {
            self.child_box: self.tr("All children"),
            self.table_box: self.tr("Everything"),
            self.action_box: self.tr("Any"),
            self.actor_box: self.tr("Anyone"),
        }
        for box, table in (
            (self.table_box, TABLE_NAMES),
            (self.action_box, ACTION_NAMES),
            (self.actor_box, ACTOR_NAMES),
        ):
            for i in range(box.count()):
                code = box.itemData(i)
                box.setItemText(i, every[box] if code == ALL else name_of(table, code))
        self.child_box.setItemText(0, every[self.child_box])
        for i in range(1, self.child_box.count()):
            pid = self.child_box.itemData(i)
            if pid in self._extra_children:
                self.child_box.setItemText(i, self.gone_child_text(pid))

    def gone_child_text(self, profile_id: str) -> str:
        """A deleted child in the filter, by the name it had."""
        name = self._gone.get(profile_id) or self.tr("a deleted child")
        return self.tr("{name} (no longer exists)").format(name=name)

    def reload_children(self, extra: str | None = None) -> None:
        """Fill the child filter with the children that exist (and ``extra``, e.g. a deleted child's id)."""
        current = self.child_box.currentData() if self.child_box.count() else ALL
        if extra and extra not in self._extra_children:
            self._extra_children.append(extra)
        names = audit_log.profile_names()
        self._gone = audit_log.deleted_profile_names() if self._extra_children else {}
        self._profiles = sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
        was = self._updating_filters
        self._updating_filters = True
        try:
            self.child_box.clear()
            self.child_box.addItem(self.tr("All children"), ALL)
            for pid, name in self._profiles:
                self.child_box.addItem(name, pid)
            for pid in self._extra_children:
                if pid not in names:
                    self.child_box.addItem(self.gone_child_text(pid), pid)
            self.child_box.setCurrentIndex(max(0, self.child_box.findData(current)))
        finally:
            self._updating_filters = was

    # ---------------------------------------------------------------------------------------------- filters
    def current_filter(self) -> LogFilter:
        def code(box: QComboBox):
            value = box.currentData()
            return None if value in (ALL, None) else value

        since = until = None
        if self.from_check.isChecked():
            since = _local_midnight(self.from_date.date())
        if self.to_check.isChecked():
            until = _local_midnight(self.to_date.date().addDays(1))
        record = self.model.filter.record_id
        return LogFilter(
            profile_id=code(self.child_box),
            table=code(self.table_box),
            action=code(self.action_box),
            actor=code(self.actor_box),
            since=since,
            until=until,
            text=self.text_box.text().strip(),
            record_id=record,
        )

    def child_filter(self) -> str | None:
        value = self.child_box.currentData()
        return None if value in (ALL, None) else value

    def _filters_changed(self, *_args) -> None:
        if self._updating_filters:
            return
        self.apply_filter(self.current_filter())

    def apply_filter(self, f: LogFilter) -> None:
        self.details.clear()
        self._update_undo()
        self._update_count(None)
        self.count_reader.drop_reads()  # an older filter's count would slow this one's first page down
        self.model.set_filter(f)  # the count starts once the first page is in (they would share the disk)

    def _select_code(self, box: QComboBox, code: str | None) -> None:
        index = box.findData(ALL if code is None else code)
        if index < 0 and box is self.child_box and code is not None:
            self.reload_children(extra=code)
            index = box.findData(code)
        box.setCurrentIndex(max(0, index))

    def set_child(self, profile_id: str | None) -> None:
        self._select_code(self.child_box, profile_id)

    def set_table(self, table: str | None) -> None:
        self._select_code(self.table_box, table)

    def set_action(self, action: str | None) -> None:
        self._select_code(self.action_box, action)

    def set_actor(self, actor: str | None) -> None:
        self._select_code(self.actor_box, actor)

    def set_dates(self, start: QDate | None, end: QDate | None) -> None:
        """Changes from the start of ``start`` to the end of ``end`` (local days; ``None``: open)."""
        self._updating_filters = True
        try:
            for check, edit, date in ((self.from_check, self.from_date, start), (self.to_check, self.to_date, end)):
                check.setChecked(date is not None)
                if date is not None:
                    edit.setDate(date)
        finally:
            self._updating_filters = False
        self._filters_changed()

    def set_text(self, text: str) -> None:
        self.text_box.setText(text)
        self.text_box.apply()

    def set_scope(self, profile_id: str | None = None, table: str | None = None, record_id: object = None) -> None:
        """Show one child's changes, one table's, or one record's history (the "History" action); every other
        filter is cleared."""
        self._updating_filters = True
        try:
            self._reset_filters()
            self._select_code(self.child_box, profile_id)
            self._select_code(self.table_box, table)
            self.model.filter = self.model.filter.with_(record_id=None if record_id is None else str(record_id))
        finally:
            self._updating_filters = False
        self.apply_filter(self.current_filter())

    def clear_filters(self) -> None:
        self._updating_filters = True
        try:
            self._reset_filters()
        finally:
            self._updating_filters = False
        self.apply_filter(self.current_filter())

    def _reset_filters(self) -> None:
        for box in (self.child_box, self.table_box, self.action_box, self.actor_box):
            box.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.text_box.setText("")
        self.text_box.apply()
        self.model.filter = self.model.filter.with_(record_id=None)

    # ---------------------------------------------------------------------------------------------- counts and chain
    def _start_count(self, f: LogFilter) -> None:
        self._update_count(None)
        self.count_reader.read(lambda _w: audit_log.count_log(f), self._update_count, lambda _m: None)

    def _update_count(self, total: int | None) -> None:
        self.total = total
        if total is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            self.count_label.setText(self.tr("%Ln change(s) [matches|match]", "", total))

    def verify_chain(self) -> None:
        """Recompute the audit chain in the background (it reads every audit row) and show the verdict."""
        self._set_chain(None, "")

        def job(worker: Worker):
            def progress(done, total, _text=""):
                worker.check()

            return audit.verify_chain(db.current(), progress=progress)

        self.chain_reader.read(
            job,
            lambda report: self._set_chain(report.ok, report.summary()),
            lambda message: self._set_chain(False, message),
        )

    def _set_chain(self, ok: bool | None, summary: str) -> None:
        self.chain_ok, self.chain_summary = ok, summary
        if ok is None:
            text, style = self.tr("Checking the audit trail…"), "color:#555; padding:2px 8px;"
            tip = self.tr("The audit trail's seals are being recomputed.")
        elif ok:
            text = self.tr("✔ Audit trail verified")
            style = "color:#ffffff; background:#2e7d32; padding:2px 8px; border-radius:3px;"
            tip = self.tr("Every change is recorded and nothing in the log was altered afterwards.") + "\n" + summary
        else:
            text = self.tr("✖ Audit trail damaged")
            style = "color:#ffffff; background:#c62828; padding:2px 8px; border-radius:3px;"
            tip = (
                self.tr(
                    "Some audit rows were altered, added or removed outside the app. Keep your backups and "
                    "open Tools ▸ Check database for details."
                )
                + "\n"
                + summary
            )
        self.chain_badge.setText(text)
        self.chain_badge.setStyleSheet(style)
        self.chain_badge.setToolTip(tip)

    # ---------------------------------------------------------------------------------------------- selection
    def selected_row(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.item_at(current.row()) if current.isValid() else None
        if row is None or row.more:
            self.details.clear()
        elif row.item.is_batch and row.depth == 0:
            self.details.show_batch(
                row.item, self.model.notes.get(row.item.batch_id), self.model.child_name(row.item.profile_id)
            )
        else:
            entry = row.item.entry()
            if row.item.large:
                try:
                    entry = history.get_entry(row.item.id)
                except LedgerError as exc:
                    self.message.show_message(error_text(exc), "error")
            self.details.show_entry(
                entry, self.model.child_name(row.item.profile_id), self.model.notes.get(row.item.batch_id)
            )
        self._update_undo()

    def _update_undo(self) -> None:
        row = self.selected_row()
        batch = row is not None and row.item.is_batch and row.depth == 0 and not row.more
        self.undo_button.setText(self.tr("Undo this batch") if batch else self.tr("Undo this change"))
        self.undo_button.setEnabled(row is not None and not row.more and not self.jobs.busy)
        self.undo_button.setToolTip(
            self.tr("Apply the opposite change now (it is recorded too, so it can be undone as well)")
        )

    def _loading_changed(self, loading: bool) -> None:
        if loading and not self.model.rows:
            self.count_label.setText(self.tr("Reading the log…"))
        elif not loading and self.total is None:
            self.count_label.setText(self.tr("Counting…"))

    def _reloaded(self) -> None:
        self._start_count(self.model.filter)
        if self.model.rows and not self.table.currentIndex().isValid():
            self.table.scrollToTop()

    # ---------------------------------------------------------------------------------------------- undo
    def undo_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.more:
            return
        item = row.item
        if item.is_batch and row.depth == 0:
            question = self.tr(
                "Undo all {n} changes of this batch?\n\n{title}\n\nA backup of the database is made "
                "first. If any of these records was changed again since, nothing is undone and you "
                "are told what is in the way."
            ).format(n=f"{item.count:,}", title=batch_title(self.model.notes.get(item.batch_id), item))
            job: Callable = lambda _w: history.revert_batch(item.batch_id)  # noqa: E731
        else:
            question = self.tr(
                "Undo this change?\n\n{action} {what}: {summary}\n\nThe opposite change is made now "
                "and recorded in the log."
            ).format(
                action=name_of(ACTION_NAMES, item.action),
                what=name_of(TABLE_NOUNS, item.table_name),
                summary=summary_text(item),
            )
            job = lambda _w: history.revert_entry(item.id)  # noqa: E731
        if not dialogs.ask(self, self.tr("Undo"), question, yes=self.tr("Undo"), no=self.tr("Cancel")):
            return
        self.undo_button.setEnabled(False)
        self.jobs.start(
            self._run_history(job),
            self.tr("Undoing…"),
            on_done=self._undone,
            on_error=lambda message: self._undo_failed(message),
        )

    @staticmethod
    def _run_history(fn: Callable) -> Callable:
        """History errors carry a code the window words itself; raise them as that sentence."""

        def job(worker):
            try:
                return fn(worker)
            except history.HistoryError as exc:
                raise _Explained(error_text(exc)) from exc

        return job

    def _undone(self, result: history.RevertResult) -> None:
        text = self.tr(
            "Undone: %n change(s) reversed. The undo is in the log too, so it can be undone as well.",
            "",
            result.reverted,
        )
        if result.backup_path is not None:
            text += " " + self.tr("A backup was saved first: {file}").format(file=result.backup_path.name)
        self.message.show_message(text, "info")
        self.undone.emit(result.batch_id)
        self.reload_children()
        self.model.reload()
        self.details.clear()
        notify_data_changed(self.parentWidget())
        self._update_undo()

    def _undo_failed(self, message: str) -> None:
        self.message.show_message(message, "error")
        self._update_undo()

    # ---------------------------------------------------------------------------------------------- export
    def export(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggested = str(Path.home() / f"audit-log-{stamp}.csv")
        path = dialogs.save_file(
            self, self.tr("Export the audit log"), suggested, self.tr("CSV for spreadsheets (*.csv);;JSON (*.json)")
        )
        if not path:
            return
        self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        path = Path(path)
        as_json = path.suffix.lower() == ".json"
        f = self.model.filter
        names = dict(self.model.names)
        children = {pid: self.model.child_name(pid) for pid in {**self.model.gone_names, **self.model.names}}
        header = [
            self.tr("No."),
            self.tr("When (local time)"),
            self.tr("When (UTC)"),
            self.tr("Who"),
            self.tr("Child"),
            self.tr("What"),
            self.tr("Record"),
            self.tr("Action"),
            self.tr("Change"),
            self.tr("Done together as"),
            self.tr("Before (JSON)"),
            self.tr("After (JSON)"),
        ]
        writing = self.tr("Exporting… {n} changes written")

        def job(worker: Worker):
            def rows():
                for entry in audit_log.iter_log(f):
                    worker.check()
                    yield entry

            def csv_rows():
                """The rows with their batches described; the batches' notes are read a thousand rows at a time."""
                notes: dict[str, dict] = {}
                chunk: list[audit.AuditEntry] = []
                for entry in (*rows(), None):
                    if entry is not None:
                        chunk.append(entry)
                    if chunk and (entry is None or len(chunk) == 1000):
                        wanted = {e.batch_id for e in chunk if e.batch_id and e.batch_id not in notes}
                        found = audit.batch_notes(db.current(), wanted) if wanted else {}
                        notes.update({b: found.get(b, {}) for b in wanted})
                        yield from (_csv_row(e, children, notes.get(e.batch_id or "")) for e in chunk)
                        chunk = []

            def progress(n):
                worker.report(0, 0, writing.format(n=f"{n:,}"))

            if as_json:
                return _write_json(path, rows(), names, progress)
            return csv_export.write_csv(path, header, csv_rows(), progress=progress)

        self.jobs.start(
            job,
            self.tr("Exporting the audit log"),
            cancellable=True,
            on_done=lambda n: self.message.show_message(
                self.tr("%Ln change(s) exported to {file}", "", n).format(file=str(path)), "info"
            ),
            on_error=lambda message: self.message.show_message(message, "error"),
        )

    # ---------------------------------------------------------------------------------------------- closing
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Close):
            self.close()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            row = self.selected_row()
            if row and row.item.is_batch and row.depth == 0 and row.expanded == (event.key() == Qt.Key.Key_Left):
                self.model.toggle(self.table.currentIndex().row())
                return
        super().keyPressEvent(event)

    def wait_idle(self, msecs: int = 30_000) -> None:
        """Let every background read and job finish (closing, tests)."""
        self.jobs.wait(msecs)
        for reader in (self.model.reader, self.count_reader, self.chain_reader):
            reader.wait(msecs)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for reader in (self.model.reader, self.count_reader, self.chain_reader):
            reader.stop()
        self.jobs.wait()
        super().closeEvent(event)


class _Explained(LedgerError):
    """A history error already put into the window's words (passed through the worker as is)."""


def _local_midnight(date: QDate) -> datetime:
    return datetime(date.year(), date.month(), date.day()).astimezone()


def _csv_row(entry: audit.AuditEntry, children: dict[str, str], note: dict | None) -> list:
    """One change for a spreadsheet: names and words, not ids (the JSON export keeps the whole rows)."""
    child = (
        children.get(entry.profile_id or "", tr(QT_TRANSLATE_NOOP("AuditLog", "a deleted child")))
        if entry.profile_id
        else ""
    )
    return [
        entry.id,
        formatting.local_time(entry.changed_at, seconds=True),
        entry.changed_at,
        name_of(ACTOR_NAMES, entry.changed_by) if entry.changed_by else "",
        child,
        name_of(TABLE_NAMES, entry.table_name),
        history.record_label(entry.table_name, entry.new or entry.old),
        name_of(ACTION_NAMES, entry.action),
        entry_summary(entry),
        batch_title(note) if note else "",
        json.dumps(entry.old, ensure_ascii=False) if entry.old is not None else "",
        json.dumps(entry.new, ensure_ascii=False) if entry.new is not None else "",
    ]


def _write_json(path: Path, entries, names: dict[str, str], progress) -> int:
    """A JSON array of the entries (whole old / new rows), written to a temp file and renamed into place."""
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".json.tmp", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("[\n")
            for entry in entries:
                record = {
                    "id": entry.id,
                    "changed_at": entry.changed_at,
                    "changed_by": entry.changed_by,
                    "profile_id": entry.profile_id,
                    "child": names.get(entry.profile_id or ""),
                    "table": entry.table_name,
                    "record_id": entry.record_id,
                    "action": entry.action,
                    "batch_id": entry.batch_id,
                    "old": entry.old,
                    "new": entry.new,
                }
                out.write((",\n" if count else "") + json.dumps(record, ensure_ascii=False))
                count += 1
                if count % 1000 == 0:
                    progress(count)
            out.write("\n]\n")
            out.flush()
            os.fsync(out.fileno())
        paths.make_private(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


# --------------------------------------------------------------------------------------------------------------
# As it was on…


class AsOfDialog(Retranslating, QDialog):
    """ "As it was on…": pick a child and a moment, see what changed since, and put the child back as it was.

    Signals: ``restored(profile_id)`` after the child was restored."""

    restored = Signal(str)

    def __init__(self, parent: QWidget | None = None, profile_id: str | None = None) -> None:
        super().__init__(parent)
        ensure_translations()
        self.setObjectName("asOfDialog")
        self.jobs = JobRunner(self)
        self.reader = JobRunner(self, latest=True)
        self.diff: as_of.ChildDiff | None = None
        self.child_box = QComboBox()
        for pid, name in sorted(audit_log.profile_names().items(), key=lambda kv: (kv[1].casefold(), kv[0])):
            self.child_box.addItem(name, pid)
        if profile_id is not None and self.child_box.findData(profile_id) < 0:
            gone = audit_log.deleted_profile_names().get(profile_id) or self.tr("a deleted child")
            self.child_box.addItem(self.tr("{name} (deleted)").format(name=gone), profile_id)
        self.child_box.setCurrentIndex(max(0, self.child_box.findData(profile_id)))
        self.moment = QDateTimeEdit(QDateTime.currentDateTime().addDays(-1))
        self.moment.setCalendarPopup(True)
        self.moment.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.child_label, self.moment_label = QLabel(), QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("asOfSummary")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 270)
        self.message = MessageBar()
        self.restore_button = QPushButton()
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.child_label, self.child_box)
        form.addRow(self.moment_label, self.moment)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.child_box.currentIndexChanged.connect(self.refresh)
        self.moment.dateTimeChanged.connect(self.refresh)
        self.resize(820, 620)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        ensure_translations()
        self.setWindowTitle(self.tr("As it was on… — Mastery Ledger"))
        self.child_label.setText(self.tr("Child:"))
        self.moment_label.setText(self.tr("Moment (your local time):"))
        self.moment.setAccessibleName(self.moment_label.text().rstrip(":："))
        self.tree.setAccessibleName(self.tr("What changed since then"))
        self.restore_button.setText(self.tr("Restore this child to that moment…"))
        self.tree.setHeaderLabels([self.tr("Since then"), self.tr("Then"), self.tr("Now")])
        if self.diff is not None:
            self._show(self.diff)

    def profile_id(self) -> str | None:
        return self.child_box.currentData()

    def moment_utc(self) -> datetime:
        return self.moment.dateTime().toPython().astimezone()

    def set_moment(self, when: datetime) -> None:
        local = when.astimezone()
        self.moment.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day),
                QTime(local.hour, local.minute, local.second, local.microsecond // 1000),
            )
        )

    def refresh(self, *_args) -> None:
        pid = self.profile_id()
        self.restore_button.setEnabled(False)
        if pid is None:
            self.summary.setText(self.tr("There are no children in this database."))
            return
        when = self.moment_utc()
        self.summary.setText(self.tr("Comparing…"))

        def job(_worker):
            return as_of.diff_with_now(as_of.state_as_of(pid, when))

        self.reader.read(job, self._show, lambda message: self.message.show_message(message, "error"))

    def _show(self, diff: as_of.ChildDiff) -> None:
        self.diff = diff
        self.tree.clear()
        name = self.child_box.currentText()
        if not diff.then_exists:
            self.summary.setText(self.tr("{name} did not exist yet at that moment.").format(name=name))
            self.restore_button.setEnabled(False)
            return
        if diff.is_empty:
            self.summary.setText(self.tr("Nothing about {name} has changed since then.").format(name=name))
            self.restore_button.setEnabled(False)
            return
        counts = diff.counts()
        parts = []
        if not diff.now_exists:
            parts.append(self.tr("the child was deleted"))
        if diff.profile_changes:
            parts.append(self.tr("%n profile field(s) changed", "", len(diff.profile_changes)))
        kinds = {
            "words": self.tr("words"),
            "grammar": self.tr("grammar points"),
            "cards": self.tr("cards"),
            "chat": self.tr("chat messages"),
        }
        headings = {
            "words": self.tr("Words"),
            "grammar": self.tr("Grammar points"),
            "cards": self.tr("Cards"),
            "chat": self.tr("Chat messages"),
        }
        for kind, label in kinds.items():
            c = counts[kind]
            if any(c.values()):
                parts.append(
                    self.tr("{kind}: {added} added, {removed} removed, {changed} changed").format(kind=label, **c)
                )
        self.summary.setText(self.tr("Since then — {parts}.").format(parts=self.tr("; ").join(parts)))
        bold = QFont()
        bold.setBold(True)
        if diff.profile_changes or not diff.now_exists:
            section = QTreeWidgetItem([self.tr("Profile")])
            section.setFont(0, bold)
            self.tree.addTopLevelItem(section)
            if not diff.now_exists:
                QTreeWidgetItem(
                    section, [self.tr("deleted since"), history.record_label("profiles", diff.then_profile), ""]
                )
            for f, (then, now) in diff.profile_changes.items():
                QTreeWidgetItem(section, [field_name(f), display_value(f, then, 80), display_value(f, now, 80)])
            section.setExpanded(True)
        for kind, table in history.KINDS.items():
            removed, added, changed = diff.removed[table], diff.added[table], diff.changed[table]
            if not (removed or added or changed):
                continue
            section = QTreeWidgetItem([headings[kind]])
            section.setFont(0, bold)
            self.tree.addTopLevelItem(section)
            for rows, label in ((removed, self.tr("removed since")), (added, self.tr("added since"))):
                if not rows:
                    continue
                group = QTreeWidgetItem(section, [f"{label} ({len(rows)})"])
                for row in rows[:500]:
                    text = history.record_label(table, row)
                    QTreeWidgetItem(group, ["", text, ""] if rows is removed else ["", "", text])
                if len(rows) > 500:
                    QTreeWidgetItem(group, [self.tr("… and {n} more").format(n=len(rows) - 500)])
                group.setExpanded(True)
            if changed:
                changed_label = self.tr("changed since")
                group = QTreeWidgetItem(section, [f"{changed_label} ({len(changed)})"])
                for change in changed[:500]:
                    QTreeWidgetItem(
                        group,
                        [
                            ", ".join(field_name(f) for f in change.fields),
                            history.record_label(table, change.then),
                            history.record_label(table, change.now),
                        ],
                    )
                group.setExpanded(True)
            section.setExpanded(True)
        self.restore_button.setEnabled(True)

    def restore(self) -> None:
        pid, when = self.profile_id(), self.moment_utc()
        if pid is None or self.diff is None:
            return
        name = self.child_box.currentText()
        question = self.tr(
            "Put {name}'s profile and records back as they were on {when}?\n\n{summary}\n\nA backup of the whole "
            "database is made first. Other children are not touched. The restore is recorded in the audit log, so "
            "it can be undone too."
        ).format(name=name, when=self.moment.dateTime().toString("yyyy-MM-dd HH:mm:ss"), summary=self.summary.text())
        if not dialogs.ask(
            self,
            self.tr("Restore this child"),
            question,
            yes=self.tr("Restore"),
            no=self.tr("Cancel"),
            destructive=True,
        ):
            return
        self.restore_button.setEnabled(False)
        self.jobs.start(
            AuditLogViewer._run_history(lambda _w: as_of.restore_child_to(pid, when)),
            self.tr("Restoring {name}…").format(name=name),
            on_done=self._restored,
            on_error=lambda message: self.message.show_message(message, "error"),
        )

    def _restored(self, result: as_of.RestoreChildResult) -> None:
        text = self.tr("{name} is back as on {when}.").format(
            name=self.child_box.currentText(), when=self.moment.dateTime().toString("yyyy-MM-dd HH:mm:ss")
        )
        if result.backup_path is not None:
            text += " " + self.tr("A backup was saved first: {file}").format(file=result.backup_path.name)
        self.message.show_message(text, "info")
        self.restored.emit(self.profile_id() or "")
        notify_data_changed(self.parentWidget())
        parent = self.parentWidget()
        if isinstance(parent, AuditLogViewer):
            parent.model.reload()
        self.refresh()

    def wait_idle(self, msecs: int = 30_000) -> None:
        self.jobs.wait(msecs)
        self.reader.wait(msecs)

    def done(self, result: int) -> None:
        self.reader.stop()
        self.jobs.wait()
        super().done(result)


# --------------------------------------------------------------------------------------------------------------
# Entry points.

_open_viewers: dict[int, AuditLogViewer] = {}


def open_audit_log(
    parent: QWidget | None,
    profile_id: str | None = None,
    table: str | None = None,
    record_id: object = None,
    verify: bool = True,
) -> AuditLogViewer:
    """Open the audit log (or bring the open one forward), filtered to a child, a table or one record."""
    key = id(parent)
    viewer = _open_viewers.get(key)
    if viewer is None or not shiboken6.isValid(viewer) or not viewer.isVisible():
        viewer = AuditLogViewer(parent, verify=verify)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_viewers[key] = viewer
        changed = getattr(parent, "database_changed", None)
        if changed is not None:
            changed.connect(viewer.close)
    viewer.set_scope(profile_id, table, record_id)
    launch(viewer)
    return viewer


def open_as_of(parent: QWidget | None, profile_id: str | None = None) -> AsOfDialog:
    dialog = AsOfDialog(parent, profile_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    launch(dialog)
    return dialog
