""" "As it was on…": pick a child and a moment, see what changed since, and put the child back as it was (in a
worker, a backup first; the restore is itself in the audit log, so it can be undone)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import as_of, history
from desktop.store import audit_log
from desktop.ui import dialogs
from desktop.ui.audit.names import display_value, explained, field_name
from desktop.ui.tool_windows import launch, notify_data_changed
from desktop.ui.widgets import MessageBar, Retranslating
from desktop.ui.workers import JobRunner, Worker

#: The most records of one kind listed under "added since", "removed since" or "changed since".
SHOWN = 500


class AsOfDialog(Retranslating, QDialog):
    """ "As it was on…": pick a child and a moment, see what changed since, and put the child back as it was.

    Signals: ``restored(profile_id)`` after the child was restored."""

    restored = Signal(str)

    def __init__(self, parent: QWidget | None = None, profile_id: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asOfDialog")
        self.jobs = JobRunner(self, latest=True)  # the restore, and the comparisons (only the newest one counts)
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
        moment = cast(
            datetime, self.moment.dateTime().toPython()
        )  # PySide6's stub says object: a QDateTime gives datetime
        return moment.astimezone()

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

        def job(_worker: Worker) -> as_of.ChildDiff:
            return as_of.diff_with_now(as_of.state_as_of(pid, when))

        self.jobs.read(job, self._show, lambda message: self.message.show_message(message, "error"))

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
        self.summary.setText(self.summary_text(diff))
        if diff.profile_changes or not diff.now_exists:
            self._add_profile_section(diff)
        headings = {
            "words": self.tr("Words"),
            "grammar": self.tr("Grammar points"),
            "cards": self.tr("Cards"),
            "chat": self.tr("Chat messages"),
        }
        for kind, table in history.KINDS.items():
            if diff.removed[table] or diff.added[table] or diff.changed[table]:
                self._add_records_section(headings[kind], table, diff)
        self.restore_button.setEnabled(True)

    def summary_text(self, diff: as_of.ChildDiff) -> str:
        """What changed since the moment, in a sentence: "Since then — words: 1 added, 0 removed, 2 changed."."""
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
        for kind, label in kinds.items():
            c = counts[kind]
            if any(c.values()):
                parts.append(
                    self.tr("{kind}: {added} added, {removed} removed, {changed} changed").format(kind=label, **c)
                )
        return self.tr("Since then — {parts}.").format(parts=self.tr("; ").join(parts))

    def _section(self, heading: str) -> QTreeWidgetItem:
        section = QTreeWidgetItem([heading])
        bold = QFont()
        bold.setBold(True)
        section.setFont(0, bold)
        self.tree.addTopLevelItem(section)
        return section

    def _add_profile_section(self, diff: as_of.ChildDiff) -> None:
        section = self._section(self.tr("Profile"))
        if not diff.now_exists:
            QTreeWidgetItem(
                section, [self.tr("deleted since"), history.record_label("profiles", diff.then_profile), ""]
            )
        for f, (then, now) in diff.profile_changes.items():
            QTreeWidgetItem(section, [field_name(f), display_value(f, then, 80), display_value(f, now, 80)])
        section.setExpanded(True)

    def _add_records_section(self, heading: str, table: str, diff: as_of.ChildDiff) -> None:
        """One table's records removed, added and changed since (the first 500 of each)."""
        section = self._section(heading)
        removed, added, changed = diff.removed[table], diff.added[table], diff.changed[table]
        for rows, label in ((removed, self.tr("removed since")), (added, self.tr("added since"))):
            if not rows:
                continue
            group = QTreeWidgetItem(section, [f"{label} ({len(rows)})"])
            for row in rows[:SHOWN]:
                text = history.record_label(table, row)
                QTreeWidgetItem(group, ["", text, ""] if rows is removed else ["", "", text])
            if len(rows) > SHOWN:
                QTreeWidgetItem(group, [self.tr("… and {n} more").format(n=len(rows) - SHOWN)])
            group.setExpanded(True)
        if changed:
            changed_label = self.tr("changed since")
            group = QTreeWidgetItem(section, [f"{changed_label} ({len(changed)})"])
            for change in changed[:SHOWN]:
                fields = ", ".join(field_name(f) for f in change.fields)
                then, now = history.record_label(table, change.then), history.record_label(table, change.now)
                QTreeWidgetItem(group, [fields, then, now])
            group.setExpanded(True)
        section.setExpanded(True)

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
            explained(lambda _w: as_of.restore_child_to(pid, when)),
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
        self.refresh()

    def wait_idle(self, msecs: int = 30_000) -> None:
        self.jobs.wait(msecs)

    def done(self, result: int) -> None:
        # a restore of the child is not interrupted: drop the pending reads, then wait for it, however long
        self.jobs.drop_reads()
        self.jobs.wait()
        super().done(result)


def open_as_of(parent: QWidget | None, profile_id: str | None = None) -> AsOfDialog:
    dialog = AsOfDialog(parent, profile_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    launch(dialog)
    return dialog
