"""The main window (for now: the profile list)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from desktop import APP_NAME, db, services


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME} — {db.describe(db.database_path())}")
        self.profiles = QListWidget()
        self.setCentralWidget(self.profiles)
        for profile in services.list_profiles():
            self.profiles.addItem(profile["name"])
        self.resize(1000, 700)
