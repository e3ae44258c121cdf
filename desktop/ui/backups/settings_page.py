"""The Backup settings page (Tools ▸ Backup settings…): the folder, how many backups are kept, automatic backups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.settings import BY_NAME
from desktop.ui import dialogs
from desktop.ui.backups.making import AutoBackupController
from desktop.ui.backups.preferences import PREFIX, BackupPreferences
from desktop.ui.widgets import Retranslating

#: The preferences set with a number, in the order the page shows them (the last one in "Automatic backups").
NUMBERS = ("keep_all_days", "daily", "weekly", "monthly", "interval_minutes")


class BackupSettingsPage(Retranslating, QWidget):
    """Folder, retention and automatic backups; ``preferences()`` reads the page, ``apply()`` stores it (and tells
    an :class:`AutoBackupController` given to it). Emits ``changed()`` when the user edits anything."""

    changed = Signal()

    def __init__(self, controller: AutoBackupController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.folder_edit = QLineEdit()
        self.folder_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton()
        self.default_button.clicked.connect(lambda: self.folder_edit.setText(""))
        self.folder_label = QLabel()
        self.folder_hint = QLabel()
        self.folder_hint.setWordWrap(True)
        self.folder_hint.setStyleSheet("color:#555;")
        self.spins: dict[str, QSpinBox] = {}
        for key in NUMBERS:
            setting = BY_NAME[PREFIX + key]
            spin = QSpinBox()
            spin.setRange(setting.minimum or 0, setting.maximum or 0)
            spin.valueChanged.connect(self.changed)
            self.spins[key] = spin
        self.spin_labels = {key: QLabel() for key in self.spins}
        self.on_close = QCheckBox()
        self.on_close.toggled.connect(self.changed)
        self.auto_hint = QLabel()
        self.auto_hint.setWordWrap(True)
        self.auto_hint.setStyleSheet("color:#555;")
        self.folder_edit.textChanged.connect(self._folder_changed)
        self.keep_hint = QLabel()
        self.keep_hint.setWordWrap(True)
        self.keep_hint.setStyleSheet("color:#555;")
        self.folder_box, self.keep_box, self.auto_box = QGroupBox(), QGroupBox(), QGroupBox()
        self._lay_out()
        self.load(BackupPreferences.load())
        self.retranslate()

    def _lay_out(self) -> None:
        """Three boxes: the folder, how many are kept, automatic backups."""
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        folder_layout = QVBoxLayout(self.folder_box)
        folder_layout.addWidget(self.folder_label)
        folder_layout.addLayout(folder_row)
        folder_layout.addWidget(self.folder_hint)
        keep_layout = QFormLayout(self.keep_box)
        for key in ("keep_all_days", "daily", "weekly", "monthly"):
            keep_layout.addRow(self.spin_labels[key], self.spins[key])
        keep_layout.addRow(self.keep_hint)
        auto_layout = QFormLayout(self.auto_box)
        auto_layout.addRow(self.on_close)
        auto_layout.addRow(self.spin_labels["interval_minutes"], self.spins["interval_minutes"])
        auto_layout.addRow(self.auto_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_box)
        layout.addWidget(self.keep_box)
        layout.addWidget(self.auto_box)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.folder_box.setTitle(self.tr("Where backups are kept"))
        self.folder_label.setText(self.tr("Folder (empty: the app's own backup folder):"))
        self.folder_edit.setPlaceholderText(str(paths.backups_dir(create=False)))
        self.choose_button.setText(self.tr("Choose…"))
        self.default_button.setText(self.tr("Use the default"))
        self.folder_hint.setText(
            self.tr(
                "A folder on a USB drive or another disk also protects the records if this "
                "computer breaks. If the drive is not connected, the app says so."
            )
        )
        self.keep_box.setTitle(self.tr("How many backups are kept"))
        self.spin_labels["keep_all_days"].setText(self.tr("Keep every backup for (days):"))
        self.spin_labels["daily"].setText(self.tr("then one a day for (days):"))
        self.spin_labels["weekly"].setText(self.tr("then one a week for (weeks):"))
        self.spin_labels["monthly"].setText(self.tr("then one a month for (months):"))
        self.keep_hint.setText(
            self.tr(
                "Backups made just before an import, a restore, an undo, optimizing or a "
                "large delete are kept for at least 30 days."
            )
        )
        self.auto_box.setTitle(self.tr("Automatic backups"))
        self.on_close.setText(self.tr("Back up when the app is closed"))
        self.auto_hint.setText(
            self.tr(
                "Either way, only if something changed since the newest backup and that "
                "backup is older than the interval."
            )
        )
        self.spin_labels["interval_minutes"].setText(self.tr("While the app is open, every (minutes; 0 = never):"))

    def load(self, prefs: BackupPreferences) -> None:
        self.folder_edit.setText(prefs.folder)
        for key, spin in self.spins.items():
            spin.setValue(getattr(prefs, key))
        self.on_close.setChecked(prefs.on_close)

    def preferences(self) -> BackupPreferences:
        return BackupPreferences(
            folder=self.folder_edit.text().strip(),
            on_close=self.on_close.isChecked(),
            **{key: spin.value() for key, spin in self.spins.items()},
        )

    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(paths.backups_dir(create=False))
        chosen = dialogs.choose_directory(self, self.tr("Folder for backups"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def _folder_changed(self, text: str) -> None:
        folder = Path(text.strip()).expanduser() if text.strip() else None
        missing = folder is not None and not folder.is_dir()
        self.folder_edit.setStyleSheet("color:#b00020;" if missing else "")
        self.folder_edit.setToolTip(self.tr("This folder is not there (is the drive connected?)") if missing else "")
        self.changed.emit()

    def apply(self) -> BackupPreferences:
        prefs = self.preferences()
        prefs.save()
        if self.controller is not None:
            self.controller.apply_preferences(prefs)
        return prefs


class BackupSettingsDialog(Retranslating, QDialog):
    """The Backup settings page in a dialog of its own (OK stores it)."""

    def __init__(self, controller: AutoBackupController | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = BackupSettingsPage(controller)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Backup settings"))


def open_backup_settings(parent: QWidget | None, controller: AutoBackupController | None = None) -> bool:
    """The Backup settings dialog; True if the user saved."""
    if controller is None and parent is not None:
        controller = parent.findChild(AutoBackupController)
    dialog = BackupSettingsDialog(controller, parent)
    if not dialogs.run(dialog):
        return False
    dialog.page.apply()
    return True
