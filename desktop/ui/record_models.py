"""The record tables: words (one model per language), grammar, cards and chat, each a :class:`RecordTableModel`
with its columns declared once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop import import_dates
from desktop.settings import QT_TRANSLATE_NOOP
from desktop.store import tables as queries
from desktop.ui import formatting
from desktop.ui.table_model import Column, Index, RecordTableModel

IMPORTED_ON = QT_TRANSLATE_NOOP("Columns", "imported on {date}")
IMPORTED_TIP = QT_TRANSLATE_NOOP(
    "Columns", "Brought over from the old app on {date}. The old app did not record when this was mastered."
)


class ImportDated(RecordTableModel):
    """A table whose ``added_at`` a migration fills with its own stamp: those rows say "imported on 2025-03-01"
    instead of a date nobody knows (see :mod:`desktop.import_dates`). The stamps are read again with every reload
    (a few rows)."""

    imported: frozenset[str] = frozenset()

    def reload(self) -> None:
        self.imported = import_dates.migration_stamps() if self.query is not None else frozenset()
        super().reload()

    def is_imported(self, value: Any) -> bool:
        return value in self.imported

    def display(self, key: str, value: Any, row: tuple) -> str:
        if key == "added_at" and self.is_imported(value):
            day = formatting.local_time(value)[:10]
            return QCoreApplication.translate("Columns", IMPORTED_ON).format(date=day)
        return super().display(key, value, row)

    def tooltip(self, key: str, value: Any, row: tuple) -> str | None:
        if key == "added_at" and self.is_imported(value):
            return QCoreApplication.translate("Columns", IMPORTED_TIP).format(
                date=formatting.local_time(value, seconds=True)
            )
        return super().tooltip(key, value, row)


class WordsModel(ImportDated):
    """Mastered words of one language; the word is editable (renaming checks for duplicates)."""

    SPEC = queries.WORDS
    COLUMNS = (
        Column("word", QT_TRANSLATE_NOOP("Columns", "Word"), editable=True, stretch=True),
        Column("added_at", QT_TRANSLATE_NOOP("Columns", "Added"), width=170),
    )

    def __init__(self, language: str, parent=None, page_size: int = queries.DEFAULT_PAGE_SIZE) -> None:
        super().__init__(parent, page_size)
        self.language = language

    def set_profile(self, profile_id: str | None, language: str | None = None) -> None:
        super().set_profile(profile_id, language or self.language)


class GrammarModel(ImportDated):
    """Mastered grammar points: a readable name (level and title, from the address), the full address in the
    tooltip and the editor, when added."""

    SPEC = queries.GRAMMAR
    COLUMNS = (
        Column("grammar_uri", QT_TRANSLATE_NOOP("Columns", "Grammar point"), editable=True, stretch=True),
        Column("added_at", QT_TRANSLATE_NOOP("Columns", "Added"), width=170),
    )

    def display(self, key: str, value: Any, row: tuple) -> str:
        if key == "grammar_uri":
            return formatting.grammar_label(value)
        return super().display(key, value, row)

    def tooltip(self, key: str, value: Any, row: tuple) -> str | None:
        if key == "grammar_uri":
            return str(value or "")
        return super().tooltip(key, value, row)


class CardsModel(RecordTableModel):
    """Approved flashcards: type and status are editable (from fixed choices); front and back are previews."""

    SPEC = queries.CARDS
    COLUMNS = (
        Column("card_type", QT_TRANSLATE_NOOP("Columns", "Type"), editable=True, width=140),
        Column("status", QT_TRANSLATE_NOOP("Columns", "Status"), editable=True, width=90),
        Column("front", QT_TRANSLATE_NOOP("Columns", "Front"), stretch=True),
        Column("back", QT_TRANSLATE_NOOP("Columns", "Back"), stretch=True),
        Column("approved_at", QT_TRANSLATE_NOOP("Columns", "Approved"), width=130),
    )
    CHOICES = {"card_type": formatting.CARD_TYPES, "status": formatting.CARD_STATUSES}

    def display(self, key: str, value: Any, row: tuple) -> str:
        if key == "card_type":
            return formatting.label(formatting.CARD_TYPES, value)
        if key == "status":
            return formatting.label(formatting.CARD_STATUSES, value)
        if key in ("front", "back"):
            return formatting.plain_preview(value, 120)
        return super().display(key, value, row)

    def export_value(self, key: str, value: Any, row: tuple) -> Any:
        if key in ("front", "back"):
            return formatting.plain_preview(value, limit=1_000_000)
        return super().export_value(key, value, row)

    def tooltip(self, key: str, value: Any, row: tuple) -> str | None:
        if key in ("front", "back"):
            return formatting.plain_preview(value, 400)
        return super().tooltip(key, value, row)

    def choices(self, key: str) -> list[tuple[str, str]]:
        """(code, translated label) pairs an editor offers for ``key``."""
        return [(code, formatting.translate(text)) for code, text in self.CHOICES.get(key, {}).items()]


class ChatModel(RecordTableModel):
    """Chat messages (shown as bubbles by :class:`desktop.ui.chat.BubbleDelegate`): role, text preview, time.
    Extra roles give the delegate what it draws."""

    SPEC = queries.CHAT
    COLUMNS = (
        Column("role", QT_TRANSLATE_NOOP("Columns", "From")),
        Column("content", QT_TRANSLATE_NOOP("Columns", "Message")),
        Column("timestamp", QT_TRANSLATE_NOOP("Columns", "Time")),
    )
    RoleRole = Qt.ItemDataRole.UserRole + 1
    TimeRole = Qt.ItemDataRole.UserRole + 2
    TextRole = Qt.ItemDataRole.UserRole + 3
    #: A bubble's height needs its text laid out (~0.3 ms each), so chat reads smaller pages.
    MAX_PAGE = 100

    def display(self, key: str, value: Any, row: tuple) -> str:
        if key == "role":
            return formatting.label(formatting.ROLES, value)
        if key == "content":
            truncated = (row[self.SPEC.index("length")] or 0) > queries.CHAT_PREVIEW_CHARS
            return formatting.chat_text(value, truncated)
        return super().display(key, value, row)

    def export_value(self, key: str, value: Any, row: tuple) -> Any:
        if key == "content":
            return formatting.chat_text(value, truncated=False)
        return super().export_value(key, value, row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self._rows):
            row = self._rows[index.row()]
            if role == self.RoleRole:
                return row[self.SPEC.index("role")]
            if role == self.TimeRole:
                return formatting.local_time(row[self.SPEC.index("timestamp")])
            if role == self.TextRole:
                return self.display("content", row[self.SPEC.index("content")], row)
        return super().data(index, role)
