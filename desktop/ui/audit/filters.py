"""The audit log's filter row: child, what, action, who (drop-down lists), a date range (each end ticked to apply)
and text, with "Clear filters". It says which :class:`desktop.store.audit_log.LogFilter` the user chose; the window reads
the log for it.

Its texts are the audit-log window's (translation context ``AuditLogViewer``): this is that window's filter row.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.store import audit_log
from desktop.store.audit_log import LogFilter
from desktop.ui.audit.names import ACTION_NAMES, ACTOR_NAMES, TABLE_NAMES, name_of
from desktop.ui.widgets import FilterBox

#: The drop-down lists' "any" entry.
ALL = "\x00all"


class LogFilterBar(QWidget):
    """The filters in two rows (``second_row`` has room at its end for the window's badge).

    Signals: ``changed()`` when the user changed a filter (not while the window sets them: ``set_scope``,
    ``reset``); ``clear_requested()`` for "Clear filters"."""

    changed = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._extra_children: list[str] = []  # deleted children asked for by id (a record's history)
        self._gone: dict[str, str] = {}  # deleted children's names, by id
        self._updating = False
        self.child_box, self.table_box, self.action_box, self.actor_box = (QComboBox() for _ in range(4))
        for box in self.boxes():
            # As wide as a short name, not the longest one: the filters fit an 800-pixel screen (the list that
            # drops down is as wide as its entries).
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10 if box is self.child_box else 7)
            box.currentIndexChanged.connect(self._changed)
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
            check.toggled.connect(self._changed)
            edit.dateChanged.connect(self._changed)
        self.text_box = FilterBox()
        self.text_box.changed.connect(self._changed)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_requested)
        self.child_label, self.table_label, self.action_label, self.actor_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.text_label = QLabel()
        self.second_row = QHBoxLayout()
        self._lay_out()
        self._fill()

    def boxes(self) -> tuple[QComboBox, ...]:
        return self.child_box, self.table_box, self.action_box, self.actor_box

    def labelled_boxes(self) -> list[tuple[QLabel, QComboBox]]:
        labels = (self.child_label, self.table_label, self.action_label, self.actor_label)
        return list(zip(labels, self.boxes(), strict=True))

    def _lay_out(self) -> None:
        first_row = QHBoxLayout()
        for label, box in self.labelled_boxes():
            first_row.addWidget(label)
            first_row.addWidget(box)
            first_row.addSpacing(6)
        first_row.addStretch(1)
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            self.second_row.addWidget(widget)
        self.second_row.addSpacing(12)
        self.second_row.addWidget(self.text_label)
        self.second_row.addWidget(self.text_box, 1)
        self.second_row.addWidget(self.clear_button)
        self.second_row.addSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first_row)
        layout.addLayout(self.second_row)

    def _fill(self) -> None:
        self._updating = True
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
            self._updating = False

    # ---------------------------------------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.child_label.setText(QCoreApplication.translate("AuditLogViewer", "Child:"))
        self.table_label.setText(QCoreApplication.translate("AuditLogViewer", "What:"))
        self.action_label.setText(QCoreApplication.translate("AuditLogViewer", "Action:"))
        self.actor_label.setText(QCoreApplication.translate("AuditLogViewer", "Who:"))
        self.from_check.setText(QCoreApplication.translate("AuditLogViewer", "From"))
        self.to_check.setText(QCoreApplication.translate("AuditLogViewer", "to"))
        self.text_label.setText(QCoreApplication.translate("AuditLogViewer", "Text:"))
        self.text_box.setPlaceholderText(QCoreApplication.translate("AuditLogViewer", "a word, a name, any value…"))
        self.clear_button.setText(QCoreApplication.translate("AuditLogViewer", "Clear filters"))
        # Screen readers say each filter by its label (the date boxes by their check boxes).
        named: list[tuple[QLabel | QCheckBox, QWidget]] = [
            *self.labelled_boxes(),
            (self.text_label, self.text_box),
            (self.from_check, self.from_date),
            (self.to_check, self.to_date),
        ]
        for label, field in named:
            field.setAccessibleName(label.text().rstrip(":："))
        every = {
            self.child_box: QCoreApplication.translate("AuditLogViewer", "All children"),
            self.table_box: QCoreApplication.translate("AuditLogViewer", "Everything"),
            self.action_box: QCoreApplication.translate("AuditLogViewer", "Any"),
            self.actor_box: QCoreApplication.translate("AuditLogViewer", "Anyone"),
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
        name = self._gone.get(profile_id) or QCoreApplication.translate("AuditLogViewer", "a deleted child")
        return QCoreApplication.translate("AuditLogViewer", "{name} (no longer exists)").format(name=name)

    def reload_children(self, extra: str | None = None) -> None:
        """Fill the child filter with the children that exist (and ``extra``, e.g. a deleted child's id)."""
        current = self.child_box.currentData() if self.child_box.count() else ALL
        if extra and extra not in self._extra_children:
            self._extra_children.append(extra)
        names = audit_log.profile_names()
        self._gone = audit_log.deleted_profile_names() if self._extra_children else {}
        profiles = sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
        was = self._updating
        self._updating = True
        try:
            self.child_box.clear()
            self.child_box.addItem(QCoreApplication.translate("AuditLogViewer", "All children"), ALL)
            for pid, name in profiles:
                self.child_box.addItem(name, pid)
            for pid in self._extra_children:
                if pid not in names:
                    self.child_box.addItem(self.gone_child_text(pid), pid)
            self.child_box.setCurrentIndex(max(0, self.child_box.findData(current)))
        finally:
            self._updating = was

    # ---------------------------------------------------------------------------------------------- the filter
    def current(self, record_id: str | None = None) -> LogFilter:
        """The filter the controls say (and one record's history, ``record_id``, which no control shows)."""
        since = _local_midnight(self.from_date.date()) if self.from_check.isChecked() else None
        until = _local_midnight(self.to_date.date().addDays(1)) if self.to_check.isChecked() else None
        return LogFilter(
            profile_id=self.code(self.child_box),
            table=self.code(self.table_box),
            action=self.code(self.action_box),
            actor=self.code(self.actor_box),
            since=since,
            until=until,
            text=self.text_box.text().strip(),
            record_id=record_id,
        )

    @staticmethod
    def code(box: QComboBox) -> str | None:
        """The code chosen in ``box`` (``None``: any)."""
        value = box.currentData()
        return None if value in (ALL, None) else value

    def _changed(self, *_args: object) -> None:
        if not self._updating:
            self.changed.emit()

    def select(self, box: QComboBox, code: str | None) -> None:
        """Choose ``code`` in ``box`` (``None``: any); a child that no longer exists is added to the list."""
        index = box.findData(ALL if code is None else code)
        if index < 0 and box is self.child_box and code is not None:
            self.reload_children(extra=code)
            index = box.findData(code)
        box.setCurrentIndex(max(0, index))

    def set_child(self, profile_id: str | None) -> None:
        self.select(self.child_box, profile_id)

    def set_table(self, table: str | None) -> None:
        self.select(self.table_box, table)

    def set_action(self, action: str | None) -> None:
        self.select(self.action_box, action)

    def set_actor(self, actor: str | None) -> None:
        self.select(self.actor_box, actor)

    def set_dates(self, start: QDate | None, end: QDate | None) -> None:
        """Changes from the start of ``start`` to the end of ``end`` (local days; ``None``: open)."""
        self._updating = True
        try:
            for check, edit, date in ((self.from_check, self.from_date, start), (self.to_check, self.to_date, end)):
                check.setChecked(date is not None)
                if date is not None:
                    edit.setDate(date)
        finally:
            self._updating = False
        self._changed()

    def set_text(self, text: str) -> None:
        self.text_box.setText(text)
        self.text_box.apply()

    def reset(self, child: str | None = None, table: str | None = None) -> None:
        """Every filter back to "any" (or to ``child`` and ``table``), quietly: the window reads the log itself."""
        self._updating = True
        try:
            for box in self.boxes():
                box.setCurrentIndex(0)
            self.from_check.setChecked(False)
            self.to_check.setChecked(False)
            self.text_box.setText("")
            self.text_box.apply()
            self.select(self.child_box, child)
            self.select(self.table_box, table)
        finally:
            self._updating = False


def _local_midnight(date: QDate) -> datetime:
    return datetime(date.year(), date.month(), date.day()).astimezone()
