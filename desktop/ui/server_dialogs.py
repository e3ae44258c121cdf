"""Server databases in the window: "Open server database…" and "Move to server database…".

The password is typed here and kept only in memory for the session: it is never written to settings, logs or
reports (the URL shown anywhere has it removed). PGPASSWORD and a PGPASSFILE work too: leave the field empty.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import transfer
from desktop.store import db
from desktop.store import postgres as pg
from desktop.ui.workers import JobRunner


def build_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """A postgresql:// URL with every part percent-encoded, so libpq reads back exactly what was typed."""
    auth = quote(user, safe="")
    if password:
        auth += ":" + quote(password, safe="")
    return f"postgresql://{auth}@{quote(host, safe='')}:{int(port)}/{quote(database, safe='')}"


def test_connection(url: str) -> str:
    """Connect and disconnect; returns the server's version text. Raises LedgerError with a sentence (no
    password in it)."""
    return pg.server_version(url)


class ServerConnectDialog(QDialog):
    """Asks for host, port, database, user and password; "Test connection" tries them in the background."""

    def __init__(self, parent: QWidget | None = None, title: str | None = None, last_url: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Open server database"))
        self.runner = JobRunner(self)
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("mastery_ledger")
        self.user = QLineEdit("postgres")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("leave empty to use PGPASSWORD or a .pgpass file"))
        if last_url:
            self._fill(last_url)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        self.status = QLabel(self.tr("The password is kept only while the app is open; it is never saved."))
        self.status.setWordWrap(True)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.clicked.connect(self.run_test)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _fill(self, url: str) -> None:
        options = pg.url_options(url)
        port = options.get("port", "")
        self.host.setText(options.get("host") or "localhost")
        self.port.setValue(int(port) if port.isdigit() else 5432)
        self.database.setText(options.get("dbname") or "mastery_ledger")
        self.user.setText(options.get("user") or "postgres")

    def url(self, with_password: bool = True) -> str:
        return build_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text() if with_password else "",
        )

    def run_test(self) -> None:
        url = self.url()
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("Connecting…"))

        def done(version: object) -> None:
            self.test_button.setEnabled(True)
            self.status.setText(self.tr("Connected: PostgreSQL {0}.").format(version))

        def failed(message: str) -> None:
            self.test_button.setEnabled(True)
            self.status.setText(message)

        self.runner.start(lambda worker: test_connection(url), self.tr("Test connection"), done, failed)


def ask_server(parent: QWidget | None, title: str | None = None, last_url: str | None = None) -> str | None:
    """Show the dialog; the URL (with the password, in memory only) or None. Tests replace this function."""
    dialog = ServerConnectDialog(parent, title, last_url)
    return dialog.url() if dialog.exec() == QDialog.DialogCode.Accepted else None


def move_to_server(parent: QWidget, runner: JobRunner, on_moved: Callable[[str], None]) -> None:
    """Copy the open database file to a server (verified), then offer to switch to the server."""
    source = db.database_path()
    if source is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("ServerDialogs", "Move to server database"),
            QCoreApplication.translate("ServerDialogs", "This database is already on a server."),
        )
        return
    url = ask_server(parent, QCoreApplication.translate("ServerDialogs", "Move to server database"))
    if not url:
        return

    def job(worker) -> transfer.TransferResult:
        return transfer.transfer(str(source), url, progress=worker.report, cancel=worker.cancelled)

    def done(result: object) -> None:
        assert isinstance(result, transfer.TransferResult)
        text = "\n".join(result.lines())
        if not result.ok:
            QMessageBox.warning(parent, QCoreApplication.translate("ServerDialogs", "Move to server database"), text)
            return
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("ServerDialogs", "Move to server database"),
            text
            + "\n\n"
            + QCoreApplication.translate("ServerDialogs", "Open the server database now? Your file stays as it is."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            on_moved(url)

    def failed(message: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("ServerDialogs", "Move to server database"), message)

    runner.start(
        job,
        QCoreApplication.translate("ServerDialogs", "Copying to the server…"),
        done,
        failed,
        cancellable=True,
        on_cancel=failed,
    )
