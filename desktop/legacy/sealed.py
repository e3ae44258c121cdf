"""The migration archive encrypted at rest: a stream of AES-256-GCM chunks (``cryptography``), written and read
without a plain copy ever touching the disk.

The key is derived (HKDF-SHA256, its own purpose string) from the app's key in the keychain
(:func:`desktop.keys.default_key`), so the archive is protected as the database is and opens wherever that key (or
its recovery key) is. Layout: ``MLARC1\\n`` · the key's public id (16 ASCII characters) · an 8-byte random nonce
prefix; then chunks of 1 MiB of plain text (the last one shorter, possibly empty), each sealed with the nonce
``prefix ‖ chunk number`` and authenticated with the header, its number and whether it is the last — so a chunk
altered, moved, dropped or cut off fails to open (:class:`ArchiveReader` raises ``archive_wrong_key``). The reader
is seekable (``zipfile`` needs that) and holds one chunk in memory.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop import keys
from desktop.errors import LedgerError

MAGIC = b"MLARC1\n"
_ID_LEN = 16
_PREFIX_LEN = 8
HEADER_LEN = len(MAGIC) + _ID_LEN + _PREFIX_LEN
CHUNK = 1 << 20
_TAG = 16


def is_sealed(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an encrypted archive (rather than a plain zip of an older version)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _archive_key(key: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"mastery-ledger migration archive").derive(
        key
    )
    return AESGCM(derived)


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


class ArchiveWriter(io.RawIOBase):
    """A write-only stream that seals what is written into ``out`` (an open binary file) chunk by chunk."""

    def __init__(self, out: IO[bytes], key: bytes) -> None:
        super().__init__()
        self._out = out
        self._aead = _archive_key(key)
        self._header = MAGIC + keys.key_id(key).encode("ascii") + os.urandom(_PREFIX_LEN)
        self._out.write(self._header)
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def write(self, data: Any) -> int:
        view = bytes(data)
        self._buffer += view
        self._position += len(view)
        while len(self._buffer) > CHUNK:  # a full chunk is sealed once more follows (the last one is final)
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(view)

    def _seal(self, plain: bytes, final: bool) -> None:
        nonce = self._header[-_PREFIX_LEN:] + self._index.to_bytes(4, "big")
        self._out.write(self._aead.encrypt(nonce, plain, _aad(self._header, self._index, final)))
        self._index += 1

    def finish(self) -> None:
        """Seal the last chunk (call once, after the last write)."""
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()


class ArchiveReader(io.RawIOBase):
    """A seekable read-only view of the plain content of a sealed archive; each chunk is authenticated when read."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self._name = Path(path).name
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            self._header = self._fh.read(HEADER_LEN)
            if len(self._header) != HEADER_LEN or not self._header.startswith(MAGIC):
                raise LedgerError(code="archive_unreadable", archive=self._name)
            kid = self._header[len(MAGIC) : len(MAGIC) + _ID_LEN].decode("ascii", "replace")
            key = keys.load_key(kid)
            if key is None:
                raise LedgerError(code="archive_key_missing", archive=self._name)
            self._aead = _archive_key(key)
            body = os.fstat(self._fh.fileno()).st_size - HEADER_LEN
            self._chunks = max(1, -(-body // (CHUNK + _TAG)))
            last = body - (self._chunks - 1) * (CHUNK + _TAG)
            if last < _TAG:
                raise LedgerError(code="archive_wrong_key", archive=self._name)
            self._size = (self._chunks - 1) * CHUNK + last - _TAG
        except BaseException:
            self._fh.close()
            raise
        self._position = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def _chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        self._fh.seek(HEADER_LEN + index * (CHUNK + _TAG))
        sealed = self._fh.read(CHUNK + _TAG)
        nonce = self._header[-_PREFIX_LEN:] + index.to_bytes(4, "big")
        try:
            plain = self._aead.decrypt(nonce, sealed, _aad(self._header, index, index == self._chunks - 1))
        except InvalidTag as exc:
            raise LedgerError(code="archive_wrong_key", archive=self._name) from exc
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer: Any) -> int:
        if self._position >= self._size:
            return 0
        index, offset = divmod(self._position, CHUNK)
        data = self._chunk(index)[offset : offset + len(buffer)]
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()
