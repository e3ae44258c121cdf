"""The audit log's details pane: the selected change field by field (before / after, the changed fields
highlighted and first), or what a batch was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import history
from desktop.store import audit
from desktop.store.audit_log import LogItem
from desktop.ui import formatting
from desktop.ui.audit.names import (
    ACTION_NAMES,
    ACTOR_NAMES,
    CHANGES,
    HIDDEN_FIELDS,
    TABLE_NOUNS,
    batch_title,
    display_value,
    field_name,
    name_of,
    note_rows,
    tr,
)
from desktop.ui.widgets import Retranslating

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
                tip = (str(value) if raw else display_value(name, value, 4000)) if c else field_name(name)
                cell.setToolTip(tip)
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
            name, cell = self.fields.item(r, 0), self.fields.item(r, column)
            if name is not None and cell is not None and name.text() == field_name(field):
                return cell.text()
        raise KeyError(field)
