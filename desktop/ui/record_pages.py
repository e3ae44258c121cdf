"""The simple record tabs: :class:`WordsPage` (one per language; add one word, paste many, rename in place) and
:class:`GrammarPage` (add a grammar point by its name or address), both a :class:`desktop.ui.table_page.TablePage`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop import grammar, services
from desktop.settings import Settings
from desktop.ui import dialogs
from desktop.ui.table_page import TablePage
from desktop.ui.widgets import Retranslating
from desktop.ui.workers import JobRunner


class PasteDialog(Retranslating, QDialog):
    """Paste or type a list of words (separated by commas, 、 or new lines; Chinese also by spaces)."""

    def __init__(self, language_name: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_name = language_name
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)  # Tab reaches the buttons
        self.editor.setPlainText(text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add many words"))
        self.label.setText(
            self.tr(
                "Paste or type the {language} words to add, separated by commas, 、 or new lines. Words already "
                "mastered are skipped."
            ).format(language=self.language_name)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add words"))
        self.editor.setAccessibleName(self.tr("Words to add"))

    def text(self) -> str:
        return self.editor.toPlainText()


class WordsPage(TablePage):
    """Mastered words of one language: add one, paste many, rename in place, delete."""

    HAS_PASTE = True

    def __init__(self, model, jobs: JobRunner, settings: Settings, parent: QWidget | None = None) -> None:
        self.language = model.language
        super().__init__(model, jobs, settings, parent)
        self.retranslate()

    def language_name(self) -> str:
        return self.tr("Chinese") if self.language == "zh" else self.tr("English")

    def texts(self) -> dict[str, str]:
        return {
            "add_placeholder": self.tr("Add a word…"),
            "delete_one": self.tr("Delete the word “{label}”?"),
            "delete_many": self.tr("Delete {n} words?"),
            "deleted_one": self.tr("The word “{label}” was deleted."),
            "deleted": self.tr("{n} words deleted."),
            "count": self.tr("{n} words"),
            "count_filtered": self.tr("{n} words match"),
        }

    def add(self, profile_id: str, text: str) -> dict | None:
        variants = services.case_variants(profile_id, text, self.language)
        if variants and not dialogs.ask(
            self,
            self.tr("Add a word"),
            self.tr("“{existing}” is already mastered. Add “{word}” as well, as a different word?").format(
                existing=self.tr("”, “").join(variants), word=services.normalize_token(text)
            ),
            yes=self.tr("Add it"),
            no=self.tr("Don't add"),
        ):
            return None
        return services.add_word(profile_id, text, self.language)

    def added_text(self, row: dict) -> str:
        return self.tr("“{word}” added.").format(word=row["word"])

    def paste_list(self, text: str = "") -> None:
        if self.model.profile_id is None:
            return
        dialog = PasteDialog(self.language_name(), text, self)
        if not dialogs.run(dialog):
            return
        self.add_many(dialog.text())

    def add_many(self, text: str) -> None:
        """Add every word of a pasted list in the background; the summary shows in the message bar."""
        profile_id, language = self.model.profile_id, self.language
        if profile_id is None:
            return
        self.message_bar.clear()
        self.jobs.start(
            lambda worker: services.bulk_add_words(profile_id, text, language),
            self.tr("Adding words"),
            on_done=self._pasted,
            on_error=lambda message: self.message_bar.show_message(message, "error"),
        )

    def _pasted(self, result: services.BulkAddResult) -> None:
        parts = [
            self.tr("{n} added").format(n=len(result.added)),
            self.tr("{n} already mastered").format(n=len(result.already)),
        ]
        if result.repeated:
            parts.append(self.tr("{n} repeated in the list").format(n=len(result.repeated)))
        parts.append(self.tr("{n} empty").format(n=result.empty))
        self.model.reload()
        self.message_bar.show_message(self.tr(", ").join(parts), "info" if result.added else "warning")
        self.records_changed.emit()


class GrammarPage(TablePage):
    """Mastered grammar points by name: add one by picking it from the points this database knows (the add box
    completes names) or by its full address; edit the address in place; delete. Free text is refused."""

    def __init__(self, model, jobs: JobRunner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(model, jobs, settings, parent)
        #: name shown in the completer → address, for the points known in this database
        self.known: dict[str, str] = {}
        self.completer_model = QStandardItemModel(self)
        self.completer = QCompleter(self.completer_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.add_box.setCompleter(self.completer)
        self.retranslate()

    def load(self, profile_id: str | None) -> None:
        super().load(profile_id)
        self.refresh_known()

    def apply_filter(self, text: str) -> None:
        """Filter by the names shown: the addresses hold them encoded (``是`` as ``%E6%98%AF``)."""
        self.model.set_filter(grammar.filter_text(text))

    def refresh_known(self) -> None:
        """The completer's names: every grammar point any child in this database has (a few hundred at most).
        Two points with the same name are told apart by their number."""
        points = grammar.known_points() if self.model.profile_id is not None else []
        names = [name for name, _uri in points]
        self.known = {}
        self.completer_model.clear()
        for name, uri in points:
            number = grammar.point_number(uri)
            shown = name if names.count(name) == 1 or number is None else f"{name} ({number})"
            self.known[shown] = uri
            item = QStandardItem(shown)
            item.setToolTip(uri)
            self.completer_model.appendRow(item)

    def texts(self) -> dict[str, str]:
        return {
            "add_placeholder": self.tr("Add a grammar point: type its name, or paste its address…"),
            "delete_one": self.tr("Delete the grammar point “{label}”?"),
            "delete_many": self.tr("Delete {n} grammar points?"),
            "deleted_one": self.tr("The grammar point “{label}” was deleted."),
            "deleted": self.tr("{n} grammar points deleted."),
            "count": self.tr("{n} grammar points"),
            "count_filtered": self.tr("{n} grammar points match"),
        }

    def add(self, profile_id: str, text: str) -> dict:
        uri = self.known.get(text.strip(), text)
        return services.add_grammar(profile_id, uri)

    def added_text(self, row: dict) -> str:
        return self.tr("Grammar point “{name}” added.").format(name=grammar.grammar_name(row["grammar_uri"]))

    def after_add(self, row: dict) -> None:
        super().after_add(row)
        self.refresh_known()
