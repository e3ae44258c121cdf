"""One window per database: the window listens on a local socket named after a hash of its database's path; a
second launch on the same database finds it, asks it to come to the front, and exits. Another database gets
another name, so it opens beside it."""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MESSAGE = b"raise\n"


def server_name(database: Path | str) -> str:
    """The socket name for a database: same file → same name (for this user), whatever path spelling."""
    target = str(database)
    if not target.startswith(("postgresql://", "postgres://")):
        target = str(Path(target).expanduser().resolve())
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some containers): the hash of the path is still unique enough
        user = ""
    digest = hashlib.sha256(f"{user}\0{target}".encode()).hexdigest()[:24]
    return f"mastery-ledger-{digest}"


def notify_running(name: str, timeout_ms: int = 800) -> bool:
    """If a window already serves ``name``, ask it to come to the front and return True."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later launches on the same database. ``activated()`` when one asks us to come forward."""

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server: QLocalServer | None = None
        self.name = ""

    def listen(self, name: str) -> bool:
        """Serve ``name`` (stopping any previous name). A stale socket left by a crashed window is removed."""
        self.close()
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            QLocalServer.removeServer(name)
            if not server.listen(name):
                log.warning("single-instance server could not listen: %s", server.errorString())
                server.deleteLater()
                return False
        server.newConnection.connect(self._connection)
        self.server, self.name = server, name
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
            self.name = ""

    def _connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if MESSAGE.strip() in data:
            self.activated.emit()
