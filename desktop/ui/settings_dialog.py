"""The settings dialog, built from the declarations in :mod:`desktop.settings` (a new setting with a label shows
up here by itself)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import SETTINGS, Setting, Settings
from desktop.ui import i18n
from desktop.ui.widgets import Retranslating


class SettingsDialog(Retranslating, QDialog):
    """Edits every labelled setting; ``apply()`` stores them (the caller switches language if it changed)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for setting in SETTINGS:
            if not setting.label:
                continue
            editor = self._editor(setting)
            self.editors[setting.name] = editor
            self.labels[setting.name] = QLabel()
            form.addRow(self.labels[setting.name], editor)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _editor(self, setting: Setting) -> QWidget:
        value = self.settings.get(setting.name)
        if setting.name == "language":
            box = QComboBox()
            for code in setting.choices:
                box.addItem(i18n.NATIVE_NAMES.get(code, code), code)
            box.setCurrentIndex(max(0, box.findData(value)))
            return box
        if setting.type is bool:
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(
                setting.minimum if setting.minimum is not None else 0,
                setting.maximum if setting.maximum is not None else 1_000_000,
            )
            spin.setValue(int(value))
            return spin
        box = QComboBox()
        for code in setting.choices:
            box.addItem(code, code)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for name, label in self.labels.items():
            setting = next(s for s in SETTINGS if s.name == name)
            label.setText(QCoreApplication.translate("Settings", setting.label))
            self.editors[name].setAccessibleName(label.text().rstrip(":："))
        passphrase = self.editors.get("passphrase_mode")
        if passphrase is not None:
            passphrase.setToolTip(
                self.tr(
                    "For a computer several people use: databases encrypted or created from now on are locked with a "
                    "passphrase asked for at every start, instead of a key this computer keeps. There is no recovery "
                    "key for a passphrase."
                )
            )
        language = self.editors.get("language")
        if isinstance(language, QComboBox):
            system = i18n.NATIVE_NAMES[i18n.system_language()]
            language.setItemText(0, self.tr("Same as the computer ({language})").format(language=system))

    def values(self) -> dict:
        out = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[name] = editor.value()
        return out

    def set_value(self, name: str, value) -> None:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))

    def apply(self) -> dict:
        """Store the values; returns the ones that changed."""
        changed = {}
        for name, value in self.values().items():
            if self.settings.get(name) != value:
                self.settings.set(name, value)
                changed[name] = value
        self.settings.save()
        return changed
